#!/usr/bin/env python3
"""eval_resonance.py SCORED.jsonl - within-creator validation of the resonance score.

Input: the output of `notemine score` over MediaCrawler notes (records with creator_hash or
user_id, title, desc, the engagement counts and the "resonance" key). For every creator with at
least MIN_NOTES notes it computes Spearman's rho between a predictor and
log(1 + likes + collects + comments), and averages over creators (each creator weighs the same).
Predictors: resonance.score, each resonance part, and text length (characters of title + "\n" +
desc, the baseline). "partial" is the rank partial correlation of the predictor with engagement
given text length, averaged the same way; the score's figures are also shown on two halves of
the creators (alternate creators in hash order), to judge noise. Standard library only.
"""
import json
import math
import sys
from collections import defaultdict

MIN_NOTES = 20
PARTS = ["emotional", "experiential", "authenticity", "story", "interaction"]
STAGES = ["identify", "participate", "share"]
TARGET_RHO, TARGET_PARTIAL, LENGTH_REF = 0.40, 0.15, 0.318


def ranks(v):
    order = sorted(range(len(v)), key=v.__getitem__)
    r = [0.0] * len(v)
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2.0
        i = j + 1
    return r


def pearson(a, b):
    n = len(a)
    ma, mb = sum(a) / n, sum(b) / n
    sa = math.sqrt(sum((x - ma) ** 2 for x in a))
    sb = math.sqrt(sum((y - mb) ** 2 for y in b))
    if sa == 0 or sb == 0:
        return 0.0
    return sum((x - ma) * (y - mb) for x, y in zip(a, b)) / (sa * sb)


def partial(rxy, rxz, ryz):
    d = math.sqrt(max(1e-12, (1 - rxz * rxz) * (1 - ryz * ryz)))
    return (rxy - rxz * ryz) / d


def count(v):
    """A count as scrapers write it ("35", "1.1万", "10万+", "1.2k"); None when absent."""
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip().replace(",", "").rstrip("+")
    mult = 1.0
    for suf, m in (("万", 1e4), ("w", 1e4), ("W", 1e4), ("亿", 1e8), ("千", 1e3), ("k", 1e3), ("K", 1e3)):
        if s.endswith(suf):
            s, mult = s[: -len(suf)], m
            break
    try:
        return float(s) * mult
    except ValueError:
        return None


def engagement(r):
    e = r.get("engagement") or {}
    total = 0.0
    for key, raw in (("liked", "liked_count"), ("collected", "collected_count"),
                     ("comments", "comment_count")):
        v = e.get(key)
        if v is None:
            v = count(r.get(raw))
        total += v or 0.0
    return math.log1p(total)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: eval_resonance.py SCORED.jsonl")
    by = defaultdict(list)
    bad = 0
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            try:
                r = json.loads(line)
            except ValueError:
                bad += 1
                continue
            res = r.get("resonance")
            if not isinstance(res, dict):
                bad += 1
                continue
            who = r.get("creator_hash") or r.get("user_id") or ""
            text = (r.get("title") or "") + "\n" + (r.get("desc") or "")
            row = {"score": float(res.get("score", 0)), "length": float(len(text)),
                   "eng": engagement(r)}
            for p in PARTS:
                row[p] = float(res.get(p, 0))
            sips = r.get("sips") if isinstance(r.get("sips"), dict) else {}
            for p in STAGES:
                row["sips." + p] = float(sips.get(p, 0) or 0)
            by[who].append(row)
    groups = [by[k] for k in sorted(by) if len(by[k]) >= MIN_NOTES]
    if not groups:
        sys.exit("eval-resonance: no creator with %d or more scored notes" % MIN_NOTES)
    preds = ["score"] + PARTS + ["sips." + p for p in STAGES] + ["length"]
    rho = {p: [] for p in preds}
    par = {p: [] for p in preds}
    for g in groups:
        y = ranks([r["eng"] for r in g])
        z = ranks([r["length"] for r in g])
        ryz = pearson(y, z)
        for p in preds:
            x = ranks([r[p] for r in g])
            rxy, rxz = pearson(x, y), pearson(x, z)
            rho[p].append(rxy)
            par[p].append(partial(rxy, rxz, ryz) if p != "length" else 0.0)
    mean = lambda v: sum(v) / len(v)
    notes = sum(len(g) for g in groups)
    print("resonance vs engagement (log likes+collects+comments), within creator, Spearman")
    print("creators with >= %d notes: %d (%d notes)%s" % (
        MIN_NOTES, len(groups), notes, ", %d records without resonance" % bad if bad else ""))
    print("%-16s %8s %8s %8s" % ("predictor", "rho", "partial", "rho>0"))
    for p in preds:
        pos = sum(1 for v in rho[p] if v > 0) / len(rho[p])
        print("%-16s %8.3f %8s %7.0f%%" % (p, mean(rho[p]),
              "-" if p == "length" else "%.3f" % mean(par[p]), 100 * pos))
    print("reference: text length alone %.3f (taxonomy); targets: rho >= %.2f, partial >= %.2f"
          % (LENGTH_REF, TARGET_RHO, TARGET_PARTIAL))
    beats = sum(1 for a, b in zip(rho["score"], rho["length"]) if a > b)
    print("creators where the score ranks engagement better than length: %d of %d"
          % (beats, len(groups)))
    # the same figures on two halves of the creators (alternate creators in hash order): how
    # much of a difference between two versions is noise
    halves = []
    for h in (0, 1):
        r = rho["score"][h::2]
        q = par["score"][h::2]
        if r:
            halves.append("%.3f / %.3f (%d creators)" % (mean(r), mean(q), len(r)))
    print("score rho / partial on two halves of the creators: " + ", ".join(halves))
    ok_rho = mean(rho["score"]) >= TARGET_RHO
    ok_par = mean(par["score"]) >= TARGET_PARTIAL
    print("score: rho %s target, partial %s target" % ("meets" if ok_rho else "BELOW",
                                                          "meets" if ok_par else "BELOW"))


if __name__ == "__main__":
    main()
