/*
 * tap.h - a tiny test harness for tests/unit/test-*.c: TAP-style "ok N - name" lines and a
 * closing "N passed, N failed" line; exit status 1 when anything failed.
 *
 *   int main(void) { ok(1 + 1 == 2, "adds"); is_str(a, "x", "name"); return tap_done(); }
 */
#ifndef NM_TAP_H
#define NM_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) \
	tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) \
	tap_is_int((long long)(got), (long long)(want), __FILE__, __LINE__, __VA_ARGS__)

static int tap_ok(int pass, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), unused));
static int tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	tap_n++;
	printf("%s %d - ", pass ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return pass;
}

static int tap_is_str(const char *got, const char *want, const char *file, int line,
		      const char *name, ...) __attribute__((unused));
static int tap_is_str(const char *got, const char *want, const char *file, int line,
		      const char *name, ...)
{
	int pass = got && want ? strcmp(got, want) == 0 : got == want;
	tap_ok(pass, file, line, "%s", name);
	if (!pass)
		printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)", want ? want : "(null)");
	return pass;
}

static int tap_is_int(long long got, long long want, const char *file, int line,
		      const char *name, ...) __attribute__((unused));
static int tap_is_int(long long got, long long want, const char *file, int line,
		      const char *name, ...)
{
	int pass = got == want;
	tap_ok(pass, file, line, "%s", name);
	if (!pass)
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
	return pass;
}

static int tap_done(void) __attribute__((unused));
static int tap_done(void)
{
	printf("%d passed, %d failed\n", tap_n - tap_failed, tap_failed);
	return tap_failed ? 1 : 0;
}

#endif
