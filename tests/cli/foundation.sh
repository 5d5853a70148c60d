#!/bin/sh
# Foundation: the stage contract, every input form, bad input, I/O failures.
# $NOTEMINE is the binary. Exits non-zero on the first failure.
set -u
nm=${NOTEMINE:-./notemine}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
lines() { grep -c '' "$1"; }

# --- pass-through: unknown fields, key order, number spellings and escapes survive byte-exact
printf '%s\n' '{"z":1.50,"a":"\u4e2d\/x","nested":{"k":[1,2e3]},"title":"好物","desc":"回购"}' > "$t/in.jsonl"
$nm tokenize "$t/in.jsonl" > "$t/out.jsonl" || fail "tokenize exit"
head -c 76 "$t/out.jsonl" | cmp -s - "$t/in.jsonl.prefix" 2>/dev/null
case "$(cat "$t/out.jsonl")" in
'{"z":1.50,"a":"\u4e2d\/x","nested":{"k":[1,2e3]},"title":"好物","desc":"回购","tokens":['*) ;;
*) fail "pass-through not byte-exact: $(cat "$t/out.jsonl")" ;;
esac

# --- a stage run twice replaces its keys instead of duplicating them
$nm tokenize "$t/out.jsonl" > "$t/out2.jsonl" || fail "re-tokenize"
[ "$(grep -o '"tokens"' "$t/out2.jsonl" | wc -l)" = 1 ] || fail "tokens key duplicated"

# --- tokenize | classify | score == run, on every bundled sample form
for f in corpora/sample-notes.jsonl corpora/sample-notes.json corpora/sample-notes.csv; do
	[ -f "$f" ] || continue
	$nm tokenize "$f" | $nm classify | $nm score > "$t/piped" || fail "pipe on $f"
	$nm run "$f" > "$t/run" || fail "run on $f"
	cmp -s "$t/piped" "$t/run" || fail "pipe and run differ on $f"
	# score alone (sentiment and note type worked out inside it) scores as run does
	$nm score --format tsv "$f" > "$t/score-alone" || fail "score on $f"
	$nm run --format tsv "$f" | cut -f1,7- > "$t/run-score"
	cut -f1,3- "$t/score-alone" | cmp -s - "$t/run-score" || fail "score alone and run score differently on $f"
	n=$(lines "$t/run")
	[ "$n" -ge 1 ] || fail "no output for $f"
done
if [ -f corpora/sample-notes.jsonl ] && [ -f corpora/sample-notes.json ] && [ -f corpora/sample-notes.csv ]; then
	a=$(lines corpora/sample-notes.jsonl)
	[ "$($nm tokenize corpora/sample-notes.json | grep -c '')" = "$a" ] || fail "json array count"
	[ "$($nm tokenize corpora/sample-notes.csv | grep -c '')" = "$a" ] || fail "csv count"
fi

# --- bad input: one output record per input record, in order; exit 1; FILE:LINE on stderr
printf '%s\n' '{"text":"一"}' '{"text":"二"' 'null' '[1]' '{"text":"三"}' > "$t/bad.jsonl"
printf '{"text":"\377\376 四"}\n' >> "$t/bad.jsonl"
printf '{"te\000xt":"五"}\n' >> "$t/bad.jsonl"
$nm run "$t/bad.jsonl" > "$t/o" 2> "$t/e"
rc=$?
[ $rc = 1 ] || fail "bad input exit $rc, want 1"
[ "$(lines "$t/o")" = 7 ] || fail "bad input: $(lines "$t/o") records, want 7"
sed -n 2p "$t/o" | grep -q '"error":{"message":"invalid JSON: truncated","line":2}' || fail "truncated error record"
sed -n 3p "$t/o" | grep -q '"line":3' || fail "null error record"
sed -n 5p "$t/o" | grep -q '"text":"三"' || fail "order after bad records"
sed -n 6p "$t/o" | grep -q '"tokens":\["��*","四"\]' || fail "invalid UTF-8 repaired for analysis: $(sed -n 6p "$t/o")"
sed -n 7p "$t/o" | grep -q '"error"' || fail "NUL byte record"
grep -q "bad.jsonl:2: invalid JSON" "$t/e" || fail "stderr names FILE:LINE"
[ "$(lines "$t/e")" = 4 ] || fail "one message per bad record: $(cat "$t/e")"
$nm run --skip-bad "$t/bad.jsonl" > "$t/o" 2>/dev/null
[ "$(lines "$t/o")" = 3 ] || fail "--skip-bad leaves bad records out"

# --- empty input, empty file, blank lines
: > "$t/empty"
$nm run "$t/empty" > "$t/o" || fail "empty file exit"
[ ! -s "$t/o" ] || fail "empty file output"
$nm run < /dev/null > "$t/o" || fail "empty stdin"

# --- a 10 MB line
python3 -c 'import json; print(json.dumps({"text": "好用的精华液" * 600000}, ensure_ascii=False))' > "$t/big.jsonl"
$nm tokenize "$t/big.jsonl" > "$t/o" || fail "10 MB line"
[ "$(lines "$t/o")" = 1 ] || fail "10 MB line count"

# --- JSON nested 5000 deep is a bad record, not a crash
python3 -c 'print("{\"a\":" + "[" * 5000 + "]" * 5000 + "}")' > "$t/deep.jsonl"
$nm run "$t/deep.jsonl" > "$t/o" 2>/dev/null
[ $? = 1 ] || fail "deep nesting exit"
grep -q '"error"' "$t/o" || fail "deep nesting error record"

# --- text and words
printf '第一行\n\n第三行 ok\n' | $nm tokenize --text --format words > "$t/o"
[ "$(lines "$t/o")" = 3 ] || fail "words: one line per input line"
sed -n 2p "$t/o" | grep -q '^$' || fail "words: blank line kept"

# --- tsv has a header and one row per record
printf '%s\n' '{"note_id":"x1","title":"t","desc":"d"}' | $nm run --format tsv > "$t/o"
head -1 "$t/o" | grep -q '^id	text	tokens	note_type' || fail "tsv header"
sed -n 2p "$t/o" | grep -q '^x1	' || fail "tsv id column"

# --- I/O errors: /dev/full, missing file, usage
printf '%s\n' '{"text":"好"}' > "$t/one.jsonl"
$nm tokenize "$t/one.jsonl" > /dev/full 2> "$t/e"
[ $? = 2 ] || fail "/dev/full exit"
grep -q "write error" "$t/e" || fail "/dev/full message"
$nm tokenize "$t/nope.jsonl" > /dev/null 2> "$t/e"
[ $? = 2 ] || fail "missing file exit"
grep -q "nope.jsonl" "$t/e" || fail "missing file message"
$nm tokenize --bogus < /dev/null > /dev/null 2>&1
[ $? = 2 ] || fail "unknown option exit"
$nm frobnicate > /dev/null 2>&1
[ $? = 2 ] || fail "unknown command exit"
for c in tokenize classify score run lexicon report help; do
	$nm $c --help > "$t/o" 2>&1 || fail "$c --help exit"
	grep -qi "exit codes\|usage" "$t/o" || fail "$c --help text"
done

# --- SIGPIPE ends quietly
python3 -c 'import json
for i in range(20000): print(json.dumps({"text": "今天天气很好 %d" % i}, ensure_ascii=False))' > "$t/many.jsonl"
$nm tokenize "$t/many.jsonl" 2> "$t/e" | head -1 > /dev/null
[ ! -s "$t/e" ] || fail "| head printed on stderr: $(cat "$t/e")"
echo "foundation: ok"
