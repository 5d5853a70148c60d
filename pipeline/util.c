/* util.c - see util.h. */
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "utf8.h"

static NM_NORETURN void oom(void)
{
	fputs("notemine: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void nm_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t c;
	if (need <= *cap)
		return;
	c = *cap ? *cap : 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / elem)
			oom();
		c *= 2;
	}
	*p = xrealloc(*p, c * elem);
	*cap = c;
}

static void vreport(const char *fmt, va_list ap)
{
	char msg[4096];
	vsnprintf(msg, sizeof msg, fmt, ap);
	fprintf(stderr, "notemine: %s\n", msg);
}

int error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
}

void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	exit(2);
}

void sb_init(struct strbuf *sb, size_t hint)
{
	sb->len = 0;
	sb->cap = hint < 64 ? 64 : hint;
	sb->buf = xmalloc(sb->cap);
	sb->buf[0] = 0;
}

void sb_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = 0;
}

void sb_grow(struct strbuf *sb, size_t extra)
{
	size_t need;
	if (!sb->buf)
		sb_init(sb, extra + 1);
	need = sb->len + extra + 1;
	if (need <= sb->cap)
		return;
	nm_grow((void **)&sb->buf, &sb->cap, need, 1);
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;
	sb_grow(sb, 64);
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sb->cap - sb->len) {
		sb_grow(sb, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

/* Make room for extra more bytes and the NUL (inline test; sb_grow only when full). */
static inline void sb_room(struct strbuf *sb, size_t extra)
{
	if (!sb->buf || sb->len + extra + 1 > sb->cap)
		sb_grow(sb, extra);
}

void sb_add_json_str(struct strbuf *sb, const char *s, size_t n)
{
	size_t i = 0;
	/* room for a chunk at the worst case of 6 output bytes per input byte plus the quotes,
	 * written straight into the buffer */
	sb_room(sb, (n > 4096 ? 4096 : n) * 6 + 2);
	sb->buf[sb->len++] = '"';
	while (i < n) {
		size_t end = n - i > 4096 ? i + 4096 : n;
		/* end a chunk before a character it would cut (it is read whole in the next) */
		for (int k = 0; k < 3 && end < n && end > i + 1 &&
				((unsigned char)s[end] & 0xC0) == 0x80; k++)
			end--;
		sb_room(sb, (end - i) * 6 + 1);
		sb->len = (size_t)(json_escape(sb->buf + sb->len, s + i, end - i) - sb->buf);
		i = end;
	}
	sb_room(sb, 1);
	sb->buf[sb->len++] = '"';
	sb->buf[sb->len] = 0;
}

size_t nm_fmt_g(char *out, double x, int prec)
{
	static const double p10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
	};
	char dig[12];
	char *o = out;
	double a = fabs(x);
	uint64_t d = 0, lim;
	int e, nd, tries;
	if (prec < 1 || prec > 9)
		goto slow;
	if (x == 0) {
		if (signbit(x))
			*o++ = '-';
		*o++ = '0';
		*o = 0;
		return (size_t)(o - out);
	}
	if (!(a >= 1e-13 && a < 1e15))
		goto slow; /* also NaN */
	lim = (uint64_t)p10[prec];
	/* a guess of the exponent, corrected below (log10 is a libm call) */
	e = 0;
	if (a >= 1) {
		while (e < 14 && a >= p10[e + 1])
			e++;
	} else {
		do
			e--;
		while (e > -13 && a * p10[-e] < 1);
	}
	for (tries = 0;; tries++) {
		int s = prec - 1 - e;
		double y, r, fr;
		if (tries == 3 || s > 22 || s < -22)
			goto slow;
		y = s >= 0 ? a * p10[s] : a / p10[-s];
		/* e is the exponent of x when y has prec digits before the point (at the
		 * edges, where y's rounding error could decide, both readings print alike) */
		if (y >= (double)lim) {
			e++;
			continue;
		}
		if (y < (double)(lim / 10)) {
			e--;
			continue;
		}
		r = (double)(uint64_t)y; /* floor: 1 <= y < 1e9 */
		fr = y - r;
		if (fabs(fr - 0.5) < 1e-6)
			goto slow; /* too close to a tie to round in doubles */
		d = (uint64_t)r + (fr > 0.5);
		if (d == lim) { /* rounding carried: 9.9999996 -> 10 */
			d = lim / 10;
			e++;
		}
		break;
	}
	for (int i = prec; i-- > 0; d /= 10)
		dig[i] = (char)('0' + d % 10);
	for (nd = prec; nd > 1 && dig[nd - 1] == '0'; nd--)
		;
	if (x < 0)
		*o++ = '-';
	if (e < -4 || e >= prec) {
		*o++ = dig[0];
		if (nd > 1) {
			*o++ = '.';
			memcpy(o, dig + 1, (size_t)nd - 1);
			o += nd - 1;
		}
		*o++ = 'e';
		*o++ = e < 0 ? '-' : '+';
		e = e < 0 ? -e : e;
		if (e >= 100)
			*o++ = (char)('0' + e / 100);
		*o++ = (char)('0' + e / 10 % 10);
		*o++ = (char)('0' + e % 10);
	} else if (e >= 0) {
		memcpy(o, dig, (size_t)e + 1);
		o += e + 1;
		if (nd > e + 1) {
			*o++ = '.';
			memcpy(o, dig + e + 1, (size_t)(nd - e - 1));
			o += nd - e - 1;
		}
	} else {
		*o++ = '0';
		*o++ = '.';
		for (int i = -1; i > e; i--)
			*o++ = '0';
		memcpy(o, dig, (size_t)nd);
		o += nd;
	}
	*o = 0;
	return (size_t)(o - out);
slow:
	{
		int n = snprintf(out, NM_FMT_G_MAX, "%.*g", prec, x);
		return n < 0 ? 0 : (size_t)n < NM_FMT_G_MAX ? (size_t)n : NM_FMT_G_MAX - 1;
	}
}

void sb_add_json_num(struct strbuf *sb, double v)
{
	char b[40], d[24];
	size_t l = 0, k = 0;
	unsigned long long q, ip;
	unsigned f;
	if (!isfinite(v)) {
		sb_adds(sb, "null");
		return;
	}
	if (fabs(v) >= 1e12) { /* rare: let printf do it */
		sb_addf(sb, "%.0f", v);
		return;
	}
	/* Fixed point with 4 decimals, without printf: this runs for every number of every note. */
	q = (unsigned long long)(fabs(v) * 10000 + 0.5);
	if (!q) {
		sb_addc(sb, '0');
		return;
	}
	ip = q / 10000;
	f = (unsigned)(q % 10000);
	if (v < 0)
		b[l++] = '-';
	do
		d[k++] = (char)('0' + ip % 10);
	while ((ip /= 10));
	while (k)
		b[l++] = d[--k];
	if (f) {
		int digits = 4;
		while (f % 10 == 0) {
			f /= 10;
			digits--;
		}
		b[l++] = '.';
		for (int i = digits - 1; i >= 0; i--, f /= 10)
			b[l + (size_t)i] = (char)('0' + f % 10);
		l += (size_t)digits;
	}
	sb_add(sb, b, l);
}

int nm_read_file(const char *path, struct strbuf *sb)
{
	FILE *f = fopen(path, "rb");
	size_t got;
	if (!f)
		return error("%s: %s", path, strerror(errno));
	for (;;) {
		sb_grow(sb, 65536);
		got = fread(sb->buf + sb->len, 1, sb->cap - sb->len - 1, f);
		sb->len += got;
		sb->buf[sb->len] = 0;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		return error("%s: read error", path);
	}
	fclose(f);
	return 0;
}

#define NM_MAX_THREAD_OWN 64

static _Thread_local struct {
	void *addr;
	void (*release)(void *);
} thread_own[NM_MAX_THREAD_OWN];
static _Thread_local int thread_nown;

void nm_thread_own(void *addr, void (*release)(void *addr))
{
	for (int i = 0; i < thread_nown; i++)
		if (thread_own[i].addr == addr && thread_own[i].release == release)
			return;
	if (thread_nown == NM_MAX_THREAD_OWN) {
		fputs("notemine: too many thread-local buffers\n", stderr);
		abort();
	}
	thread_own[thread_nown].addr = addr;
	thread_own[thread_nown].release = release;
	thread_nown++;
}

void nm_thread_release(void)
{
	while (thread_nown > 0) {
		thread_nown--;
		thread_own[thread_nown].release(thread_own[thread_nown].addr);
	}
}

void nm_release_ptr(void *addr)
{
	void **p = addr;
	free(*p);
	*p = NULL;
}

void nm_release_sb(void *addr)
{
	sb_release(addr);
}

double nm_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
