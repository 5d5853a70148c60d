#!/bin/sh
# bench.sh DATA_DIR - throughput and memory of notemine on the real notes, beside jieba.
#
# Prints, for DATA_DIR/xhs/notes.jsonl (make bench: DATA=../shared/data):
#  - notemine run at -j 1 and -j 2: wall seconds (best of 3) and MB/s of the input file;
#  - jieba (Debian /usr/bin/python3, `import jieba`) segmenting the same notes' text alone
#    (title "\n" desc, as notemine analyses it; dictionary loaded before the clock starts), in
#    seconds and in MB/s of the same input file, and how many times faster notemine is;
#  - start-up time of `notemine run </dev/null` (hyperfine when installed, else a loop);
#  - peak RSS (/usr/bin/time -v) for a small input (1000 notes) and a large one (the file
#    five times over, through a pipe at -j 2): it should stay flat.
# Then runs scripts/bench-seg.sh DATA_DIR when that exists. Exits 0 with a message when the
# data is missing.
set -u
data=${1:-../shared/data}
f=$data/xhs/notes.jsonl
nm=${NOTEMINE:-./notemine}
if [ ! -f "$f" ]; then
	echo "bench: $f not found: no benchmark (make bench DATA=/path/to/data)"
	exit 0
fi
[ -x "$nm" ] || { echo "bench: $nm not built"; exit 2; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
bytes=$(wc -c < "$f")
notes=$(grep -c '' "$f")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "bench: $f: $notes notes, $mb MB, $(nproc 2>/dev/null || echo '?') cores"

now() { date +%s.%N; }
# best_of N CMD...: the smallest wall time of N runs (stdout discarded)
best_of() {
	n=$1
	shift
	best=
	i=0
	while [ $i -lt "$n" ]; do
		s=$(now)
		"$@" > /dev/null 2>&1
		e=$(now)
		best=$(awk -v s="$s" -v e="$e" -v b="$best" 'BEGIN { d = e - s; if (b == "" || d < b) b = d; printf "%.3f", b }')
		i=$((i + 1))
	done
	echo "$best"
}
rate() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }'; }

"$nm" run "$f" > /dev/null 2>&1 # warm the page cache and the compiled dictionary cache
# cpu J: user+system seconds of one run at -j J (less sensitive to a busy machine)
cpu() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S' -o "$t/cpu" "$nm" run -j "$1" "$f" > /dev/null 2>&1
		awk '{ printf "%.3f", $1 + $2 }' "$t/cpu"
	else
		echo 0
	fi
}
s1=$(best_of 3 "$nm" run -j 1 "$f")
s2=$(best_of 3 "$nm" run -j 2 "$f")
c1=$(cpu 1)
c2=$(cpu 2)
printf 'bench: notemine run -j 1   %7.3f s  %6s MB/s   (cpu %.3f s: %s MB/s per core)\n' "$s1" "$(rate "$s1")" "$c1" "$(rate "$c1")"
printf 'bench: notemine run -j 2   %7.3f s  %6s MB/s   (cpu %.3f s; %.2fx the wall speed of -j 1)\n' "$s2" "$(rate "$s2")" "$c2" \
	"$(awk -v a="$s1" -v b="$s2" 'BEGIN { print (b > 0 ? a / b : 0) }')"
echo "bench: load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (wall times need an idle machine)"
"$nm" run -j 1 "$f" > "$t/o1" 2>/dev/null
"$nm" run -j 2 "$f" > "$t/o2" 2>/dev/null
cmp -s "$t/o1" "$t/o2" && echo "bench: -j 2 output identical to -j 1" || echo "bench: WARNING: -j 2 output differs from -j 1"

py=/usr/bin/python3
if [ -x "$py" ] && "$py" -c 'import jieba' > /dev/null 2>&1; then
	"$py" - "$f" "$t/jieba" <<'PY' 2>/dev/null
import json, sys, time
import jieba
jieba.setLogLevel(60)
texts = []
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    try:
        o = json.loads(line)
    except ValueError:
        continue
    title, desc = o.get("title") or "", o.get("desc") or ""
    texts.append(title + "\n" + desc if title and desc else title or desc)
jieba.initialize()
best = None
for _ in range(2):
    start = time.perf_counter()
    n = 0
    for s in texts:
        n += len(jieba.lcut(s))
    d = time.perf_counter() - start
    best = d if best is None or d < best else best
tb = sum(len(s.encode("utf-8")) for s in texts)
open(sys.argv[2], "w").write("%.3f %d %d\n" % (best, n, tb))
PY
	if [ -s "$t/jieba" ]; then
		read -r js jtok jtb < "$t/jieba"
		printf 'bench: jieba lcut (text only) %7.3f s  %6s MB/s of the file (%.1f MB of text, %d tokens)\n' \
			"$js" "$(rate "$js")" "$(awk -v b="$jtb" 'BEGIN { print b / 1e6 }')" "$jtok"
		printf 'bench: notemine run is %.0fx (-j 1) and %.0fx (-j 2) faster than jieba tokenising alone\n' \
			"$(awk -v a="$js" -v b="$s1" 'BEGIN { print (b > 0 ? a / b : 0) }')" \
			"$(awk -v a="$js" -v b="$s2" 'BEGIN { print (b > 0 ? a / b : 0) }')"
	else
		echo "bench: jieba run failed"
	fi
else
	echo "bench: jieba not installed for $py (apt-get install python3-jieba): no comparison"
fi

if command -v hyperfine > /dev/null 2>&1; then
	hyperfine -N --warmup 3 --runs 30 --export-json "$t/h.json" "$nm run" --input /dev/null > /dev/null 2>&1 ||
		hyperfine --warmup 3 --runs 30 --export-json "$t/h.json" "$nm run < /dev/null" > /dev/null 2>&1
	st=$("$py" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f ms (± %.1f)" % (r["mean"]*1e3, r["stddev"]*1e3))' "$t/h.json" 2>/dev/null)
	echo "bench: start-up (notemine run </dev/null, hyperfine): ${st:-?}"
else
	s=$(now)
	i=0
	while [ $i -lt 20 ]; do "$nm" run < /dev/null; i=$((i + 1)); done
	e=$(now)
	echo "bench: start-up (notemine run </dev/null, mean of 20): $(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f ms", (e - s) * 50 }')"
fi

if [ -x /usr/bin/time ]; then
	head -1000 "$f" > "$t/small.jsonl"
	/usr/bin/time -f '%M' -o "$t/rss1" "$nm" run -j 2 "$t/small.jsonl" > /dev/null 2>&1
	/usr/bin/time -f '%M' -o "$t/rss2" "$nm" run -j 1 "$f" > /dev/null 2>&1
	cat "$f" "$f" "$f" "$f" "$f" | /usr/bin/time -f '%M %e' -o "$t/rss3" "$nm" run -j 2 > /dev/null 2>&1
	read -r big bigs < "$t/rss3"
	echo "bench: peak RSS: $(tail -1 "$t/rss1") KB (1000 notes, -j 2), $(tail -1 "$t/rss2") KB ($mb MB, -j 1)," \
		"$big KB ($(awk -v b="$bytes" 'BEGIN { printf "%.0f", 5 * b / 1e6 }') MB piped, -j 2, $bigs s)"
else
	echo "bench: /usr/bin/time missing: no peak RSS"
fi

if [ -f scripts/bench-seg.sh ]; then
	sh scripts/bench-seg.sh "$data"
fi
