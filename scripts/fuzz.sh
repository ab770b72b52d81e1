#!/usr/bin/env bash
# Long runs of the mutation fuzzer (the test run does 2,000 cases; see docs/hardening.md).
#   scripts/fuzz.sh --cases 100000 --seed 7 [--timeout-ms 10000] [--jdk-every 1] [--lanes N]
#                   [--corpus DIR] [--save DIR]
#   scripts/fuzz.sh --seed 7 --case 4711          # one case again, with its stack trace
# Runs in a JVM with a 128 MB heap (FUZZ_HEAP_MB to change it): an input that makes a reader allocate
# without bound fails as OutOfMemoryError. Exit 0: every case gave a result or one clear error.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d jfr-analysis/target/test-classes/dev/hashscope/hardening ] || [ ! -f jfr-analysis/target/fuzz.classpath ] \
    || [ -n "$(find jfr-analysis/src -newer jfr-analysis/target/fuzz.classpath -name '*.java' -print -quit)" ]; then
  mvn -q -B -pl jfr-analysis test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/fuzz.classpath >&2
fi
CP="jfr-analysis/target/test-classes:jfr-analysis/target/classes:$(cat jfr-analysis/target/fuzz.classpath)"
exec java -Xmx"${FUZZ_HEAP_MB:-128}"m -cp "$CP" dev.hashscope.hardening.FuzzCampaign "$@" \
    2> >(grep -v -e '^INFO: ' -e 'FastRecordingReader read$' >&2)
