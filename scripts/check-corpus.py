#!/usr/bin/env python3
"""Validate the labelled note-type corpus and print its counts.

Usage: scripts/check-corpus.py [corpora/notetype.jsonl]

Checks, per line: valid JSON object; required string fields id, title, desc, tag_list, label,
sentiment, split; id of the form nt-NNNN and unique; label one of the six note types; sentiment
positive|negative|neutral; split dev|test; optional hard is a non-empty string; no unknown fields;
title or desc not empty. Prints counts by label, split, sentiment, label x split, and the number of
hard cases. Exit status: 0 clean, 1 problems found (each printed as FILE:LINE: message), 2 usage or
I/O error.
"""
import collections
import json
import re
import sys

LABELS = ("experience", "planting", "cooperation", "official", "sponsored", "other")
SENTIMENTS = ("positive", "negative", "neutral")
SPLITS = ("dev", "test")
REQUIRED = ("id", "title", "desc", "tag_list", "label", "sentiment", "split")
OPTIONAL = ("hard",)
ID_RE = re.compile(r"^nt-[0-9]{4}$")


def main(argv):
	if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
		print(__doc__.strip(), file=sys.stderr)
		return 2
	path = argv[1] if len(argv) == 2 else "corpora/notetype.jsonl"
	try:
		with open(path, "rb") as f:
			raw = f.read()
	except OSError as e:
		print(f"check-corpus: {path}: {e.strerror}", file=sys.stderr)
		return 2
	problems = 0

	def bad(line, msg):
		nonlocal problems
		problems += 1
		print(f"{path}:{line}: {msg}" if line else f"{path}: {msg}")

	if raw.startswith(b"\xef\xbb\xbf"):
		bad(1, "file starts with a byte order mark")
	try:
		text = raw.decode("utf-8")
	except UnicodeDecodeError as e:
		print(f"{path}: invalid UTF-8 at byte {e.start}")
		return 1
	if text and not text.endswith("\n"):
		bad(text.count("\n") + 1, "last line has no newline")
	ids = {}
	by = collections.defaultdict(collections.Counter)
	hard = 0
	n = 0
	for lineno, line in enumerate(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"), 1):
		if not line.strip():
			bad(lineno, "empty line")
			continue
		try:
			obj = json.loads(line)
		except json.JSONDecodeError as e:
			bad(lineno, f"invalid JSON at column {e.colno}: {e.msg}")
			continue
		if not isinstance(obj, dict):
			bad(lineno, "not a JSON object")
			continue
		n += 1
		ok = True
		for k in REQUIRED:
			if k not in obj:
				bad(lineno, f"missing field '{k}'")
				ok = False
			elif not isinstance(obj[k], str):
				bad(lineno, f"field '{k}' is not a string")
				ok = False
		for k in obj:
			if k not in REQUIRED and k not in OPTIONAL:
				bad(lineno, f"unknown field '{k}'")
		if "hard" in obj and (not isinstance(obj["hard"], str) or not obj["hard"].strip()):
			bad(lineno, "field 'hard' must be a non-empty string when present")
		if not ok:
			continue
		if not ID_RE.match(obj["id"]):
			bad(lineno, f"bad id '{obj['id']}'")
		if obj["id"] in ids:
			bad(lineno, f"duplicate id '{obj['id']}' (first on line {ids[obj['id']]})")
		else:
			ids[obj["id"]] = lineno
		if obj["label"] not in LABELS:
			bad(lineno, f"bad label '{obj['label']}'")
		if obj["sentiment"] not in SENTIMENTS:
			bad(lineno, f"bad sentiment '{obj['sentiment']}'")
		if obj["split"] not in SPLITS:
			bad(lineno, f"bad split '{obj['split']}'")
		if not obj["title"].strip() and not obj["desc"].strip():
			bad(lineno, "title and desc both empty")
		by["label"][obj["label"]] += 1
		by["split"][obj["split"]] += 1
		by["sentiment"][obj["sentiment"]] += 1
		by["label/split"][(obj["label"], obj["split"])] += 1
		by["label/sentiment"][(obj["label"], obj["sentiment"])] += 1
		if "hard" in obj:
			hard += 1
			by["hard"][obj["label"]] += 1
	print(f"notes: {n}  hard cases: {hard}")
	print(f"{'label':<12} {'all':>4} {'dev':>4} {'test':>4} {'pos':>4} {'neg':>4} {'neu':>4} {'hard':>4}")
	for lab in LABELS:
		print(f"{lab:<12} {by['label'][lab]:>4} {by['label/split'][(lab, 'dev')]:>4} "
		      f"{by['label/split'][(lab, 'test')]:>4} {by['label/sentiment'][(lab, 'positive')]:>4} "
		      f"{by['label/sentiment'][(lab, 'negative')]:>4} {by['label/sentiment'][(lab, 'neutral')]:>4} "
		      f"{by['hard'][lab]:>4}")
	print(f"{'total':<12} {n:>4} {by['split']['dev']:>4} {by['split']['test']:>4} "
	      f"{by['sentiment']['positive']:>4} {by['sentiment']['negative']:>4} {by['sentiment']['neutral']:>4} {hard:>4}")
	for lab in LABELS:
		if by["label"][lab] == 0:
			bad(None, f"label '{lab}' has no notes")
	if problems:
		print(f"{problems} problem(s)", file=sys.stderr)
		return 1
	return 0


if __name__ == "__main__":
	sys.exit(main(sys.argv))
