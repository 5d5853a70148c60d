#!/bin/sh
# Run docs/new-category.md as a test: its ```sh blocks run in order in one scratch folder
# (with notemine on PATH) and must exit 0; a ```sh block followed directly by an ```output
# block must print exactly that output.
set -u
nm=${NOTEMINE:-$(pwd)/notemine}
doc=$(pwd)/docs/new-category.md
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/bin" "$t/work"
ln -s "$nm" "$t/bin/notemine"
PATH="$t/bin:$PATH" python3 - "$doc" "$t/work" <<'PY'
import re, subprocess, sys
doc, work = sys.argv[1], sys.argv[2]
blocks = re.findall(r"```(\w+)\n(.*?)```", open(doc, encoding="utf-8").read(), re.S)
fails = n = i = 0
while i < len(blocks):
    kind, body = blocks[i]
    if kind != "sh":
        i += 1
        continue
    want = blocks[i + 1][1] if i + 1 < len(blocks) and blocks[i + 1][0] == "output" else None
    n += 1
    p = subprocess.run(["sh", "-ec", body], capture_output=True, text=True, cwd=work)
    if p.returncode != 0 or (want is not None and p.stdout != want):
        fails += 1
        print(f"not ok {n} - {body.splitlines()[0]}\nexit {p.returncode}\nstdout:\n{p.stdout}"
              f"stderr:\n{p.stderr}" + (f"want:\n{want}" if want is not None else ""))
    else:
        print(f"ok {n} - {body.splitlines()[0]}")
    i += 2 if want is not None else 1
if n < 5:
    print(f"not ok - only {n} blocks found in {doc}")
    fails += 1
sys.exit(1 if fails else 0)
PY
