#!/usr/bin/env bash
# The installers' smoke test (run by .ci/run after `mvn -B verify`): builds the Linux app-image with jpackage,
# checks that its runtime has every JDK module the app needs, runs the command line from the image on a sample
# recording, and starts the desktop app from the image in an Xvfb display with --self-check, which opens the
# recording, waits until the findings list shows the analysis and checks that it rendered.
#
# Needs xvfb-run, xauth and GTK 3. When they are missing and this runs as root with apt-get (CI), it installs them
# (apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0); otherwise it stops and says what to install.
# Every step has a time limit, so a stuck step fails the run instead of hanging it.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
image="installers/target/jpackage/hashscope"
sample="sample-recordings/recordings/hashtable-contention.jfr"
out="installers/target/smoke"
say() { echo "installers smoke [${SECONDS}s]: $*"; }
fail() { echo "installers smoke: FAILED: $*" >&2; exit 1; }

# ---- the display tools ----
missing_tools() {
  local m=()
  command -v xvfb-run >/dev/null 2>&1 || m+=(xvfb)
  command -v xauth >/dev/null 2>&1 || m+=(xauth)
  local ldconfig_bin
  ldconfig_bin="$(command -v ldconfig || echo /sbin/ldconfig)"
  case "$("$ldconfig_bin" -p 2>/dev/null || true)" in *libgtk-3.so.0*) ;; *) m+=(libgtk-3-0) ;; esac
  echo "${m[@]:-}"
}
need="$(missing_tools)"
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing $need (apt-get) ..."
    export DEBIAN_FRONTEND=noninteractive
    # The package lists may be missing or stale on a fresh machine: update first, both steps time-limited.
    timeout 300 apt-get update -qq </dev/null >"${TMPDIR:-/tmp}/hashscope-apt.log" 2>&1 \
      || { tail -5 "${TMPDIR:-/tmp}/hashscope-apt.log" >&2; fail "apt-get update failed or took over 5 minutes"; }
    # shellcheck disable=SC2086
    timeout 600 apt-get install -y -qq --no-install-recommends $need </dev/null >>"${TMPDIR:-/tmp}/hashscope-apt.log" 2>&1 \
      || { tail -5 "${TMPDIR:-/tmp}/hashscope-apt.log" >&2; fail "apt-get install $need failed or took over 10 minutes"; }
    need="$(missing_tools)"
    [ -z "$need" ] || fail "still missing after apt-get: $need"
  else
    fail "missing $need; on Debian or Ubuntu: apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0"
  fi
fi

# ---- the app-image ----
say "building the app-image (mvn -Papp-image -pl installers -am package) ..."
start=$(date +%s)
timeout 900 mvn -B -q -Dstyle.color=never -Papp-image -DskipTests -pl installers -am package \
  || fail "the app-image build failed (exit $?)"
[ -x "$image/bin/hashscope" ] || fail "no launcher at $image/bin/hashscope"
say "app-image built in $(( $(date +%s) - start )) s: $(du -sh "$image" | cut -f1) ($(du -sh "$image/lib/runtime" | cut -f1) runtime, $(du -sh "$image/lib/app" | cut -f1) app)"

# ---- the runtime's modules against what jdeps finds in the app and its libraries ----
input="installers/target/jpackage-input"
# One jdeps run from the app jar through its class path (recursive): the JDK modules anything reachable uses.
needed="$(cd "$input" && timeout 300 jdeps --print-module-deps --ignore-missing-deps --multi-release 17 \
  --class-path 'lib/*' hashscope-app.jar | tr ',' '\n' | grep -E '^(java|jdk)\.' | sort -u)" \
  || fail "jdeps could not list the app's modules"
have="$(sed -n 's/^MODULES="\(.*\)"$/\1/p' "$image/lib/runtime/release" | tr ' ' '\n' | sort -u)"
absent="$(comm -23 <(echo "$needed") <(echo "$have") | paste -sd, -)"
[ -z "$absent" ] || fail "the runtime lacks $absent, which jdeps finds in the app; add them to runtime.modules in installers/pom.xml"
say "runtime modules: $(echo "$have" | paste -sd' ' -)"

# ---- the command line from the image ----
mkdir -p "$out"
timeout 120 "$image/bin/hashscope" analyze "$sample" >"$out/analyze.txt" 2>"$out/analyze.err" \
  || { code=$?; cat "$out/analyze.err" >&2; fail "hashscope analyze exited $code"; }
grep -Eq "^WARNING +[0-9]+ +Hashtable contention at Inventory.record" "$out/analyze.txt" \
  || { head -20 "$out/analyze.txt" >&2; fail "hashscope analyze did not report the sample's Hashtable contention"; }
timeout 120 "$image/bin/hashscope" analyze --json "$sample" -o "$out/findings.json" \
  || fail "hashscope analyze --json exited $?"
grep -q '"detector" *: *"map.monitor-contention"' "$out/findings.json" || fail "the JSON report has no monitor-contention finding"
set +e
timeout 60 "$image/bin/hashscope" analyze "$out/analyze.txt" >/dev/null 2>"$out/unreadable.err"
code=$?
set -e
[ "$code" = 3 ] || fail "hashscope analyze on a text file exited $code, not 3 (unreadable input)"
say "CLI from the image: $(grep -c '' "$out/analyze.txt") lines for $(basename "$sample"), top: $(grep -m1 '^WARNING' "$out/analyze.txt" | tr -s ' ')"

# ---- the desktop app from the image, in a virtual display ----
# No prism/glass options: the launcher's own settings, as a user's desktop gets them.
set +e
timeout 300 xvfb-run -a -s "-screen 0 1600x1000x24" "$image/bin/hashscope" --self-check "$sample" --timeout 180 \
  --snapshot "$out/self-check.png" >"$out/self-check.txt" 2>"$out/self-check.err"
code=$?
set -e
cat "$out/self-check.txt"
if [ "$code" != 0 ] || ! grep -q '^SELF-CHECK OK ' "$out/self-check.txt"; then
  grep -v 'Unsupported JavaFX configuration\|PlatformImpl startup' "$out/self-check.err" | tail -20 >&2
  [ "$code" = 124 ] && fail "the app's self-check did not finish within 300 s"
  fail "the app's self-check exited $code"
fi
say "OK: app-image, runtime modules, CLI and desktop self-check (snapshot: $out/self-check.png)"
