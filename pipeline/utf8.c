/* utf8.c - see utf8.h. */
#include "utf8.h"

#include "util.h"

int32_t utf8_decode_any(const char *str, size_t n, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t l = utf8_valid_len(str, n);
	*len = l ? l : 1;
	switch (l) {
	case 1: return s[0];
	case 2: return ((int32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	case 3: return ((int32_t)(s[0] & 0x0F) << 12) | ((int32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	case 4:
		return ((int32_t)(s[0] & 0x07) << 18) | ((int32_t)(s[1] & 0x3F) << 12) |
		       ((int32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
	default: return 0xFFFD;
	}
}

size_t utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t utf8_check(const char *s, size_t n)
{
	size_t i = 0, l;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		l = utf8_valid_len(s + i, n - i);
		if (!l)
			return i;
		i += l;
	}
	return n;
}

size_t utf8_repair(struct strbuf *sb, const char *s, size_t n)
{
	size_t i = 0, start = 0, l, bad = 0;
	sb_grow(sb, n);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c && c < 0x80) {
			i++;
			continue;
		}
		l = c ? utf8_valid_len(s + i, n - i) : 0;
		if (l) {
			i += l;
			continue;
		}
		sb_add(sb, s + start, i - start);
		if (c) {
			sb_add(sb, "\xEF\xBF\xBD", 3);
			bad++;
		}
		i++;
		start = i;
	}
	sb_add(sb, s + start, n - start);
	return bad;
}

int utf8_is_han(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       cp == 0x3007;
}

int utf8_in_set(int32_t cp, const char *set)
{
	size_t i = 0, l, n = strlen(set);
	while (i < n) {
		if (utf8_decode(set + i, n - i, &l) == cp)
			return 1;
		i += l ? l : 1;
	}
	return 0;
}
