#!/bin/sh
# `make run`: label the bundled sample notes and say where the output went.
set -eu
mkdir -p out
in=corpora/sample-notes.jsonl
outf=out/sample-labelled.jsonl
./notemine run "$in" > "$outf"
n_in=$(grep -c . "$in")
n_out=$(grep -c . "$outf")
echo "labelled $n_out of $n_in notes from $in -> $outf"
./notemine run --format tsv "$in" > out/sample-labelled.tsv
echo "a table for spreadsheets: out/sample-labelled.tsv"
python3 - "$outf" <<'PY' || true
import json, sys, collections
types = collections.Counter(); sents = collections.Counter(); res = []
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if "error" in r: continue
    types[r["note_type"]["label"]] += 1
    sents[r["sentiment"]["label"]] += 1
    res.append((r["resonance"]["score"], (r.get("title") or r.get("desc") or "")[:30]))
print("note types:", ", ".join(f"{k} {v}" for k, v in types.most_common()))
print("sentiment: ", ", ".join(f"{k} {v}" for k, v in sents.most_common()))
res.sort(reverse=True)
for s, t in res[:3]:
    print(f"  resonance {s:5.1f}  {t}")
PY
