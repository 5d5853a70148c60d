#!/bin/sh
# notemine lexicon discover on a made-up corpus: an invented product name used in varied
# contexts by several authors comes out first as a whole word (not its fragments), with
# the documented TSV columns; known words and lexicon terms are not proposed.
set -u
nm=${NOTEMINE:-./notemine}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 60 notes by 6 authors: the invented name 璞绮岚 between varied neighbours
i=0
for a in 今天 昨天 周末 晚上 早上 最近; do
	for b in 买了 试了 用了 看到 收到 发现 找到 带了 送了 选了; do
		i=$((i + 1))
		printf '{"title":"%s%s璞绮岚","desc":"%s我%s璞绮岚，%s觉得璞绮岚很好。","creator_hash":"u%d"}\n' \
			"$a" "$b" "$a" "$b" "$(echo 大家 朋友 同事 妈妈 姐姐 室友 老公 闺蜜 邻居 老师 | cut -d' ' -f$(( (i % 10) + 1 )))" $((i % 6)) >> "$t/in.jsonl"
	done
done
$nm lexicon discover --min-freq 3 --min-cohesion 4 "$t/in.jsonl" > "$t/out" || fail "discover exit"
head -1 "$t/out" | grep -q '^# term	freq	cohesion	left_entropy	right_entropy	example' || fail "header: $(head -1 "$t/out")"
first=$(sed -n 2p "$t/out")
[ "$(echo "$first" | cut -f1)" = 璞绮岚 ] || fail "first candidate is not 璞绮岚: $first"
[ "$(echo "$first" | awk -F'\t' '{ print NF }')" = 6 ] || fail "want 6 columns: $first"
echo "$first" | cut -f2 | grep -qx 180 || fail "freq of 璞绮岚 is not 180: $first"
echo "$first" | cut -f6 | grep -q 璞绮岚 || fail "example does not show the term"
cut -f1 "$t/out" | grep -qx '璞绮' && fail "fragment 璞绮 proposed"
cut -f1 "$t/out" | grep -qx '绮岚' && fail "fragment 绮岚 proposed"
cut -f1 "$t/out" | grep -qx '周末' && fail "known word proposed"

# once the term is in a pack, it is no longer new
mkdir -p "$t/u/segment"
printf '璞绮岚\n' > "$t/u/segment/50-new.tsv"
$nm lexicon discover --min-freq 3 --min-cohesion 4 -L "$t/u" "$t/in.jsonl" > "$t/out2" || fail "discover -L exit"
cut -f1 "$t/out2" | grep -qx '璞绮岚' && fail "a lexicon term is still proposed"

# cut -f1,2 gives lines a segment pack accepts
mkdir -p "$t/p/segment"
tail -n +2 "$t/out" | cut -f1,2 > "$t/p/segment/60-discovered.tsv"
$nm lexicon check -L "$t/p" 2> /dev/null || fail "discover output does not make a valid pack"

$nm lexicon discover > /dev/null 2>&1
[ $? = 2 ] || fail "no input: want exit 2"
$nm lexicon discover --max-len 9 "$t/in.jsonl" > /dev/null 2>&1
[ $? = 2 ] || fail "--max-len 9: want exit 2"
echo "ok lexicon-discover"
