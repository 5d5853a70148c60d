#!/bin/sh
# Scale: input that is not UTF-8 (GB18030 from old Excel exports, UTF-16) is detected with a
# clear message naming the encoding, and --encoding NAME converts it through ICU. A UTF-8 file
# with a few stray bad bytes is not refused. $NOTEMINE is the binary.
set -u
nm=${NOTEMINE:-./notemine}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 > /dev/null 2>&1 || { echo "scale-encoding: python3 missing; skipped"; exit 0; }

python3 - "$t" <<'PY'
import sys
t = sys.argv[1]
notes = ['{"title":"这款面霜真的很好用","desc":"用了一个月皮肤变好了，推荐给姐妹们！"}',
         '{"title":"踩雷口红","desc":"颜色一般般，不太喜欢，不会回购"}',
         '{"title":"火锅店打卡","desc":"排队两小时，味道还可以"}']
text = "\n".join(notes) + "\n"
open(t + "/utf8.jsonl", "w", encoding="utf-8").write(text)
open(t + "/gb.jsonl", "wb").write(text.encode("gb18030"))
csv = "title,desc\n面霜,很好用推荐\n口红,颜色一般般不太喜欢\n"
open(t + "/utf8.csv", "w", encoding="utf-8").write(csv)
open(t + "/gb.csv", "wb").write(csv.encode("gb18030"))
open(t + "/u16.jsonl", "wb").write(text.encode("utf-16"))
# a long GB18030 file, so conversion spans many buffer refills
open(t + "/gb-long.jsonl", "wb").write((text * 3000).encode("gb18030"))
open(t + "/utf8-long.jsonl", "w", encoding="utf-8").write(text * 3000)
PY

# detection: exit 2, a message naming the file and the encoding, nothing on stdout
for f in gb.jsonl gb.csv gb-long.jsonl; do
	$nm run "$t/$f" > "$t/o" 2> "$t/e"
	rc=$?
	[ $rc = 2 ] || fail "$f: exit $rc, want 2"
	[ ! -s "$t/o" ] || fail "$f: output from undecoded input"
	grep -q "$f: not UTF-8 (looks like GB18030); use --encoding GB18030" "$t/e" || fail "$f: message: $(cat "$t/e")"
done
$nm run < "$t/gb.jsonl" > /dev/null 2> "$t/e"
grep -q '<stdin>: not UTF-8 (looks like GB18030)' "$t/e" || fail "stdin detection: $(cat "$t/e")"
$nm run "$t/u16.jsonl" > /dev/null 2> "$t/e"
grep -q 'u16.jsonl: not UTF-8 (looks like UTF-16LE); use --encoding UTF-16LE' "$t/e" || fail "UTF-16: $(cat "$t/e")"

# conversion: the same output as the UTF-8 original
$nm run "$t/utf8.jsonl" > "$t/want" || fail "utf8 run"
for enc in GB18030 gb18030 GBK; do
	$nm run --encoding $enc "$t/gb.jsonl" > "$t/o" 2> "$t/e" || fail "--encoding $enc exit: $(cat "$t/e")"
	cmp -s "$t/o" "$t/want" || fail "--encoding $enc output differs from the UTF-8 file"
done
$nm run --encoding GB18030 -j 2 < "$t/gb.jsonl" | cmp -s - "$t/want" || fail "--encoding on stdin, -j 2"
$nm run --encoding UTF-16 "$t/u16.jsonl" | cmp -s - "$t/want" || fail "--encoding UTF-16"
$nm run "$t/utf8.csv" > "$t/want" || fail "utf8 csv"
$nm run --encoding GB18030 "$t/gb.csv" | cmp -s - "$t/want" || fail "--encoding GB18030 csv"
$nm tokenize "$t/utf8-long.jsonl" > "$t/want" || fail "utf8 long"
$nm tokenize --encoding GB18030 -j 2 "$t/gb-long.jsonl" | cmp -s - "$t/want" || fail "long GB18030 conversion"
$nm tokenize --encoding GB18030 --progress "$t/gb-long.jsonl" 2> "$t/e" > /dev/null
grep -q 'records' "$t/e" || fail "progress with conversion"

# unknown encoding: usage-level error, exit 2
$nm run --encoding NOPE-42 "$t/gb.jsonl" > /dev/null 2> "$t/e"
[ $? = 2 ] || fail "unknown encoding exit"
grep -q 'NOPE-42: unknown encoding' "$t/e" || fail "unknown encoding message: $(cat "$t/e")"

# a UTF-8 file with a few stray bad bytes is analysed (bytes repaired), not refused
printf '{"title":"好用\377"}\n{"title":"推荐\376\375"}\n' > "$t/stray.jsonl"
$nm run "$t/stray.jsonl" > "$t/o" 2> "$t/e" || fail "stray bytes refused: $(cat "$t/e")"
[ "$(grep -c '' "$t/o")" = 2 ] || fail "stray bytes: record count"
# --encoding UTF-8 skips detection
$nm run --encoding UTF-8 "$t/gb.jsonl" > "$t/o" 2>/dev/null || fail "--encoding UTF-8 forces UTF-8"
[ "$(grep -c '' "$t/o")" = 3 ] || fail "--encoding UTF-8: record count"
echo "scale-encoding: ok"
