#!/bin/sh
# notemine lexicon check: exit 0 on the shipped lexicons, exit 2 with FILE:LINE on a broken
# pack, --strict, checking one file against the shipped context, usage errors.
# $NOTEMINE is the binary. Exits non-zero on the first failure.
set -u
nm=${NOTEMINE:-./notemine}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# --- the shipped lexicons have no errors
$nm lexicon check 2> "$t/err" || { cat "$t/err"; fail "shipped lexicons do not check clean"; }
grep -q 'lexicon check: [0-9]* files, [0-9]* entries: 0 errors' "$t/err" || fail "no summary line"

# --- one shipped file by path: the rest of the shipped lexicons is context, the file itself
#     is not loaded twice (which would make every entry a duplicate of itself)
$nm lexicon check lexicons/segment/10-community.tsv 2> "$t/err" || fail "check of the segment pack: $(cat "$t/err")"
grep -q 'duplicate' "$t/err" && fail "a checked shipped file was loaded twice: $(head -3 "$t/err")"

# --- a broken pack: exit 2, every problem with FILE:LINE
mkdir -p "$t/bad/sentiment" "$t/bad/categories" "$t/bad/note_type"
printf '好\t1\n坏\tx\n\377\t1\n' > "$t/bad/sentiment/50-bad.tsv"
printf '天幕\n睡袋\tgear\n' > "$t/bad/categories/outdoor.tsv"
printf 're:[abc\tplanting\n' > "$t/bad/note_type/50-bad.tsv"
$nm lexicon check -L "$t/bad" 2> "$t/err"
rc=$?
[ "$rc" = 2 ] || fail "broken pack: exit $rc, want 2"
grep -q "$t/bad/sentiment/50-bad.tsv:2: bad weight 'x'" "$t/err" || fail "no FILE:LINE for a bad weight: $(cat "$t/err")"
grep -q "$t/bad/sentiment/50-bad.tsv:3: invalid UTF-8" "$t/err" || fail "no FILE:LINE for bad UTF-8"
grep -q "$t/bad/categories/outdoor.tsv:2: bad role 'gear'" "$t/err" || fail "no FILE:LINE for a bad role"
grep -q "$t/bad/note_type/50-bad.tsv:1: pattern does not compile" "$t/err" || fail "bad pattern not reported"

# --- the same pack named as a path: only its own files are reported
$nm lexicon check "$t/bad/sentiment/50-bad.tsv" 2> "$t/err"
[ $? = 2 ] || fail "check FILE: want exit 2"
grep -q 'outdoor.tsv' "$t/err" && fail "check FILE reported another file"
grep -q '50-bad.tsv:2:' "$t/err" || fail "check FILE: missing its error"

# --- the other commands refuse a broken lexicon too (exit 2, FILE:LINE)
echo '{"title":"好","desc":""}' > "$t/in.jsonl"
$nm run -L "$t/bad" "$t/in.jsonl" > /dev/null 2> "$t/err"
[ $? = 2 ] || fail "run with a broken -L: want exit 2"
grep -q '50-bad.tsv:2:' "$t/err" || fail "run: no FILE:LINE"

# --- warnings: exit 0, but 2 with --strict
mkdir -p "$t/dup/sentiment"
printf '绝绝子\t2\n绝绝子\t2\n' > "$t/dup/sentiment/50-dup.tsv"
$nm lexicon check -L "$t/dup" 2> "$t/err" || fail "duplicates alone must not fail"
grep -q "50-dup.tsv:2: warning: duplicate entry '绝绝子' (also at line 1)" "$t/err" || fail "duplicate not reported"
$nm lexicon check --strict "$t/dup" 2> /dev/null
[ $? = 2 ] || fail "--strict: warnings must fail"
# a phrase longer than the analyser matches can never fire: a warning, the entry is kept
mkdir -p "$t/long/sentiment"
printf 'not worth the money at all\t-2\nworth the money\t1.5\n' > "$t/long/sentiment/50-long.tsv"
$nm lexicon check -L "$t/long" 2> "$t/err" || fail "a long phrase alone must not fail"
grep -q "50-long.tsv:1: warning: 'not worth the money at all' has 6 words" "$t/err" || fail "long phrase not reported: $(cat "$t/err")"
grep -q "50-long.tsv:2:" "$t/err" && fail "a 3-word phrase was reported"

# --- a user file deleting a shipped term checks clean (the shipped lexicons are context)
term=$($nm lexicon list sentiment | head -1 | cut -f3)
[ -n "$term" ] || fail "lexicon list printed no sentiment entry"
mkdir -p "$t/del/sentiment"
printf '!%s\n' "$term" > "$t/del/sentiment/90-del.tsv"
$nm lexicon check "$t/del/sentiment/90-del.tsv" 2> "$t/err" || fail "delete of a shipped term: $(cat "$t/err")"
grep -q 'deletes nothing' "$t/err" && fail "a shipped term was not seen as context"
$nm lexicon list -L "$t/del" sentiment | cut -f3 | grep -qx "$term" && fail "'!$term' did not delete it"

# --- a file outside any kind folder, a missing path
printf 'x\n' > "$t/loose.tsv"
$nm lexicon check "$t/loose.tsv" 2> "$t/err"
[ $? = 2 ] || fail "loose file: want exit 2"
grep -q 'cannot tell the lexicon kind' "$t/err" || fail "loose file: no reason given"
$nm lexicon check "$t/nope" 2> /dev/null
[ $? = 2 ] || fail "missing path: want exit 2"

# --- usage
$nm lexicon > /dev/null 2>&1
[ $? = 2 ] || fail "no subcommand: want exit 2"
$nm lexicon frobnicate > /dev/null 2>&1
[ $? = 2 ] || fail "unknown subcommand: want exit 2"
$nm lexicon check --bogus > /dev/null 2>&1
[ $? = 2 ] || fail "unknown option: want exit 2"
for sub in check stats list new-category discover compile; do
	$nm lexicon $sub --help > "$t/help" || fail "$sub --help exit"
	grep -q "usage: notemine lexicon $sub" "$t/help" || fail "$sub --help text"
done
$nm lexicon --help | grep -q 'new-category NAME DIR' || fail "lexicon --help"
$nm lexicon stats > /dev/full 2>/dev/null
[ $? = 2 ] || fail "write error not reported"
echo "ok lexicon-check"
