#!/usr/bin/env bash
# A recording much larger than the heap, analysed in full (findings + the four flame trees) with -Xmx512m.
#   scripts/big-recording.sh [DIR] [MB]       # default /tmp/hashscope-big, 1000 MB
# Makes DIR/big-<MB>mb.jfr with the benchmark's generator (the sample workloads recorded for 60 s with dense
# settings, its chunks repeated later in time; about 5 minutes the first time), then analyses it in a fresh
# JVM and prints the time, the peak heap (sum of the heap pools' peaks) and the largest live heap after a GC.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-/tmp/hashscope-big}"
MB="${2:-1000}"
mvn -q -B -pl sample-recordings -am package -DskipTests >&2
mvn -q -B -pl jfr-analysis test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >&2
CP="jfr-analysis/target/test-classes:jfr-analysis/target/classes:$(cat jfr-analysis/target/bench.classpath)"
FILE="$DIR/big-${MB}mb.jfr"
if [ ! -f "$FILE" ]; then
  java -cp "$CP" dev.hashscope.bench.ParserBenchmark make "$DIR" "$MB"
fi
ls -l "$FILE"
# One warm-up analysis, then one timed: RESULT name ms peak-heap-bytes max-live-after-gc-bytes checksum
java -Xmx512m -XX:+UseG1GC -cp "$CP" dev.hashscope.bench.ParserBenchmark child hashscope "$FILE" 1
