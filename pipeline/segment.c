/*
 * segment.c - see segment.h.
 *
 * With a dictionary, a span is cut into blocks at white space, each block into units:
 *  - one Han character;
 *  - a Latin/digit run: letters, digits and combining marks, with inner apostrophes
 *    (don't, it’s), inner hyphens (well-known, covid-19), ! & $ * between letters (P!NK,
 *    AT&T), decimal points, times and thousands separators between digits (3.5, 12:30,
 *    1,000); a sign before a number (-5); a number takes a following %, ％ or ‰, or one Han
 *    character of dates and magnitudes (1997年 with 4+ digits, 12月, 31日, 8时, 30分, 3.5万,
 *    2亿) as segmentation standards do;
 *  - a run of letters of another script (kana, Hangul, Cyrillic...);
 *  - a punctuation or symbol character, repeated ones together (——, ……, ！！！).
 * Over the units of a block, a forward dynamic program finds the cheapest path: from each
 * unit the double-array trie is walked over the folded character ids of the following
 * units (each end that is a word relaxes the best cost at its end); every unit also has a
 * fallback edge (the unknown cost), Chinese numeral runs get number, ordinal and date edges
 * (三十一, 第三十七, 二〇二四年, 十二月, 三十一日), a demonstrative with a measure word gets an
 * edge just cheaper than its two characters (这款, 那家), so do a two-character word with a
 * productive suffix (幸福感, 按摩仪, 学生党) and two unknown characters with a place suffix
 * (水心村), and without a base dictionary the ICU word starting at a Han unit is an edge too;
 * a word that starts with a measure word right after a number costs MEASURE_PENALTY more
 * (三 本 书, 五 个 人). No edge list is stored: relaxation
 * happens during the walk. Runs of two or more single Han characters on the best path are
 * then re-read with the dictionary's character model (Viterbi over begin/middle/end/single
 * tags); a word it finds is kept when it beats the characters alone by CM_MARGIN and holds
 * no function character, so that likely unknown words (names, new words) merge.
 * All buffers live in the scratch and grow with the longest span, at most SEG_CHUNK bytes
 * (longer spans are cut near punctuation or white space): nothing is allocated per token.
 *
 * Without a dictionary (d == NULL), ICU's word BreakIterator segments the span.
 */
#include "segment.h"

#include <math.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "normalize.h"
#include "segdict.h"
#include "utf8.h"
#include "util.h"

struct unit {
	uint32_t cb, ce; /* character range [cb, ce) */
	uint8_t cls;     /* class of the first character */
	uint8_t num;     /* Chinese numeral character (Han units) */
};

struct seg_scratch {
	/* ICU path */
	UBreakIterator *bi;
	int bi_tried;
	UChar *u16;
	uint32_t *u8off; /* UTF-16 index -> UTF-8 byte offset in the span */
	size_t cap;
	/* dictionary path, per character */
	uint32_t *cid;   /* folded character id */
	uint32_t *coff;  /* byte offset in the span (n + 1 entries) */
	int32_t *ccp;    /* code point */
	uint8_t *ccls;   /* class */
	uint16_t *cfl;   /* SEGDICT_F_ flags */
	uint8_t *brk;    /* ICU word boundary before the character (no base dictionary) */
	uint32_t *t1;    /* trie cell of the character alone, 0: none */
	uint32_t *t2;    /* trie cell of the character and the next one, 0: none */
	uint32_t *t3;    /* trie cell of the character and the next two, 0: none */
	size_t ccap;
	/* per unit */
	struct unit *u;
	float *best;
	int32_t *back;
	int32_t *cut;    /* unit boundaries of the chosen path, reversed */
	size_t ucap;
	/* Viterbi over a run of single characters */
	float (*vs)[4];
	uint8_t (*vb)[4];
	uint8_t *tag;
};

struct seg_scratch *seg_scratch_new(void)
{
	return xcalloc(1, sizeof(struct seg_scratch));
}

void seg_scratch_free(struct seg_scratch *s)
{
	if (!s)
		return;
	if (s->bi)
		ubrk_close(s->bi);
	free(s->u16);
	free(s->u8off);
	free(s->cid);
	free(s->coff);
	free(s->ccp);
	free(s->ccls);
	free(s->cfl);
	free(s->brk);
	free(s->t1);
	free(s->t2);
	free(s->t3);
	free(s->u);
	free(s->best);
	free(s->back);
	free(s->cut);
	free(s->vs);
	free(s->vb);
	free(s->tag);
	free(s);
}

/* Spans longer than this are segmented in pieces cut near punctuation or white space. */
#define SEG_CHUNK 65536
#define SEG_CHUNK_SLACK 4096

/* ---------------------------------------------------------------- ICU fallback */

static int classify_span(const char *p, size_t n)
{
	size_t i = 0, l;
	int han = 0, latin = 0, digit = 0, other = 0, punct = 0;
	while (i < n) {
		int32_t cp = utf8_decode(p + i, n - i, &l);
		int c = segdict_class_of(cp);
		if (c == SEGC_HAN)
			han = 1;
		else if (c == SEGC_DIGIT)
			digit = 1;
		else if (c == SEGC_ALPHA)
			latin = 1;
		else if (c == SEGC_PUNCT)
			punct = 1;
		else if (c != SEGC_SPACE && c != SEGC_MARK)
			other = 1;
		i += l;
	}
	if (han)
		return TOK_HAN;
	if (digit && !latin) {
		utf8_decode(p, n, &l);
		return TOK_NUMBER;
	}
	if (latin) {
		int32_t cp = utf8_decode(p, n, &l);
		return segdict_class_of(cp) == SEGC_DIGIT ? TOK_NUMBER : TOK_LATIN;
	}
	if (other)
		return TOK_WORD;
	return punct ? TOK_PUNCT : TOK_WORD;
}

static int is_space_cp(int32_t cp)
{
	return segdict_class_of(cp) == SEGC_SPACE;
}

/* Emit s[a..b) as a token unless it is only white space; trim white space at the ends. */
static void emit_trimmed(const char *text, size_t a, size_t b, size_t base, struct tokens *out)
{
	size_t l;
	while (a < b) {
		int32_t cp = utf8_decode(text + a, b - a, &l);
		if (!is_space_cp(cp))
			break;
		a += l;
	}
	while (b > a) {
		size_t k = b - 1;
		while (k > a && ((unsigned char)text[k] & 0xC0) == 0x80)
			k--;
		int32_t cp = utf8_decode(text + k, b - k, &l);
		if (!is_space_cp(cp))
			break;
		b = k;
	}
	if (b > a)
		tokens_push(out, (uint32_t)(base + a), (uint32_t)(b - a),
			    classify_span(text + a, b - a));
}

static inline void relax(struct seg_scratch *s, size_t to, float cost, int32_t from);

static void open_bi(struct seg_scratch *s)
{
	UErrorCode st = U_ZERO_ERROR;
	if (s->bi_tried)
		return;
	s->bi_tried = 1;
	s->bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
	if (U_FAILURE(st))
		s->bi = NULL;
}

static void segment_icu(struct seg_scratch *s, const char *text, size_t len, size_t base,
			struct tokens *out)
{
	size_t i = 0, n16 = 0, l;
	UErrorCode st = U_ZERO_ERROR;
	int32_t prev, cur;
	open_bi(s);
	if (2 * len + 1 > s->cap) {
		s->cap = 2 * len + 1;
		s->u16 = xrealloc(s->u16, s->cap * sizeof *s->u16);
		s->u8off = xrealloc(s->u8off, (s->cap + 1) * sizeof *s->u8off);
	}
	while (i < len) {
		int32_t cp = utf8_decode(text + i, len - i, &l);
		if (cp > 0xFFFF) {
			s->u8off[n16] = (uint32_t)i;
			s->u16[n16++] = U16_LEAD(cp);
			s->u8off[n16] = (uint32_t)i;
			s->u16[n16++] = U16_TRAIL(cp);
		} else {
			s->u8off[n16] = (uint32_t)i;
			s->u16[n16++] = (UChar)cp;
		}
		i += l;
	}
	s->u8off[n16] = (uint32_t)len;
	if (!s->bi) {
		emit_trimmed(text, 0, len, base, out);
		return;
	}
	ubrk_setText(s->bi, s->u16, (int32_t)n16, &st);
	if (U_FAILURE(st)) {
		emit_trimmed(text, 0, len, base, out);
		return;
	}
	prev = ubrk_first(s->bi);
	while ((cur = ubrk_next(s->bi)) != UBRK_DONE) {
		emit_trimmed(text, s->u8off[prev], s->u8off[cur], base, out);
		prev = cur;
	}
}

/* ---------------------------------------------------------------- dictionary path */

/* Mark s->brk[c] for the n characters of the span (decoded already) where ICU's word
 * BreakIterator puts a boundary. Without ICU every character is its own word. */
static void icu_marks(struct seg_scratch *s, size_t n)
{
	size_t c, n16 = 0;
	UErrorCode st = U_ZERO_ERROR;
	int32_t b;
	open_bi(s);
	if (2 * n + 1 > s->cap) {
		s->cap = 2 * n + 1;
		s->u16 = xrealloc(s->u16, s->cap * sizeof *s->u16);
		s->u8off = xrealloc(s->u8off, (s->cap + 1) * sizeof *s->u8off);
	}
	for (c = 0; c < n; c++) {
		int32_t cp = s->ccp[c];
		s->brk[c] = 0;
		s->u8off[n16] = (uint32_t)c; /* here: UTF-16 index -> character index */
		if (cp > 0xFFFF) {
			s->u16[n16++] = U16_LEAD(cp);
			s->u8off[n16] = (uint32_t)c;
			s->u16[n16++] = U16_TRAIL(cp);
		} else {
			s->u16[n16++] = (UChar)cp;
		}
	}
	s->u8off[n16] = (uint32_t)n;
	s->brk[n] = 1;
	if (!s->bi) {
		memset(s->brk, 1, n + 1);
		return;
	}
	ubrk_setText(s->bi, s->u16, (int32_t)n16, &st);
	if (U_FAILURE(st)) {
		memset(s->brk, 1, n + 1);
		return;
	}
	for (b = ubrk_first(s->bi); b != UBRK_DONE; b = ubrk_next(s->bi))
		s->brk[s->u8off[b]] = 1;
}

/* ICU word edge from Han unit j (no base dictionary): the ICU word that starts there, when
 * it ends on a unit boundary and holds only Han units. */
static void icu_edge(struct seg_scratch *s, size_t j, size_t nu, float cost)
{
	size_t k = j + 1;
	if (!s->brk[s->u[j].cb])
		return;
	while (k < nu && s->u[k].cls == SEGC_HAN && !s->brk[s->u[k].cb])
		k++;
	if (k < nu && !s->brk[s->u[k].cb])
		return; /* the ICU word runs into a non-Han unit */
	relax(s, k, s->best[j] + cost, (int32_t)j);
}

/* Chinese numeral digit value (0-9), 10/100/1000/10000 for the multipliers, -1 otherwise. */
static int cn_digit(int32_t cp)
{
	switch (cp) {
	case 0x3007: case 0x25CB: case 0x96F6: case 0xFF10: return 0; /* 〇 ○ 零 */
	case 0x4E00: return 1;
	case 0x4E8C: case 0x4E24: return 2; /* 二 两 */
	case 0x4E09: return 3;
	case 0x56DB: return 4;
	case 0x4E94: return 5;
	case 0x516D: return 6;
	case 0x4E03: return 7;
	case 0x516B: return 8;
	case 0x4E5D: return 9;
	case 0x5341: return 10;    /* 十 */
	case 0x767E: return 100;   /* 百 */
	case 0x5343: return 1000;  /* 千 */
	case 0x4E07: return 10000; /* 万 */
	case 0x4EBF: return 100000; /* 亿 (only its class matters) */
	default: return -1;
	}
}

/* Value of a small Chinese numeral (digits and 十 only: 十二, 三十一), or -1. */
static int cn_small_value(const int32_t *cp, size_t n)
{
	int v = 0, cur = -1;
	for (size_t i = 0; i < n; i++) {
		int d = cn_digit(cp[i]);
		if (d < 0 || d > 10 || cp[i] == 0x4E24)
			return -1;
		if (d == 10) {
			v += (cur < 0 ? 1 : cur) * 10;
			cur = -1;
		} else {
			if (cur >= 0)
				return -1;
			cur = d;
		}
	}
	if (cur >= 0)
		v += cur;
	return v;
}

/* The code-point cell of cp (see segdict.h), computed for code points past the table. */
static inline uint32_t cell_of(const struct segdict_view *v, int32_t cp)
{
	if (cp < SEGDICT_CPMAX)
		return segdict_cpinfo(v->cp_page, v->cp_cell, cp);
	return (uint32_t)segdict_class_of(cp);
}

static void grow_chars(struct seg_scratch *s, size_t n)
{
	if (n + 2 <= s->ccap)
		return;
	s->ccap = (n + 2) * 2;
	s->cid = xrealloc(s->cid, s->ccap * sizeof *s->cid);
	s->coff = xrealloc(s->coff, s->ccap * sizeof *s->coff);
	s->ccp = xrealloc(s->ccp, s->ccap * sizeof *s->ccp);
	s->ccls = xrealloc(s->ccls, s->ccap * sizeof *s->ccls);
	s->cfl = xrealloc(s->cfl, s->ccap * sizeof *s->cfl);
	s->brk = xrealloc(s->brk, s->ccap * sizeof *s->brk);
	s->t1 = xrealloc(s->t1, s->ccap * sizeof *s->t1);
	s->t2 = xrealloc(s->t2, s->ccap * sizeof *s->t2);
	s->t3 = xrealloc(s->t3, s->ccap * sizeof *s->t3);
	s->u = xrealloc(s->u, s->ccap * sizeof *s->u);
	s->best = xrealloc(s->best, s->ccap * sizeof *s->best);
	s->back = xrealloc(s->back, s->ccap * sizeof *s->back);
	s->cut = xrealloc(s->cut, s->ccap * sizeof *s->cut);
	s->vs = xrealloc(s->vs, s->ccap * sizeof *s->vs);
	s->vb = xrealloc(s->vb, s->ccap * sizeof *s->vb);
	s->tag = xrealloc(s->tag, s->ccap * sizeof *s->tag);
}

static int is_alnum_cls(int c)
{
	return c == SEGC_ALPHA || c == SEGC_DIGIT || c == SEGC_MARK;
}

static int is_apos(int32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

static int is_hyphen(int32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* Symbols that stay inside a Latin word between letters: P!NK, AT&T, Ke$ha */
static int is_inner_sym(int32_t cp)
{
	return cp == '!' || cp == '&' || cp == '$' || cp == '*';
}

static int is_decimal_sep(int32_t cp)
{
	return cp == '.' || cp == 0xFF0E || cp == ':' || cp == 0xFF1A;
}

static int is_percent(int32_t cp)
{
	return cp == '%' || cp == 0xFF05 || cp == 0x2030;
}

/* Han characters that stay with a preceding number: 年 (4+ digits) 月 日 时 分 万 亿 */
static int is_num_suffix(int32_t cp)
{
	return cp == 0x5E74 || cp == 0x6708 || cp == 0x65E5 || cp == 0x65F6 || cp == 0x5206 ||
	       cp == 0x4E07 || cp == 0x4EBF;
}

/* Is the suffix character at c the start of a longer word instead (20 分钟, 3 时间)? */
static int suffix_starts_word(const int32_t *cp, size_t c, size_t c1)
{
	int32_t x = norm_t2s_cp(cp[c]), next = c + 1 < c1 ? norm_t2s_cp(cp[c + 1]) : 0;
	if (x == 0x5206) /* 分: 分钟 */
		return next == 0x949F;
	if (x == 0x65F6) /* 时: 时候 时间 时代 时期 时刻 时段 */
		return next == 0x5019 || next == 0x95F4 || next == 0x4EE3 || next == 0x671F ||
		       next == 0x523B || next == 0x6BB5;
	return 0;
}

static int is_sign(int32_t cp)
{
	return cp == '-' || cp == 0xFF0D || cp == '+' || cp == 0xFF0B || cp == 0x2212;
}

/* Does the non-alphanumeric character c (inside [.., c1)) join the Latin/digit run before
 * it with the one after it? */
static int latin_joins(const uint8_t *cls, const int32_t *cp, size_t c, size_t c1)
{
	int before, after;
	if (c + 1 >= c1 || !is_alnum_cls(cls[c + 1]))
		return 0;
	before = cls[c - 1];
	after = cls[c + 1];
	if (is_apos(cp[c]) || is_inner_sym(cp[c])) /* don't, P!NK */
		return before == SEGC_ALPHA && after == SEGC_ALPHA;
	if (is_hyphen(cp[c])) /* well-known, covid-19 */
		return after != SEGC_MARK;
	if (is_decimal_sep(cp[c])) /* 3.5, 12:30 */
		return before == SEGC_DIGIT && after == SEGC_DIGIT;
	if (cp[c] == ',' || cp[c] == 0xFF0C) /* 1,000 but not 1,2 or 1,2345 */
		return before == SEGC_DIGIT && c + 3 < c1 && cls[c + 1] == SEGC_DIGIT &&
		       cls[c + 2] == SEGC_DIGIT && cls[c + 3] == SEGC_DIGIT &&
		       (c + 4 >= c1 || cls[c + 4] != SEGC_DIGIT);
	return 0;
}

/* Cut chars [c0, c1) (no white space) into units; returns the number of units. */
static size_t make_units(struct seg_scratch *s, size_t c0, size_t c1)
{
	size_t c = c0, nu = 0;
	const uint8_t *cls = s->ccls;
	const int32_t *cp = s->ccp;
	while (c < c1) {
		struct unit *u = &s->u[nu++];
		int k = cls[c];
		u->cb = (uint32_t)c;
		u->cls = (uint8_t)k;
		u->num = 0;
		if (k == SEGC_PUNCT && cp[c] == 0x25CB &&
		    ((c > c0 && (s->cfl[c - 1] & SEGDICT_F_NUMERAL)) ||
		     (c + 1 < c1 && (s->cfl[c + 1] & SEGDICT_F_NUMERAL))))
			k = SEGC_HAN; /* ○ written for zero: 二○○一年 */
		u->cls = (uint8_t)k;
		if (k == SEGC_PUNCT && is_sign(cp[c]) && c + 1 < c1 && cls[c + 1] == SEGC_DIGIT &&
		    (c == c0 || !is_alnum_cls(cls[c - 1]))) {
			c++; /* a signed number: -5, ＋3 */
			k = SEGC_DIGIT;
			u->cls = (uint8_t)k;
		}
		if (k == SEGC_HAN) {
			u->num = (uint8_t)((s->cfl[c] & SEGDICT_F_NUMERAL) != 0);
			c++;
		} else if (k == SEGC_ALPHA || k == SEGC_DIGIT) {
			int digits_only = 1;
			c++;
			for (;;) {
				while (c < c1 && is_alnum_cls(cls[c])) {
					if (cls[c] == SEGC_ALPHA)
						digits_only = 0;
					c++;
				}
				if (latin_joins(cls, cp, c, c1)) {
					c++;
					continue;
				}
				break;
			}
			if (digits_only && k == SEGC_DIGIT) {
				if (c < c1 && is_percent(cp[c]))
					c++;
				else if (c < c1 && cls[c] == SEGC_HAN &&
					 is_num_suffix(norm_t2s_cp(cp[c])) &&
					 (cp[c] != 0x5E74 || c - u->cb >= 4) &&
					 !suffix_starts_word(cp, c, c1))
					c++; /* 1997年 whole, 10年 apart (a duration) */
			}
		} else if (k == SEGC_OTHER || k == SEGC_MARK) {
			c++;
			while (c < c1 && (cls[c] == SEGC_OTHER || cls[c] == SEGC_MARK))
				c++;
		} else { /* punctuation: repeats together */
			int32_t first = cp[c];
			c++;
			while (c < c1 && cp[c] == first)
				c++;
			while (c < c1 && cls[c] == SEGC_MARK)
				c++;
		}
		u->ce = (uint32_t)c;
	}
	return nu;
}

static inline void relax(struct seg_scratch *s, size_t to, float cost, int32_t from)
{
	if (cost < s->best[to]) {
		s->best[to] = cost;
		s->back[to] = from;
	}
}

/* Numeral and date edges from unit i (a Chinese numeral). */
static void numeral_edges(struct seg_scratch *s, const struct segdict_view *v, size_t i,
			  size_t nu, float c_num)
{
	size_t r = i, k;
	int32_t run[16];
	size_t n = 0;
	int only_digits = 1;
	while (r < nu && s->u[r].cls == SEGC_HAN && s->u[r].num) {
		int32_t c = norm_t2s_cp(s->ccp[s->u[r].cb]);
		int d = cn_digit(c);
		if (n < NM_ARRAY_LEN(run))
			run[n] = c;
		n++;
		if (d >= 10)
			only_digits = 0;
		r++;
	}
	(void)v;
	if (n >= 2)
		relax(s, r, s->best[i] + c_num, (int32_t)i);
	if (r >= nu || s->u[r].cls != SEGC_HAN || n > NM_ARRAY_LEN(run))
		return;
	k = (size_t)norm_t2s_cp(s->ccp[s->u[r].cb]);
	if (k == 0x5E74) { /* 年: a year written in digits */
		if (only_digits && n >= 2)
			relax(s, r + 1, s->best[i] + c_num, (int32_t)i);
	} else if (k == 0x6708 || k == 0x65E5 || k == 0x53F7) { /* 月 日 号 */
		int val = cn_small_value(run, n);
		if (val >= 1 && val <= (k == 0x6708 ? 12 : 31))
			relax(s, r + 1, s->best[i] + c_num, (int32_t)i);
	}
}

/* Cost of the one-character word of character id id (the unknown cost when none). */
static float single_cost(const struct segdict_view *v, uint32_t id)
{
	int32_t b = v->node[0].base, t;
	if (!id || b <= 0)
		return v->unk_cost;
	t = b + (int32_t)id;
	if ((uint32_t)t >= v->n_nodes || segdict_parent(&v->node[t]) != 0 ||
	    segdict_word_cost(&v->node[t]) < 0)
		return v->unk_cost;
	return segdict_word_cost(&v->node[t]);
}

/* Measure words that form one word with a demonstrative (这个, 那家, 这款). */
static int is_measure(int32_t cp)
{
	static const int32_t m[] = {
		0x4E2A, 0x4F4D, 0x79CD, 0x6B21, 0x6761, 0x9879, 0x4EF6, 0x7247, 0x652F, 0x5BB6,
		0x4EFD, 0x573A, 0x5C4A, 0x671F, 0x9053, 0x5EA7, 0x6240, 0x95F4, 0x90E8, 0x672C,
		0x5F20, 0x628A, 0x53EA, 0x5C42, 0x7C7B, 0x53CC, 0x5BF9, 0x7FA4, 0x8F86, 0x53F0,
		0x6839, 0x5757, 0x7BC7, 0x9996, 0x5E45, 0x68F5, 0x9897, 0x7C92, 0x679A, 0x6B3E,
		0x74F6, 0x676F, 0x7897, 0x76D2, 0x888B, 0x987F, 0x8D9F, 0x6B3E, 0x5957, 0x6863,
	}; /* 个位种次条项件片支家份场届期道座所间部本张把只层类双对群辆台根块篇首幅棵颗粒枚款
	    * 瓶杯碗盒袋顿趟款套档 */
	for (size_t i = 0; i < NM_ARRAY_LEN(m); i++)
		if (m[i] == cp)
			return 1;
	return 0;
}

static int tok_type_of_unit(const struct seg_scratch *s, size_t c0, size_t c1)
{
	int han = 0, alpha = 0, other = 0, punct = 0;
	for (size_t c = c0; c < c1; c++) {
		int k = s->ccls[c];
		if (k == SEGC_HAN)
			han = 1;
		else if (k == SEGC_ALPHA)
			alpha = 1;
		else if (k == SEGC_OTHER)
			other = 1;
		else if (k == SEGC_PUNCT)
			punct = 1;
	}
	if (s->ccls[c0] == SEGC_DIGIT ||
	    (c0 + 1 < c1 && is_sign(s->ccp[c0]) && s->ccls[c0 + 1] == SEGC_DIGIT))
		return TOK_NUMBER;
	if (han)
		return TOK_HAN;
	if (alpha)
		return TOK_LATIN;
	if (other)
		return TOK_WORD;
	return punct ? TOK_PUNCT : TOK_WORD;
}

/* Viterbi over units a..b (single Han characters) with the character model: tags
 * (0 B, 1 M, 2 E, 3 S) go to s->tag[0..b-a). */
static void char_model(struct seg_scratch *s, const struct segdict_view *v, size_t a, size_t b)
{
	size_t n = b - a, i;
	float (*vs)[4] = s->vs;
	uint8_t (*vb)[4] = s->vb;
	int t;
	for (t = 0; t < 4; t++) {
		uint32_t id = s->cid[s->u[a].cb];
		vs[0][t] = v->start[t] + v->emit[id * 4 + (uint32_t)t];
		vb[0][t] = 0;
	}
	for (i = 1; i < n; i++) {
		uint32_t id = s->cid[s->u[a + i].cb];
		for (t = 0; t < 4; t++) {
			float bestv = -INFINITY;
			int bt = 0;
			for (int p = 0; p < 4; p++) {
				float x = vs[i - 1][p] + v->trans[p][t];
				if (x > bestv) {
					bestv = x;
					bt = p;
				}
			}
			vs[i][t] = bestv + v->emit[id * 4 + (uint32_t)t];
			vb[i][t] = (uint8_t)bt;
		}
	}
	t = vs[n - 1][2] > vs[n - 1][3] ? 2 : 3;
	for (i = n; i-- > 0;) {
		s->tag[i] = (uint8_t)t;
		t = vb[i][t];
	}
}

/* A merged unknown word must beat reading its characters alone by this many nats (the
 * word is then ~7 times likelier under the character model than the single characters). */
#define CM_MARGIN 2.0f

/* Keep the character model's word units [x, y) (tags in s->tag from ra) only when it beats
 * reading every character alone by CM_MARGIN. */
static int accept_merge(const struct seg_scratch *s, const struct segdict_view *v, size_t ra,
			size_t x, size_t y)
{
	float gain = 0;
	for (size_t i = x; i < y; i++) {
		uint32_t id = s->cid[s->u[i].cb];
		int t = s->tag[i - ra];
		if (s->cfl[s->u[i].cb] & SEGDICT_F_FUNC)
			return 0; /* 才会, 发个: function characters make no new word */
		gain += v->emit[id * 4 + (uint32_t)t] - v->emit[id * 4 + 3];
		if (i > x)
			gain += v->trans[s->tag[i - 1 - ra]][t] - v->trans[3][3];
	}
	return gain > CM_MARGIN;
}

/* Push units [a, b) as one token. */
static void push_units(const struct seg_scratch *s, size_t a, size_t b, size_t base,
		       struct tokens *out)
{
	uint32_t cb = s->u[a].cb, ce = s->u[b - 1].ce;
	tokens_push(out, (uint32_t)(base + s->coff[cb]), s->coff[ce] - s->coff[cb],
		    tok_type_of_unit(s, cb, ce));
}

/* Emit a run [ra, rb) of single Han characters of the best path: where the character model
 * reads a likely unknown word (and accept_merge() agrees) its characters become one token. */
static void emit_single_run(struct seg_scratch *s, const struct segdict_view *v, size_t ra,
			    size_t rb, size_t base, struct tokens *out)
{
	size_t x, y, start = ra;
	if (rb - ra < 2 || v->icu_words) {
		for (x = ra; x < rb; x++)
			push_units(s, x, x + 1, base, out);
		return;
	}
	char_model(s, v, ra, rb);
	for (x = ra; x < rb; x++) {
		int t = s->tag[x - ra];
		if (t != 2 && t != 3) /* not E or S: the word goes on */
			continue;
		if (x > start && !accept_merge(s, v, ra, start, x + 1)) {
			for (y = start; y <= x; y++)
				push_units(s, y, y + 1, base, out);
		} else {
			push_units(s, start, x + 1, base, out);
		}
		start = x + 1;
	}
	for (y = start; y < rb; y++) /* unreachable: the model ends in E or S */
		push_units(s, y, y + 1, base, out);
}

/* An affixed word from unit j: two Han units (a dictionary word of cost wc before a
 * productive suffix: 幸福感, 按摩仪; or, with wc < 0, two characters that are no word
 * before a place suffix: 水心村) and the suffix unit. Its cost is just under the three pieces apart, so a word that takes the
 * suffix character (感觉, 党员) still wins. Pronouns, determiners, particles and numerals
 * never take part (我们 村, 这个 党). */
static void affix_edge(struct seg_scratch *s, const struct segdict_view *v, size_t j,
		       size_t nu, float wc)
{
	const struct unit *u = s->u + j;
	uint16_t f0, f1, f2;
	if (j + 2 >= nu || u[1].cls != SEGC_HAN || u[2].cls != SEGC_HAN)
		return;
	f0 = s->cfl[u[0].cb];
	f1 = s->cfl[u[1].cb];
	f2 = s->cfl[u[2].cb];
	if (((f0 | f1) & (SEGDICT_F_FUNC | SEGDICT_F_NUMERAL | SEGDICT_F_DEMONSTR)))
		return;
	if (wc >= 0 && (f2 & SEGDICT_F_SUFFIX))
		relax(s, j + 3, s->best[j] + wc + single_cost(v, s->cid[u[2].cb]) - 1, (int32_t)j);
	else if (wc < 0 && (f2 & SEGDICT_F_PLACE))
		relax(s, j + 3,
		      s->best[j] + single_cost(v, s->cid[u[0].cb]) + single_cost(v, s->cid[u[1].cb]) +
			      single_cost(v, s->cid[u[2].cb]) - 1,
		      (int32_t)j);
}

/* Extra cost (nats) of a word that starts with a measure word right after a number; a
 * two-character measure word there costs that much less (十 分钟, not 十分 钟). */
#define MEASURE_PENALTY 5.0f

/* Two-character measure words (folded): 分钟 小时 公里 公斤 厘米 毫米 千米 平米 星期 礼拜. */
static const int32_t measure2[][2] = {
	{0x5206, 0x949F}, {0x5C0F, 0x65F6}, {0x516C, 0x91CC}, {0x516C, 0x65A4}, {0x5398, 0x7C73},
	{0x6BEB, 0x7C73}, {0x5343, 0x7C73}, {0x5E73, 0x7C73}, {0x661F, 0x671F}, {0x793C, 0x62DC},
};

/* After a number: the two-character measure word at unit j, if any, as an edge of cost. */
static void measure2_edge(struct seg_scratch *s, size_t j, size_t nu, float cost)
{
	int32_t a, b;
	if (j + 1 >= nu || s->u[j].cls != SEGC_HAN || s->u[j + 1].cls != SEGC_HAN)
		return;
	a = norm_t2s_cp(s->ccp[s->u[j].cb]);
	b = norm_t2s_cp(s->ccp[s->u[j + 1].cb]);
	for (size_t i = 0; i < NM_ARRAY_LEN(measure2); i++)
		if (measure2[i][0] == a && measure2[i][1] == b) {
			relax(s, j + 2, cost, (int32_t)j);
			return;
		}
}

/* The child of trie cell from for character id, or 0 when there is none. from 0 is the root
 * when root is set, else "no cell" (and so no child). No branch on the outcome. */
static inline uint32_t trie_child(const struct segdict_node *node, uint32_t nn, uint32_t from,
				  uint32_t id, int root)
{
	int32_t b = node[from].base;
	uint32_t t = (uint32_t)(b + (int32_t)id);
	int ok = (root || from) && id && b > 0 && t < nn;
	t = ok ? t : 0;
	ok &= segdict_parent(&node[t]) == from;
	return ok ? t : 0;
}

/* The first three trie steps of a walk from each of the n characters: t1[c] the cell of
 * character c alone, t2[c] that of c and c + 1, t3[c] that of c, c + 1 and c + 2 (0: no
 * such path; cell 0 is the root, no child). A walk's cells lie all over the array, and each
 * step waits for the one before; taken here for all characters at once, the steps of
 * different characters are independent (no branch on their outcome), so the processor
 * overlaps their cache misses instead of waiting out one at a time in dp_block's walks. */
static void trie_steps(struct seg_scratch *s, const struct segdict_view *v, size_t n)
{
	const struct segdict_node *node = v->node;
	uint32_t nn = v->n_nodes;
	for (size_t c = 0; c < n; c++)
		s->t1[c] = trie_child(node, nn, 0, s->cid[c], 1);
	for (size_t c = 0; c + 1 < n; c++)
		s->t2[c] = trie_child(node, nn, s->t1[c], s->cid[c + 1], 0);
	if (n)
		s->t2[n - 1] = 0;
	for (size_t c = 0; c + 2 < n; c++)
		s->t3[c] = trie_child(node, nn, s->t2[c], s->cid[c + 2], 0);
	for (size_t c = n > 2 ? n - 2 : 0; c < n; c++)
		s->t3[c] = 0;
}

/* The dynamic program over the units [0, nu) of one block: best[] and back[]. */
static void dp_block(struct seg_scratch *s, const struct segdict_view *v, size_t nu)
{
	/* a non-Han unit alone costs as much as an unknown character, so any dictionary word
	 * that spans several units (c++, AT&T, B超) beats reading them apart */
	float c_other = v->unk_cost, c_num = v->min_cost + 3;
	size_t j, k;
	s->best[0] = 0;
	s->back[0] = -1;
	for (j = 1; j <= nu; j++) {
		s->best[j] = INFINITY;
		s->back[j] = -1;
	}
	for (j = 0; j < nu; j++) {
		const struct unit *u = &s->u[j];
		float bj = s->best[j], pen = 0, wc;
		int32_t st = 0;
		/* a measure word right after a number starts no longer word: 三 本 书, not
		 * 三 本书; 五 个 人, not 五 个人 */
		if (j && (s->cfl[u->cb] & SEGDICT_F_MEASURE) && u->cls == SEGC_HAN &&
		    (s->u[j - 1].num || s->u[j - 1].cls == SEGC_DIGIT))
			pen = MEASURE_PENALTY;
		relax(s, j + 1, bj + (u->cls == SEGC_HAN ? v->unk_cost : c_other), (int32_t)j);
		if (v->icu_words && u->cls == SEGC_HAN)
			icu_edge(s, j, nu, v->unk_cost - 1);
		/* every dictionary word starting at unit j, by walking the trie (its first three
		 * steps were taken for every character by trie_steps()) */
		for (k = j; k < nu; k++) {
			const struct unit *w = &s->u[k];
			for (uint32_t c = w->cb; c < w->ce; c++) {
				uint32_t id = s->cid[c];
				int32_t b, t;
				if (c - u->cb < 3) {
					st = (int32_t)(c == u->cb ? s->t1[c] :
						       c == u->cb + 1 ? s->t2[c - 1] : s->t3[c - 2]);
					if (!st)
						goto walked;
					continue;
				}
				b = v->node[st].base;
				if (!id || b <= 0)
					goto walked;
				t = b + (int32_t)id;
				if ((uint32_t)t >= v->n_nodes ||
				    segdict_parent(&v->node[t]) != (uint32_t)st)
					goto walked;
				st = t;
			}
			wc = segdict_word_cost(&v->node[st]);
			if (wc >= 0) {
				relax(s, k + 1, bj + wc + (k > j ? pen : 0), (int32_t)j);
				if (k == j + 1)
					affix_edge(s, v, j, nu, wc);
			}
		}
	walked:
		if (j && u->cls == SEGC_HAN && (s->u[j - 1].num || s->u[j - 1].cls == SEGC_DIGIT))
			measure2_edge(s, j, nu, bj + c_num - MEASURE_PENALTY);
		if (u->cls == SEGC_HAN && j + 2 < nu && (s->cfl[s->u[j + 2].cb] & SEGDICT_F_PLACE) &&
		    s->back[j + 2] != (int32_t)j)
			affix_edge(s, v, j, nu, -1); /* [j, j+2) is no word (else back[j+2] == j) */
		if (u->num) {
			numeral_edges(s, v, j, nu, c_num);
		} else if (s->ccp[u->cb] == 0x7B2C && u->cls == SEGC_HAN && j + 2 < nu &&
			   s->u[j + 1].num && s->u[j + 2].num) {
			/* 第 + a numeral of two or more characters: 第三十七 */
			size_t r = j + 1;
			while (r < nu && s->u[r].cls == SEGC_HAN && s->u[r].num)
				r++;
			relax(s, r, bj + c_num, (int32_t)j);
		} else if ((s->cfl[u->cb] & SEGDICT_F_DEMONSTR) && u->cls == SEGC_HAN &&
			   j + 1 < nu && s->u[j + 1].cls == SEGC_HAN &&
			   is_measure(norm_t2s_cp(s->ccp[s->u[j + 1].cb]))) {
			/* 这支, 那家: just cheaper than the two characters apart, so a word after
			 * the demonstrative still wins (那 只是, 这 部分) */
			float c2 = single_cost(v, s->cid[u->cb]) +
				   single_cost(v, s->cid[s->u[j + 1].cb]);
			relax(s, j + 2, bj + c2 - 1, (int32_t)j);
		}
	}
}

/* Emit the best path of a block of nu units, in order. */
static void emit_block(struct seg_scratch *s, const struct segdict_view *v, size_t nu,
		       size_t base, struct tokens *out)
{
	size_t j, q = 0, run_a = 0, run_n = 0;
	for (j = nu; j > 0; j = (size_t)s->back[j])
		s->cut[q++] = (int32_t)j; /* token ends, last first */
	s->cut[q] = 0;
	while (q > 0) {
		size_t a = (size_t)s->cut[q], b = (size_t)s->cut[q - 1];
		q--;
		if (b == a + 1 && s->u[a].cls == SEGC_HAN && !s->u[a].num) {
			if (!run_n)
				run_a = a;
			run_n++;
			continue;
		}
		if (run_n)
			emit_single_run(s, v, run_a, run_a + run_n, base, out);
		run_n = 0;
		push_units(s, a, b, base, out);
	}
	if (run_n)
		emit_single_run(s, v, run_a, run_a + run_n, base, out);
}

/* Segment one chunk (at most SEG_CHUNK bytes) with the dictionary. */
static void segment_chunk(const struct segdict *d, struct seg_scratch *s, const char *text,
			  size_t len, size_t base, struct tokens *out)
{
	const struct segdict_view *v;
	size_t i = 0, l, n = 0, c0;
	if (!d) {
		segment_icu(s, text, len, base, out);
		return;
	}
	v = segdict_view(d);
	grow_chars(s, len);
	/* decode: code point, class, folded id, offset */
	while (i < len) {
		const unsigned char *p = (const unsigned char *)text + i;
		int32_t cp;
		uint32_t cell;
		if (p[0] < 0x80) {
			cp = p[0];
			l = 1;
		} else if ((p[0] & 0xF0) == 0xE0 && i + 2 < len && (p[1] & 0xC0) == 0x80 &&
			   (p[2] & 0xC0) == 0x80) {
			/* the span is valid UTF-8 (contract): a 3-byte sequence decodes inline */
			cp = (int32_t)((p[0] & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F));
			l = 3;
		} else {
			cp = utf8_decode(text + i, len - i, &l);
		}
		cell = cell_of(v, cp);
		s->ccls[n] = (uint8_t)(cell & SEGDICT_CLS_MASK);
		s->cfl[n] = (uint16_t)(cell & ((1u << SEGDICT_ID_SHIFT) - 1) & ~SEGDICT_CLS_MASK);
		s->ccp[n] = cp;
		s->cid[n] = cell >> SEGDICT_ID_SHIFT;
		s->coff[n] = (uint32_t)i;
		n++;
		i += l;
	}
	s->coff[n] = (uint32_t)len;
	if (v->icu_words)
		icu_marks(s, n);
	trie_steps(s, v, n);

	c0 = 0;
	while (c0 < n) {
		size_t c1, nu;
		if (s->ccls[c0] == SEGC_SPACE) {
			c0++;
			continue;
		}
		c1 = c0;
		while (c1 < n && s->ccls[c1] != SEGC_SPACE)
			c1++;
		nu = make_units(s, c0, c1);
		dp_block(s, v, nu);
		emit_block(s, v, nu, base, out);
		c0 = c1;
	}
}

/* Where to cut text[0..len) (len > SEG_CHUNK) so that the first piece is at most SEG_CHUNK
 * bytes: after the last white space or sentence punctuation in the last SEG_CHUNK_SLACK
 * bytes, else at a character boundary. */
static size_t chunk_cut(const char *text, size_t len)
{
	size_t i = len < SEG_CHUNK ? len : SEG_CHUNK;
	for (size_t k = i; k > i - SEG_CHUNK_SLACK; k--) {
		const unsigned char *p = (const unsigned char *)text + k;
		if (p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\t' || p[-1] == '.' || p[-1] == '!' ||
		    p[-1] == '?' || p[-1] == ',')
			return k;
		if (k >= 3 && ((p[-3] == 0xE3 && p[-2] == 0x80 && (p[-1] == 0x82 || p[-1] == 0x81)) ||
			       (p[-3] == 0xEF && p[-2] == 0xBC &&
				(p[-1] == 0x8C || p[-1] == 0x81 || p[-1] == 0x9F))))
			return k; /* after 。 、 ， ！ ？ */
	}
	while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
		i--;
	return i ? i : len;
}

void segment(const struct segdict *d, struct seg_scratch *s, const char *text, size_t len,
	     size_t base, struct tokens *out)
{
	/* long spans go in chunks, so scratch memory stays bounded (a few MB) whatever the
	 * size of a note */
	while (len > SEG_CHUNK) {
		size_t cut = chunk_cut(text, len);
		segment_chunk(d, s, text, cut, base, out);
		text += cut;
		base += cut;
		len -= cut;
	}
	if (len)
		segment_chunk(d, s, text, len, base, out);
}
