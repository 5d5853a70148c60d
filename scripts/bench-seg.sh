#!/bin/sh
# bench-seg.sh DATA - segmenter throughput, side by side with jieba and ICU (make bench).
#
# Prints MB/s (input bytes / wall time, one core) of
#   notemine tokenize --text --format words   on pure Chinese text: the PKU test input
#                                             repeated to >= 20 MB;
#   notemine tokenize --format words          on DATA/xhs/notes.jsonl;
#   the same with --dict none (ICU word breaks);
#   jieba (Debian python3-jieba, HMM on, its default) on a 2 MB slice of each text,
#   when installed;
# and the start-up time of `notemine run </dev/null` (best of 10, dictionary cached).
# Timings are printed, never asserted.
set -u
DATA=${1:-../shared/data}
BIN=${NOTEMINE:-./notemine}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s.%N; }
mbs() { # bytes seconds
	awk -v b="$1" -v s="$2" 'BEGIN { if (s <= 0) s = 1e-9; printf "%7.2f MB/s  (%.1f MB in %.3f s)", b / s / 1e6, b / 1e6, s }'
}
run_bin() { # label bytes cmd...: wall-clock MB/s, and CPU (user + sys) MB/s when
	# /usr/bin/time exists (on a busy machine the CPU figure is the stable one)
	label=$1 bytes=$2
	shift 2
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" > /dev/null || { echo "$label: failed"; return; }
		read -r wall user sys < "$tmp/time"
		cpu=$(echo "$user + $sys" | bc -l)
		printf '  %-36s %s  cpu %s\n' "$label" "$(mbs "$bytes" "$wall")" \
			"$(awk -v b="$bytes" -v s="$cpu" 'BEGIN { if (s <= 0) s = 0.01; printf "%.2f MB/s", b / s / 1e6 }')"
		return
	fi
	t0=$(now)
	"$@" > /dev/null || { echo "$label: failed"; return; }
	t1=$(now)
	printf '  %-36s %s\n' "$label" "$(mbs "$bytes" "$(echo "$t1 - $t0" | bc -l)")"
}
jieba_bench() { # label file
	[ "$have_jieba" = 1 ] || return 0
	/usr/bin/python3 - "$2" "$1" <<'PY'
import sys, time, jieba
jieba.setLogLevel(60)
jieba.initialize()
data = open(sys.argv[1], encoding="utf-8").read()
t0 = time.perf_counter()
c0 = time.process_time()
for line in data.splitlines():
    " ".join(jieba.cut(line))
dt = time.perf_counter() - t0
dc = time.process_time() - c0
n = len(data.encode("utf-8"))
print("  %-36s %7.2f MB/s  (%.1f MB in %.3f s)  cpu %.2f MB/s" % (sys.argv[2], n / dt / 1e6, n / 1e6, dt, n / dc / 1e6))
PY
}

have_jieba=0
/usr/bin/python3 -c 'import jieba' 2>/dev/null && have_jieba=1

# warm the dictionary cache so no run pays for compiling it
echo | "$BIN" tokenize --text > /dev/null 2>&1

pku=$DATA/segmentation/pku_test.utf8
if [ -f "$pku" ]; then
	: > "$tmp/zh.txt"
	while [ "$(wc -c < "$tmp/zh.txt")" -lt 20000000 ]; do
		cat "$pku" >> "$tmp/zh.txt"
	done
	head -c 2000000 "$tmp/zh.txt" | sed '$d' > "$tmp/zh-2mb.txt"
	bytes=$(wc -c < "$tmp/zh.txt")
	echo "pure Chinese text (PKU test input repeated)"
	run_bin "notemine" "$bytes" "$BIN" tokenize --text --format words "$tmp/zh.txt"
	run_bin "notemine --dict none (ICU)" "$bytes" "$BIN" tokenize --text --format words --dict none "$tmp/zh.txt"
	jieba_bench "jieba (2 MB slice)" "$tmp/zh-2mb.txt"
fi

notes=$DATA/xhs/notes.jsonl
if [ -f "$notes" ]; then
	bytes=$(wc -c < "$notes")
	echo "Xiaohongshu notes ($notes)"
	run_bin "notemine" "$bytes" "$BIN" tokenize --format words "$notes"
	run_bin "notemine --dict none (ICU)" "$bytes" "$BIN" tokenize --format words --dict none "$notes"
	if [ "$have_jieba" = 1 ]; then
		/usr/bin/python3 - "$notes" "$tmp/xhs-text.txt" <<'PY'
import sys, json
out = open(sys.argv[2], "w", encoding="utf-8")
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    try:
        r = json.loads(line)
    except ValueError:
        continue
    t = ((r.get("title") or "") + "\n" + (r.get("desc") or "")).replace("\n", " ")
    out.write(t + "\n")
    n += len(t.encode("utf-8")) + 1
    if n > 2000000:
        break
PY
		jieba_bench "jieba (note text, 2 MB)" "$tmp/xhs-text.txt"
	fi
fi

echo "start-up: notemine run </dev/null (best of 10)"
best=999
i=0
while [ $i -lt 10 ]; do
	t0=$(now)
	"$BIN" run < /dev/null > /dev/null 2>&1
	t1=$(now)
	best=$(echo "$t1 - $t0" | bc -l | awk -v b="$best" '{ print ($1 < b) ? $1 : b }')
	i=$((i + 1))
done
printf '  %-36s %.1f ms\n' "notemine run </dev/null" "$(echo "$best * 1000" | bc -l)"
