#!/bin/sh
# notemine lexicon stats and list: counts per kind and category pack; -L overlays count.
set -u
nm=${NOTEMINE:-./notemine}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

$nm lexicon stats > "$t/out" || fail "stats exit"
head -1 "$t/out" | grep -q "^kind	pack	entries	patterns	files$" || fail "stats header"
for k in segment sentiment note_type resonance sips categories; do
	grep -q "^$k		" "$t/out" || fail "stats: no line for kind $k"
done
seg=$(awk -F'\t' '$1 == "segment" && $2 == "" { print $3 }' "$t/out")
[ "$seg" -ge 250 ] || fail "segment pack has $seg entries, want >= 250"
# the total is the sum of the kinds
sum=$(awk -F'\t' '$2 == "" && $1 != "total" && NR > 1 { s += $3 } END { print s }' "$t/out")
tot=$(awk -F'\t' '$1 == "total" { print $3 }' "$t/out")
[ "$sum" = "$tot" ] || fail "total $tot is not the sum $sum"

# an overlay adds a pack and overrides a shipped entry
mkdir -p "$t/u/categories" "$t/u/segment"
printf '天幕\n蛋卷桌\n露营车\taudience\n' > "$t/u/categories/outdoor.tsv"
printf '绝绝子\t5000\n' > "$t/u/segment/90-mine.tsv"
$nm lexicon stats -L "$t/u" > "$t/out2" || fail "stats -L exit"
grep -q "^categories	outdoor	3	0	" "$t/out2" || fail "stats: overlay pack not counted"
seg2=$(awk -F'\t' '$1 == "segment" && $2 == "" { print $3 }' "$t/out2")
[ "$seg2" = "$seg" ] || fail "an override must not add an entry ($seg -> $seg2)"
$nm lexicon list -L "$t/u" segment | grep "	绝绝子	" | grep -q "5000	$t/u/segment/90-mine.tsv:1" ||
	fail "list: the override is not the entry in effect"
$nm lexicon list -L "$t/u" categories | grep -q "^categories	outdoor	露营车	audience	" ||
	fail "list: overlay category entry"
$nm lexicon list nosuchkind > /dev/null 2>&1
[ $? = 2 ] || fail "list: unknown kind must fail"
echo "ok lexicon-stats"
