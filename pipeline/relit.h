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
 *
 * relit_extract() also finds the pattern's prefix literals when it has them: literals one of
 * which every match starts with ((由|获).{1,16}赞助 starts with 由 or 获; zero-width look-behind,
 * \b and ^ before them are skipped). Such a pattern needs to be tried only where one of them
 * occurs, anchored there: relit_set_scan() reports those positions.
 */
#ifndef NM_RELIT_H
#define NM_RELIT_H

#include <stddef.h>
#include <stdint.h>

struct relit {
	char **alt;  /* the text must contain one of these (none: no filter) */
	size_t nalt;
	char **pre;  /* every match starts with one of these (none: unknown) */
	size_t npre;
};

/* Find the required and the prefix literals of pattern (NUL-terminated PCRE2 syntax) into r
 * (each filled with no literals when none are certain). Prefix literals all start with a code
 * point below U+30000. */
void relit_extract(const char *pattern, struct relit *r);
void relit_release(struct relit *r);

/* 0 when text[0..n) holds none of r's literals (the pattern cannot match it), else 1. */
int relit_may_match(const struct relit *r, const char *text, size_t n);

/* Many patterns' literals, found in one pass over a text. Entries are indexed by their first
 * character: a text character that starts no literal costs one bitmap test, one that does
 * finds its entries by the bitmap's rank (no search). */
struct relit_set {
	size_t npat;
	unsigned char *always;  /* per pattern: 1 when it has no literals */
	struct relit_ent {
		const char *s;  /* borrowed from the relit */
		size_t len;
		size_t pat;
		int pre;        /* a prefix literal (else a required one) */
		uint32_t w4, m4; /* up to 4 bytes after the first character, and their mask */
		size_t lf;      /* bytes of the first character */
	} *ent;                 /* sorted by first code point */
	/* what the scan reads of each entry (the same order), 16 bytes so a character's
	 * entries share few cache lines; ent[k].s only for literals longer than 4 bytes past
	 * their first character */
	struct relit_hot {
		uint32_t w4, m4; /* as in ent */
		uint32_t len;
		uint32_t pp;     /* pattern << 1 | prefix literal */
	} *hot;
	size_t nent;
	int32_t *first;         /* first code point of each entry */
	uint64_t bitmap[0x30000 / 64]; /* code points that start some literal */
	uint32_t rank[0x30000 / 64];   /* set bits of bitmap before each word */
	uint32_t *grp;          /* k-th code point of the bitmap: entries grp[k] .. grp[k + 1] */
};

/* Build the set from pats[0..n) (borrowed: they must outlive the set). */
void relit_set_build(struct relit_set *set, const struct relit *pats, size_t n);
void relit_set_release(struct relit_set *set);

/* Where the prefix literals of a set's patterns occur in one text (caller-owned scratch,
 * reused from text to text; zero-initialised before first use). */
struct relit_found {
	struct relit_occ { uint32_t pos, pat; } *occ; /* in text order */
	size_t nocc, cap_occ;
	uint32_t *pos;    /* positions grouped by pattern, ascending within each */
	size_t cap_pos;
	size_t *start;    /* pattern i's positions: pos[start[i] .. start[i + 1]) */
	size_t cap_start;
};

void relit_found_release(struct relit_found *f);

/* Set may[i] to 1 for every pattern i that may match text[0..n) (folded), else 0. When found
 * is not NULL, also record where each pattern's prefix literals occur (a position may be
 * recorded twice when two prefix literals of one pattern start there). */
void relit_set_scan(const struct relit_set *set, const char *text, size_t n, unsigned char *may,
		    struct relit_found *found);

/* The positions (ascending) in the last scanned text where a prefix literal of pattern pat
 * starts; their number in *count. */
static inline const uint32_t *relit_found_at(const struct relit_found *f, size_t pat,
					     size_t *count)
{
	*count = f->start[pat + 1] - f->start[pat];
	return f->pos + f->start[pat];
}

#endif
