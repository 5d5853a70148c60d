#!/bin/sh
# Golden tests: tests/golden/<command>/<case>/ holds
#   input.*      the input file (input.jsonl, input.json, input.csv, input.txt)
#   args         extra arguments, one line (optional; "-" means: feed input on stdin)
#   expect.out   the expected standard output (exact bytes)
#   expect.err   the expected standard error (optional)
#   exit-code    the expected exit code (optional, default 0)
#   keys         top-level keys to compare, one line, space-separated (optional): the output
#                records are cut down to those keys (and "error"), so a golden case about one
#                label does not change when another stage's lexicon is tuned
# Run from the repository root: prints "ok"/"not ok" per case. UPDATE=1 rewrites expect.*.
set -u
bin=${NOTEMINE:-$(pwd)/notemine}
tmp=$(mktemp -d)
status=0
for dir in tests/golden/*/*/; do
	dir=${dir%/}
	cmd=$(basename "$(dirname "$dir")")
	input=$(ls "$dir"/input.* 2>/dev/null | head -1)
	args=""
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	want_rc=0
	[ -f "$dir/exit-code" ] && want_rc=$(cat "$dir/exit-code")
	# shellcheck disable=SC2086
	if [ -z "$input" ]; then
		(cd "$dir" && $bin $cmd $args) > "$tmp/out" 2> "$tmp/err" < /dev/null
	else
		(cd "$dir" && $bin $cmd $args "$(basename "$input")") > "$tmp/out" 2> "$tmp/err" < /dev/null
	fi
	rc=$?
	if [ -f "$dir/keys" ]; then
		python3 -c '
import json, sys
keys = sys.argv[1].split() + ["error"]
for line in open(sys.argv[2], encoding="utf-8"):
    try:
        r = json.loads(line)
    except ValueError:
        sys.stdout.write(line)
        continue
    print(json.dumps({k: r[k] for k in keys if k in r}, ensure_ascii=False))
' "$(cat "$dir/keys")" "$tmp/out" > "$tmp/out.keys" && mv "$tmp/out.keys" "$tmp/out"
	fi
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "$dir/expect.out"
		[ -s "$tmp/err" ] && cp "$tmp/err" "$dir/expect.err" || rm -f "$dir/expect.err"
		[ "$rc" != 0 ] && echo "$rc" > "$dir/exit-code" || rm -f "$dir/exit-code"
		echo "ok - $dir (updated)"
		continue
	fi
	why=""
	[ "$rc" = "$want_rc" ] || why="exit code $rc, want $want_rc"
	cmp -s "$tmp/out" "$dir/expect.out" || why="$why stdout differs"
	if [ -f "$dir/expect.err" ]; then cmp -s "$tmp/err" "$dir/expect.err" || why="$why stderr differs"; fi
	if [ -z "$why" ]; then
		echo "ok - $dir"
	else
		echo "not ok - $dir: $why"
		diff "$dir/expect.out" "$tmp/out" | head -10
		[ -f "$dir/expect.err" ] && diff "$dir/expect.err" "$tmp/err" | head -5
		status=1
	fi
done
rm -rf "$tmp"
exit $status
