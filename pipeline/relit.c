/*
 * relit.c - see relit.h.
 *
 * One pass over the pattern at nesting depth 0. Each top-level item is a literal character,
 * an escape, a character class, a group or an anchor, and may be followed by a quantifier.
 * Candidates are: a run of literal characters (a quantifier that allows zero repetitions
 * removes the character it applies to from the run), and a non-optional plain group whose
 * alternatives are all plain literals. A top-level '|' makes nothing certain. The candidate
 * whose shortest literal is longest wins.
 */
#include "relit.h"

#include <ctype.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

static int is_meta(char c)
{
	return strchr("\\^$.|?*+()[]{}", c) != NULL;
}

/* Length of the UTF-8 character at p. */
static size_t char_len(const char *p)
{
	unsigned char c = (unsigned char)*p;
	size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	for (size_t i = 1; i < l; i++)
		if (!p[i])
			return i;
	return l;
}

/* End of the item that starts at p (a group, class, escape or one character). */
static const char *item_end(const char *p)
{
	if (*p == '\\')
		return p[1] ? p + 1 + char_len(p + 1) : p + 1;
	if (*p == '[') {
		const char *q = p + 1;
		if (*q == '^')
			q++;
		if (*q == ']')
			q++;
		while (*q && *q != ']')
			q += *q == '\\' && q[1] ? 1 + char_len(q + 1) : char_len(q);
		return *q ? q + 1 : q;
	}
	if (*p == '(') {
		int depth = 0;
		const char *q = p;
		while (*q) {
			if (*q == '\\' && q[1]) {
				q += 1 + char_len(q + 1);
				continue;
			}
			if (*q == '[') {
				q = item_end(q);
				continue;
			}
			if (*q == '(')
				depth++;
			else if (*q == ')' && --depth == 0)
				return q + 1;
			q += char_len(q);
		}
		return q;
	}
	return p + char_len(p);
}

/* A quantifier at p: its end in *end; *optional when it allows zero repetitions. */
static int quantifier(const char *p, const char **end, int *optional)
{
	*optional = 0;
	if (*p == '?' || *p == '*' || *p == '+') {
		*optional = *p != '+';
		p++;
	} else if (*p == '{' && p[1] >= '0' && p[1] <= '9') {
		const char *q = p + 1;
		long lo = 0;
		while (*q >= '0' && *q <= '9')
			lo = lo * 10 + (*q++ - '0');
		if (*q == ',')
			q++;
		while (*q >= '0' && *q <= '9')
			q++;
		if (*q != '}')
			return 0;
		*optional = lo == 0;
		p = q + 1;
	} else {
		return 0;
	}
	if (*p == '?' || *p == '+') /* lazy or possessive */
		p++;
	*end = p;
	return 1;
}

struct cand {
	char **alt;
	size_t nalt;
	size_t shortest;
};

static void cand_free(struct cand *c)
{
	for (size_t i = 0; i < c->nalt; i++)
		free(c->alt[i]);
	free(c->alt);
	memset(c, 0, sizeof *c);
}

static char *lower_dup(const char *s, size_t n)
{
	char *d = xstrndup(s, n);
	for (size_t i = 0; i < n; i++)
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] = (char)(d[i] + 32);
	return d;
}

/* Keep c in best when it is better; c is consumed either way. */
static void consider(struct cand *best, struct cand *c)
{
	if (c->nalt && c->shortest > best->shortest) {
		cand_free(best);
		*best = *c;
		memset(c, 0, sizeof *c);
	}
	cand_free(c);
}

/* A finished run of literal characters is a candidate of one literal; run is emptied. */
static void end_run(struct cand *best, struct strbuf *run)
{
	struct cand c;
	if (!run->len)
		return;
	memset(&c, 0, sizeof c);
	c.alt = xmalloc(sizeof *c.alt);
	c.alt[0] = lower_dup(run->buf, run->len);
	c.nalt = 1;
	c.shortest = run->len;
	consider(best, &c);
	sb_reset(run);
}

static void extract(const char *b, const char *e, struct cand *out);

/* The candidate of a group body [b, e): the literals one of which every match of the group
 * holds (nothing for look-around and other special groups). */
static void group_literals(const char *b, const char *e, struct cand *c)
{
	memset(c, 0, sizeof *c);
	if (b < e && *b == '?') {
		if (e - b >= 2 && b[1] == ':')
			b += 2; /* (?:...) */
		else
			return; /* look-around, named group, options: nothing certain */
	}
	extract(b, e, c);
}

/* The best candidate of one alternative [b, e) (no top-level '|' inside). */
static void extract_alt(const char *b, const char *e, struct cand *best)
{
	struct cand c;
	struct strbuf run = STRBUF_INIT;
	const char *p = b;

	memset(best, 0, sizeof *best);
	while (p < e) {
		const char *ie = item_end(p), *qe = NULL;
		int optional = 0, has_q;
		if (ie > e)
			ie = e;
		has_q = ie < e && quantifier(ie, &qe, &optional) && qe <= e;
		if (!is_meta(*p)) {
			if (has_q && optional) { /* the character may be absent: the run ends here */
				end_run(best, &run);
			} else {
				sb_add(&run, p, (size_t)(ie - p));
				if (has_q) /* x+ : x is required, but the run cannot go on */
					end_run(best, &run);
			}
		} else {
			end_run(best, &run);
			if (*p == '(' && !(has_q && optional) && ie - p >= 2 && ie[-1] == ')') {
				group_literals(p + 1, ie - 1, &c);
				consider(best, &c);
			}
		}
		p = has_q ? qe : ie;
	}
	end_run(best, &run);
	sb_release(&run);
}

/* The union over the top-level alternatives of [b, e) of what alt() finds in each, or nothing
 * when one alternative has none. */
static void union_alts(const char *b, const char *e, struct cand *out,
		       void (*alt)(const char *, const char *, struct cand *))
{
	const char *p = b, *start = b;
	memset(out, 0, sizeof *out);
	for (;;) {
		if (p == e || *p == '|') {
			struct cand c;
			alt(start, p, &c);
			if (!c.nalt) {
				cand_free(&c);
				cand_free(out);
				return;
			}
			out->alt = xrealloc(out->alt, (out->nalt + c.nalt) * sizeof *out->alt);
			memcpy(out->alt + out->nalt, c.alt, c.nalt * sizeof *c.alt);
			if (!out->nalt || c.shortest < out->shortest)
				out->shortest = c.shortest;
			out->nalt += c.nalt;
			free(c.alt);
			if (p == e)
				return;
			start = ++p;
			continue;
		}
		p = item_end(p);
		if (p > e)
			p = e;
	}
}

/* The literals of [b, e): with top-level alternatives, the union of each one's best
 * candidate, or nothing when one alternative has none. */
static void extract(const char *b, const char *e, struct cand *out)
{
	union_alts(b, e, out, extract_alt);
}

static void prefix(const char *b, const char *e, struct cand *out);
static int zero_width(const char *b, const char *e);

/* Is the item [p, ie) zero-width: ^, \b, a look-around, or a (?:...) group of such items? */
static int zero_width_item(const char *p, const char *ie)
{
	if (*p == '^' && ie == p + 1)
		return 1;
	if (*p == '\\' && ie == p + 2 && p[1] == 'b')
		return 1;
	if (*p != '(' || ie - p < 4 || ie[-1] != ')' || p[1] != '?')
		return 0;
	if (p[2] == '=' || p[2] == '!' || (p[2] == '<' && (p[3] == '=' || p[3] == '!')))
		return 1;
	return p[2] == ':' && zero_width(p + 3, ie - 1);
}

/* Does every alternative of [b, e) consist of zero-width items only? */
static int zero_width(const char *b, const char *e)
{
	const char *p = b;
	while (p < e) {
		const char *ie, *qe;
		int optional;
		if (*p == '|') {
			p++;
			continue;
		}
		ie = item_end(p);
		if (ie > e || !zero_width_item(p, ie) || (ie < e && quantifier(ie, &qe, &optional)))
			return 0;
		p = ie;
	}
	return 1;
}

/* Add one literal of n bytes to c. */
static void cand_add(struct cand *c, const char *s, size_t n)
{
	c->alt = xrealloc(c->alt, (c->nalt + 1) * sizeof *c->alt);
	c->alt[c->nalt++] = lower_dup(s, n);
	if (c->nalt == 1 || n < c->shortest)
		c->shortest = n;
}

/* The characters of a class [p, ie) of plain characters and escaped punctuation as literals
 * into c; 0 when the class is anything else (negated, ranges, \d, ...). */
static int class_literals(const char *p, const char *ie, struct cand *c)
{
	const char *q = p + 1, *end = ie - 1;
	if (ie - p < 3 || *end != ']' || *q == '^' || *q == ']')
		return 0;
	while (q < end) {
		size_t l;
		if (*q == '\\') {
			if (q + 1 >= end || ((unsigned char)q[1] < 0x80 && isalnum((unsigned char)q[1])) ||
			    (unsigned char)q[1] >= 0x80)
				return 0;
			q++;
		} else if (*q == '-' || *q == '[') {
			return 0;
		}
		l = char_len(q);
		if (q + l > end)
			return 0;
		cand_add(c, q, l);
		q += l;
	}
	return c->nalt > 0;
}

/* The prefix literals of one alternative [b, e) (no top-level '|' inside): skip zero-width
 * items, then a run of literal characters, \d, a class of plain characters or a non-optional
 * plain group gives them. */
static void prefix_alt(const char *b, const char *e, struct cand *c)
{
	struct strbuf run = STRBUF_INIT;
	const char *p = b, *ie, *qe = NULL;
	int optional = 0, has_q;

	memset(c, 0, sizeof *c);
	for (;;) { /* zero-width items */
		if (p >= e)
			return;
		ie = item_end(p);
		if (ie > e || !zero_width_item(p, ie))
			break;
		if (ie < e && quantifier(ie, &qe, &optional))
			return; /* a quantified assertion: too odd to reason about */
		p = ie;
	}
	while (p < e && !is_meta(*p)) {
		ie = item_end(p);
		if (ie > e)
			ie = e;
		has_q = ie < e && quantifier(ie, &qe, &optional) && qe <= e;
		if (has_q && optional)
			break;
		sb_add(&run, p, (size_t)(ie - p));
		if (has_q)
			break;
		p = ie;
	}
	if (run.len) {
		cand_add(c, run.buf, run.len);
		sb_release(&run);
		return;
	}
	sb_release(&run);
	ie = item_end(p);
	if (ie > e)
		return;
	has_q = ie < e && quantifier(ie, &qe, &optional) && qe <= e;
	if (has_q && optional)
		return;
	if (*p == '\\' && ie == p + 2 && p[1] == 'd') { /* [0-9]: patterns are compiled without UCP */
		for (char d = '0'; d <= '9'; d++)
			cand_add(c, &d, 1);
	} else if (*p == '[') {
		if (!class_literals(p, ie, c))
			cand_free(c);
	} else if (*p == '(' && ie - p >= 2 && ie[-1] == ')' &&
		   (p[1] != '?' || (ie - p >= 3 && p[2] == ':'))) {
		prefix(p[1] == '?' ? p + 3 : p + 1, ie - 1, c);
	}
}

/* The prefix literals of [b, e): the union of each top-level alternative's, or nothing when
 * one alternative has none. */
static void prefix(const char *b, const char *e, struct cand *out)
{
	union_alts(b, e, out, prefix_alt);
}

void relit_extract(const char *pat, struct relit *r)
{
	struct cand c;
	extract(pat, pat + strlen(pat), &c);
	r->alt = c.alt;
	r->nalt = c.nalt;
	prefix(pat, pat + strlen(pat), &c);
	for (size_t i = 0; i < c.nalt; i++) {
		size_t l, n = strlen(c.alt[i]);
		int32_t cp = utf8_decode(c.alt[i], n, &l);
		if (cp < 0 || cp >= 0x30000 || l > n) {
			cand_free(&c); /* never filtered by the set: no prefix either */
			break;
		}
	}
	r->pre = c.alt;
	r->npre = c.nalt;
}

void relit_release(struct relit *r)
{
	for (size_t i = 0; i < r->nalt; i++)
		free(r->alt[i]);
	free(r->alt);
	for (size_t i = 0; i < r->npre; i++)
		free(r->pre[i]);
	free(r->pre);
	memset(r, 0, sizeof *r);
}

int relit_may_match(const struct relit *r, const char *text, size_t n)
{
	if (!r->nalt)
		return 1;
	for (size_t i = 0; i < r->nalt; i++)
		if (memmem(text, n, r->alt[i], strlen(r->alt[i])))
			return 1;
	return 0;
}

static int ent_cmp(const void *a, const void *b, void *first)
{
	(void)first;
	const struct relit_ent *x = a, *y = b;
	size_t lx, ly;
	int32_t cx = utf8_decode(x->s, x->len, &lx), cy = utf8_decode(y->s, y->len, &ly);
	return cx < cy ? -1 : cx > cy;
}

void relit_set_build(struct relit_set *set, const struct relit *pats, size_t n)
{
	size_t k = 0, l, ngrp = 0;
	memset(set, 0, sizeof *set);
	set->npat = n;
	set->always = xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++) {
		set->nent += pats[i].nalt + pats[i].npre;
		set->always[i] = pats[i].nalt == 0;
	}
	set->ent = xcalloc(set->nent ? set->nent : 1, sizeof *set->ent);
	set->first = xcalloc(set->nent ? set->nent : 1, sizeof *set->first);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < pats[i].nalt; j++) {
			set->ent[k].s = pats[i].alt[j];
			set->ent[k].len = strlen(pats[i].alt[j]);
			set->ent[k].pat = i;
			k++;
		}
		for (size_t j = 0; j < pats[i].npre; j++) {
			set->ent[k].s = pats[i].pre[j];
			set->ent[k].len = strlen(pats[i].pre[j]);
			set->ent[k].pat = i;
			set->ent[k].pre = 1;
			k++;
		}
	}
	qsort_r(set->ent, set->nent, sizeof *set->ent, ent_cmp, NULL);
	set->grp = xcalloc(set->nent + 1, sizeof *set->grp);
	for (k = 0; k < set->nent; k++) {
		struct relit_ent *e = &set->ent[k];
		int32_t cp = utf8_decode(e->s, e->len, &l);
		size_t rest = e->len > l ? e->len - l : 0;
		static const unsigned char ones[4] = { 0xFF, 0xFF, 0xFF, 0xFF };
		e->lf = l;
		e->w4 = e->m4 = 0;
		memcpy(&e->w4, e->s + l, rest < 4 ? rest : 4);
		memcpy(&e->m4, ones, rest < 4 ? rest : 4);
		set->first[k] = cp;
		if (cp >= 0 && cp < 0x30000) {
			if (!(set->bitmap[cp >> 6] & (1ULL << (cp & 63))))
				set->grp[ngrp++] = (uint32_t)k; /* entries are sorted by cp */
			set->bitmap[cp >> 6] |= 1ULL << (cp & 63);
		} else if (!set->ent[k].pre) { /* prefix literals are all below U+30000 */
			set->always[set->ent[k].pat] = 1; /* rare: never filtered */
		}
	}
	set->hot = xcalloc(set->nent ? set->nent : 1, sizeof *set->hot);
	for (k = 0; k < set->nent; k++) {
		const struct relit_ent *e = &set->ent[k];
		/* literals are lexicon text (a line each) and patterns a lexicon's lines: both
		 * far below the 32 and 31 bits kept here */
		set->hot[k].w4 = e->w4;
		set->hot[k].m4 = e->m4;
		set->hot[k].len = (uint32_t)e->len;
		set->hot[k].pp = (uint32_t)e->pat << 1 | (e->pre != 0);
	}
	/* entries of code points >= U+30000 sort last: the last group ends where they start */
	for (k = 0; k < set->nent && (set->first[k] < 0 || set->first[k] < 0x30000); k++)
		;
	set->grp[ngrp] = (uint32_t)k;
	for (size_t w = 0, r = 0; w < NM_ARRAY_LEN(set->bitmap); w++) {
		set->rank[w] = (uint32_t)r;
		r += (size_t)__builtin_popcountll(set->bitmap[w]);
	}
}

void relit_set_release(struct relit_set *set)
{
	free(set->always);
	free(set->ent);
	free(set->hot);
	free(set->first);
	free(set->grp);
	memset(set, 0, sizeof *set);
}

void relit_found_release(struct relit_found *f)
{
	free(f->occ);
	free(f->pos);
	free(f->start);
	memset(f, 0, sizeof *f);
}

/* Group f->occ by pattern into f->pos / f->start (a counting sort: text order is kept). */
static void found_group(const struct relit_set *set, struct relit_found *f)
{
	size_t sum = 0;
	NM_GROW(f->start, f->cap_start, set->npat + 2);
	NM_GROW(f->pos, f->cap_pos, f->nocc + 1);
	memset(f->start, 0, (set->npat + 2) * sizeof *f->start);
	for (size_t i = 0; i < f->nocc; i++)
		f->start[f->occ[i].pat + 2]++;
	for (size_t i = 2; i < set->npat + 2; i++) {
		sum += f->start[i];
		f->start[i] = sum;
	}
	/* start[i + 1] is now where pattern i's positions begin; filling advances it to where
	 * they end, which is start[i + 1] of the result */
	for (size_t i = 0; i < f->nocc; i++)
		f->pos[f->start[f->occ[i].pat + 1]++] = f->occ[i].pos;
}

/* Set bits of x (portable builds have no popcnt instruction: __builtin_popcountll would be a
 * library call). */
static inline size_t ones(uint64_t x)
{
	x -= (x >> 1) & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (size_t)((x * 0x0101010101010101ULL) >> 56);
}

/* Do the l bytes at a and b agree? (l is small: the rest of a literal) */
static inline int same_bytes(const char *a, const char *b, size_t l)
{
	for (size_t j = 0; j < l; j++)
		if (a[j] != b[j])
			return 0;
	return 1;
}

/* Entry e occurs at i: its pattern may match, or a prefix position to record. */
static inline void found_one(const struct relit_hot *e, size_t i, unsigned char *may,
			     struct relit_found *found)
{
	if (!(e->pp & 1)) {
		may[e->pp >> 1] = 1;
	} else if (found) {
		NM_GROW(found->occ, found->cap_occ, found->nocc + 1);
		found->occ[found->nocc].pos = (uint32_t)i;
		found->occ[found->nocc++].pat = e->pp >> 1;
	}
}

void relit_set_scan(const struct relit_set *set, const char *text, size_t n, unsigned char *may,
		    struct relit_found *found)
{
	size_t i = 0, l;
	memcpy(may, set->always, set->npat);
	if (found)
		found->nocc = 0;
	while (i < n) {
		int32_t cp = utf8_decode(text + i, n - i, &l);
		uint64_t word, bit;
		size_t lo, hi, skip;
		if (cp >= 0x30000) {
			i += l;
			continue;
		}
		word = set->bitmap[cp >> 6];
		bit = 1ULL << (cp & 63);
		if (!(word & bit)) {
			i += l;
			continue;
		}
		lo = set->rank[cp >> 6] + ones(word & (bit - 1));
		hi = set->grp[lo + 1];
		lo = set->grp[lo];
		/* every entry here starts with the l bytes at i (unless they are an invalid byte
		 * read as U+FFFD): compare the rest */
		skip = cp < 0x80 || l > 1 ? l : 0;
		if (skip && n - i - l >= 4) {
			/* the 4 bytes after the character against each entry's, in one test */
			uint32_t x;
			memcpy(&x, text + i + l, 4);
			for (; lo < hi; lo++) {
				const struct relit_hot *e = &set->hot[lo];
				if (e->len > n - i || (!(e->pp & 1) && may[e->pp >> 1]) ||
				    (x & e->m4) != e->w4 ||
				    (e->len > l + 4 && !same_bytes(text + i + l + 4,
								   set->ent[lo].s + l + 4,
								   e->len - l - 4)))
					continue;
				found_one(e, i, may, found);
			}
			i += l;
			continue;
		}
		for (; lo < hi; lo++) {
			const struct relit_hot *e = &set->hot[lo];
			if (e->len > n - i || (!(e->pp & 1) && may[e->pp >> 1]) ||
			    !same_bytes(text + i + skip, set->ent[lo].s + skip, e->len - skip))
				continue;
			found_one(e, i, may, found);
		}
		i += l;
	}
	if (found)
		found_group(set, found);
}
