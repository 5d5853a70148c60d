#!/bin/sh
# An installed notemine (PREFIX/bin/notemine with PREFIX/share/notemine/lexicons, the layout
# `make install` writes) finds its lexicons from any working directory, and
# NOTEMINE_LEXICONS overrides the location.
set -u
nm=${NOTEMINE:-./notemine}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p "$t/prefix/bin" "$t/prefix/share/notemine"
cp "$nm" "$t/prefix/bin/notemine"
cp -R lexicons "$t/prefix/share/notemine/"
cd "$t" || exit 1
out=$(echo '这瓶精华液很好用，已回购' | "$t/prefix/bin/notemine" classify --text) || fail "installed run"
echo "$out" | grep -q '"label":"positive"' || fail "installed binary did not load the lexicons: $out"
mkdir empty
NOTEMINE_LEXICONS="$t/empty" "$t/prefix/bin/notemine" classify --text < /dev/null 2>/dev/null
[ $? = 0 ] || fail "an empty NOTEMINE_LEXICONS folder is a valid (empty) lexicon set"
NOTEMINE_LEXICONS="$t/missing" "$t/prefix/bin/notemine" classify --text < /dev/null 2> "$t/err"
[ $? = 2 ] || fail "a missing lexicon folder must exit 2"
grep -q "missing" "$t/err" || fail "the message names the folder"
echo "install-layout: ok"
