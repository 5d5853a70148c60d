#!/bin/sh
# Run the examples of README.md and docs/sentiment.md: every ```sh block runs (from the
# repository root, with notemine on PATH) and must exit 0; a ```sh block followed directly by an
# ```output block must print exactly that output.
set -u
top=$(pwd)
tmp=$(mktemp -d)
mkdir -p "$tmp/bin"
ln -s "$top/notemine" "$tmp/bin/notemine"
PATH="$tmp/bin:$PATH"
export PATH
python3 - "$tmp" "$top/README.md" "$top/docs/sentiment.md" <<'PY'
import os, re, subprocess, sys
tmp = sys.argv[1]
blocks = []
for doc in sys.argv[2:]:
    text = open(doc, encoding="utf-8").read()
    blocks += re.findall(r"```(\w+)\n(.*?)```", text, re.S)
fails = n = 0
i = 0
while i < len(blocks):
    kind, body = blocks[i]
    if kind != "sh" or "make run" in body or "make test" in body or "git clone" in body:
        i += 1
        continue
    want = None
    if i + 1 < len(blocks) and blocks[i + 1][0] == "output":
        want = blocks[i + 1][1]
    n += 1
    p = subprocess.run(["sh", "-ec", body], capture_output=True, text=True, cwd=os.getcwd())
    bad = p.returncode != 0 or (want is not None and p.stdout != want)
    if bad:
        fails += 1
        print(f"not ok {n} - README example:\n{body}")
        print(f"exit {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
        if want is not None:
            print(f"want:\n{want}")
    else:
        print(f"ok {n} - README example {body.splitlines()[0][:60]}")
    i += 2 if want is not None else 1
sys.exit(1 if fails else 0)
PY
rc=$?
rm -rf "$tmp"
exit $rc
