#!/bin/sh
# Scale: damaged input never crashes and never loses a record: every bad record yields its
# error record in place (exit 1), at -j 1 and -j 2 alike. $NOTEMINE is the binary.
set -u
nm=${NOTEMINE:-./notemine}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
lines() { grep -c '' "$1"; }

# run_both NAME FILE WANT_RC WANT_LINES [args]: run at -j 1 and -j 2, same bytes, rc, line count
run_both() {
	name=$1 f=$2 want_rc=$3 want_lines=$4
	shift 4
	for j in 1 2; do
		$nm run -j $j "$@" "$f" > "$t/o$j" 2> "$t/e$j"
		rc=$?
		[ "$rc" = "$want_rc" ] || fail "$name: -j $j exit $rc, want $want_rc ($(head -c 300 "$t/e$j"))"
		[ "$(lines "$t/o$j")" = "$want_lines" ] || fail "$name: -j $j $(lines "$t/o$j") lines, want $want_lines"
	done
	cmp -s "$t/o1" "$t/o2" || fail "$name: -j 2 output differs"
	cmp -s "$t/e1" "$t/e2" || fail "$name: -j 2 stderr differs"
}

# truncated UTF-8 at the end of the file (a dump cut mid-character, no final newline)
printf '{"title":"好用"}\n{"title":"好' > "$t/cut.jsonl"
printf '\344\270' >> "$t/cut.jsonl"
run_both "truncated UTF-8 at EOF" "$t/cut.jsonl" 1 2
sed -n 2p "$t/o1" | grep -q '"error":{"message":"invalid JSON: truncated","line":2}' || fail "truncated record: $(sed -n 2p "$t/o1")"
grep -q 'cut.jsonl:2: invalid JSON: truncated' "$t/e1" || fail "truncated: message"
# the same cut inside a complete record: analysed with U+FFFD, not lost
printf '{"title":"好\344\270"}\n{"title":"二"}' > "$t/cut2.jsonl"
run_both "invalid UTF-8 inside a record" "$t/cut2.jsonl" 0 2

# NUL bytes, in a JSON line and in a text line
printf '{"title":"a\000b"}\n{"title":"ok"}\n' > "$t/nul.jsonl"
run_both "NUL byte" "$t/nul.jsonl" 1 2
sed -n 1p "$t/o1" | grep -q '"message":"NUL byte at byte 12"' || fail "NUL message: $(sed -n 1p "$t/o1")"
printf 'a\000b\nsecond\n' > "$t/nul.txt"
run_both "NUL in text" "$t/nul.txt" 0 2 --text

# JSON nested 5000 deep, trailing text after the object, an empty object, a bare string
{
	printf '{"a":'; i=0; while [ $i -lt 5000 ]; do printf '['; i=$((i + 1)); done
	i=0; while [ $i -lt 5000 ]; do printf ']'; i=$((i + 1)); done; printf '}\n'
	printf '{"title":"x"} {"title":"y"}\n{}\n"str"\n{"title":"末"}\n'
} > "$t/deep.jsonl"
run_both "deep and odd JSON" "$t/deep.jsonl" 1 5
sed -n 1p "$t/o1" | grep -q '"message":"invalid JSON: nested deeper than' || fail "deep message: $(sed -n 1p "$t/o1" | cut -c1-120)"
sed -n 2p "$t/o1" | grep -q '"message":"invalid JSON: text after the value at byte 15"' || fail "trailing text: $(sed -n 2p "$t/o1")"
sed -n 3p "$t/o1" | grep -q '^{"tokens":\[\]' || fail "empty object: $(sed -n 3p "$t/o1" | cut -c1-80)"
sed -n 5p "$t/o1" | grep -q '"title":"末"' || fail "record after the damage"

# a JSON array cut in the middle of an element
printf '[{"title":"一"},\n {"title":"二"},\n {"title":"三' > "$t/cut.json"
run_both "truncated JSON array" "$t/cut.json" 1 3
sed -n 3p "$t/o1" | grep -q '"message":"invalid JSON: truncated array element","line":3' || fail "array cut: $(sed -n 3p "$t/o1")"

# CSV: an unterminated quote swallows the rest of the file as one bad record, rows before it stay
printf 'title,desc\n好物,"很好用"\n坏,"没有结束的引号\n下一行,也在引号里\n' > "$t/q.csv"
run_both "CSV unterminated quote" "$t/q.csv" 1 2
sed -n 2p "$t/o1" | grep -q '"error":{"message":"unterminated quoted field","line":3}' || fail "csv quote: $(sed -n 2p "$t/o1")"
grep -q 'q.csv:3: unterminated quoted field' "$t/e1" || fail "csv message"
# CSV row with too many fields
printf 'title,desc\na,b,c\nd,e\n' > "$t/f.csv"
run_both "CSV field count" "$t/f.csv" 1 2

# a 20 MB note, between two small ones
{
	echo '{"title":"前"}'
	printf '{"title":"长","desc":"'
	yes '这款精华液真的很好用，已经无限回购了三次 ' | head -c 20000000 | tr -d '\n'
	echo '"}'
	echo '{"title":"后"}'
} > "$t/big.jsonl"
run_both "20 MB note" "$t/big.jsonl" 0 3
sed -n 3p "$t/o1" | grep -q '"title":"后"' || fail "record after the 20 MB note"
[ "$(sed -n 2p "$t/o1" | wc -c)" -gt 20000000 ] || fail "20 MB note passed through"

# empty and blank-only inputs, a file that is only a BOM
: > "$t/empty.jsonl"
run_both "empty" "$t/empty.jsonl" 0 0
printf '\n\n  \n' > "$t/blank.jsonl"
run_both "blank" "$t/blank.jsonl" 0 0
printf '\357\273\277' > "$t/bom.jsonl"
run_both "BOM only" "$t/bom.jsonl" 0 0

# random bytes: whatever comes out, no crash (exit 0, 1 or 2) and no signal
head -c 200000 /dev/urandom > "$t/junk.bin" 2>/dev/null || dd if=/dev/urandom of="$t/junk.bin" bs=1000 count=200 2>/dev/null
for args in "" "--input jsonl --encoding UTF-8" "--input csv --encoding UTF-8" "--input json --encoding UTF-8" "--text --encoding UTF-8"; do
	# shellcheck disable=SC2086
	$nm run -j 2 $args "$t/junk.bin" > /dev/null 2>&1
	rc=$?
	[ "$rc" -le 2 ] || fail "random bytes ($args): exit $rc"
done
echo "scale-damage: ok"
