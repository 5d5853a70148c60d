#!/bin/sh
# eval-seg.sh DATA - segmentation accuracy of `notemine tokenize` (make eval-seg).
#
# Scores, with ../shared/tools/segscore.py (SIGHAN precision / recall / F1 / OOV recall):
#   1. the PKU test set of the SIGHAN 2005 bakeoff (DATA/segmentation), input as given
#      (full-width digits and letters; tokens must be the original characters);
#   2. corpora/seg-gold.txt, our own hand-segmented Xiaohongshu-style notes (words
#      separated by two spaces), input rebuilt by removing the separators.
# Each set is also scored with --dict none (ICU word breaks) for reference, and with jieba
# (Debian python3-jieba) when it is installed. Nothing here trains on the gold data.
set -u
DATA=${1:-../shared/data}
BIN=${NOTEMINE:-./notemine}
SCORE=${SEGSCORE:-$DATA/../tools/segscore.py}
[ -f "$SCORE" ] || SCORE=../shared/tools/segscore.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

score() { # name gold test [words]
	printf '%-34s %s\n' "$1" "$(python3 "$SCORE" "$2" "$3" ${4:+"$4"})"
}

jieba_seg() { # in out
	/usr/bin/python3 - "$1" "$2" <<'PY' 2>/dev/null
import sys, jieba
jieba.setLogLevel(60)
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as o:
    for line in f:
        line = line.rstrip("\r\n")
        o.write(" ".join(w for w in jieba.cut(line) if w.strip()) + "\n")
PY
}

have_jieba=0
/usr/bin/python3 -c 'import jieba' 2>/dev/null && have_jieba=1

seg=$DATA/segmentation
if [ -f "$seg/pku_test.utf8" ]; then
	echo "PKU (SIGHAN 2005 test, $(wc -l < "$seg/pku_test.utf8") lines)"
	"$BIN" tokenize --text --format words "$seg/pku_test.utf8" > "$tmp/pku.out" || exit 2
	score "  notemine" "$seg/pku_test_gold.utf8" "$tmp/pku.out" "$seg/pku_training_words.utf8"
	"$BIN" tokenize --text --format words --dict none "$seg/pku_test.utf8" > "$tmp/pku-icu.out" 2>/dev/null &&
		score "  notemine --dict none (ICU)" "$seg/pku_test_gold.utf8" "$tmp/pku-icu.out" "$seg/pku_training_words.utf8"
	if [ $have_jieba = 1 ]; then
		jieba_seg "$seg/pku_test.utf8" "$tmp/pku-jieba.out" &&
			score "  jieba (HMM on)" "$seg/pku_test_gold.utf8" "$tmp/pku-jieba.out" "$seg/pku_training_words.utf8"
	fi
else
	echo "PKU: $seg/pku_test.utf8 not found, skipped"
fi

gold=corpora/seg-gold.txt
if [ -f "$gold" ]; then
	grep -v '^#' "$gold" | grep -v '^[[:space:]]*$' > "$tmp/xhs.gold"
	# the input is the gold without its separators; an @mention keeps the space that
	# follows it in real notes (the app inserts it)
	sed -e 's/\(@[^ ]*\)  /\1 /g' -e 's/  //g' "$tmp/xhs.gold" > "$tmp/xhs.in"
	echo "Xiaohongshu-style gold (corpora/seg-gold.txt, $(wc -l < "$tmp/xhs.gold") notes)"
	"$BIN" tokenize --text --format words "$tmp/xhs.in" > "$tmp/xhs.out" || exit 2
	score "  notemine" "$tmp/xhs.gold" "$tmp/xhs.out"
	"$BIN" tokenize --text --format words --dict none "$tmp/xhs.in" > "$tmp/xhs-icu.out" 2>/dev/null &&
		score "  notemine --dict none (ICU)" "$tmp/xhs.gold" "$tmp/xhs-icu.out"
	if [ $have_jieba = 1 ]; then
		jieba_seg "$tmp/xhs.in" "$tmp/xhs-jieba.out" &&
			score "  jieba (HMM on)" "$tmp/xhs.gold" "$tmp/xhs-jieba.out"
	fi
fi
