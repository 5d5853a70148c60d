/*
 * normalize.h - the lookup normaliser shared by the tokenizer and every lexicon.
 *
 * Text is never rewritten in output: tokens keep their original characters. For lookup
 * only, each code point is folded: NFKC compatibility (full-width ｉＰｈｏｎｅ１５ -> iphone15,
 * ① -> 1), case folding, and traditional -> simplified Chinese (媽媽 -> 妈妈) when enabled.
 * Folding is per code point and table driven after norm_init(), so it is cheap on hot paths
 * and keeps a simple mapping between original and folded offsets.
 */
#ifndef NM_NORMALIZE_H
#define NM_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "utf8.h"

struct strbuf;

/* Build the folding tables. t2s: also fold traditional to simplified Chinese. Call once
 * before any other norm_ function (not thread-safe itself; the tables are read-only after). */
void norm_init(int t2s);

/* Whether traditional -> simplified folding is on (it is off when ICU lacks the
 * transliterator even if norm_init(1) was called). */
int norm_t2s_enabled(void);

/* The simplified form of Han code point cp when t2s is on, else cp itself. */
int32_t norm_t2s_cp(int32_t cp);

/* For norm_fold_cp's inline part only: the t2s table when t2s folding is on, else NULL; and
 * the fold of any code point, out of line (used for those outside ASCII and U+4E00..U+9FFF). */
extern const uint16_t *norm_t2s_active;
size_t norm_fold_other(int32_t cp, char *out);

/* Append the folded form of code point cp to out (room for 16 bytes); return bytes written.
 * Most code points fold to one; a few (NFKC ligatures, ㎏) to several; ignorable ones
 * (zero-width, variation selectors) to none. Inline for ASCII and the main Han block (t2s,
 * then three bytes: the table maps Han to Han, which never needs fewer). */
static inline size_t norm_fold_cp(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return 1;
	}
	if (cp < 0x4E00 || cp > 0x9FFF)
		return norm_fold_other(cp, out);
	if (norm_t2s_active && norm_t2s_active[cp]) {
		cp = norm_t2s_active[cp];
		if (cp < 0x800)
			return utf8_encode(cp, out);
	}
	o[0] = (unsigned char)(0xE0 | (cp >> 12));
	o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[2] = (unsigned char)(0x80 | (cp & 0x3F));
	return 3;
}

/* Append the folded form of s[0..n) (any bytes; invalid UTF-8 becomes U+FFFD) to sb. */
void norm_append(struct strbuf *sb, const char *s, size_t n);

/* A whole text folded once, with the map from original to folded offsets. */
struct norm_text {
	const char *buf;        /* folded text (NUL-terminated) */
	size_t len;
	const uint32_t *o2n;    /* original byte -> folded offset of its character (n + 1) */
	const uint8_t *start;   /* original byte: 1 where a character starts, and at n */
	size_t n;               /* bytes of the original text */
};

/* Fold text[0..n) character by character as norm_append does, into the calling thread's
 * buffer (valid until the next call on the thread with another text). The text of one note
 * is folded once for every analyser: when serial is not 0 and the same (serial, text, n) was
 * folded last, that result is returned as it is. The folded form of text[a..b) where a and b
 * are character starts is buf[o2n[a] .. o2n[b]), the same bytes as norm_append of it. */
const struct norm_text *norm_text_fold(const char *text, size_t n, unsigned long long serial);

/* The lexicon key of a term: norm_append of the term with leading and trailing white space
 * removed. Returns sb->buf (sb is reset first). */
const char *norm_key(struct strbuf *sb, const char *s, size_t n);

#endif
