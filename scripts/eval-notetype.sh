#!/bin/sh
# eval-notetype.sh [CORPUS] - note-type and sentiment accuracy on our labelled corpus.
# Runs `notemine classify` over CORPUS (default corpora/notetype.jsonl) and hands the output
# to eval_notetype.py (python3, stdlib only), which prints accuracy, per-type precision /
# recall / F1, macro-F1 and the confusion matrix for the dev split, the test split and all,
# then 3-way sentiment accuracy against the corpus's "sentiment" field.
# Usage: sh scripts/eval-notetype.sh   (what `make eval-notetype` runs)
# Environment: NOTEMINE (binary, default ./notemine); EVAL_ERRORS=1 also lists every miss.
set -eu
corpus=${1:-corpora/notetype.jsonl}
here=$(dirname "$0")
bin=${NOTEMINE:-./notemine}
if [ ! -f "$corpus" ]; then
	echo "eval-notetype: $corpus not found" >&2
	exit 2
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "eval-notetype: python3 not found; skipped" >&2
	exit 0
fi
out=$(mktemp "${TMPDIR:-/tmp}/notemine-eval-notetype.XXXXXX")
trap 'rm -f "$out"' EXIT INT TERM
"$bin" classify "$corpus" > "$out"
python3 "$here/eval_notetype.py" "$corpus" "$out"
