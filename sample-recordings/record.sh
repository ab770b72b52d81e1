#!/usr/bin/env bash
# Regenerates the sample JFR recordings in sample-recordings/recordings/ and their MANIFEST.md.
#
#   sample-recordings/record.sh                         # all recordings
#   sample-recordings/record.sh boxing-churn resize-storm ...   # only these (names as in the table below)
#
# Runs from any directory. Uses $JAVA_HOME/bin/java (or `java` on the PATH) for the JDK 17 recordings and
# ${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} for the JDK 25 one (skipped if that JDK is absent).
# The manifest is rewritten from all recordings present, whichever were regenerated.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."   # repo root: every path below is relative to it

JFC=jfr-analysis/src/main/resources/dev/hashscope/hashscope.jfc
JAR=sample-recordings/target/sample-workloads.jar
OUT=sample-recordings/recordings
MANIFEST=$OUT/MANIFEST.md
# Same heap and collector for every run, so GC behaviour is comparable between recordings.
JVM_OPTS=(-Xms512m -Xmx512m -XX:+UseG1GC)
# The workloads are tuned for 2 CPUs (4 threads on 2 cores is what makes lock owners get descheduled).
# On a bigger machine the JVM is pinned to the first $SAMPLE_CPUS CPUs so recordings keep that shape.
SAMPLE_CPUS=${SAMPLE_CPUS:-2}
SIZE_WARN_BYTES=$((3 * 1024 * 1024))

if [[ -n "${JAVA_HOME:-}" ]]; then
  JDK17_JAVA=$JAVA_HOME/bin/java
else
  JDK17_JAVA=$(readlink -f "$(command -v java)")
fi
JDK25_HOME=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JDK25_JAVA=$JDK25_HOME/bin/java

# name | workload class | settings (hashscope = $JFC, otherwise a JDK built-in name) | jdk (17 | 25) | pathology
RECORDINGS=(
  "hashtable-contention|HashtableContention|hashscope|17|Global-lock maps: \`Hashtable\` (\`Inventory.record\`) and \`Collections.synchronizedMap\` (\`SessionRegistry.touch\`) shared by 4 threads; JavaMonitorEnter on \`java.util.Hashtable\` and \`Collections\$SynchronizedMap\`."
  "hashtable-contention-default-settings|HashtableContention|default|17|Same workload as \`hashtable-contention\`, recorded with the JDK's stock \`default\` settings (monitor threshold 20 ms): most of the stalls are below the threshold and missing."
  "chm-poor-hash|PoorHashConcurrentMap|hashscope|17|\`ConcurrentHashMap\` with a key (\`OrderKey\`, not Comparable) whose hashCode has 12 values for 24,000 keys: treeified bins, CPU in \`TreeNode.findTreeNode\`, JavaMonitorEnter on \`ConcurrentHashMap\$TreeBin\` (\`OrderBook.place\`)."
  "chm-poor-hash-jdk25|PoorHashConcurrentMap|hashscope|25|Same workload as \`chm-poor-hash\`, run on JDK 25 (same classes, compiled for release 17)."
  "chm-compute-hot-key|ComputeIfAbsentHotKey|hashscope|17|\`ConcurrentHashMap.computeIfAbsent\` with a ~3 ms loader on 4 hot keys that are invalidated every 4 ms (\`QuoteCache.priceFor\`): JavaMonitorEnter on \`ConcurrentHashMap\$ReservationNode\` / \`\$Node\`, previous owner a pricing thread."
  "hashmap-resize-storm|ResizeStorm|hashscope|17|500k-entry \`HashMap\`s built without an initial capacity, over and over (\`IndexBuilder.build\`): allocation samples and CPU in \`HashMap.resize\`."
  "copy-on-write-map|CopyOnWriteMap|hashscope|17|Copy-on-write \`HashMap\` of 20,000 flags behind a volatile field, copied on every write (\`FeatureFlags.set\`): allocation samples under \`HashMap.<init>\` → \`putMapEntries\`."
  "boxing-churn|BoxingChurn|hashscope|17|\`HashMap<Integer, Long>\` counters updated per event with keys > 127 (\`ClickCounter.record\` via \`merge\`, \`SizeHistogram.add\` via get+put): allocation samples of \`Integer.valueOf\` / \`Long.valueOf\`."
  "map-probe-poor-hash|ProbedPoorHash|hashscope|17|Recorded with the map probe: \`ConcurrentHashMap\` (\`TradeLedger.OPEN_TRADES\`) keyed by \`TradeKey\` (12 hash values) filling to 24,000 trades: 12 tree bins growing, JavaMonitorEnter on \`ConcurrentHashMap\$TreeBin\`; and a cleared \`HashMap\` cache (\`TradeLedger.SESSIONS\`, 524,288 buckets for 200 entries). \`hashscope.MapBuckets\` every 500 ms."
  "map-probe-healthy|ProbedHealthy|hashscope|17|Control recorded with the map probe: pre-sized \`ConcurrentHashMap<Long, LongAdder>\` and \`HashMap<String, Integer>\` (\`AccountDirectory\`) read by 4 threads: short chains, no trees, no map contention. \`hashscope.MapBuckets\` every 500 ms."
  "healthy-control|HealthyControl|hashscope|17|Control: pre-sized \`ConcurrentHashMap\`s, sequential \`Long\` keys, \`LongAdder\` values, 4 threads (\`Ledger.credit\`): no map contention, no resizes, no trees, almost no allocation."
)
KEY_EVENTS=(jdk.ExecutionSample jdk.JavaMonitorEnter jdk.ThreadPark jdk.ObjectAllocationSample jdk.GarbageCollection
  hashscope.MapBuckets)
# Recordings made with the map probe loaded (-javaagent), and its options there.
PROBE_JAR=map-probe/target/hashscope-map-probe.jar
# maxCpu=25%: a 5 s sample needs a scan every 500 ms even while the first, cold scans are slow.
PROBE_OPTS=period=500ms,minSize=64,maxCpu=25%
uses_probe() { [[ "$1" == map-probe-* ]]; }

known_names() { local r; for r in "${RECORDINGS[@]}"; do echo "${r%%|*}"; done; }
is_known() { local r; for r in "${RECORDINGS[@]}"; do [[ "${r%%|*}" == "$1" ]] && return 0; done; return 1; }

usage() {
  echo "usage: $0 [NAME ...]   (no NAME: all recordings)"
  echo "NAMEs:"; known_names | sed 's/^/  /'
}

# --- which recordings to make -------------------------------------------------------------------
SELECTED=()
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
  esac
  name=${arg%.jfr}
  if ! is_known "$name"; then
    echo "record.sh: unknown recording '$arg'" >&2; usage >&2; exit 2
  fi
  SELECTED+=("$name")
done
if [[ ${#SELECTED[@]} -eq 0 ]]; then
  mapfile -t SELECTED < <(known_names)
fi
is_selected() { local s; for s in "${SELECTED[@]}"; do [[ "$s" == "$1" ]] && return 0; done; return 1; }

java_for() { if [[ "$1" == 25 ]]; then echo "$JDK25_JAVA"; else echo "$JDK17_JAVA"; fi; }
# The jfr tool of the JDK that made a recording; if that JDK is gone, the default JDK's (it reads both).
jfr_for() {
  local jfr
  jfr="$(dirname "$(java_for "$1")")/jfr"
  [[ -x "$jfr" ]] || jfr="$(dirname "$JDK17_JAVA")/jfr"
  echo "$jfr"
}
settings_arg() { if [[ "$1" == hashscope ]]; then echo "$JFC"; else echo "$1"; fi; }

CPU_PIN=()
if command -v taskset >/dev/null && [[ $(nproc) -gt $SAMPLE_CPUS ]]; then
  CPU_PIN=(taskset -c "0-$((SAMPLE_CPUS - 1))")
fi

# --- build and record ---------------------------------------------------------------------------
echo "== building sample-recordings"
mvn -q -B -f sample-recordings/pom.xml package -DskipTests
echo "== building map-probe"
mvn -q -B -f map-probe/pom.xml package -DskipTests
mkdir -p "$OUT"

for r in "${RECORDINGS[@]}"; do
  IFS='|' read -r name class settings jdk _ <<<"$r"
  is_selected "$name" || continue
  java=$(java_for "$jdk")
  if [[ ! -x "$java" ]]; then
    echo "== SKIPPING $name: JDK $jdk not found at $(dirname "$(dirname "$java")") (set JDK25_HOME)"
    continue
  fi
  file=$OUT/$name.jfr
  echo "== $name: $class on $("$java" -version 2>&1 | head -1), settings=$(settings_arg "$settings")"
  rm -f "$file"
  AGENT=()
  if uses_probe "$name"; then AGENT=("-javaagent:$PROBE_JAR=$PROBE_OPTS"); fi
  "${CPU_PIN[@]}" "$java" "${JVM_OPTS[@]}" "${AGENT[@]}" \
    "-XX:StartFlightRecording:settings=$(settings_arg "$settings"),filename=$file,dumponexit=true" \
    -cp "$JAR" "dev.hashscope.samples.$class"
  size=$(stat -c %s "$file")
  if [[ $size -gt $SIZE_WARN_BYTES ]]; then
    echo "WARNING: $file is $size bytes, over the 3 MB budget: shorten the workload" >&2
  fi
done

# --- manifest -----------------------------------------------------------------------------------
human_size() { awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.2f MB", b / 1048576; else printf "%.0f KB", b / 1024 }'; }

# Count of one event type in `jfr summary` output (0 if the type is absent).
event_count() { awk -v ev="$2" '$1 == ev { print $2; found = 1 } END { if (!found) print 0 }' <<<"$1"; }

# The JVM that made the recording, as it recorded itself: java.vm.version (vendor), the same version
# string `java -version` prints in its "build" line.
jdk_of() {
  "$1" print --events jdk.InitialSystemProperty "$2" | awk '
    /key = "java.vm.version"/ { want = "v" } /key = "java.vm.vendor"/ { want = "n" }
    /value = / && want != "" { sub(/^[^"]*"/, ""); sub(/"$/, ""); val[want] = $0; want = "" }
    END { printf "%s (%s)", val["v"], val["n"] }'
}

# The settings the recording was started with, from the JVM arguments it recorded (jdk.JVMInformation):
# the .jfc's file name, or the name of a JDK built-in configuration such as "default".
settings_of() {
  local s
  s=$("$1" print --events jdk.JVMInformation "$2" | sed -n 's/.*jvmArguments = .*settings=\([^,"]*\).*/\1/p')
  s=${s%%$'\n'*}
  echo "${s##*/}"
}

{
  cat <<'EOF'
# Sample recordings

JDK Flight Recorder recordings of the workloads in `src/main/java/dev/hashscope/samples/`, one map
pathology per recording plus a healthy control. They are test fixtures for `jfr-analysis` and examples
for the docs. **This file is generated by `sample-recordings/record.sh`; do not edit it by hand** —
rerun the script instead. Every run uses `-Xms512m -Xmx512m -XX:+UseG1GC`, four worker threads (two for
the resize storm) and ~4.5 s of work, and is pinned to 2 CPUs when the machine has more. "hashscope.jfc"
means `jfr-analysis/src/main/resources/dev/hashscope/hashscope.jfc` (see `docs/recording-settings.md`);
"default" is the JDK's stock `default` settings. The JDK and Settings columns are read from each
recording itself (system properties `java.vm.version`/`java.vm.vendor`, and the `settings=` in the
recorded JVM arguments), the event counts from `jfr summary` run with that recording's JDK.

EOF
  printf '| File | Pathology | Workload class | JDK | Settings | Size |'
  for ev in "${KEY_EVENTS[@]}"; do printf ' %s |' "${ev#jdk.}"; done
  printf '\n|---|---|---|---|---|---:|'
  for _ in "${KEY_EVENTS[@]}"; do printf -- '---:|'; done
  printf '\n'
  total=0
  for r in "${RECORDINGS[@]}"; do
    IFS='|' read -r name class settings jdk pathology <<<"$r"
    file=$OUT/$name.jfr
    label=$([[ "$settings" == hashscope ]] && basename "$JFC" || echo "$settings")
    if [[ ! -f "$file" ]]; then
      printf '| `%s` | %s | `%s` | — | %s | not recorded (JDK %s missing) |' "$name.jfr" "$pathology" "$class" "$label" "$jdk"
      for _ in "${KEY_EVENTS[@]}"; do printf ' — |'; done
      printf '\n'
      continue
    fi
    jfr=$(jfr_for "$jdk")
    summary=$("$jfr" summary "$file")
    size=$(stat -c %s "$file")
    total=$((total + size))
    printf '| `%s` | %s | `dev.hashscope.samples.%s` | %s | %s | %s |' \
      "$name.jfr" "$pathology" "$class" "$(jdk_of "$jfr" "$file")" "$(settings_of "$jfr" "$file")" "$(human_size "$size")"
    for ev in "${KEY_EVENTS[@]}"; do printf ' %s |' "$(event_count "$summary" "$ev")"; done
    printf '\n'
  done
  printf '\nTotal size: %s.\n' "$(human_size "$total")"
} >"$MANIFEST.tmp"
mv "$MANIFEST.tmp" "$MANIFEST"
echo "== wrote $MANIFEST"
