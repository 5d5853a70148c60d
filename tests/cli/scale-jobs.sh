#!/bin/sh
# Scale: -j N gives byte-identical output (and stderr, and exit code) to -j 1, for every input
# form; --progress; the GNU parallel recipe of docs/large-dumps.md gives the output of one
# process. $NOTEMINE is the binary. Exits non-zero on the first failure.
set -u
nm=${NOTEMINE:-./notemine}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A generated dump: hand-written phrases combined deterministically, with bad records mixed in
# (truncated JSON, a non-object, a NUL byte, invalid UTF-8) and a few long notes.
gen() {
	awk -v n="$1" 'BEGIN {
		split("这款面霜|口红色号|防晒霜|洗面奶|精华液|火锅店|咖啡馆|耳机|跑鞋|行李箱", item, "|");
		split("真的很好用|一般般吧|踩雷了不推荐|无限回购|性价比超高|颜色很显白|味道有点怪|物流太慢了|包装很精致|姐妹们冲", say, "|");
		split("#好物分享[话题]#|[笑哭R]|😍|@小红薯|https://example.com/x|¥199|3.5折|", extra, "|");
		for (i = 1; i <= n; i++) {
			if (i % 97 == 0) { printf "{\"note_id\":\"n%d\",\"title\":\"断了\n", i; continue }
			if (i % 89 == 0) { print "[1,2,3]"; continue }
			if (i % 83 == 0) { printf "{\"note_id\":\"n%d\",\"title\":\"a\001b\"}\n", i; continue }
			t = item[i % 10 + 1] say[int(i / 10) % 10 + 1];
			d = "";
			for (k = 0; k < (i % 7 == 0 ? 60 : i % 5 + 1); k++)
				d = d item[(i + k) % 10 + 1] say[(i * 3 + k) % 10 + 1] extra[(i + k) % 8 + 1] "，";
			if (i % 71 == 0) d = d "\377\376";
			printf "{\"note_id\":\"n%d\",\"type\":\"normal\",\"title\":\"%s\",\"desc\":\"%s\",\"liked_count\":\"%d\",\"collected_count\":\"%s\",\"comment_count\":\"%d\",\"share_count\":\"%d\"}\n",
				i, t, d, i * 7 % 1000, (i % 3 ? "1.2万" : "10+"), i % 50, i % 9;
		}
	}' | tr '\001' '\000' # awk strings cannot hold NUL
}
gen 3000 > "$t/in.jsonl"

check_same() { # name file args...
	name=$1 f=$2
	shift 2
	$nm run "$@" -j 1 "$f" > "$t/o1" 2> "$t/e1"
	rc1=$?
	for j in 2 3 0 8; do
		$nm run "$@" -j $j "$f" > "$t/o$j" 2> "$t/e$j"
		rcj=$?
		[ "$rc1" = "$rcj" ] || fail "$name: -j $j exit $rcj, -j 1 exit $rc1"
		cmp -s "$t/o1" "$t/o$j" || fail "$name: -j $j output differs from -j 1"
		cmp -s "$t/e1" "$t/e$j" || fail "$name: -j $j stderr differs from -j 1"
	done
	[ -s "$t/o1" ] || fail "$name: no output"
}

check_same "jsonl" "$t/in.jsonl"
[ "$rc1" = 1 ] || fail "bad records give exit 1, got $rc1"
[ "$(grep -c '' "$t/o1")" = 3000 ] || fail "one output line per input record: $(grep -c '' "$t/o1")"
[ "$(grep -c '"error"' "$t/o1")" = "$(grep -c 'in.jsonl:' "$t/e1")" ] || fail "one message per error record"
sed -n 97p "$t/o1" | grep -q '"error":{"message":"invalid JSON: truncated","line":97}' ||
	fail "error record in place: $(sed -n 97p "$t/o1" | cut -c1-200)"
check_same "skip-bad" "$t/in.jsonl" --skip-bad
check_same "tsv" "$t/in.jsonl" --format tsv
check_same "explain" "$t/in.jsonl" --explain
grep -q '^== .*in.jsonl:1$' "$t/e1" || fail "--explain names FILE:LINE"
check_same "tokenize-offsets" "$t/in.jsonl" --offsets --types

# JSON array and CSV (parsed by the reader, handed to the workers)
awk 'BEGIN { print "[" } NR > 1 { print "," } { print } END { print "]" }' "$t/in.jsonl" |
	LC_ALL=C grep -av -e '断了' -e '^\[1,2,3\]$' -e '"a.b"' | LC_ALL=C sed 's/\xff\xfe//' > "$t/in.json"
check_same "json-array" "$t/in.json"
{
	echo "note_id,title,desc"
	awk -F'"' '/"desc"/ { printf "%s,\"%s\",\"%s\"\n", $4, $12, $16 }' "$t/in.jsonl" | head -1500
} > "$t/in.csv"
check_same "csv" "$t/in.csv"

# several files, stdin
head -1000 "$t/in.jsonl" > "$t/a.jsonl"
tail -n +1001 "$t/in.jsonl" > "$t/b.jsonl"
check_same "two-files" "$t/a.jsonl"
$nm run -j 1 "$t/a.jsonl" "$t/b.jsonl" > "$t/ab1" 2>/dev/null
$nm run -j 3 "$t/a.jsonl" "$t/b.jsonl" > "$t/ab3" 2>/dev/null
cmp -s "$t/ab1" "$t/ab3" || fail "two files: -j 3 differs"
$nm run -j 2 < "$t/in.jsonl" > "$t/stdin2" 2>/dev/null
$nm run -j 1 < "$t/in.jsonl" > "$t/stdin1" 2>/dev/null
cmp -s "$t/stdin1" "$t/stdin2" || fail "stdin: -j 2 differs"
$nm run "$t/in.jsonl" > "$t/file1" 2>/dev/null
cmp -s "$t/stdin1" "$t/file1" || fail "stdin output differs from the file's"

# -j bad values are usage errors
$nm run -j -1 "$t/a.jsonl" > /dev/null 2>&1
[ $? = 2 ] || fail "-j -1 is a usage error"
$nm run -j x "$t/a.jsonl" > /dev/null 2>&1
[ $? = 2 ] || fail "-j x is a usage error"

# progress: silent when stderr is not a terminal, a line with --progress
$nm run -j 2 "$t/a.jsonl" 2> "$t/e" > /dev/null
grep -q 'MB/s' "$t/e" && fail "progress printed without --progress to a non-terminal"
$nm run -j 2 --progress "$t/a.jsonl" 2> "$t/e" > /dev/null
grep -q '^notemine: 1000 records, [0-9.]* MB, [0-9.]* MB/s' "$t/e" || fail "--progress line: $(tail -1 "$t/e")"
$nm run --progress "$t/a.jsonl" 2> /dev/null > "$t/p"
head -1000 "$t/ab1" | cmp -s - "$t/p" || fail "--progress changes stdout"
# on a terminal (script(1) gives stderr one): progress by default when the input is a file,
# none in a later stage of a pipe, which shares the terminal with the first stage
if command -v script > /dev/null 2>&1; then
	script -qec "$nm run '$t/a.jsonl' > /dev/null" /dev/null > "$t/tty" 2>&1
	grep -q 'notemine: 1000 records' "$t/tty" || fail "no progress on a terminal: $(cat "$t/tty")"
	script -qec "cat '$t/a.jsonl' | $nm run > /dev/null" /dev/null > "$t/tty" 2>&1
	grep -q 'records' "$t/tty" && fail "progress in a later stage of a pipe: $(cat "$t/tty")"
	script -qec "cat '$t/a.jsonl' | $nm run --progress > /dev/null" /dev/null > "$t/tty" 2>&1
	grep -q 'notemine: 1000 records' "$t/tty" || fail "--progress in a pipe: $(cat "$t/tty")"
fi

# a live stream flows record by record: the first record's output comes out while the input
# is still open (the writer waits for it before writing the second record; the timeout only
# guards against a hang)
for j in 1 2; do
	rm -f "$t/in.fifo" "$t/out.fifo"
	mkfifo "$t/in.fifo" "$t/out.fifo" || fail "mkfifo"
	timeout 60 "$nm" run -j $j < "$t/in.fifo" > "$t/out.fifo" 2>/dev/null &
	pid=$!
	exec 3> "$t/in.fifo" 4< "$t/out.fifo"
	echo '{"title":"一"}' >&3
	if read -r first <&4; then :; else first=; fi
	echo '{"title":"二"}' >&3
	exec 3>&-
	read -r second <&4 || second=
	exec 4<&-
	wait $pid
	case "$first" in '{"title":"一","tokens":'*) ;; *) fail "stream -j $j: first record not out before the input ended: '$first'" ;; esac
	case "$second" in '{"title":"二","tokens":'*) ;; *) fail "stream -j $j: second record: '$second'" ;; esac
done

# GNU parallel: the recipe of docs/large-dumps.md gives the output of one process
if command -v parallel > /dev/null 2>&1; then
	# a clean dump: identical bytes
	LC_ALL=C grep -av '"error"' "$t/file1" > /dev/null
	$nm run "$t/in.jsonl" 2>/dev/null | LC_ALL=C grep -an '"error"' | cut -d: -f1 > "$t/badlines"
	LC_ALL=C awk 'NR == FNR { bad[$1] = 1; next } !(FNR in bad)' "$t/badlines" "$t/in.jsonl" > "$t/clean.jsonl"
	$nm run "$t/clean.jsonl" > "$t/one" || fail "clean dump has bad records"
	parallel --will-cite --pipe --keep-order --block 64k -j 3 "$nm" run < "$t/clean.jsonl" > "$t/par"
	cmp -s "$t/one" "$t/par" || fail "GNU parallel --pipe --keep-order output differs from one process"
	[ "$(grep -c '' "$t/par")" = "$(grep -c '' "$t/clean.jsonl")" ] || fail "parallel record count"
	# with bad records: identical except the line numbers of error records (per block)
	$nm run "$t/in.jsonl" 2>/dev/null | sed 's/"line":[0-9]*/"line":N/' > "$t/one"
	parallel --will-cite --pipe --keep-order --block 64k -j 3 "$nm" run < "$t/in.jsonl" 2>/dev/null |
		sed 's/"line":[0-9]*/"line":N/' > "$t/par"
	cmp -s "$t/one" "$t/par" || fail "GNU parallel with bad records differs beyond line numbers"
	# lexicons shipped alongside with -L reach every job
	mkdir -p "$t/lex/sentiment"
	$nm run -L "$t/lex" "$t/clean.jsonl" > "$t/one" 2>/dev/null
	parallel --will-cite --pipe --keep-order --block 64k -j 2 "$nm" run -L "$t/lex" < "$t/clean.jsonl" > "$t/par" 2>/dev/null
	cmp -s "$t/one" "$t/par" || fail "GNU parallel with -L differs"
else
	echo "scale-jobs: GNU parallel not installed; parallel recipe skipped"
fi
echo "scale-jobs: ok"
