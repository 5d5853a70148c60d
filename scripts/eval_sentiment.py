#!/usr/bin/env python3
"""eval_sentiment.py - binary sentiment accuracy of notemine on the shared dev sets.

Usage: eval_sentiment.py DATA_DIR [--worst N] [--only NAME] [--half even|odd] [--classes]

Runs `$NOTEMINE classify FILE` (NOTEMINE defaults to ./notemine) on every *.jsonl file of
DATA_DIR/sentiment and scores the sign of .sentiment.score against the gold label: Chinese sets
carry "label": positive|negative; English sets carry "rating" (> 0 positive, < 0 negative, rows
rated 0 are skipped). A score of exactly 0 counts as wrong. Prints, per set, the accuracy next
to the reference systems of docs/targets.md and the target, the confusion counts, and the N
worst errors (wrong sign with the largest |score|, then zero scores). Python standard library
only. When the data folder is missing it says so and exits 0.

--half even|odd scores only the rows of that parity (row 0, 2, 4, ... or 1, 3, 5, ...): read the
errors of one half while you work, and check on the other half, which you never read, that a change
holds on text it was not drawn from.

--classes counts each set's errors by the rule that shaped them: a zero with no evidence at all
(no word of evaluation or connotation), a zero whose evidence cancels out, a lean of connotation or
tone alone, and a wrong sign by the first rule family found among the contributions that carry the
wrong sign (negation, contrast, question, comparison, aspect, context, emoticon, rating), else
"word alone": the words' own polarity (sarcasm, names and titles, a sense the lexicon lacks, a noisy
label).

English sets also get their accuracy by the strength of the raters' mean (|rating| below 0.5,
0.5 to 1, 1 and more, on the -4..+4 scale): a row whose raters were near neutral on average is a
coin toss for any reader of the text.
"""
import json
import os
import subprocess
import sys

# Reference accuracies (percent) from ../shared/docs/targets.md and the targets of issue #5.
REFERENCE = {
    "waimai": ("SnowNLP 76.0, BosonNLP 65.5, cnsenti 42.8", 85),
    "online_shopping": ("SnowNLP 81.0, BosonNLP 72.1, cnsenti 59.4", 85),
    "nlpcc2014": ("SnowNLP 68.4, BosonNLP 63.1, cnsenti 52.5", 75),
    "weibo": ("SnowNLP 57.2, BosonNLP 61.4, cnsenti 58.9", 90),
    "chnsenticorp": ("SnowNLP 83.0, BosonNLP 65.2, cnsenti 62.4", 85),
    "en-tweets": ("VADER 96.1", 96),
    "en-amazon": ("VADER 71.1", 78),
}


def gold_of(rec):
    if "label" in rec:
        return {"positive": 1, "negative": -1}.get(rec["label"], 0)
    r = rec.get("rating")
    if isinstance(r, (int, float)):
        return 1 if r > 0 else -1 if r < 0 else 0
    return 0


# Rule families of the evidence, in the order --classes looks for them.
FAMILIES = [
    ("negation", ("negation", "rhetorical-question")),
    ("contrast or concession", ("contrast", "concession", "granted")),
    ("question or rhetorical", ("question", "rhetorical")),
    ("comparison", ("comparison",)),
    ("aspect", ("aspect",)),
    ("context (takes the note's sign)", ("context",)),
    ("emoticon, emoji, interjection", ("emoticon", "emoji", "interjection", "hashtag")),
    ("rating", ("rating",)),
]


# Bands of the raters' mean |rating| (English sets).
BANDS = [(0, 0.5), (0.5, 1), (1, 9)]


def band_of(rating):
    a = abs(rating)
    return next(i for i, (lo, hi) in enumerate(BANDS) if a < hi or hi == 9)


def error_class(sent, score):
    ev = sent.get("evidence") or []
    if score == 0:
        return "zero: no evidence" if not ev else "zero: evidence cancels out"
    rules = [e.get("rule", "") for e in ev]
    if rules and all(r.startswith(("connotation", "tone")) for r in rules):
        return "lean alone (connotation, tone)"
    wrong = [e.get("rule", "") for e in ev
             if isinstance(e.get("weight"), (int, float)) and (e["weight"] > 0) == (score > 0)]
    for name, keys in FAMILIES:
        if any(k in r for r in wrong for k in keys):
            return "sign: " + name
    return "sign: word alone"


def run(binary, path):
    proc = subprocess.run([binary, "classify", path], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        raise SystemExit("eval-sentiment: %s classify %s failed (exit %d)"
                         % (binary, path, proc.returncode))
    return proc.stdout.decode("utf-8").splitlines()


def main(argv):
    if len(argv) < 2:
        print("usage: eval_sentiment.py DATA_DIR [--worst N] [--only NAME]")
        return 2
    data = os.path.join(argv[1], "sentiment")
    worst_n, only, half = 20, None, None
    classes = "--classes" in argv
    if "--worst" in argv:
        worst_n = int(argv[argv.index("--worst") + 1])
    if "--only" in argv:
        only = argv[argv.index("--only") + 1]
    if "--half" in argv:
        half = argv[argv.index("--half") + 1]
        if half not in ("even", "odd"):
            print("eval-sentiment: --half takes even or odd, not %s" % half)
            return 2
    if not os.path.isdir(data):
        print("eval-sentiment: no data folder %s: nothing to evaluate" % data)
        return 0
    binary = os.environ.get("NOTEMINE", "./notemine")
    files = sorted(f for f in os.listdir(data) if f.endswith(".jsonl"))
    rows = []
    for f in files:
        name = f[:-len(".jsonl")]
        if only and name != only:
            continue
        path = os.path.join(data, f)
        with open(path, encoding="utf-8") as fh:
            gold = [json.loads(l) for l in fh if l.strip()]
        out = run(binary, path)
        if len(out) != len(gold):
            raise SystemExit("eval-sentiment: %s: %d output lines for %d records"
                             % (f, len(out), len(gold)))
        tp = tn = fp = fn = zp = zn = 0
        errors = []
        counts = {}
        bands = [[0, 0, 0] for _ in BANDS]  # rows, right, zero
        for i, (rec, line) in enumerate(zip(gold, out)):
            if half and (i % 2 == 0) != (half == "even"):
                continue
            g = gold_of(rec)
            if g == 0:
                continue
            try:
                sent = json.loads(line)["sentiment"]
                s = float(sent["score"])
            except (ValueError, KeyError, TypeError):
                sent, s = {}, 0.0
            if s == 0 or (s > 0) != (g > 0):
                c = error_class(sent, s)
                counts[c] = counts.get(c, 0) + 1
            if isinstance(rec.get("rating"), (int, float)):
                b = bands[band_of(rec["rating"])]
                b[0] += 1
                b[1] += s != 0 and (s > 0) == (g > 0)
                b[2] += s == 0
            if s == 0:
                if g > 0:
                    zp += 1
                else:
                    zn += 1
                errors.append((0.0, rec, s))
            elif (s > 0) == (g > 0):
                if g > 0:
                    tp += 1
                else:
                    tn += 1
            else:
                if g > 0:
                    fn += 1
                else:
                    fp += 1
                errors.append((abs(s), rec, s))
        n = tp + tn + fp + fn + zp + zn
        acc = 100.0 * (tp + tn) / n if n else 0.0
        ref, target = REFERENCE.get(name, ("-", None))
        rows.append((name, n, acc, target, ref))
        print("== %s: %d rows, accuracy %.1f%% (target %s; %s)"
              % (name, n, acc, "%d%%" % target if target else "-", ref))
        print("   gold+: %d right, %d wrong, %d zero   gold-: %d right, %d wrong, %d zero"
              % (tp, fn, zp, tn, fp, zn))
        for (lo, hi), (k, right, zero) in zip(BANDS, bands):
            if k:
                print("   |rating| %s: %5d rows, accuracy %5.1f%%, %d zero"
                      % ("%.1f-%.1f" % (lo, hi) if hi < 9 else ">= %.1f  " % lo, k,
                         100.0 * right / k, zero))
        if classes:
            for c, k in sorted(counts.items(), key=lambda kv: -kv[1]):
                print("   %5d  %4.1f%% of rows  %s" % (k, 100.0 * k / n if n else 0, c))
        errors.sort(key=lambda e: -e[0])
        for _, rec, s in errors[:worst_n]:
            text = rec.get("text", "").replace("\n", " ")
            print("   %-16s gold %-8s score %+.3f  %s"
                  % (rec.get("id", "?"), "pos" if gold_of(rec) > 0 else "neg", s, text[:90]))
    print()
    print("%-16s %7s %9s %8s   %s" % ("set", "rows", "accuracy", "target", "reference"))
    for name, n, acc, target, ref in rows:
        print("%-16s %7d %8.1f%% %8s   %s" % (name, n, acc, "%d%%" % target if target else "-", ref))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
