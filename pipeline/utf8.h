/*
 * utf8.h - small, fast UTF-8 helpers used on hot paths (no ICU, no allocation).
 *
 * Validation follows RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF.
 */
#ifndef NM_UTF8_H
#define NM_UTF8_H

#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* Length in bytes (1-4) of the valid UTF-8 sequence at s (n bytes available), or 0 when
 * the bytes at s do not start a valid sequence. Inline: it runs once per character on hot
 * paths (repair, JSON output). */
static inline size_t utf8_valid_len(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c;
	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		return 2;
	}
	if (c < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0;
		if (c == 0xED && s[1] >= 0xA0)
			return 0;
		return 3;
	}
	if (c < 0xF5) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}


/* utf8_decode's general case, out of line: any sequence, valid or not. */
int32_t utf8_decode_any(const char *str, size_t n, size_t *len);

/* Decode the code point at s; on invalid input return U+FFFD and set *len to 1.
 * n must be > 0. Inline for ASCII and for valid three-byte sequences other than those led
 * by E0 and ED (the ones with extra checks): every analyser decodes the note character by
 * character, and Chinese text is almost all three-byte characters. */
static inline int32_t utf8_decode(const char *str, size_t n, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n && s[0] < 0x80) { /* ASCII: the common case of Latin text and markup */
		*len = 1;
		return s[0];
	}
	if (n >= 3 && s[0] >= 0xE1 && s[0] <= 0xEF && s[0] != 0xED && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		*len = 3;
		return ((int32_t)(s[0] & 0x0F) << 12) | ((int32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	return utf8_decode_any(str, n, len);
}

/* Encode cp into out (4 bytes room); return the number of bytes written. */
size_t utf8_encode(int32_t cp, char *out);

/* Byte offset of the first invalid sequence in s[0..n), or n when s is valid. */
size_t utf8_check(const char *s, size_t n);

/* Append s[0..n) to sb with every invalid byte replaced by U+FFFD and NUL bytes dropped.
 * Returns the number of replacements made. */
size_t utf8_repair(struct strbuf *sb, const char *s, size_t n);

/* True for code points of the Han script blocks (CJK Unified Ideographs and extensions,
 * compatibility ideographs, and the ideographic zero U+3007). */
int utf8_is_han(int32_t cp);

/* True when code point cp is one of the characters of the UTF-8 string set. */
int utf8_in_set(int32_t cp, const char *set);

#endif
