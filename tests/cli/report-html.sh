#!/bin/sh
# report: the HTML page is well-formed and self-contained (no script, no external resource),
# escapes note text, and, when chromium is installed, renders to a page that is not blank.
# $NOTEMINE is the binary.
set -u
nm=${NOTEMINE:-./notemine}
d=tests/cli/data
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
py=$(command -v python3 || true)

$nm report $d/report-input.jsonl -o "$t/report.html" 2>/dev/null
[ $? = 1 ] || fail "exit on input with bad records (want 1)"
[ -s "$t/report.html" ] || fail "no HTML written"
# note text is escaped, never markup: the input holds "| 价格 <15刀>"
grep -q '价格 &lt;15刀&gt;' "$t/report.html" || fail "note text not escaped"
grep -q '<15刀>' "$t/report.html" && fail "raw < from note text in the page"
grep -q '<mark class="p1">咸</mark>' "$t/report.html" || fail "evidence not highlighted"
grep -q '<svg class="chart"' "$t/report.html" || fail "no chart"
grep -qi 'https\?://' "$t/report.html" && fail "a URL in the page: $(grep -oi 'https\?://[^"]*' "$t/report.html" | head -1)"
# a hostile title is text
printf '%s\n' '{"title":"<script>alert(1)</script> & \"q\"","desc":"x","tokens":["<b>"],"note_type":{"label":"other"},"sentiment":{"label":"neutral","score":0},"resonance":{"score":1,"evidence":{"story":["<i>"]}}}' > "$t/evil.jsonl"
$nm report --title '<T&C>' "$t/evil.jsonl" -o "$t/evil.html" || fail "exit on hostile input"
grep -q '<script' "$t/evil.html" && fail "script tag from note text"
grep -q '&lt;T&amp;C&gt;' "$t/evil.html" || fail "title not escaped"
if [ -n "$py" ]; then
	"$py" $d/report-check.py html "$t/report.html" || fail "report.html"
	"$py" $d/report-check.py html "$t/evil.html" || fail "evil.html"
else
	echo "# python3 not found: well-formedness checks skipped"
fi
if command -v xmllint > /dev/null 2>&1; then
	tail -n +2 "$t/report.html" | xmllint --noout - || fail "xmllint"
fi

# --- a headless screenshot is not blank
chromium=""
for c in /usr/bin/chromium /usr/bin/chromium-browser; do
	[ -x "$c" ] && { chromium=$c; break; }
done
if [ -z "$chromium" ]; then
	echo "# chromium not installed: screenshot check skipped"
elif [ -z "$py" ]; then
	echo "# python3 not found: screenshot check skipped"
else
	mkdir "$t/profile"
	( cd "$t" && timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$t/profile" --screenshot="$t/shot.png" \
		--window-size=1200,2000 "file://$t/report.html" > "$t/chromium.log" 2>&1 )
	[ -s "$t/shot.png" ] || { tail -5 "$t/chromium.log"; fail "chromium wrote no screenshot"; }
	"$py" $d/report-check.py png "$t/shot.png" || fail "screenshot"
fi
echo "ok report-html"
