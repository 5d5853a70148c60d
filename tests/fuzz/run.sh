#!/bin/sh
# run.sh - build every libFuzzer target (tests/fuzz/fuzz-*.c) with clang
# -fsanitize=fuzzer,address,undefined against the library sources and run each for
# ${FUZZ_SECONDS:-60} seconds, starting from its committed seeds (tests/fuzz/seeds/<name>/)
# plus the working corpus of earlier runs (build/fuzz/corpus/<name>/, not committed).
# Prints the executions of each target; exits 1 when a target crashed, leaked, timed out or
# hit undefined behaviour (the input is kept as build/fuzz/crash-*, the report printed).
# When clang or libFuzzer is missing it says so and exits 0.
#
# Environment: FUZZ_SECONDS (per target), FUZZ_TARGETS ("reader run" ...: a subset),
# CLANG (compiler), FUZZ_JOBS (parallel libFuzzer jobs per target, default 1).
# Run from anywhere; it works in the repository root.
set -u
cd "$(dirname "$0")/../.." || exit 2
secs=${FUZZ_SECONDS:-60}
clang=${CLANG:-clang}
out=build/fuzz
pkgs="icu-uc icu-i18n libpcre2-8 libcjson libutf8proc"

if ! command -v "$clang" > /dev/null 2>&1; then
	echo "fuzz: $clang not found: fuzzing skipped (install clang to fuzz)"
	exit 0
fi
mkdir -p "$out/obj" "$out/corpus" || exit 2
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > "$out/probe.c"
if ! "$clang" -fsanitize=fuzzer,address,undefined -o "$out/probe" "$out/probe.c" > "$out/probe.log" 2>&1; then
	echo "fuzz: $clang cannot build libFuzzer targets (-fsanitize=fuzzer): fuzzing skipped"
	sed 's/^/  /' "$out/probe.log" | head -5
	exit 0
fi

san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cflags="-std=c11 -D_GNU_SOURCE -DPCRE2_CODE_UNIT_WIDTH=8 -g -O1 $san -Ipipeline $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lpthread -lm"

# the library, once, instrumented for coverage (fuzzer-no-link)
objs=""
fail=0
for src in pipeline/*.c; do
	case $src in pipeline/main.c | pipeline/cmd-*.c) continue ;; esac
	o=$out/obj/$(basename "$src" .c).o
	objs="$objs $o"
	if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ -n "$(find pipeline -name '*.h' -newer "$o" 2>/dev/null | head -1)" ]; then
		# shellcheck disable=SC2086
		"$clang" $cflags -fsanitize=fuzzer-no-link -c -o "$o" "$src" || fail=1
	fi
done
[ $fail = 0 ] || { echo "fuzz: the library did not build"; exit 2; }

# ASan/UBSan reports go to files: the targets' own messages (bad records, bad lexicon lines)
# are silenced with -close_fd_mask=2.
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:log_path=$out/san"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$out/san"
status=0
total=0
for t in tests/fuzz/fuzz-*.c; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .c)
	short=${name#fuzz-}
	if [ -n "${FUZZ_TARGETS:-}" ]; then
		case " $FUZZ_TARGETS " in *" $short "*) ;; *) continue ;; esac
	fi
	# shellcheck disable=SC2086
	if ! "$clang" $cflags -fsanitize=fuzzer -o "$out/$name" "$t" $objs $libs > "$out/$name.build.log" 2>&1; then
		echo "fuzz: $name: build failed"
		sed 's/^/  /' "$out/$name.build.log" | head -20
		status=1
		continue
	fi
	mkdir -p "$out/corpus/$short"
	seeds=tests/fuzz/seeds/$short
	[ -d "$seeds" ] || seeds=
	rm -f "$out"/san.*
	# shellcheck disable=SC2086
	"$out/$name" -max_total_time="$secs" -timeout=30 -rss_limit_mb=3072 -max_len=65536 \
		-close_fd_mask=2 -print_final_stats=1 -artifact_prefix="$out/crash-$short-" \
		${FUZZ_JOBS:+-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS} \
		"$out/corpus/$short" $seeds > "$out/$name.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$out/$name.log" | tail -1)
	if [ $rc != 0 ]; then
		echo "fuzz: $name: FAILED after ${execs:-?} execs (exit $rc); log $out/$name.log"
		grep -E 'ERROR|SUMMARY|runtime error|deadly signal|Test unit written|timeout' "$out/$name.log" | head -10 | sed 's/^/  /'
		for f in "$out"/san.*; do [ -f "$f" ] && sed 's/^/  /' "$f" | head -40; done
		status=1
	else
		echo "fuzz: $name: ok, ${execs:-?} execs in ${secs}s, ${cov:-cov ?}, corpus $(ls "$out/corpus/$short" | wc -l) inputs"
		total=$((total + ${execs:-0}))
	fi
done
echo "fuzz: $total execs in all"
exit $status
