/*
 * notetype.c - see notetype.h.
 *
 * Model (built once from lexicons/note_type/, read-only afterwards):
 *  - every plain term goes into one hash map keyed by its normalised form; the map also
 *    holds every proper prefix of every term (at character boundaries) so the matcher can
 *    stop as soon as a prefix is unknown. Rows sharing a term (one per type) are chained.
 *  - every "re:" term is compiled once with PCRE2 (UTF, caseless) and JIT.
 *
 * Per note (scratch memory is thread-local and reused; nothing is allocated per token):
 *  1. the text is folded with the lookup normaliser into one buffer, with maps between
 *     original and folded byte offsets, so traditional / full-width / upper-case text meets
 *     the same cues and evidence still quotes the original text;
 *  2. plain terms: longest match at each character position. A match edge between two Han
 *     characters must be a token edge (冲 does not fire inside 冲突, 本店 not inside 标本店;
 *     every lexicon term is a tokenizer word, so terms arrive whole); between ASCII letters
 *     or digits it must be a word edge (ad is not in ready). Voice words (first / we /
 *     second) are matched in a second pass as plain substrings (我 inside 我觉得 counts);
 *  3. patterns: each runs once over the folded text (at most MAX_PAT_HITS matches); one
 *     whose matches all start with one of a few literals (relit.h) is compiled anchored and
 *     tried only where they occur, which finds the same matches;
 *  4. topic tags (#name[话题]#, or the record's tag_list when the text has none): the whole
 *     name is looked up; a tag hit counts TAG_FACTOR of its weight unless the row is
 *     where=tag;
 *  5. disclosure cues (cooperation, official, sponsored) are dropped when a negator stands
 *     just before them in the same clause (不是广告, 吐槽广告), a negator of where=after
 *     just after them (广告太多), a not-TYPE or not-any entry overlaps them (官方旗舰店买,
 *     合作小组), or they sit inside quotation marks;
 *  6. structure: first-person, "we" and second-person voice, numbered lists, prices, links,
 *     [品牌]/[商品] tags, a Latin proper name in a Chinese title, the category id and the
 *     sentiment score;
 *  7. decision in the taxonomy's order: the disclosure type with the highest score over its
 *     threshold wins (sponsored before cooperation before official on ties); otherwise, when
 *     the product/place centre outweighs the "other" evidence, experience or planting by
 *     voice and cues; otherwise other.
 *
 * Scores: every type's raw score s is reported as s / (s + 2) (0 for s <= 0), so they lie in
 * [0, 1); for experience and planting s is the centre's weight shared in proportion to the
 * two voices' scores (halved when the note is "other"). Evidence: the winner's cues and
 * structural signals, strongest first, at most MAX_EVIDENCE entries; two cues quoting one
 * span are merged.
 */
#include "notetype.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <cjson/cJSON.h>
#include <pcre2.h>

#include "normalize.h"
#include "utf8.h"
#include "relit.h"
#include "util.h"

const char *const note_type_name[NT_NTYPES] = {
	"experience", "planting", "cooperation", "official", "sponsored", "other",
};

/* Row kinds beyond the six labels (column 2 of the lexicon). */
enum {
	K_NEGATOR = NT_NTYPES, /* cancels a disclosure cue next to it */
	K_NOT_ANY,             /* overlapping disclosure cues of every type are void */
	K_NOT_EXPERIENCE,      /* K_NOT_EXPERIENCE + t: overlapping cues of type t are void */
	K_NOT_LAST = K_NOT_EXPERIENCE + NT_NTYPES - 1,
	K_FIRST,               /* first-person voice (singular) */
	K_WE,                  /* first-person plural: a business speaks as "we" */
	K_SECOND,              /* reader address */
	K_CENTRE,              /* a product, place or service word */
	K_NONCOMMERCIAL,       /* says it is not paid: lowers every disclosure score */
	K_NKINDS
};

static const char *const kind_name[K_NKINDS] = {
	"experience", "planting", "cooperation", "official", "sponsored", "other",
	"negator", "not-any",
	"not-experience", "not-planting", "not-cooperation", "not-official", "not-sponsored",
	"not-other",
	"first", "we", "second", "centre", "noncommercial",
};

enum where { W_ANY, W_TITLE, W_DESC, W_TAG, W_EDGE, W_BEFORE, W_AFTER, W_NWHERE };
static const char *const where_name[W_NWHERE] = {
	"any", "title", "desc", "tag", "edge", "before", "after",
};

#define MAX_TERM_BYTES 48   /* longest plain term looked up */
#define MAX_PAT_HITS 8      /* matches kept per pattern and note */
#define MAX_HITS 4096       /* cue hits kept per note */
#define MAX_CUE_HITS 4      /* ... per counting cue (experience, planting, other, centre) */
#define MAX_VOICE_HITS 16   /* ... per voice word */
#define MAX_EVIDENCE 8
#define TAG_FACTOR 0.5      /* a topic-tag hit of a where=any row counts this much */
#define TAG_CAP 0.8         /* ... and all such tag hits of one type at most this much */
#define NEG_WINDOW 4        /* characters between a negator and its cue, when weight <= 0 */
#define EDGE_HEAD 45        /* where=edge: the title, the first bytes of desc ... */
#define EDGE_TAIL 150       /* ... or the last bytes of the text */

/* Decision constants (documented in lexicons/README.md, section note_type). */
#define THR_DISCLOSURE 2.0  /* a disclosure type needs this score to win */
#define OTHER_PRIOR 0.8     /* "other" evidence every note starts with */
#define W_FIRST 0.2         /* experience per first-person word (at most 10) */
#define W_WE 0.4           /* official per "we" word (at most 4) when "I" is (almost) absent */
#define W_SECOND 0.25       /* planting per reader address (at most 8) */
#define W_FIRST_OFFICIAL 0.25 /* official loses this per first-person word */
#define W_CATEGORY 0.8      /* centre when a category is detected */
#define W_PRICE 0.4         /* centre per price (at most 3) */
#define W_LINK 0.5          /* sponsored, for a URL when there is ad or purchase language */
#define W_NAME 0.5          /* centre for a Latin proper name in a Chinese title */
#define W_PRODUCT_TAG 0.6   /* centre for [品牌] / [商品] tags */
#define W_LIST_ITEM 0.3     /* planting per numbered item beyond two (at most 1.5) */
#define W_NEG_SENT 0.4      /* experience when the note is clearly negative (a warning) */
#define NEG_SENT_SCORE -0.2 /* ... i.e. its sentiment score is below this */
#define NEG_SENT_PLANTING 0.6 /* ... and planting is scaled by this (nobody plants a warning) */
#define TITLE_FACTOR 1.5    /* experience / planting cues in the title count this much more */
#define CENTRE_CUE_CAP 2.5  /* centre words count at most this much */

struct cue {
	uint8_t kind;
	uint8_t where;
	uint8_t cap;    /* hits kept per note (0: all, for cues whose position matters) */
	float w;
	uint32_t next;  /* next cue with the same term, UINT32_MAX at the end */
	const struct lex_row *row;
};

struct pat {
	pcre2_code *re;
	uint32_t cue;
	int jit;        /* compiled by the JIT: matched with pcre2_jit_match (no checks) */
};

struct notetype_model {
	struct cue *cue;
	size_t ncue;
	struct hmap terms; /* key -> (PREFIX_BIT | first cue + 1) */
	uint64_t first[0x30000 / 64]; /* code points that start some term */
	struct pat *pat;
	size_t npat;
	struct relit *plit;      /* per pattern: literals it needs (skip it on notes without) */
	struct relit_set lits;   /* all of them, found in one pass per note */
	const struct category_model *cats;
};

#define PREFIX_BIT 0x80000000u

static int is_disclosure(int k)
{
	return k == NT_COOPERATION || k == NT_OFFICIAL || k == NT_SPONSORED;
}

static int is_voice(int k)
{
	return k == K_FIRST || k == K_WE || k == K_SECOND;
}

static int kind_of(const char *s)
{
	for (int i = 0; i < K_NKINDS; i++)
		if (!strcmp(s, kind_name[i]))
			return i;
	return -1;
}

static int where_of(const char *s)
{
	if (!s || !*s)
		return W_ANY;
	for (int i = 0; i < W_NWHERE; i++)
		if (!strcmp(s, where_name[i]))
			return i;
	return -1;
}

static int validate_row(const struct lex_row *r, struct strbuf *err)
{
	double w;
	int k = kind_of(r->col[1]), wh;
	if (k < 0) {
		sb_addf(err, "unknown type '%s' (one of the six labels, negator, not-any, "
			     "not-TYPE, first, we, second, centre, noncommercial)", r->col[1]);
		return -1;
	}
	if (r->ncol > 2 && lex_weight(r->col[2], 1, &w) < 0) {
		sb_addf(err, "bad weight '%s'", r->col[2]);
		return -1;
	}
	wh = where_of(r->ncol > 3 ? r->col[3] : NULL);
	if (wh < 0) {
		sb_addf(err, "bad where '%s' (any, title, desc, tag, edge, before, after)",
			r->col[3]);
		return -1;
	}
	if ((wh == W_BEFORE || wh == W_AFTER) && k != K_NEGATOR) {
		sb_addf(err, "where '%s' is for negators only", r->col[3]);
		return -1;
	}
	return 0;
}

const struct lex_spec notetype_lex_spec = {
	"note_type", 2, 4, 2, 1, "term, type, weight (default 1), where (default any)",
	validate_row,
};

static size_t utf8_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static void add_term(struct notetype_model *m, uint32_t ci)
{
	const char *key = m->cue[ci].row->key;
	size_t n = strlen(key);
	uint32_t v;
	if (!n || n > MAX_TERM_BYTES)
		return;
	{
		size_t l;
		int32_t cp = utf8_decode(key, n, &l);
		if (cp >= 0 && cp < 0x30000)
			m->first[cp >> 6] |= 1ULL << (cp & 63);
	}
	/* prefixes at character boundaries */
	for (size_t l = 1; l < n; l++) {
		if (((unsigned char)key[l] & 0xC0) == 0x80)
			continue;
		if (!hmap_get(&m->terms, key, l, &v))
			v = 0;
		hmap_put(&m->terms, key, l, v | PREFIX_BIT);
	}
	if (!hmap_get(&m->terms, key, n, &v))
		v = 0;
	if (v & ~PREFIX_BIT)
		m->cue[ci].next = (v & ~PREFIX_BIT) - 1;
	hmap_put(&m->terms, key, n, (v & PREFIX_BIT) | (ci + 1));
}

struct notetype_model *notetype_model_new(const struct lexset *ls,
					  const struct category_model *cats)
{
	struct notetype_model *m = xcalloc(1, sizeof *m);
	const struct lex_kind *k = lexset_kind(ls, "note_type");
	size_t np = 0;

	m->cats = cats;
	hmap_init(&m->terms);
	if (!k)
		return m;
	m->cue = xcalloc(k->n ? k->n : 1, sizeof *m->cue);
	for (size_t i = 0; i < k->n; i++)
		np += k->row[i].is_pattern;
	m->pat = xcalloc(np ? np : 1, sizeof *m->pat);
	m->plit = xcalloc(np ? np : 1, sizeof *m->plit);
	for (size_t i = 0; i < k->n; i++) {
		const struct lex_row *r = &k->row[i];
		struct cue *c = &m->cue[m->ncue];
		double w = 1;
		int kind = kind_of(r->col[1]), wh = where_of(r->ncol > 3 ? r->col[3] : NULL);
		if (kind < 0 || wh < 0 || (r->ncol > 2 && lex_weight(r->col[2], 1, &w) < 0)) {
			error("%s:%d: bad note_type entry", r->file, r->line);
			notetype_model_free(m);
			return NULL;
		}
		c->kind = (uint8_t)kind;
		c->where = (uint8_t)wh;
		/* positional cues keep every hit (each may be negated on its own); counting cues
		 * need a few: weights stop growing at three hits, voice counts at ten */
		c->cap = is_disclosure(kind) || kind == K_NEGATOR ||
				 (kind >= K_NOT_ANY && kind <= K_NOT_LAST)
			 ? 0
			 : is_voice(kind) ? MAX_VOICE_HITS : MAX_CUE_HITS;
		c->w = (float)w;
		c->next = UINT32_MAX;
		c->row = r;
		if (r->is_pattern) {
			pcre2_code *re;
			relit_extract(r->term, &m->plit[m->npat]);
			/* with prefix literals it runs anchored at each of their occurrences */
			re = lex_compile_pattern(r, PCRE2_MULTILINE |
							    (m->plit[m->npat].npre ? PCRE2_ANCHORED : 0));
			if (!re) {
				relit_release(&m->plit[m->npat]);
				notetype_model_free(m);
				return NULL;
			}
			m->pat[m->npat].re = re;
			m->pat[m->npat].cue = (uint32_t)m->ncue;
			{
				size_t jsz = 0;
				m->pat[m->npat].jit =
					pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &jsz) == 0 && jsz > 0;
			}
			m->npat++;
		} else {
			add_term(m, (uint32_t)m->ncue);
		}
		m->ncue++;
	}
	relit_set_build(&m->lits, m->plit, m->npat);
	return m;
}

void notetype_model_free(struct notetype_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->npat; i++) {
		pcre2_code_free(m->pat[i].re);
		relit_release(&m->plit[i]);
	}
	relit_set_release(&m->lits);
	free(m->plit);
	free(m->pat);
	free(m->cue);
	hmap_release(&m->terms);
	free(m);
}

/* ---- per-note scratch ---------------------------------------------------------------- */

enum { F_CHAR = 1, F_TOKB = 2, F_SKIP = 4 };

struct hit {
	uint32_t cue;
	uint32_t ns, ne;  /* folded offsets */
	uint8_t tag;      /* found as a topic tag */
	uint8_t dead;     /* cancelled by a negator / block / quotation */
	uint8_t where;    /* 0 title, 1 desc, 2 tag */
	uint32_t os, oe;  /* original offsets (tag hits: into the tag name buffer) */
};

struct scratch {
	struct strbuf nt;     /* folded text */
	uint32_t *n2o;        /* folded byte -> original byte */
	uint32_t *o2n;        /* original byte -> folded byte */
	uint8_t *flag;        /* per folded byte */
	size_t cap_n, cap_o;
	struct hit *hit;
	size_t nhit, cap_hit;
	struct strbuf tags;   /* tag names found, each followed by NUL (for evidence) */
	struct strbuf key;
	pcre2_match_data *md;
	unsigned char *may; /* per pattern: its literals occur in the note */
	size_t cap_may;
	struct relit_found found; /* where the patterns' prefix literals occur */
	uint32_t *wat;        /* per folded byte: its terms in walk[] (terms_at) */
	size_t cap_wat;
	struct walk_hit { uint32_t q, ci; } *walk; /* a term ending at folded byte q (0: end) */
	size_t nwalk, cap_walk;
	uint32_t *live;       /* cues with live hits, ascending (the score loops visit these) */
	size_t nlive, cap_live;
};

static _Thread_local struct scratch S;
static _Thread_local uint32_t *cue_count, *cue_first; /* per cue: live hits, first live hit */
static _Thread_local uint16_t *cue_seen;              /* per cue: hits recorded */
static _Thread_local size_t cue_cap;

void notetype_thread_release(void)
{
	free(S.n2o);
	free(S.o2n);
	free(S.flag);
	free(S.hit);
	sb_release(&S.nt);
	sb_release(&S.tags);
	sb_release(&S.key);
	pcre2_match_data_free(S.md);
	free(S.may);
	relit_found_release(&S.found);
	free(S.wat);
	free(S.walk);
	free(S.live);
	memset(&S, 0, sizeof S);
	free(cue_count);
	free(cue_first);
	free(cue_seen);
	cue_count = cue_first = NULL;
	cue_seen = NULL;
	cue_cap = 0;
}

static void release_thread(void *unused)
{
	(void)unused;
	notetype_thread_release();
}

static void scratch_reserve(size_t nlen, size_t olen)
{
	nm_thread_own(&S, release_thread);
	if (nlen + 1 > S.cap_n) {
		S.cap_n = (nlen + 1) * 2;
		S.n2o = xrealloc(S.n2o, S.cap_n * sizeof *S.n2o);
		S.flag = xrealloc(S.flag, S.cap_n);
	}
	if (olen + 1 > S.cap_o) {
		S.cap_o = (olen + 1) * 2;
		S.o2n = xrealloc(S.o2n, S.cap_o * sizeof *S.o2n);
	}
}

/* Fold the text; fill n2o / o2n / flag. */
static void fold_text(const struct note *n)
{
	/* the note's folded text and offset map, shared with the other analysers (normalize.h) */
	const struct norm_text *ft = norm_text_fold(n->text, n->len, n->serial);
	size_t i = 0;
	scratch_reserve(ft->len + 16, n->len);
	sb_reset(&S.nt);
	sb_add(&S.nt, ft->buf, ft->len);
	memcpy(S.o2n, ft->o2n, (n->len + 1) * sizeof *S.o2n);
	while (i < n->len) {
		size_t e = i + 1, a = ft->o2n[i], b;
		while (e < n->len && !ft->start[e])
			e++;
		b = ft->o2n[e];
		for (size_t q = a; q < b; q++) {
			S.n2o[q] = (uint32_t)i;
			S.flag[q] = (((unsigned char)ft->buf[q] & 0xC0) != 0x80) ? F_CHAR : 0;
		}
		i = e;
	}
	S.nt.buf[S.nt.len] = 0;
	S.o2n[n->len] = (uint32_t)S.nt.len;
	S.n2o[S.nt.len] = (uint32_t)n->len;
	S.flag[S.nt.len] = F_CHAR | F_TOKB;
	if (!n->ntok) {
		for (size_t j = 0; j < S.nt.len; j++)
			if (S.flag[j] & F_CHAR)
				S.flag[j] |= F_TOKB;
		return;
	}
	for (size_t t = 0; t < n->ntok; t++) {
		const struct token *tk = &n->tok[t];
		uint32_t a, b;
		if (tk->off + tk->len > n->len)
			continue;
		a = S.o2n[tk->off];
		b = S.o2n[tk->off + tk->len];
		S.flag[a] |= F_TOKB;
		S.flag[b] |= F_TOKB;
		if (tk->type == TOK_HASHTAG || tk->type == TOK_URL || tk->type == TOK_MENTION ||
		    tk->type == TOK_EMOTICON)
			for (uint32_t j = a; j < b; j++)
				S.flag[j] |= F_SKIP;
	}
}

static int32_t cp_at(size_t p)
{
	size_t l;
	return utf8_decode(S.nt.buf + p, S.nt.len - p, &l);
}

static int32_t cp_before(size_t p)
{
	size_t q = p;
	size_t l;
	if (!p)
		return -1;
	do
		q--;
	while (q && !(S.flag[q] & F_CHAR));
	return utf8_decode(S.nt.buf + q, S.nt.len - q, &l);
}

static int is_alnum_cp(int32_t c)
{
	return c >= 0 && c < 128 && isalnum(c);
}

/* May a term begin or end at folded offset p? nchars > 1 (the voice pass) also allows an
 * edge between two Han characters inside a token. */
static int edge_ok(size_t p, int nchars)
{
	int32_t a, b;
	if (p == 0 || p >= S.nt.len)
		return 1;
	a = cp_before(p);
	b = cp_at(p);
	if (is_alnum_cp(a) || is_alnum_cp(b))
		return !(is_alnum_cp(a) && is_alnum_cp(b));
	if (utf8_is_han(a) && utf8_is_han(b))
		return (S.flag[p] & F_TOKB) || nchars > 1;
	return 1;
}

static void add_hit(const struct notetype_model *m, uint32_t cue, size_t ns, size_t ne, int tag,
		    size_t os, size_t oe)
{
	struct hit *h;
	if (S.nhit >= MAX_HITS || (m->cue[cue].cap && cue_seen[cue] >= m->cue[cue].cap))
		return;
	cue_seen[cue]++;
	NM_GROW(S.hit, S.cap_hit, S.nhit + 1);
	h = &S.hit[S.nhit++];
	memset(h, 0, sizeof *h);
	h->cue = cue;
	h->ns = (uint32_t)ns;
	h->ne = (uint32_t)ne;
	h->tag = (uint8_t)tag;
	h->os = (uint32_t)os;
	h->oe = (uint32_t)oe;
}

/* Does the chain of cues starting at ci hold a voice cue (voice) or another cue (!voice)? */
static int chain_has(const struct notetype_model *m, uint32_t ci, int voice)
{
	for (; ci != UINT32_MAX; ci = m->cue[ci].next)
		if (is_voice(m->cue[ci].kind) == voice)
			return 1;
	return 0;
}

/* The terms starting at folded byte p, shortest first: S.walk[i], S.walk[i + 1], ... up to an
 * entry with q == 0, where i is the value returned (0, the shared empty list, when there are
 * none). Both match_terms passes ask for the same positions, so each is looked up once per
 * note (S.wat, reset by walk_reset()). */
static uint32_t terms_at(const struct notetype_model *m, size_t p)
{
	size_t len = S.nt.len, q = p + 1, done = p;
	uint64_t st = HMAP_HSEED;
	uint32_t first = (uint32_t)S.nwalk;
	size_t l;
	int32_t cp;

	if (S.wat[p] != UINT32_MAX)
		return S.wat[p];
	/* no term starts with this character: one bitmap test instead of a lookup, and the
	 * shared empty list S.walk[0] */
	cp = utf8_decode(S.nt.buf + p, len - p, &l);
	if (cp < 0x30000 && !(m->first[cp >> 6] & (1ULL << (cp & 63)))) {
		S.wat[p] = 0;
		return 0;
	}
	while (q <= len && q - p <= MAX_TERM_BYTES) {
		uint32_t v;
		if (q < len && !(S.flag[q] & F_CHAR)) {
			q++;
			continue;
		}
		st = hmap_hadd(st, S.nt.buf + done, q - done); /* key so far: [p, q) */
		done = q;
		if (!hmap_get_h(&m->terms, st, S.nt.buf + p, q - p, &v))
			break;
		if (v & ~PREFIX_BIT) {
			NM_GROW(S.walk, S.cap_walk, S.nwalk + 1);
			S.walk[S.nwalk].q = (uint32_t)q;
			S.walk[S.nwalk++].ci = (v & ~PREFIX_BIT) - 1;
		}
		if (!(v & PREFIX_BIT))
			break;
		q++;
	}
	if (first == S.nwalk) { /* none */
		S.wat[p] = 0;
		return 0;
	}
	NM_GROW(S.walk, S.cap_walk, S.nwalk + 1);
	S.walk[S.nwalk].q = 0;
	S.walk[S.nwalk++].ci = 0;
	S.wat[p] = first;
	return first;
}

/* Forget the term lookups of the previous note (after fold_text). */
static void walk_reset(void)
{
	NM_GROW(S.wat, S.cap_wat, S.nt.len + 1);
	memset(S.wat, 0xFF, (S.nt.len + 1) * sizeof *S.wat);
	NM_GROW(S.walk, S.cap_walk, 1);
	S.walk[0].q = 0; /* the empty list of every position where no term starts */
	S.walk[0].ci = 0;
	S.nwalk = 1;
}

/* Longest match at each position. voice: only first / we / second cues, as plain
 * substrings (我 is first person even when the tokenizer glued it to 我觉得; 我们 is the
 * longer match and so not 我); otherwise every other cue, with the edge rules above. */
static void match_terms(const struct notetype_model *m, int voice)
{
	size_t p = 0, len = S.nt.len;
	while (p < len) {
		size_t best = 0;
		uint32_t best_cue = 0;
		if (!(S.flag[p] & F_CHAR) || (S.flag[p] & F_SKIP)) {
			p++;
			continue;
		}
		for (uint32_t h = terms_at(m, p); S.walk[h].q; h++) {
			uint32_t ci = S.walk[h].ci;
			int nch = voice ? 2 : 1;
			if (chain_has(m, ci, voice) && edge_ok(p, nch) && edge_ok(S.walk[h].q, nch)) {
				best = S.walk[h].q;
				best_cue = ci;
			}
		}
		if (best) {
			for (uint32_t ci = best_cue; ci != UINT32_MAX; ci = m->cue[ci].next)
				if (is_voice(m->cue[ci].kind) == voice)
					add_hit(m, ci, p, best, 0, S.n2o[p], S.n2o[best]);
			p = best;
		} else {
			p++;
		}
	}
}

/* Match pattern p on the folded text from byte start (the same result either way). */
static int pat_match(const struct pat *p, PCRE2_SIZE start)
{
	if (p->jit)
		return pcre2_jit_match(p->re, (PCRE2_SPTR)S.nt.buf, S.nt.len, start, 0, S.md, NULL);
	return pcre2_match(p->re, (PCRE2_SPTR)S.nt.buf, S.nt.len, start, PCRE2_NO_UTF_CHECK, S.md,
			   NULL);
}

static void match_patterns(const struct notetype_model *m)
{
	if (!S.md)
		S.md = pcre2_match_data_create(4, NULL);
	if (S.cap_may < m->npat) {
		S.may = xrealloc(S.may, m->npat);
		S.cap_may = m->npat;
	}
	if (m->npat)
		relit_set_scan(&m->lits, S.nt.buf, S.nt.len, S.may, &S.found);
	for (size_t i = 0; i < m->npat; i++) {
		PCRE2_SIZE start = 0;
		if (!S.may[i])
			continue; /* a literal the pattern needs is absent */
		if (m->plit[i].npre) {
			/* anchored where a prefix literal starts: the leftmost match from start is
			 * the first of these that matches */
			size_t nocc, j = 0;
			const uint32_t *occ = relit_found_at(&S.found, i, &nocc);
			for (int k = 0; k < MAX_PAT_HITS && j < nocc; j++) {
				PCRE2_SIZE *ov;
				if (occ[j] < start)
					continue;
				if (pat_match(&m->pat[i], occ[j]) < 0)
					continue;
				ov = pcre2_get_ovector_pointer(S.md);
				if (ov[1] > ov[0])
					add_hit(m, m->pat[i].cue, ov[0], ov[1], 0, S.n2o[ov[0]],
						S.n2o[ov[1]]);
				start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
				k++;
			}
			continue;
		}
		for (int k = 0; k < MAX_PAT_HITS && start <= S.nt.len; k++) {
			PCRE2_SIZE *ov;
			int rc = pat_match(&m->pat[i], start);
			if (rc < 0)
				break;
			ov = pcre2_get_ovector_pointer(S.md);
			if (ov[1] > ov[0])
				add_hit(m, m->pat[i].cue, ov[0], ov[1], 0, S.n2o[ov[0]], S.n2o[ov[1]]);
			start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
			while (start < S.nt.len && !(S.flag[start] & F_CHAR))
				start++;
		}
	}
}

/* Look the cues up inside one tag name (longest match at each character, so #达拉斯探店
 * holds 探店 and #好物分享 holds 好物分享); voice words are left out. The name is copied to
 * S.tags so evidence can quote it. */
static void match_tag(const struct notetype_model *m, const char *name, size_t n)
{
	size_t at = SIZE_MAX, p = 0, len;
	if (!n)
		return;
	norm_key(&S.key, name, n);
	len = S.key.len;
	while (p < len) {
		size_t best = 0, q = p + 1;
		uint32_t best_cue = 0, v;
		while (q <= len && q - p <= MAX_TERM_BYTES) {
			if (q < len && ((unsigned char)S.key.buf[q] & 0xC0) == 0x80) {
				q++;
				continue;
			}
			if (!hmap_get(&m->terms, S.key.buf + p, q - p, &v))
				break;
			if ((v & ~PREFIX_BIT) && chain_has(m, (v & ~PREFIX_BIT) - 1, 0)) {
				best = q;
				best_cue = (v & ~PREFIX_BIT) - 1;
			}
			if (!(v & PREFIX_BIT))
				break;
			q++;
		}
		if (!best) {
			p++;
			while (p < len && ((unsigned char)S.key.buf[p] & 0xC0) == 0x80)
				p++;
			continue;
		}
		if (at == SIZE_MAX) {
			at = S.tags.len;
			sb_add(&S.tags, name, n);
			sb_addc(&S.tags, 0);
		}
		for (uint32_t ci = best_cue; ci != UINT32_MAX; ci = m->cue[ci].next)
			if (!is_voice(m->cue[ci].kind))
				add_hit(m, ci, 0, 0, 1, at, at + n);
		p = best;
	}
}

/* Topic tags: #name[话题]# tokens; *product set when a [品牌] or [商品] tag is seen. */
static void match_tags(const struct notetype_model *m, const struct note *n, int *ntags,
		       int *product)
{
	sb_reset(&S.tags);
	*ntags = 0;
	*product = 0;
	for (size_t t = 0; t < n->ntok; t++) {
		const struct token *tk = &n->tok[t];
		const char *s = n->text + tk->off, *e = s + tk->len, *b;
		if (tk->type != TOK_HASHTAG || tk->len < 2)
			continue;
		(*ntags)++;
		s++;
		if (e > s && e[-1] == '#')
			e--;
		b = memchr(s, '[', (size_t)(e - s));
		if (b) {
			size_t rest = (size_t)(e - b);
			if ((rest >= 8 && !memcmp(b, "[品牌]", 8)) ||
			    (rest >= 8 && !memcmp(b, "[商品]", 8)))
				*product = 1;
			e = b;
		}
		match_tag(m, s, (size_t)(e - s));
	}
	if (*ntags || !n->rec)
		return;
	{
		const cJSON *tl = cJSON_GetObjectItemCaseSensitive((cJSON *)n->rec, "tag_list");
		const char *s, *e;
		if (!cJSON_IsString(tl) || !tl->valuestring)
			return;
		s = tl->valuestring;
		while (*s) {
			e = strchr(s, ',');
			if (!e)
				e = s + strlen(s);
			if (e > s) {
				(*ntags)++;
				match_tag(m, s, (size_t)(e - s));
			}
			s = *e ? e + 1 : e;
		}
	}
}

/* ---- negation, blocks, quotation --------------------------------------------------- */

/* Does the folded span [a, b) cross a clause boundary? */
static int crosses_clause(size_t a, size_t b)
{
	static const char *const stops[] = { "。", "！", "？", "，", "；", "\n", "!", "?", ",",
					     ";", ".", "…", "~", "～" };
	for (size_t p = a; p < b; p++) {
		if (!(S.flag[p] & F_CHAR))
			continue;
		for (size_t i = 0; i < NM_ARRAY_LEN(stops); i++) {
			size_t l = strlen(stops[i]);
			if (p + l <= b && !memcmp(S.nt.buf + p, stops[i], l))
				return 1;
		}
	}
	return 0;
}

/* Is folded offset p inside a quotation opened earlier on the same line and closed later? */
static int quoted(size_t a, size_t b)
{
	static const char *const open[] = { "“", "「", "『", "\"" };
	static const char *const close[] = { "”", "」", "』", "\"" };
	size_t lo = a > 60 ? a - 60 : 0, hi = b + 60 < S.nt.len ? b + 60 : S.nt.len;
	for (size_t i = 0; i < NM_ARRAY_LEN(open); i++) {
		size_t ol = strlen(open[i]), cl = strlen(close[i]);
		ssize_t o = -1;
		int opened = 0;
		for (size_t p = lo; p < a; p++) {
			if (S.nt.buf[p] == '\n') {
				opened = 0;
				continue;
			}
			if (p + ol <= a && !memcmp(S.nt.buf + p, open[i], ol) &&
			    (!opened || ol != cl || memcmp(open[i], close[i], ol))) {
				opened = 1;
				o = (ssize_t)p;
				p += ol - 1;
			} else if (opened && p + cl <= a && !memcmp(S.nt.buf + p, close[i], cl)) {
				opened = 0;
				p += cl - 1;
			}
		}
		if (!opened || o < 0)
			continue;
		for (size_t p = b; p < hi; p++) {
			if (S.nt.buf[p] == '\n')
				break;
			if (p + cl <= hi && !memcmp(S.nt.buf + p, close[i], cl))
				return 1;
		}
	}
	return 0;
}

#define MAX_BLOCKERS 256 /* negator and not-* hits considered per note */

static void cancel_hits(const struct notetype_model *m)
{
	uint32_t blk[MAX_BLOCKERS];
	size_t nblk = 0;
	/* the few negator / not-* hits first, so the checks below are hits x blockers */
	for (size_t j = 0; j < S.nhit && nblk < MAX_BLOCKERS; j++) {
		int gk = m->cue[S.hit[j].cue].kind;
		if (!S.hit[j].tag && (gk == K_NEGATOR || (gk >= K_NOT_ANY && gk <= K_NOT_LAST)))
			blk[nblk++] = (uint32_t)j;
	}
	for (size_t i = 0; i < S.nhit; i++) {
		struct hit *h = &S.hit[i];
		int k = m->cue[h->cue].kind;
		if (h->tag || k >= NT_NTYPES)
			continue;
		for (size_t b = 0; b < nblk && !h->dead; b++) {
			const struct hit *g = &S.hit[blk[b]];
			const struct cue *gc = &m->cue[g->cue];
			if (gc->kind == K_NEGATOR) {
				size_t win = gc->w > 0 ? (size_t)gc->w : NEG_WINDOW;
				if (!is_disclosure(k))
					continue;
				if (gc->where == W_AFTER) {
					if (g->ns >= h->ne && g->ns - h->ne <= win * 4 &&
					    utf8_chars(S.nt.buf + h->ne, g->ns - h->ne) <= win &&
					    !crosses_clause(h->ne, g->ns))
						h->dead = 1;
				} else if (g->ne <= h->ns && h->ns - g->ne <= win * 4 &&
					   utf8_chars(S.nt.buf + g->ne, h->ns - g->ne) <= win &&
					   !crosses_clause(g->ne, h->ns)) {
					h->dead = 1;
				}
			} else if (((gc->kind == K_NOT_ANY && is_disclosure(k)) ||
				    gc->kind == K_NOT_EXPERIENCE + k) &&
				   g->ns < h->ne && h->ns < g->ne) {
				/* not-any voids disclosure cues; not-TYPE voids cues of TYPE
				 * (求推荐 is not a recommendation) */
				h->dead = 1;
			}
		}
		if (!h->dead && is_disclosure(k) && quoted(h->ns, h->ne))
			h->dead = 1;
	}
}

/* ---- structure ---------------------------------------------------------------------- */

/* Numbered list items: lines starting with 1. 1、 1) ① ❶ 1️⃣ (keycap) or 第N. */
static int count_list_items(const struct note *n)
{
	int items = 0;
	size_t i = 0;
	while (i < n->len) {
		const char *s = n->text + i;
		size_t rest = n->len - i, l;
		int32_t cp;
		/* skip leading blanks */
		while (rest && (*s == ' ' || *s == '\t'))
			s++, rest--;
		if (rest) {
			cp = utf8_decode(s, rest, &l);
			if ((cp >= 0x2460 && cp <= 0x2473) || (cp >= 0x2776 && cp <= 0x277F) ||
			    (cp >= 0x278A && cp <= 0x2793)) {
				items++;
			} else if (cp >= '0' && cp <= '9') {
				size_t d = 1;
				while (d < rest && d < 3 && s[d] >= '0' && s[d] <= '9')
					d++;
				if (d < rest) {
					int32_t nx = utf8_decode(s + d, rest - d, &l);
					if (nx == 0xFE0F && d + l < rest)
						nx = utf8_decode(s + d + l, rest - d - l, &l);
					if (nx == '.' || nx == 0x3001 || nx == ')' || nx == 0xFF09 ||
					    nx == 0x20E3 || nx == 0xFF0E || nx == ':' || nx == 0xFF1A)
						items++;
				}
			}
		}
		s = memchr(n->text + i, '\n', n->len - i);
		if (!s)
			break;
		i = (size_t)(s - n->text) + 1;
	}
	return items;
}

/* Prices: $12 ¥99 ￥99 12元 12块 12刀 12美金 12rmb 12usd (on the folded text). */
static int count_prices(void)
{
	static const char *const units[] = { "元", "块", "刀", "美金", "美元", "rmb", "usd", "$",
					     "🔪" };
	int c = 0;
	const char *t = S.nt.buf;
	size_t len = S.nt.len;
	for (size_t p = 0; p < len; p++) {
		/* "$" or "¥" (U+00A5: C2 A5) followed by a byte */
		if ((t[p] == '$' || (p + 2 <= len && (unsigned char)t[p] == 0xC2 &&
				     (unsigned char)t[p + 1] == 0xA5)) && p + 1 < len) {
			size_t q = p + (t[p] == '$' ? 1 : 2);
			if (q < len && t[q] >= '0' && t[q] <= '9') {
				c++;
				p = q;
				continue;
			}
		}
		if (t[p] >= '0' && t[p] <= '9' && (p + 1 >= len || t[p + 1] < '0' || t[p + 1] > '9')) {
			size_t q = p + 1;
			for (size_t u = 0; u < NM_ARRAY_LEN(units); u++) {
				size_t l = strlen(units[u]);
				if (q + l <= len && !memcmp(t + q, units[u], l)) {
					c++;
					break;
				}
			}
		}
	}
	return c;
}

/* Does a Chinese note's title hold a Latin proper name (Maggiano's, Amazon Fresh, IKEA)?
 * In Chinese titles Latin words are mostly the names of shops, brands, products and places:
 * a specific thing at the centre. Checked only when the text has at least 10 Han characters
 * (English notes capitalise every sentence); a few format words (VLOG, OOTD, Day) do not
 * count. */
static int title_has_name(const struct note *n)
{
	static const char *const skip[] = { "vlog", "plog", "ootd", "day", "diy", "top", "ad",
					    "pr", "ps", "ok", "omg", "lol", "the", "my", "i" };
	size_t han = 0, i = 0, l;
	for (size_t p = 0; p < n->len && han < 10; p += l) {
		if (utf8_is_han(utf8_decode(n->text + p, n->len - p, &l)))
			han++;
		if (!l)
			l = 1;
	}
	if (han < 10)
		return 0;
	while (i < n->title_len) {
		const char *s = n->text + i;
		size_t w = 0;
		int skipped = 0;
		if (!(s[0] >= 'A' && s[0] <= 'Z') || (i && isalpha((unsigned char)s[-1]))) {
			i++;
			continue;
		}
		while (i + w < n->title_len && isalpha((unsigned char)s[w]))
			w++;
		for (size_t k = 0; k < NM_ARRAY_LEN(skip); k++)
			if (strlen(skip[k]) == w && !strncasecmp(s, skip[k], w))
				skipped = 1;
		if (w >= 2 && !skipped)
			return 1;
		i += w ? w : 1;
	}
	return 0;
}

/* ---- scoring and output ------------------------------------------------------------- */

struct ev {
	const char *cue;  /* NULL: structural, text in label */
	size_t cue_len;
	char label[48];
	int type;
	double w;
	const char *where;
};

/* Insert e into ev[0..*nev) (strongest first, at most cap). Two cues quoting the same text
 * for the same type (two patterns on one span) become one entry with the summed weight. */
static void add_ev(struct ev *ev, int *nev, int cap, const struct ev *in)
{
	struct ev merged = *in, *e = &merged;
	int at;
	if (e->w <= 0)
		return;
	for (int i = 0; i < *nev; i++) {
		if (e->cue && ev[i].cue == e->cue && ev[i].cue_len == e->cue_len &&
		    ev[i].type == e->type) {
			e->w += ev[i].w;
			memmove(ev + i, ev + i + 1, (size_t)(*nev - i - 1) * sizeof *ev);
			(*nev)--;
			break;
		}
	}
	at = *nev;
	if (*nev == cap) {
		if (ev[cap - 1].w >= e->w)
			return;
		at = cap - 1;
	} else {
		(*nev)++;
	}
	while (at > 0 && ev[at - 1].w < e->w) {
		ev[at] = ev[at - 1];
		at--;
	}
	ev[at] = *e;
}

/* The weight a cue adds: its lexicon weight, x1.5 when seen twice, x2 from three times on;
 * TAG_FACTOR for a topic-tag hit of a row that is not where=tag; TITLE_FACTOR for an
 * experience or planting cue first seen in the title. */
static double cue_weight(const struct cue *c, const struct hit *h, uint32_t count)
{
	double w = c->w * (1 + 0.5 * (count > 3 ? 2 : count - 1));
	if (h->tag && c->where != W_TAG)
		w *= TAG_FACTOR;
	if (h->where == 0 && (c->kind == NT_EXPERIENCE || c->kind == NT_PLANTING))
		w *= TITLE_FACTOR;
	return w;
}

static double squash(double s)
{
	return s <= 0 ? 0 : s / (s + 2);
}

/* dst = a followed by x as "%g" writes it, cut to cap - 1 bytes as snprintf would cut it,
 * without printf (nm_fmt_g). */
static void label_g(char *dst, size_t cap, const char *a, double x)
{
	char b[NM_FMT_G_MAX];
	size_t an = strlen(a), bn = nm_fmt_g(b, x, 6);
	if (an > cap - 1)
		an = cap - 1;
	if (bn > cap - 1 - an)
		bn = cap - 1 - an;
	memcpy(dst, a, an);
	memcpy(dst + an, b, bn);
	dst[an + bn] = 0;
}

/* Append the cue text as quoted in evidence: long pattern matches as head…tail. */
static void add_cue_text(struct strbuf *out, const char *s, size_t n)
{
	size_t chars = utf8_chars(s, n);
	if (chars <= 8) {
		sb_add_json_str(out, s, n);
		return;
	}
	{
		struct strbuf b = STRBUF_INIT;
		size_t head = 0, tail = n, c = 0;
		while (head < n && c < 2) {
			head++;
			while (head < n && ((unsigned char)s[head] & 0xC0) == 0x80)
				head++;
			c++;
		}
		c = 0;
		while (tail > head && c < 2) {
			tail--;
			while (tail > head && ((unsigned char)s[tail] & 0xC0) == 0x80)
				tail--;
			c++;
		}
		sb_add(&b, s, head);
		sb_adds(&b, "…");
		sb_add(&b, s + tail, n - tail);
		sb_add_json_str(out, b.buf, b.len);
		sb_release(&b);
	}
}

int notetype_classify(const struct notetype_model *m, const struct note *n, int category,
		      const struct sentiment_result *sent, struct strbuf *out)
{
	double raw[NT_NTYPES] = { 0 }, cue_sum[NT_NTYPES] = { 0 }, tag_sum[NT_NTYPES] = { 0 };
	double centre = 0, noncom = 0, first = 0, second = 0, we = 0, centre_struct = 0;
	int ntags, product, items, prices, names, links = 0, label;
	uint32_t *cnt, *first_hit;
	struct ev ev[MAX_EVIDENCE];
	int nev = 0;

	if (m->ncue > cue_cap) {
		cue_cap = m->ncue;
		cue_count = xrealloc(cue_count, cue_cap * sizeof *cue_count);
		cue_first = xrealloc(cue_first, cue_cap * sizeof *cue_first);
		cue_seen = xrealloc(cue_seen, cue_cap * sizeof *cue_seen);
	}
	if (m->ncue)
		memset(cue_seen, 0, m->ncue * sizeof *cue_seen);
	S.nhit = 0;
	fold_text(n);
	walk_reset();
	match_terms(m, 0);
	match_patterns(m);
	match_tags(m, n, &ntags, &product);
	match_terms(m, 1); /* voice last: a long note's many 我 must not crowd out the cues */
	cancel_hits(m);

	cnt = cue_count;
	first_hit = cue_first;
	if (m->ncue)
		memset(cnt, 0, m->ncue * sizeof *cnt);
	S.nlive = 0;

	for (size_t i = 0; i < S.nhit; i++) {
		struct hit *h = &S.hit[i];
		const struct cue *c = &m->cue[h->cue];
		int in_title = !h->tag && n->title_len && h->os < n->title_len;
		if (h->dead)
			continue;
		h->where = h->tag ? 2 : in_title ? 0 : 1;
		switch (c->where) {
		case W_TITLE:
			if (!in_title)
				continue;
			break;
		case W_DESC:
			if (h->tag || in_title)
				continue;
			break;
		case W_TAG:
			if (!h->tag)
				continue;
			break;
		case W_EDGE:
			if (h->tag || !(in_title || h->os < n->title_len + EDGE_HEAD ||
					h->oe + EDGE_TAIL >= n->len))
				continue;
			break;
		default:
			break;
		}
		if (!cnt[h->cue]++) {
			first_hit[h->cue] = (uint32_t)i;
			NM_GROW(S.live, S.cap_live, S.nlive + 1);
			S.live[S.nlive++] = h->cue;
		}
	}
	/* ascending cue order, as a loop over every cue would visit them (sums of doubles
	 * depend on their order) */
	for (size_t i = 1; i < S.nlive; i++) {
		uint32_t x = S.live[i];
		size_t j = i;
		for (; j > 0 && S.live[j - 1] > x; j--)
			S.live[j] = S.live[j - 1];
		S.live[j] = x;
	}

	for (size_t li = 0; li < S.nlive; li++) {
		size_t ci = S.live[li];
		const struct cue *c = &m->cue[ci];
		const struct hit *h;
		double w;
		h = &S.hit[first_hit[ci]];
		w = cue_weight(c, h, cnt[ci]);
		switch (c->kind) {
		case K_FIRST:
			first += c->w * cnt[ci];
			break;
		case K_SECOND:
			second += c->w * cnt[ci];
			break;
		case K_WE:
			we += c->w * cnt[ci];
			break;
		case K_CENTRE:
			centre += w;
			break;
		case K_NONCOMMERCIAL:
			noncom += w;
			break;
		default:
			if (c->kind < NT_NTYPES && h->tag && c->where != W_TAG)
				tag_sum[c->kind] += w;
			else if (c->kind < NT_NTYPES)
				cue_sum[c->kind] += w;
			break;
		}
	}
	for (int t = 0; t < NT_NTYPES; t++)
		cue_sum[t] += tag_sum[t] > TAG_CAP ? TAG_CAP : tag_sum[t];
	if (centre > CENTRE_CUE_CAP)
		centre = CENTRE_CUE_CAP;

	items = count_list_items(n);
	prices = count_prices();
	names = title_has_name(n);
	for (size_t t = 0; t < n->ntok; t++)
		links += n->tok[t].type == TOK_URL;

	/* disclosure */
	for (int t = NT_COOPERATION; t <= NT_SPONSORED; t++)
		raw[t] = cue_sum[t] - noncom;
	if (product && raw[NT_COOPERATION] > 0)
		raw[NT_COOPERATION] += W_PRODUCT_TAG;
	if (links && raw[NT_SPONSORED] > 0)
		raw[NT_SPONSORED] += W_LINK; /* a link next to ad or purchase language */
	raw[NT_OFFICIAL] -= W_FIRST_OFFICIAL * (first > 10 ? 10 : first);
	if (first <= 1 && we > 0)
		raw[NT_OFFICIAL] += W_WE * (we > 4 ? 4 : we);

	/* centre, experience vs planting, other */
	{
		double c = centre;
		double fp = first > 10 ? 10 : first, sp = second > 8 ? 8 : second;
		double lst = items > 2 ? W_LIST_ITEM * (items - 2) : 0;
		if (lst > 1.5)
			lst = 1.5;
		if (category >= 0)
			c += W_CATEGORY;
		c += W_PRICE * (prices > 3 ? 3 : prices);
		if (product)
			c += W_PRODUCT_TAG;
		if (names)
			c += W_NAME;
		raw[NT_EXPERIENCE] = cue_sum[NT_EXPERIENCE] + W_FIRST * fp;
		raw[NT_PLANTING] = cue_sum[NT_PLANTING] + W_SECOND * sp + lst;
		if (sent && sent->score < NEG_SENT_SCORE) {
			raw[NT_EXPERIENCE] += W_NEG_SENT;
			raw[NT_PLANTING] *= NEG_SENT_PLANTING;
		}
		raw[NT_OTHER] = OTHER_PRIOR + cue_sum[NT_OTHER];
		centre_struct = c;
		centre = c + cue_sum[NT_EXPERIENCE] + cue_sum[NT_PLANTING] + (items > 2 ? 0.5 : 0);
	}

	/* decision */
	label = -1;
	{
		double best = 0;
		static const int order[] = { NT_SPONSORED, NT_COOPERATION, NT_OFFICIAL };
		for (size_t i = 0; i < NM_ARRAY_LEN(order); i++) {
			int t = order[i];
			if (raw[t] >= THR_DISCLOSURE && raw[t] > best) {
				best = raw[t];
				label = t;
			}
		}
	}
	if (label < 0) {
		if (centre > raw[NT_OTHER])
			label = raw[NT_PLANTING] > raw[NT_EXPERIENCE] ? NT_PLANTING : NT_EXPERIENCE;
		else
			label = NT_OTHER;
	}

	if (!out)
		return label;

	/* evidence of the winner: cues, then structure */
	for (size_t li = 0; li < S.nlive; li++) {
		size_t ci = S.live[li];
		const struct cue *c = &m->cue[ci];
		const struct hit *h;
		struct ev e;
		int t = c->kind;
		if (t != label)
			continue;
		h = &S.hit[first_hit[ci]];
		memset(&e, 0, sizeof e);
		e.cue = h->tag ? S.tags.buf + h->os : n->text + h->os;
		e.cue_len = h->oe - h->os;
		e.type = t;
		e.w = cue_weight(c, h, cnt[ci]);
		e.where = h->where == 2 ? "tag" : h->where == 0 ? "title" : "desc";
		add_ev(ev, &nev, MAX_EVIDENCE, &e);
	}
	{
		struct ev e;
		memset(&e, 0, sizeof e);
		e.type = label;
		e.where = "structure";
		if (label == NT_EXPERIENCE && first > 0) {
			label_g(e.label, sizeof e.label, "voice:first-person x", first);
			e.w = W_FIRST * (first > 10 ? 10 : first);
			add_ev(ev, &nev, MAX_EVIDENCE, &e);
		}
		if (label == NT_EXPERIENCE && sent && sent->score < NEG_SENT_SCORE) {
			snprintf(e.label, sizeof e.label, "sentiment:negative");
			e.w = W_NEG_SENT;
			add_ev(ev, &nev, MAX_EVIDENCE, &e);
		}
		if (label == NT_PLANTING && second > 0) {
			label_g(e.label, sizeof e.label, "voice:second-person x", second);
			e.w = W_SECOND * (second > 8 ? 8 : second);
			add_ev(ev, &nev, MAX_EVIDENCE, &e);
		}
		if (label == NT_PLANTING && items > 2) {
			snprintf(e.label, sizeof e.label, "list:%d items", items);
			e.w = W_LIST_ITEM * (items - 2) > 1.5 ? 1.5 : W_LIST_ITEM * (items - 2);
			add_ev(ev, &nev, MAX_EVIDENCE, &e);
		}
		if (label == NT_SPONSORED && links) {
			snprintf(e.label, sizeof e.label, "link x%d", links);
			e.w = W_LINK;
			add_ev(ev, &nev, MAX_EVIDENCE, &e);
		}
		if (label == NT_COOPERATION && product) {
			snprintf(e.label, sizeof e.label, "tag:brand/product");
			e.w = W_PRODUCT_TAG;
			add_ev(ev, &nev, MAX_EVIDENCE, &e);
		}
		if ((label == NT_EXPERIENCE || label == NT_PLANTING) && centre_struct > 0) {
			/* what puts a product or place at the centre besides the cues */
			snprintf(e.label, sizeof e.label, "centre:%s%s%s%s%s", category >= 0 ? " category" : "",
				 prices ? " price" : "", names ? " name" : "", product ? " product-tag" : "",
				 centre_struct > W_CATEGORY * (category >= 0) + W_PRICE * (prices > 3 ? 3 : prices) +
							 W_NAME * names + W_PRODUCT_TAG * product + 1e-9
					 ? " words"
					 : "");
			e.w = centre_struct;
			add_ev(ev, &nev, MAX_EVIDENCE, &e);
		}
		if (label == NT_OTHER) {
			snprintf(e.label, sizeof e.label, "no product/place at the centre");
			e.w = OTHER_PRIOR;
			add_ev(ev, &nev, MAX_EVIDENCE, &e);
		}
	}

	sb_adds(out, "{\"label\":");
	sb_add_json_str(out, note_type_name[label], strlen(note_type_name[label]));
	sb_adds(out, ",\"scores\":{");
	for (int t = 0; t < NT_NTYPES; t++) {
		if (t)
			sb_addc(out, ',');
		sb_add_json_str(out, note_type_name[t], strlen(note_type_name[t]));
		sb_addc(out, ':');
		double v = raw[t];
		if (t == NT_EXPERIENCE || t == NT_PLANTING) {
			/* the centre's weight, shared by the two voices; halved when "other" won */
			double e = raw[NT_EXPERIENCE] > 0 ? raw[NT_EXPERIENCE] : 0;
			double p = raw[NT_PLANTING] > 0 ? raw[NT_PLANTING] : 0;
			v = centre * ((t == NT_EXPERIENCE ? e : p) + 0.5) / (e + p + 1);
			if (centre <= raw[NT_OTHER])
				v *= 0.5;
		}
		sb_add_json_num(out, squash(v));
	}
	sb_adds(out, "}");
	sb_adds(out, ",\"evidence\":[");
	for (int i = 0; i < nev; i++) {
		if (i)
			sb_addc(out, ',');
		sb_adds(out, "{\"cue\":");
		if (ev[i].cue)
			add_cue_text(out, ev[i].cue, ev[i].cue_len);
		else
			sb_add_json_str(out, ev[i].label, strlen(ev[i].label));
		sb_adds(out, ",\"type\":");
		sb_add_json_str(out, note_type_name[ev[i].type], strlen(note_type_name[ev[i].type]));
		sb_adds(out, ",\"weight\":");
		sb_add_json_num(out, ev[i].w);
		sb_adds(out, ",\"where\":");
		sb_add_json_str(out, ev[i].where, strlen(ev[i].where));
		sb_addc(out, '}');
	}
	sb_adds(out, "]}");
	return label;
}
