#!/bin/sh
# The "add a new product category" walk-through (docs/new-category.md), end to end:
# scaffold a pack, add terms (a line may be just the term), check it, and see
# `notemine run -L DIR` keep the new terms whole in tokens and assign the note to the
# category.
set -u
nm=${NOTEMINE:-./notemine}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. scaffold
$nm lexicon new-category outdoor "$t/my" > "$t/out" || fail "new-category exit"
pack="$t/my/categories/outdoor.tsv"
[ -f "$pack" ] || fail "no $pack"
grep -q "created $pack" "$t/out" || fail "new-category does not say what it created"
grep -q '^# Columns' "$pack" || fail "scaffold does not document the columns"
grep -q '^# 冻干	word	2' "$pack" || fail "scaffold has no commented example with every column"
$nm lexicon check -L "$t/my" 2> "$t/err" || fail "fresh scaffold does not check clean: $(cat "$t/err")"
$nm lexicon new-category outdoor "$t/my" > /dev/null 2> "$t/err"
[ $? = 2 ] || fail "an existing pack must not be overwritten"
grep -q 'already exists' "$t/err" || fail "no reason for refusing"
$nm lexicon new-category 'a/b' "$t/my" > /dev/null 2>&1
[ $? = 2 ] || fail "a name with '/' must be refused"
$nm lexicon new-category only-name > /dev/null 2>&1
[ $? = 2 ] || fail "missing DIR must be refused"

# 2. add terms: just the term, or term + role + weight
cat >> "$pack" <<'TSV'
天幕
蛋卷桌
露营车	word	2
防潮垫
登山杖
TSV
$nm lexicon check -L "$t/my" 2> "$t/err" || fail "pack with terms does not check clean: $(cat "$t/err")"
$nm lexicon stats -L "$t/my" | grep -q "^categories	outdoor	5	" || fail "stats does not count 5 outdoor terms"

# 3. use it
printf '%s\n' '{"note_id":"n1","title":"周末装备分享","desc":"这次带了天幕和蛋卷桌，露营车装满了，防潮垫也很厚，登山杖轻便"}' > "$t/in.jsonl"
$nm run -L "$t/my" "$t/in.jsonl" > "$t/run.jsonl" || fail "run -L exit"
for w in 天幕 蛋卷桌 露营车 防潮垫 登山杖; do
	grep -q "\"$w\"" "$t/run.jsonl" || fail "token $w not kept whole: $(cat "$t/run.jsonl")"
done
grep -q '"category": *"outdoor"' "$t/run.jsonl" || fail "note not assigned to outdoor: $(cat "$t/run.jsonl")"

# without the overlay the category does not exist
$nm run "$t/in.jsonl" > "$t/plain.jsonl" || fail "run exit"
grep -q '"category": *"outdoor"' "$t/plain.jsonl" && fail "outdoor without -L"

# 4. a later file may delete a term again
mkdir -p "$t/my2/categories"
printf '!露营车\n' > "$t/my2/categories/outdoor.tsv"
$nm lexicon stats -L "$t/my" -L "$t/my2" | grep -q "^categories	outdoor	4	" || fail "'!term' in a later -L did not delete"
echo "ok lexicon-new-category"
