#!/bin/sh
# Guard rail: binary sentiment accuracy on the project's own labelled corpus
# (corpora/sentiment.jsonl, written by us) must stay at or above a floor. Positive and
# negative notes count by the sign of .sentiment.score (0 is wrong); neutral notes must not
# get a strong score (|score| < 0.5). Gets the binary in $NOTEMINE.
set -u
NOTEMINE=${NOTEMINE:-./notemine}
corpus=corpora/sentiment.jsonl
floor=90          # percent of positive/negative notes right
neutral_floor=70  # percent of neutral notes with |score| < 0.5
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! "$NOTEMINE" classify "$corpus" > "$out"; then
	echo "sentiment-floor: $NOTEMINE classify failed"
	exit 1
fi
python3 - "$out" "$floor" "$neutral_floor" <<'PY'
import json, sys
path, floor, nfloor = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
right = total = nright = ntotal = 0
for line in open(path, encoding="utf-8"):
    r = json.loads(line)
    s = r["sentiment"]["score"]
    if not -1 < s < 1:
        print("sentiment-floor: %s: score %s outside (-1, 1)" % (r["id"], s))
        sys.exit(1)
    if r["label"] == "neutral":
        ntotal += 1
        nright += abs(s) < 0.5
        continue
    total += 1
    ok = s != 0 and (s > 0) == (r["label"] == "positive")
    right += ok
    if not ok:
        print("# miss %s %s %+.3f %s" % (r["id"], r["label"], s, r["text"]))
acc, nacc = 100.0 * right / total, 100.0 * nright / ntotal
print("sentiment-floor: polar %.1f%% (%d/%d, floor %g%%), neutral %.1f%% (%d/%d, floor %g%%)"
      % (acc, right, total, floor, nacc, nright, ntotal, nfloor))
sys.exit(0 if acc >= floor and nacc >= nfloor else 1)
PY
