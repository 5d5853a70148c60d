#!/bin/sh
# Note-type guard rail: on our labelled corpus (corpora/notetype.jsonl, all splits) the note-type
# classifier must stay above a floor well below its measured level (make eval-notetype prints the
# real numbers), every type must keep being found, and two worker threads must give the same
# output as one. A floor, not a target: tuning a lexicon must not turn this into a flaky test.
# $NOTEMINE is the binary. Exits non-zero on the first failure.
set -u
nm=${NOTEMINE:-./notemine}
corpus=corpora/notetype.jsonl
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

[ -f "$corpus" ] || { echo "notetype-floor: $corpus not found; skipped"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "notetype-floor: python3 not found; skipped"; exit 0; }

$nm classify "$corpus" > "$t/out.jsonl" || fail "classify exit $?"
[ "$(grep -c '' "$t/out.jsonl")" = "$(grep -c '' "$corpus")" ] || fail "one output line per note"
$nm classify -j 2 "$corpus" > "$t/out2.jsonl" || fail "classify -j 2 exit $?"
cmp -s "$t/out.jsonl" "$t/out2.jsonl" || fail "classify -j 2 differs from one thread"

python3 scripts/eval_notetype.py "$corpus" "$t/out.jsonl" --json > "$t/sum.json" || fail "eval script"
python3 - "$t/sum.json" <<'PY' || exit 1
import json, sys
s = json.load(open(sys.argv[1]))["all"]
floors = {"accuracy": 0.82, "macro_f1": 0.80}
recall = {"experience": 0.65, "planting": 0.65, "cooperation": 0.75, "official": 0.75,
          "sponsored": 0.85, "other": 0.65}
bad = [f"{k} {s[k]:.3f} < {v}" for k, v in floors.items() if s[k] < v]
bad += [f"recall {t} {s['recall'][t]:.3f} < {v}" for t, v in recall.items() if s["recall"][t] < v]
print(f"notetype-floor: {s['n']} notes, accuracy {s['accuracy']:.3f}, macro-F1 {s['macro_f1']:.3f}")
if bad:
    print("FAIL: " + "; ".join(bad))
    sys.exit(1)
PY
