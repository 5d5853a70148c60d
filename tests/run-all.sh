#!/bin/sh
# Run every test: unit test programs (in $1), the fuzz targets' seeds (replay-fuzz-* in $1),
# golden cases, CLI scripts and the README examples. Prints one line per test group and a closing "N passed, N failed" line.
# Usage: tests/run-all.sh UNIT_BIN_DIR [unit|golden|cli|readme]
set -u
bindir=${1:?unit test binary folder}
only=${2:-}
top=$(pwd)
NOTEMINE="$top/notemine"
export NOTEMINE
# tests never touch the user's cache
NOTEMINE_TEST_CACHE=$(mktemp -d)
XDG_CACHE_HOME=$NOTEMINE_TEST_CACHE
export XDG_CACHE_HOME
pass=0
fail=0
failed=""
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); failed="$failed $1"; echo "FAIL: $1"; }

if [ -z "$only" ] || [ "$only" = unit ]; then
	for t in "$bindir"/test-*; do
		[ -x "$t" ] || continue
		name=unit/$(basename "$t")
		if "$t" > "$NOTEMINE_TEST_CACHE/out" 2>&1; then ok; else cat "$NOTEMINE_TEST_CACHE/out"; ko "$name"; fi
	done
	# every fuzz target replays its committed seeds (regression inputs included), under the
	# sanitizers too when the tree is built with SANITIZE=
	for t in "$bindir"/replay-fuzz-*; do
		[ -x "$t" ] || continue
		seeds=tests/fuzz/seeds/${t##*/replay-fuzz-}
		[ -d "$seeds" ] || continue
		name=fuzz-seeds/${t##*/replay-fuzz-}
		if "$t" "$seeds"/* > "$NOTEMINE_TEST_CACHE/out" 2>&1; then ok; else cat "$NOTEMINE_TEST_CACHE/out"; ko "$name"; fi
	done
fi
if [ -z "$only" ] || [ "$only" = golden ]; then
	if sh tests/golden/run.sh > "$NOTEMINE_TEST_CACHE/golden" 2>&1; then
		pass=$((pass + $(grep -c '^ok ' "$NOTEMINE_TEST_CACHE/golden")))
	else
		cat "$NOTEMINE_TEST_CACHE/golden"
		pass=$((pass + $(grep -c '^ok ' "$NOTEMINE_TEST_CACHE/golden")))
		n=$(grep -c '^not ok ' "$NOTEMINE_TEST_CACHE/golden")
		fail=$((fail + n)); failed="$failed golden($n)"
	fi
fi
if [ -z "$only" ] || [ "$only" = cli ]; then
	for t in tests/cli/*.sh; do
		[ -f "$t" ] || continue
		if sh "$t" > "$NOTEMINE_TEST_CACHE/out" 2>&1; then ok; else cat "$NOTEMINE_TEST_CACHE/out"; ko "$t"; fi
	done
fi
if [ -z "$only" ] || [ "$only" = readme ]; then
	if sh tests/readme.sh > "$NOTEMINE_TEST_CACHE/out" 2>&1; then ok; else cat "$NOTEMINE_TEST_CACHE/out"; ko README; fi
fi
rm -rf "$NOTEMINE_TEST_CACHE"
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
