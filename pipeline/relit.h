/*
 * relit.h - required literals of a regular expression, to skip patterns that cannot match.
 *
 * Lexicon patterns (note_type, resonance, sips) run once per note over its whole text; a
 * PCRE2 pattern that opens with an alternation of Han words tries to match at nearly every
 * byte. Most such patterns hold a mandatory piece that is a plain literal or an alternation
 * of plain literals: (感谢|鸣谢).{0,16}(赞助|冠名) cannot match a text without 赞助 or 冠名.
 * relit_extract() finds the best such piece at the top level of the pattern (outside every
 * optional part, alternation, class and look-around), and relit_may_match() checks a text
 * for it with memmem, so the regex engine only runs where it can succeed.
 *
 * The filter is sound: when relit_extract() finds nothing certain it keeps no literals and
 * relit_may_match() always says yes. Literals are lower-cased (ASCII), for caseless patterns
 * run on text folded by normalize.h.
 */
#ifndef NM_RELIT_H
#define NM_RELIT_H

#include <stddef.h>
#include <stdint.h>

struct relit {
	char **alt;  /* the text must contain one of these (none: no filter) */
	size_t nalt;
};

/* Find the required literals of pattern (NUL-terminated PCRE2 syntax) into r (filled with
 * no literals when none are certain). */
void relit_extract(const char *pattern, struct relit *r);
void relit_release(struct relit *r);

/* 0 when text[0..n) holds none of r's literals (the pattern cannot match it), else 1. */
int relit_may_match(const struct relit *r, const char *text, size_t n);

/* Many patterns' literals, found in one pass over a text. Entries are indexed by their first
 * character: a text character that starts no literal costs one bitmap test. */
struct relit_set {
	size_t npat;
	unsigned char *always;  /* per pattern: 1 when it has no literals */
	struct relit_ent {
		const char *s;  /* borrowed from the relit */
		size_t len;
		size_t pat;
	} *ent;                 /* sorted by first code point */
	size_t nent;
	int32_t *first;         /* first code point of each entry */
	uint64_t bitmap[0x30000 / 64]; /* code points that start some literal */
};

/* Build the set from pats[0..n) (borrowed: they must outlive the set). */
void relit_set_build(struct relit_set *set, const struct relit *pats, size_t n);
void relit_set_release(struct relit_set *set);

/* Set may[i] to 1 for every pattern i that may match text[0..n) (folded), else 0. */
void relit_set_scan(const struct relit_set *set, const char *text, size_t n, unsigned char *may);

#endif
