/*
 * normalize.c - see normalize.h.
 *
 * Per code point: ASCII is lower-cased inline; anything else goes through utf8proc's
 * NFKC + case fold; then, with t2s, a single-code-point result is mapped through the
 * traditional -> simplified table.
 *
 * The t2s table is built once by running ICU's "Traditional-Simplified" transliterator over
 * every Han code point of the BMP (CJK unified, extension A, compatibility ideographs) and
 * keeping the single-code-point changes (about 2,900). Opening the transliterator costs
 * ~35 ms, too much for start-up, so the pairs are cached in the user cache directory
 * ($XDG_CACHE_HOME/notemine or ~/.cache/notemine) as t2s-<ICU version>.bin; when the cache
 * cannot be read or written the table is built every time.
 */
#include "normalize.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>
#include <unistd.h>
#include <utf8proc.h>

#include "utf8.h"
#include "util.h"

#define T2S_MAGIC 0x5332544Eu /* "NT2S" */

static int norm_t2s;
static uint16_t *t2s_map; /* BMP code point -> simplified, 0 when unchanged */

static int han_bmp(int32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF);
}

static void cache_path(struct strbuf *sb)
{
	const char *x = getenv("XDG_CACHE_HOME");
	UVersionInfo v;
	char ver[U_MAX_VERSION_STRING_LENGTH];
	u_getVersion(v);
	u_versionToString(v, ver);
	sb_reset(sb);
	if (x && *x == '/') {
		sb_addf(sb, "%s/notemine", x);
	} else {
		x = getenv("HOME");
		if (!x || *x != '/')
			return;
		sb_addf(sb, "%s/.cache/notemine", x);
	}
	sb_addf(sb, "/t2s-%s.bin", ver);
}

/* Read the cached pairs into t2s_map. Returns 0 on success. */
static int t2s_read_cache(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = -1;
	uint32_t hdr[2];
	ssize_t r;
	if (fd < 0)
		return -1;
	if (read(fd, hdr, sizeof hdr) == (ssize_t)sizeof hdr && hdr[0] == T2S_MAGIC &&
	    hdr[1] < 0x10000) {
		size_t want = hdr[1] * 2 * sizeof(uint16_t);
		sb_grow(&sb, want);
		r = read(fd, sb.buf, want);
		if (r == (ssize_t)want) {
			const uint16_t *p = (const uint16_t *)(void *)sb.buf;
			for (uint32_t i = 0; i < hdr[1]; i++)
				t2s_map[p[2 * i]] = p[2 * i + 1];
			rc = 0;
		}
	}
	close(fd);
	sb_release(&sb);
	return rc;
}

static void t2s_write_cache(const char *path)
{
	struct strbuf sb = STRBUF_INIT, tmp = STRBUF_INIT;
	uint32_t hdr[2] = {T2S_MAGIC, 0};
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int fd;
	for (uint32_t cp = 0; cp < 0x10000; cp++)
		if (t2s_map[cp]) {
			uint16_t pr[2] = {(uint16_t)cp, t2s_map[cp]};
			sb_add(&sb, pr, sizeof pr);
			hdr[1]++;
		}
	if (slash && (size_t)(slash - path) < sizeof dir) {
		/* make the directory chain (parents of the cache dir usually exist) */
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = 0;
		for (char *p = dir + 1; *p; p++)
			if (*p == '/') {
				*p = 0;
				mkdir(dir, 0755);
				*p = '/';
			}
		mkdir(dir, 0755);
	}
	sb_addf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd >= 0) {
		int ok = write(fd, hdr, sizeof hdr) == (ssize_t)sizeof hdr &&
			 write(fd, sb.buf, sb.len) == (ssize_t)sb.len;
		if (close(fd) < 0 || !ok || rename(tmp.buf, path) < 0)
			unlink(tmp.buf);
	}
	sb_release(&tmp);
	sb_release(&sb);
}

/* Build t2s_map with ICU. Returns 0, or -1 when the transliterator is unavailable. */
static int t2s_build(void)
{
	UErrorCode st = U_ZERO_ERROR;
	static const UChar id[] = {'T', 'r', 'a', 'd', 'i', 't', 'i', 'o', 'n', 'a', 'l', '-',
				   'S', 'i', 'm', 'p', 'l', 'i', 'f', 'i', 'e', 'd', 0};
	UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	UChar *buf;
	int32_t n = 0, len, lim, cap = 0x10000;
	if (U_FAILURE(st) || !t)
		return -1;
	buf = xmalloc((size_t)cap * sizeof *buf);
	for (int32_t cp = 0x3400; cp < 0x10000; cp++)
		if (han_bmp(cp))
			buf[n++] = (UChar)cp;
	len = lim = n;
	utrans_transUChars(t, buf, &len, cap, 0, &lim, &st);
	if (U_SUCCESS(st) && len == n) {
		int32_t k = 0;
		for (int32_t cp = 0x3400; cp < 0x10000; cp++)
			if (han_bmp(cp)) {
				if (buf[k] != cp && !U16_IS_SURROGATE(buf[k]))
					t2s_map[cp] = buf[k];
				k++;
			}
	} else {
		/* lengths differ: fall back to one code point at a time */
		for (int32_t cp = 0x3400; cp < 0x10000; cp++) {
			UChar one[8];
			if (!han_bmp(cp))
				continue;
			one[0] = (UChar)cp;
			len = lim = 1;
			st = U_ZERO_ERROR;
			utrans_transUChars(t, one, &len, 8, 0, &lim, &st);
			if (U_SUCCESS(st) && len == 1 && one[0] != cp && !U16_IS_SURROGATE(one[0]))
				t2s_map[cp] = one[0];
		}
	}
	free(buf);
	utrans_close(t);
	return 0;
}

static void t2s_load(void)
{
	struct strbuf path = STRBUF_INIT;
	t2s_map = xcalloc(0x10000, sizeof *t2s_map);
	cache_path(&path);
	if (path.len && t2s_read_cache(path.buf) == 0) {
		sb_release(&path);
		return;
	}
	if (t2s_build() < 0) {
		warning("ICU Traditional-Simplified transliterator unavailable: no t2s folding");
		norm_t2s = 0;
	} else if (path.len) {
		t2s_write_cache(path.buf);
	}
	sb_release(&path);
}

const uint16_t *norm_t2s_active;

void norm_init(int t2s)
{
	norm_t2s = t2s;
	if (t2s && !t2s_map)
		t2s_load();
	norm_t2s_active = norm_t2s ? t2s_map : NULL;
}

int norm_t2s_enabled(void)
{
	return norm_t2s;
}

int32_t norm_t2s_cp(int32_t cp)
{
	if (norm_t2s && cp < 0x10000 && cp >= 0 && t2s_map[cp])
		return t2s_map[cp];
	return cp;
}

/* The folded form of a code point outside ASCII and the main CJK block, by utf8proc. */
static size_t fold_slow(int32_t cp, char *out)
{
	utf8proc_int32_t buf[8];
	utf8proc_ssize_t n;
	size_t len = 0;
	int last = 0;
	/* NFKC of one code point: compatibility decomposition with case folding, then
	 * canonical recomposition in place (no allocation) */
	n = utf8proc_decompose_char(cp, buf, 8,
				    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
					    UTF8PROC_IGNORE,
				    &last);
	if (n > (utf8proc_ssize_t)NM_ARRAY_LEN(buf)) /* U+FDFA: 18 code points, not written */
		return utf8_encode(cp, out);
	if (n > 1)
		n = utf8proc_normalize_utf32(buf, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (n < 0 || n > 4)
		return utf8_encode(cp, out);
	if (n == 1)
		return utf8_encode(norm_t2s_cp(buf[0]), out);
	for (utf8proc_ssize_t i = 0; i < n; i++)
		len += utf8_encode(buf[i], out + len);
	return len;
}

/* The last folds of other code points (punctuation, emoji, full-width forms recur within a
 * note), per thread, direct-mapped by the low bits of the code point. */
#define FOLD_CACHE 256
static _Thread_local struct fold_memo {
	int32_t cp;    /* 0: empty (code point 0 is ASCII and never cached) */
	uint8_t len;
	char out[16];
} fold_memo[FOLD_CACHE];

size_t norm_fold_other(int32_t cp, char *out)
{
	struct fold_memo *f;
	if (cp < 0x80 || (cp >= 0x4E00 && cp <= 0x9FFF))
		return norm_fold_cp(cp, out);
	f = &fold_memo[(uint32_t)cp % FOLD_CACHE];
	if (f->cp != cp) {
		f->len = (uint8_t)fold_slow(cp, f->out);
		f->cp = cp;
	}
	memcpy(out, f->out, f->len);
	return f->len;
}

void norm_append(struct strbuf *sb, const char *s, size_t n)
{
	size_t i = 0, l;
	/* Invariant: room for the rest of s at a byte a byte, plus 16 and the NUL. ASCII keeps
	 * it (a byte for a byte); before any other character it is checked again, since a fold
	 * may write up to 16 bytes. */
	if (!sb->buf || sb->len + n + 17 > sb->cap)
		sb_grow(sb, n + 16);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		if (c < 0x80) {
			sb->buf[sb->len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		if (sb->len + (n - i) + 17 > sb->cap)
			sb_grow(sb, n - i + 16);
		cp = utf8_decode(s + i, n - i, &l);
		sb->len += norm_fold_cp(cp, sb->buf + sb->len);
		i += l;
	}
	sb->buf[sb->len] = 0;
}

static _Thread_local struct text_cache {
	struct strbuf buf;
	uint32_t *o2n;
	uint8_t *start;
	size_t cap;
	unsigned long long serial;
	const char *text;
	size_t n;
	struct norm_text view;
} tc;

static void text_cache_release(void *addr)
{
	struct text_cache *c = addr;
	sb_release(&c->buf);
	free(c->o2n);
	free(c->start);
	memset(c, 0, sizeof *c);
}

const struct norm_text *norm_text_fold(const char *text, size_t n, unsigned long long serial)
{
	size_t i = 0, l;
	char *b;
	if (serial && tc.serial == serial && tc.text == text && tc.n == n)
		return &tc.view;
	nm_thread_own(&tc, text_cache_release);
	if (n + 1 > tc.cap) {
		tc.cap = (n + 1) * 2;
		tc.o2n = xrealloc(tc.o2n, tc.cap * sizeof *tc.o2n);
		tc.start = xrealloc(tc.start, tc.cap);
	}
	sb_reset(&tc.buf);
	/* room for the rest of the text at a byte a byte, plus 16 and the NUL (norm_append) */
	sb_grow(&tc.buf, n + 16);
	b = tc.buf.buf;
	while (i < n) {
		unsigned char c = (unsigned char)text[i];
		size_t at = tc.buf.len;
		int32_t cp;
		if (c < 0x80) {
			b[tc.buf.len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			tc.o2n[i] = (uint32_t)at;
			tc.start[i] = 1;
			i++;
			continue;
		}
		if (at + (n - i) + 17 > tc.buf.cap) {
			sb_grow(&tc.buf, n - i + 16);
			b = tc.buf.buf;
		}
		cp = utf8_decode(text + i, n - i, &l);
		tc.buf.len += norm_fold_cp(cp, b + at);
		tc.o2n[i] = (uint32_t)at;
		tc.start[i] = 1;
		for (size_t j = 1; j < l; j++) {
			tc.o2n[i + j] = (uint32_t)at;
			tc.start[i + j] = 0;
		}
		i += l;
	}
	b[tc.buf.len] = 0;
	tc.o2n[n] = (uint32_t)tc.buf.len;
	tc.start[n] = 1;
	tc.serial = serial;
	tc.text = text;
	tc.n = n;
	tc.view.buf = tc.buf.buf;
	tc.view.len = tc.buf.len;
	tc.view.o2n = tc.o2n;
	tc.view.start = tc.start;
	tc.view.n = n;
	return &tc.view;
}

const char *norm_key(struct strbuf *sb, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	sb_reset(sb);
	norm_append(sb, s, n);
	if (!sb->buf)
		sb_grow(sb, 1);
	return sb->buf;
}
