#!/usr/bin/env python3
"""Generate corpora/sample-notes.json and corpora/sample-notes.csv from corpora/sample-notes.jsonl.

Usage: scripts/make-samples.py [DIR]     (DIR defaults to corpora/)

The .jsonl file is the source of truth: 40 hand-written notes in MediaCrawler's field layout.
The two outputs are the same notes in MediaCrawler's other store formats:
- sample-notes.json: one JSON array, 4-space indentation, non-ASCII written as is (json store);
- sample-notes.csv: UTF-8 with a byte order mark, a header row, every field quoted, CRLF row ends,
  newlines inside fields kept (csv store), as Excel-friendly exports write them.
Field order is the order of the first record; every record must have exactly those fields.
Exit status: 0 ok, 1 bad input, 2 usage or I/O error.
"""
import csv
import io
import json
import os
import sys


def main(argv):
	if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
		print(__doc__.strip(), file=sys.stderr)
		return 2
	d = argv[1] if len(argv) == 2 else "corpora"
	src = os.path.join(d, "sample-notes.jsonl")
	try:
		with open(src, encoding="utf-8") as f:
			lines = f.read().split("\n")
	except OSError as e:
		print(f"make-samples: {src}: {e.strerror}", file=sys.stderr)
		return 2
	notes = []
	for n, line in enumerate(lines, 1):
		if not line:
			continue
		try:
			notes.append(json.loads(line))
		except json.JSONDecodeError as e:
			print(f"make-samples: {src}:{n}: invalid JSON: {e.msg}", file=sys.stderr)
			return 1
	if not notes:
		print(f"make-samples: {src}: no notes", file=sys.stderr)
		return 1
	fields = list(notes[0].keys())
	for n, o in enumerate(notes, 1):
		if list(o.keys()) != fields:
			print(f"make-samples: {src}: record {n}: fields differ from the first record", file=sys.stderr)
			return 1
	js = json.dumps(notes, ensure_ascii=False, indent=4) + "\n"
	buf = io.StringIO()
	w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
	w.writerow(fields)
	for o in notes:
		w.writerow(["" if o[k] is None else str(o[k]) for k in fields])
	try:
		with open(os.path.join(d, "sample-notes.json"), "w", encoding="utf-8", newline="") as f:
			f.write(js)
		with open(os.path.join(d, "sample-notes.csv"), "w", encoding="utf-8-sig", newline="") as f:
			f.write(buf.getvalue())
	except OSError as e:
		print(f"make-samples: {e.filename}: {e.strerror}", file=sys.stderr)
		return 2
	print(f"make-samples: wrote {len(notes)} notes to {d}/sample-notes.json and {d}/sample-notes.csv")
	return 0


if __name__ == "__main__":
	sys.exit(main(sys.argv))
