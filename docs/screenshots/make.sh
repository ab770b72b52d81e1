#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/app-*.png) from the real desktop app: builds it, then
# runs the screenshot tour (app/src/test/java/dev/hashscope/app/ScreenshotTour.java) in an Xvfb display of
# 1600×1000 with JavaFX's defaults (GTK glass, not the tests' headless Monocle). Works from any directory.
# Installs nothing: it needs Xvfb (xvfb-run), xauth and GTK 3, besides the JDK and Maven.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
out="$root/docs/screenshots"
java="java"
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; fi

missing=()
command -v xvfb-run >/dev/null 2>&1 || missing+=("xvfb-run (package xvfb)")
command -v xauth >/dev/null 2>&1 || missing+=("xauth")
ldconfig_bin="$(command -v ldconfig || echo /sbin/ldconfig)"
if [ -x "$ldconfig_bin" ]; then
  libs="$("$ldconfig_bin" -p 2>/dev/null || true)"
  case "$libs" in *libgtk-3.so.0*) ;; *) missing+=("GTK 3 (package libgtk-3-0)") ;; esac
fi
if [ "${#missing[@]}" -gt 0 ]; then
  list="$(printf '%s, ' "${missing[@]}")"
  echo "make.sh: missing ${list%, }. On Debian or Ubuntu install them with:" >&2
  echo "  apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0" >&2
  exit 1
fi

cd "$root"
echo "make.sh: building the app ..." >&2
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
# One reactor run: the app's test class path then names the sibling modules' fresh jars in their target/
# directories, so nothing is installed into ~/.m2. Each module writes the file in turn; the app, built last,
# leaves its own.
mvn -q -B -Dstyle.color=never -DskipTests -pl app -am package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
# The test class path without Monocle, the tests' headless glass: the tour runs on the real one.
deps="$(tr ':' '\n' < "$cpfile" | grep -v -e '/openjfx-monocle/' | paste -sd: -)"
cp="$root/app/target/test-classes:$root/app/target/classes:$deps"

echo "make.sh: running the screenshot tour under Xvfb (1600x1000) ..." >&2
# No -Dglass.platform / -Dprism.order: JavaFX's defaults, as when a user runs the app.
xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.hashscope.app.ScreenshotTour \
  "$out" "$root/sample-recordings/recordings"
echo "make.sh: done; the screenshots are in $out" >&2
