#!/bin/sh
# eval-sentiment.sh DATA_DIR - binary sentiment accuracy on DATA_DIR/sentiment/*.jsonl
# (see scripts/eval_sentiment.py). Exits 0 with a message when the data is missing.
data=${1:-../shared/data}
[ $# -gt 0 ] && shift
if [ ! -d "$data/sentiment" ]; then
	echo "eval-sentiment: no data folder $data/sentiment: nothing to evaluate"
	exit 0
fi
exec python3 "$(dirname "$0")/eval_sentiment.py" "$data" "$@"
