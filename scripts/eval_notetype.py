#!/usr/bin/env python3
"""eval_notetype.py CORPUS.jsonl CLASSIFIED.jsonl [--errors] [--json]

Scores `notemine classify` output against the labelled corpus (fields id, label, sentiment,
split dev|test, optional hard). Records are matched by "id" (the classified output is the
corpus passed through with "note_type" and "sentiment" added). For each of dev, test and all:
accuracy, per-type precision / recall / F1, macro-F1 over the six types, the confusion matrix
(rows: gold, columns: predicted), and the accuracy on the hard cases; the keyword-rule floor
of docs/targets.md on the same notes; then 3-way sentiment accuracy against the corpus's
"sentiment" field. --errors (or EVAL_ERRORS=1) lists every
miss; --json prints one JSON summary line instead (used by tests/cli/notetype-floor.sh).
Exit status 0, or 2 on unreadable input. Standard library only.
"""
import json
import os
import sys

TYPES = ["experience", "planting", "cooperation", "official", "sponsored", "other"]
SENTS = ["positive", "negative", "neutral"]
SHORT = {"experience": "exp", "planting": "plant", "cooperation": "coop", "official": "offi",
         "sponsored": "spons", "other": "other"}


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                print(f"eval_notetype: {path}:{n}: {e}", file=sys.stderr)
                sys.exit(2)
    return rows


def label_of(v):
    return v.get("label") if isinstance(v, dict) else None


def metrics(pairs):
    """pairs: list of (gold, pred). Returns dict with acc, per-type P/R/F1, macro_f1, cm."""
    cm = {g: {p: 0 for p in TYPES + ["?"]} for g in TYPES}
    for g, p in pairs:
        if g in cm:
            cm[g][p if p in TYPES else "?"] += 1
    n = len(pairs)
    acc = sum(1 for g, p in pairs if g == p) / n if n else 0.0
    per = {}
    for t in TYPES:
        tp = cm[t][t]
        fp = sum(cm[g][t] for g in TYPES if g != t)
        fn = sum(cm[t][p] for p in TYPES + ["?"] if p != t)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[t] = {"p": prec, "r": rec, "f1": f1, "n": tp + fn}
    present = [t for t in TYPES if per[t]["n"]]
    macro = sum(per[t]["f1"] for t in present) / len(present) if present else 0.0
    return {"n": n, "acc": acc, "per": per, "macro_f1": macro, "cm": cm}


def keyword_rule(rec):
    """The floor of docs/targets.md: 合作/邀请 -> cooperation, 广告/赞助 -> sponsored,
    官方/本店 -> official, 推荐/安利 -> planting, else experience."""
    t = f"{rec.get('title', '')}\n{rec.get('desc', '')} {rec.get('tag_list', '')}"
    for words, label in ((("合作", "邀请"), "cooperation"), (("广告", "赞助"), "sponsored"),
                         (("官方", "本店"), "official"), (("推荐", "安利"), "planting")):
        if any(w in t for w in words):
            return label
    return "experience"


def show(name, m, hard):
    print(f"== {name}: {m['n']} notes  accuracy {m['acc']:.3f}  macro-F1 {m['macro_f1']:.3f}"
          + (f"  hard cases {hard[0]}/{hard[1]}" if hard[1] else ""))
    print(f"   {'type':<12}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}")
    for t in TYPES:
        p = m["per"][t]
        print(f"   {t:<12}{p['p']:>7.3f}{p['r']:>7.3f}{p['f1']:>7.3f}{p['n']:>6}")
    print("   confusion (rows gold, columns predicted):")
    print("   " + " " * 12 + "".join(f"{SHORT[t]:>7}" for t in TYPES) + f"{'?':>4}")
    for g in TYPES:
        row = m["cm"][g]
        print("   " + f"{g:<12}" + "".join(f"{row[p]:>7}" for p in TYPES) + f"{row['?']:>4}")
    print()


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    errors = "--errors" in argv or os.environ.get("EVAL_ERRORS") == "1"
    as_json = "--json" in argv
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    gold = {r["id"]: r for r in load(args[0]) if "id" in r}
    out = {r.get("id"): r for r in load(args[1])}
    splits = {"dev": [], "test": [], "all": []}
    sent = {"dev": [0, 0], "test": [0, 0], "all": [0, 0]}
    hard = {"dev": [0, 0], "test": [0, 0], "all": [0, 0]}
    missing = 0
    misses = []
    for gid, g in gold.items():
        o = out.get(gid)
        if o is None:
            missing += 1
            pred, spred = None, None
        else:
            pred, spred = label_of(o.get("note_type")), label_of(o.get("sentiment"))
        for s in (g.get("split", "dev"), "all"):
            if s not in splits:
                continue
            splits[s].append((g["label"], pred))
            if g.get("sentiment") in SENTS:
                sent[s][0] += spred == g["sentiment"]
                sent[s][1] += 1
            if g.get("hard"):
                hard[s][0] += pred == g["label"]
                hard[s][1] += 1
        if pred != g["label"]:
            ev = o.get("note_type", {}).get("evidence", []) if o else []
            misses.append((gid, g.get("split"), g["label"], pred, g.get("title", ""),
                           ", ".join(f"{e.get('cue')}:{e.get('type')[:4]}" for e in ev[:4]),
                           g.get("hard") or ""))
    res = {s: metrics(splits[s]) for s in splits}
    base = {s: metrics([(g["label"], keyword_rule(g)) for g in gold.values()
                        if s == "all" or g.get("split", "dev") == s]) for s in splits}
    if as_json:
        print(json.dumps({s: {"n": res[s]["n"], "accuracy": res[s]["acc"],
                              "macro_f1": res[s]["macro_f1"],
                              "recall": {t: res[s]["per"][t]["r"] for t in TYPES},
                              "sentiment_accuracy": sent[s][0] / sent[s][1] if sent[s][1] else 0}
                          for s in splits}, ensure_ascii=False))
        return 0
    if missing:
        print(f"warning: {missing} corpus notes missing from the classified output")
    for s in ("dev", "test", "all"):
        show(s, res[s], hard[s])
    print("keyword-rule floor (docs/targets.md), same notes:")
    for s in ("dev", "test", "all"):
        print(f"   {s:<5} accuracy {base[s]['acc']:.3f}  macro-F1 {base[s]['macro_f1']:.3f}")
    print()
    print("sentiment (3-way, vs the corpus's sentiment field):")
    for s in ("dev", "test", "all"):
        c, n = sent[s]
        print(f"   {s:<5} {c}/{n} = {c / n if n else 0:.3f}")
    if errors:
        print("\nmisses (id split gold -> predicted | title | top evidence | hard):")
        for m in sorted(misses):
            print(f"   {m[0]} {m[1]} {m[2]} -> {m[3]} | {m[4][:40]} | {m[5]} | {m[6]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
