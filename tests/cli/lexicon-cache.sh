#!/bin/sh
# The compiled dictionary cache: `lexicon compile` builds it, a second run maps it, and a
# changed lexicon source makes it stale (a new file is built).
set -u
nm=${NOTEMINE:-./notemine}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p "$t/u/segment" "$t/cache" "$t/base/segment"
printf '咕噜咕噜\n' > "$t/u/segment/50-mine.tsv"
# an own lexicon root, so that edits of the shipped lexicons cannot change the fingerprint
printf '绝绝子\n' > "$t/base/segment/10-base.tsv"

$nm lexicon compile --lexicon-root "$t/base" -L "$t/u" --cache-dir "$t/cache" > "$t/out1" 2>&1 || fail "compile exit: $(cat "$t/out1")"
if grep -q 'no base dictionary' "$t/out1"; then
	echo "ok lexicon-cache # skipped: no base dictionary installed"
	exit 0
fi
grep -q 'compiled' "$t/out1" || fail "first compile did not build: $(cat "$t/out1")"
n1=$(ls "$t/cache" | wc -l)
[ "$n1" -ge 1 ] || fail "no cache file written"

$nm lexicon compile --lexicon-root "$t/base" -L "$t/u" --cache-dir "$t/cache" > "$t/out2" 2>&1 || fail "second compile exit"
grep -q 'mapped from the cache' "$t/out2" || fail "second compile did not use the cache: $(cat "$t/out2")"

# change a source: the cache goes stale
printf '咕噜咕噜\n叽里呱啦\n' > "$t/u/segment/50-mine.tsv"
$nm lexicon compile --lexicon-root "$t/base" -L "$t/u" --cache-dir "$t/cache" > "$t/out3" 2>&1 || fail "third compile exit"
grep -q 'compiled' "$t/out3" || fail "changed source did not rebuild: $(cat "$t/out3")"
grep -q 'mapped from the cache' "$t/out3" && fail "stale cache used"
n3=$(ls "$t/cache" | wc -l)
[ "$n3" -gt "$n1" ] || fail "no new cache file for the changed source"
echo "ok lexicon-cache"
