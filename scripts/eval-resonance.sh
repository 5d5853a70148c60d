#!/bin/sh
# eval-resonance.sh DATA_DIR - validate resonance against engagement on real notes.
# Runs `notemine score` over DATA_DIR/xhs/notes.jsonl and hands the output to
# eval_resonance.py (python3, stdlib only), which prints the within-creator rank correlations.
# Usage: sh scripts/eval-resonance.sh ../shared/data   (what `make eval-resonance` runs)
set -eu
data=${1:-../shared/data}
notes="$data/xhs/notes.jsonl"
here=$(dirname "$0")
bin=${NOTEMINE:-./notemine}
if [ ! -f "$notes" ]; then
	echo "eval-resonance: $notes not found; skipped (pass the data folder as the first argument)" >&2
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "eval-resonance: python3 not found; skipped" >&2
	exit 0
fi
out=$(mktemp "${TMPDIR:-/tmp}/notemine-eval-resonance.XXXXXX")
trap 'rm -f "$out"' EXIT INT TERM
"$bin" score "$notes" > "$out"
python3 "$here/eval_resonance.py" "$out"
