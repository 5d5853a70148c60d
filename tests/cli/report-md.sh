#!/bin/sh
# report: golden Markdown on a small hand-written labelled input; exit codes; raw notes are
# labelled on the fly; -o and --format; usage errors. $NOTEMINE is the binary.
set -u
nm=${NOTEMINE:-./notemine}
d=tests/cli/data
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# --- golden Markdown (the input holds two bad records: exit 1, both reported)
$nm report --format md $d/report-input.jsonl > "$t/out.md" 2> "$t/err"
rc=$?
[ $rc = 1 ] || fail "exit $rc on input with bad records (want 1)"
grep -q 'report-input.jsonl:10: invalid JSON' "$t/err" || fail "bad record not on stderr: $(cat "$t/err")"
if ! cmp -s "$t/out.md" $d/report-expect.md; then
	diff -u $d/report-expect.md "$t/out.md" | head -40
	fail "Markdown differs from $d/report-expect.md"
fi

# --- the same from standard input, and -o FILE.md picks Markdown by itself
$nm report --format md < $d/report-input.jsonl 2>/dev/null | sed 's/&lt;stdin&gt;/tests\/cli\/data\/report-input.jsonl/' > "$t/stdin.md"
cmp -s "$t/stdin.md" $d/report-expect.md || fail "stdin report differs"
$nm report -o "$t/r.md" $d/report-input.jsonl 2>/dev/null
[ $? = 1 ] || fail "-o exit"
cmp -s "$t/r.md" $d/report-expect.md || fail "-o FILE.md is not the Markdown report"

# --- only good records: exit 0
grep -v -e '"error"' -e '"title": "broken' $d/report-input.jsonl > "$t/good.jsonl"
$nm report --format md "$t/good.jsonl" > "$t/good.md" || fail "exit on good input"
grep -q '^| input problems (bad records) | 0 |' "$t/good.md" || fail "bad count on good input"
grep -q '^| notes | 11 |' "$t/good.md" || fail "note count on good input"

# --- raw notes are labelled by the pipeline first
printf '%s\n' '{"note_id":"r1","title":"亲测好用的面霜","desc":"用了三个月，质地清爽，姐妹们冲","liked_count":"1.2万","collected_count":"300","comment_count":"12"}' \
	'{"note_id":"r2","title":"下雨天","desc":"在家看书"}' > "$t/raw.jsonl"
$nm report --format md "$t/raw.jsonl" > "$t/raw.md" || fail "raw input exit"
grep -q '^| raw notes labelled by the report | 2 | 100.0% |' "$t/raw.md" || fail "raw notes not labelled: $(head -20 "$t/raw.md")"
grep -q '^| notes without tokens | 0 |' "$t/raw.md" || fail "raw notes without tokens"
grep -q '^| notes without resonance | 0 |' "$t/raw.md" || fail "raw notes without resonance"
# labelled and raw mixed in one run
cat $d/report-input.jsonl "$t/raw.jsonl" | $nm report --format md > "$t/mixed.md" 2>/dev/null
grep -q '^| notes | 13 |' "$t/mixed.md" || fail "mixed input note count"

# --- empty input still gives a complete report
: > "$t/empty.jsonl"
$nm report --format md "$t/empty.jsonl" > "$t/empty.md" || fail "empty input exit"
grep -q '^## Engagement vs resonance' "$t/empty.md" || fail "empty report incomplete"
$nm report "$t/empty.jsonl" > "$t/empty.html" || fail "empty html exit"
grep -q '</html>' "$t/empty.html" || fail "empty html incomplete"

# --- usage and I/O errors: exit 2
$nm report --format pdf $d/report-input.jsonl > /dev/null 2>&1
[ $? = 2 ] || fail "unknown format accepted"
$nm report --top 0 $d/report-input.jsonl > /dev/null 2>&1
[ $? = 2 ] || fail "--top 0 accepted"
$nm report $t/missing.jsonl > /dev/null 2>&1
[ $? = 2 ] || fail "missing file not exit 2"
$nm report -o /nonexistent-dir/r.html $d/report-input.jsonl > /dev/null 2>&1
[ $? = 2 ] || fail "unwritable output not exit 2"
if [ -w /dev/full ]; then
	$nm report $d/report-input.jsonl > /dev/full 2>/dev/null
	[ $? = 2 ] || fail "write error to /dev/full not exit 2"
fi
$nm report --help | grep -q 'usage: notemine report' || fail "--help"
echo "ok report-md"
