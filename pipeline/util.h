/*
 * util.h - memory, diagnostics and growable buffers shared by every module.
 *
 * Allocation failure is not recoverable in a filter: xmalloc() and friends print one
 * message and abort (jq jv_mem_alloc, redis zmalloc). Library code reports problems with
 * error() and returns -1; only commands call die().
 *
 * struct strbuf is a growable byte buffer that is always NUL-terminated (git strbuf).
 */
#ifndef NM_UTIL_H
#define NM_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#if defined(__GNUC__)
#define NM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define NM_NORETURN __attribute__((noreturn))
#else
#define NM_PRINTF(a, b)
#define NM_NORETURN
#endif

#define NM_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocate or abort with "notemine: out of memory". Never return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *p (an array of elem-size items, capacity *cap) so it holds at least need items. */
void nm_grow(void **p, size_t *cap, size_t need, size_t elem);
/* The capacity test is inline (hot loops grow per item); need is evaluated twice. */
#define NM_GROW(p, cap, need) \
	((need) <= (cap) ? (void)0 : nm_grow((void **)&(p), &(cap), (need), sizeof(*(p))))

/* Print "notemine: <message>" on stderr; return -1. */
int error(const char *fmt, ...) NM_PRINTF(1, 2);
/* Print "notemine: <message>" on stderr; no return value. */
void warning(const char *fmt, ...) NM_PRINTF(1, 2);
/* Print "notemine: <message>" on stderr and exit(2). Commands only. */
void die(const char *fmt, ...) NM_PRINTF(1, 2) NM_NORETURN;

struct strbuf {
	char *buf;   /* always NUL-terminated once initialised */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_init(struct strbuf *sb, size_t hint);
void sb_release(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_grow(struct strbuf *sb, size_t extra);

/* Append n bytes / one byte. Inline: they run for every token and character of the output;
 * only a full buffer takes the call to sb_grow(). */
static inline void sb_add(struct strbuf *sb, const void *p, size_t n)
{
	if (!sb->buf || sb->len + n + 1 > sb->cap)
		sb_grow(sb, n);
	memcpy(sb->buf + sb->len, p, n);
	sb->len += n;
	sb->buf[sb->len] = 0;
}

static inline void sb_addc(struct strbuf *sb, char c)
{
	if (!sb->buf || sb->len + 2 > sb->cap)
		sb_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = 0;
}
/* Append a NUL-terminated string (inline, so a literal's length is known when compiling). */
static inline void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}
void sb_addf(struct strbuf *sb, const char *fmt, ...) NM_PRINTF(2, 3);
/* Append a JSON string literal (with quotes) for UTF-8 bytes s[0..n); invalid UTF-8 is
 * written as U+FFFD so the output is always valid JSON. */
void sb_add_json_str(struct strbuf *sb, const char *s, size_t n);

/* The body of sb_add_json_str (no quotes): the JSON escape of s[0..n) written at o, which must
 * have room for 6 * n bytes; returns the end. Inline, for callers that write many short
 * strings after making room once (a note's tokens). */
static inline char *json_escape(char *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			*o++ = (char)c;
			i++;
		} else if (c < 0x80) {
			*o++ = '\\';
			switch (c) {
			case '"': *o++ = '"'; break;
			case '\\': *o++ = '\\'; break;
			case '\n': *o++ = 'n'; break;
			case '\r': *o++ = 'r'; break;
			case '\t': *o++ = 't'; break;
			default:
				*o++ = 'u';
				*o++ = '0';
				*o++ = '0';
				*o++ = hex[c >> 4];
				*o++ = hex[c & 15];
				break;
			}
			i++;
		} else {
			size_t l = utf8_valid_len(s + i, n - i);
			if (l) {
				for (size_t k = 0; k < l; k++)
					o[k] = s[i + k];
				o += l;
				i += l;
			} else {
				o[0] = (char)0xEF; /* U+FFFD */
				o[1] = (char)0xBF;
				o[2] = (char)0xBD;
				o += 3;
				i++;
			}
		}
	}
	return o;
}

/* Room nm_fmt_g needs. */
#define NM_FMT_G_MAX 32

/* Write x as printf's "%.*g" with precision prec writes it (the same bytes, NUL-terminated)
 * to out (NM_FMT_G_MAX bytes); returns the length. Evidence texts print their factors this
 * way once per contribution, and snprintf's exact binary-to-decimal conversion was a tenth
 * of sentiment's time. The fast path rounds x * 10^k computed in doubles (one rounding, so
 * its error is below 1e-7 for prec <= 9); whatever it cannot decide exactly goes to snprintf:
 * prec outside 1..9, NaN and infinities, |x| outside [1e-13, 1e15), and roundings within 1e-6
 * of a tie. */
size_t nm_fmt_g(char *out, double x, int prec);

/* Append a number the way JSON wants it: shortest form with at most 4 decimals, no -0. */
void sb_add_json_num(struct strbuf *sb, double v);

/* Read a whole file into sb (appending). Returns 0, or -1 after error(). */
int nm_read_file(const char *path, struct strbuf *sb);

/* Thread-local scratch memory: a module that keeps per-thread buffers registers each one the
 * first time it allocates it (addr: the thread-local variable; release: frees what it holds).
 * A worker thread calls nm_thread_release() right before it ends, so that nothing it
 * allocated is lost; the buffers must not be used by that thread afterwards. */
void nm_thread_own(void *addr, void (*release)(void *addr));
void nm_thread_release(void);
/* Ready-made release functions: a pointer variable (free), a struct strbuf (sb_release). */
void nm_release_ptr(void *addr);
void nm_release_sb(void *addr);

/* Monotonic seconds, for progress and benchmarks only. */
double nm_now(void);

#endif
