/*
 * category.c - see category.h.
 *
 * Model: the rows of lexicons/categories/ (pack = row group) become one cue set (cue.h) of
 * terms; each term owns a run of hits (pack, role, weight) in one flat array, so a term listed
 * by several packs (徒步: travel and fitness) is matched once and credits each pack.
 *
 * Detection: every longest cue match among the note's tokens adds its "word" weight to its
 * packs; in topic tags (#名称[话题]#) pack words are found anywhere in the name, character by
 * character (cue_match_str), since a tag is one token. A term counts fully the
 * first time and half the second time, never more (a repeated word is not more evidence of a
 * topic); words in the title count CATEGORY_TITLE_BOOST times (the title names the topic). The
 * best pack wins when its score reaches CATEGORY_MIN_SCORE (one strong word or two ordinary
 * ones); ties go to the pack loaded first (file-name order).
 */
#include "category.h"

#include <stdlib.h>
#include <string.h>

#include "cue.h"
#include "util.h"

#define CATEGORY_MIN_SCORE 2.0
#define CATEGORY_TITLE_BOOST 1.5
#define CATEGORY_MAX_EVIDENCE 8
#define CATEGORY_MAX_TERMS 256 /* distinct matched terms remembered per note */

enum { ROLE_WORD, ROLE_AUDIENCE, ROLE_SENTIMENT };

static int validate(const struct lex_row *r, struct strbuf *err)
{
	double w;
	if (r->ncol > 1 && *r->col[1] && strcmp(r->col[1], "word") &&
	    strcmp(r->col[1], "audience") && strcmp(r->col[1], "sentiment")) {
		sb_addf(err, "bad role '%s' (word, audience or sentiment)", r->col[1]);
		return -1;
	}
	if (r->is_pattern) {
		sb_addf(err, "patterns are not allowed in category packs");
		return -1;
	}
	if (r->ncol > 2 && lex_weight(r->col[2], 1, &w) < 0) {
		sb_addf(err, "bad weight '%s'", r->col[2]);
		return -1;
	}
	return 0;
}

const struct lex_spec category_lex_spec = {
	"categories", 1, 3, 2, 0, "term, role (word|audience|sentiment), weight", validate,
};

struct cat_hit {
	int pack;
	int role;
	double w;
	const char *term; /* as written in the pack */
};

struct cat_term {
	size_t first, n; /* hits[first .. first + n) */
};

struct category_model {
	char **names;
	int npacks;
	struct cue_set cues; /* term -> index into terms */
	struct cat_term *terms;
	size_t nterms, capterms;
	struct cat_hit *hits;
	size_t nhits, caphits;
};

static int role_of(const struct lex_row *r)
{
	if (r->ncol < 2 || !*r->col[1] || !strcmp(r->col[1], "word"))
		return ROLE_WORD;
	return !strcmp(r->col[1], "audience") ? ROLE_AUDIENCE : ROLE_SENTIMENT;
}

static int pack_id(struct category_model *m, const char *name)
{
	for (int i = 0; i < m->npacks; i++)
		if (!strcmp(m->names[i], name))
			return i;
	m->names = xrealloc(m->names, (size_t)(m->npacks + 1) * sizeof *m->names);
	m->names[m->npacks] = xstrdup(name);
	return m->npacks++;
}

struct category_model *category_model_new(const struct lexset *ls)
{
	struct category_model *m = xcalloc(1, sizeof *m);
	const struct lex_kind *k = lexset_kind(ls, "categories");
	struct strbuf key = STRBUF_INIT;
	size_t *next = NULL;

	cue_set_init(&m->cues);
	if (!k)
		return m;
	/* First pass: intern the terms; count hits per term. */
	next = xcalloc(k->n + 1, sizeof *next);
	for (size_t i = 0; i < k->n; i++) {
		const struct lex_row *r = &k->row[i];
		size_t had = m->nterms;
		long t;
		pack_id(m, r->group);
		if ((t = cue_set_intern(&m->cues, r->term, &m->nterms)) < 0)
			continue;
		if (m->nterms > had) {
			NM_GROW(m->terms, m->capterms, m->nterms);
			m->terms[t].first = 0;
			m->terms[t].n = 0;
		}
		m->terms[t].n++;
	}
	/* Second pass: lay the hits out term by term. */
	for (size_t t = 0, at = 0; t < m->nterms; t++) {
		m->terms[t].first = at;
		at += m->terms[t].n;
		m->terms[t].n = 0;
	}
	m->nhits = m->caphits = k->n;
	m->hits = xcalloc(k->n + 1, sizeof *m->hits);
	for (size_t i = 0; i < k->n; i++) {
		const struct lex_row *r = &k->row[i];
		struct cat_term *ct;
		struct cat_hit *h;
		uint32_t t;
		size_t kl = cue_key(&key, r->term);
		if (!kl || !cue_set_get(&m->cues, key.buf, kl, &t))
			continue;
		ct = &m->terms[t];
		h = &m->hits[ct->first + ct->n++];
		h->pack = pack_id(m, r->group);
		h->role = role_of(r);
		h->term = r->term;
		if (lex_weight(r->ncol > 2 ? r->col[2] : NULL, 1, &h->w) < 0)
			h->w = 1;
	}
	free(next);
	sb_release(&key);
	return m;
}

void category_model_free(struct category_model *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->npacks; i++)
		free(m->names[i]);
	free(m->names);
	cue_set_release(&m->cues);
	free(m->terms);
	free(m->hits);
	free(m);
}

int category_count(const struct category_model *m)
{
	return m->npacks;
}

const char *category_name(const struct category_model *m, int id)
{
	return id >= 0 && id < m->npacks ? m->names[id] : NULL;
}

/* Per-note scan state: matched terms (distinct) with their counts and title flag. */
struct cat_seen {
	uint32_t term;
	int count;
	int in_title;
};

/* Record one more occurrence of term t in seen[0..nseen); returns the new nseen. */
static size_t see(struct cat_seen *seen, size_t nseen, uint32_t t, int title)
{
	size_t s;
	for (s = 0; s < nseen && seen[s].term != t; s++)
		;
	if (s == nseen) {
		if (nseen == CATEGORY_MAX_TERMS)
			return nseen;
		seen[s].term = t;
		seen[s].count = 0;
		seen[s].in_title = 0;
		nseen++;
	}
	seen[s].count++;
	seen[s].in_title |= title;
	return nseen;
}

/* Find the pack terms of n; fills seen[] (distinct terms, up to CATEGORY_MAX_TERMS) and
 * returns how many. */
static size_t scan(const struct category_model *m, const struct note *n, struct cat_seen *seen)
{
	struct cue_note cn;
	size_t nseen = 0;

	if (!m->nterms || !n->ntok)
		return 0;
	cue_prepare(n, &cn);
	for (size_t i = 0; i < n->ntok;) {
		uint32_t t = 0;
		size_t len = 0;
		const struct token *tk = &n->tok[i];
		if (tk->type == TOK_HASHTAG) {
			/* pack words anywhere in the tag's name: #我家宠物好可爱[话题]# -> 宠物 */
			static _Thread_local struct strbuf raw, tag;
			const char *name;
			size_t nl = cue_tag_name(n->text + tk->off, tk->len, &name);
			int title = n->title_len && tk->off < n->title_len;
			if (nl) {
				nm_thread_own(&raw, nm_release_sb);
				nm_thread_own(&tag, nm_release_sb);
				sb_reset(&raw);
				sb_add(&raw, name, nl);
				nl = cue_key(&tag, raw.buf);
			}
			for (size_t at = 0; at < nl;) {
				size_t ml = cue_match_str(&m->cues, tag.buf + at, nl - at, &t);
				if (!ml) {
					do
						at++;
					while (at < nl && ((unsigned char)tag.buf[at] & 0xC0) == 0x80);
					continue;
				}
				nseen = see(seen, nseen, t, title);
				at += ml;
			}
			i++;
			continue;
		}
		len = cue_match(&m->cues, &cn, i, 1u << TOK_HASHTAG, &t);
		if (!len) {
			i++;
			continue;
		}
		nseen = see(seen, nseen, t, n->title_len && tk->off < n->title_len);
		i += len;
	}
	return nseen;
}

static void pack_scores(const struct category_model *m, const struct cat_seen *seen,
			size_t nseen, double *score)
{
	for (int p = 0; p < m->npacks; p++)
		score[p] = 0;
	for (size_t s = 0; s < nseen; s++) {
		const struct cat_term *ct = &m->terms[seen[s].term];
		double times = seen[s].count >= 2 ? 1.5 : 1.0;
		double boost = seen[s].in_title ? CATEGORY_TITLE_BOOST : 1.0;
		for (size_t h = ct->first; h < ct->first + ct->n; h++)
			if (m->hits[h].role == ROLE_WORD)
				score[m->hits[h].pack] += m->hits[h].w * times * boost;
	}
}

/* The scan of n, from the calling thread's cache when the same model scanned the same note
 * last (category_detect and category_audience of one note, called by several analysers). */
static const struct cat_seen *scan_cached(const struct category_model *m, const struct note *n,
					  size_t *nseen)
{
	static _Thread_local struct cat_seen seen[CATEGORY_MAX_TERMS];
	static _Thread_local size_t last_n;
	static _Thread_local const struct category_model *last_m;
	static _Thread_local struct cue_seen last;

	if (!cue_seen_same(&last, n) || last_m != m) {
		last_n = scan(m, n, seen);
		last_m = m;
	}
	*nseen = last_n;
	return seen;
}

void category_detect(const struct category_model *m, const struct note *n,
		     struct category_match *best, struct strbuf *evidence)
{
	static _Thread_local double *score;
	static _Thread_local size_t cap;
	size_t nseen;
	const struct cat_seen *seen = scan_cached(m, n, &nseen);

	best->id = -1;
	best->score = 0;
	if (!score)
		nm_thread_own(&score, nm_release_ptr);
	NM_GROW(score, cap, (size_t)m->npacks + 1);
	pack_scores(m, seen, nseen, score);
	for (int p = 0; p < m->npacks; p++)
		if (score[p] >= CATEGORY_MIN_SCORE && score[p] > best->score) {
			best->id = p;
			best->score = score[p];
		}
	if (!evidence)
		return;
	sb_addc(evidence, '[');
	if (best->id >= 0) {
		int k = 0;
		for (size_t s = 0; s < nseen && k < CATEGORY_MAX_EVIDENCE; s++) {
			const struct cat_term *ct = &m->terms[seen[s].term];
			for (size_t h = ct->first; h < ct->first + ct->n; h++) {
				const struct cat_hit *hh = &m->hits[h];
				if (hh->pack != best->id || hh->role != ROLE_WORD)
					continue;
				if (k++)
					sb_addc(evidence, ',');
				sb_add_json_str(evidence, hh->term, strlen(hh->term));
				break;
			}
		}
	}
	sb_addc(evidence, ']');
}

size_t category_audience(const struct category_model *m, const struct note *n,
			 const char **words, size_t max)
{
	size_t nseen, k = 0;
	const struct cat_seen *seen = scan_cached(m, n, &nseen);

	for (size_t s = 0; s < nseen && k < max; s++) {
		const struct cat_term *ct = &m->terms[seen[s].term];
		for (size_t h = ct->first; h < ct->first + ct->n; h++) {
			if (m->hits[h].role != ROLE_AUDIENCE)
				continue;
			words[k++] = m->hits[h].term;
			break;
		}
	}
	return k;
}

int category_sentiment(const struct category_model *m, int id, const char *key, size_t n,
		       double *w)
{
	uint32_t t;
	if (!m || id < 0 || !cue_set_get(&m->cues, key, n, &t))
		return 0;
	for (size_t h = m->terms[t].first; h < m->terms[t].first + m->terms[t].n; h++)
		if (m->hits[h].pack == id && m->hits[h].role == ROLE_SENTIMENT) {
			*w = m->hits[h].w;
			return 1;
		}
	return 0;
}
