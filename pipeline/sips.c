/*
 * sips.c - see sips.h. The weights and their reasoning are in docs/scoring.md.
 *
 * Algorithm, per note:
 *  - Cues: lexicons/sips/ rows (term, stage, weight) form one cue set (cue.h); each longest
 *    match among the body tokens adds its weight to its stage, at most SIPS_REPEAT times per
 *    cue; "re:" rows are PCRE2 patterns on the text. Rows of stage "audience" are audience
 *    words; the category packs add theirs (category_audience()).
 *  - identify  = sat(cues + SIPS_CAT_W * min(category score, SIPS_CAT_CAP) / SIPS_CAT_CAP
 *                    + SIPS_AUD_W * audience words, SIPS_K_IDENTIFY)
 *  - participate = sat(cues + SIPS_QUEST_W * question runs (capped), SIPS_K_PARTICIPATE)
 *  - share     = sat(cues + SIPS_TAG_W * topic tags (capped) + SIPS_MENTION_W * @mentions
 *                    (capped), SIPS_K_SHARE)
 *    where sat(x, k) = 1 - exp(-x / k): the first cues matter most and no stage exceeds 1.
 *  - category: the best category pack (category_detect), or null.
 */
#include "sips.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "cue.h"
#include "util.h"

#define SIPS_REPEAT 2
#define SIPS_MAX_EVIDENCE 8
#define SIPS_MAX_AUDIENCE 8

#define SIPS_K_IDENTIFY 4.0
#define SIPS_K_PARTICIPATE 3.0
#define SIPS_K_SHARE 3.0
#define SIPS_CAT_W 2.0      /* a clear category is worth two value cues */
#define SIPS_CAT_CAP 6.0    /* category score giving the full SIPS_CAT_W */
#define SIPS_AUD_W 1.5      /* per audience word */
#define SIPS_QUEST_W 0.75   /* per question run */
#define SIPS_QUEST_CAP 4
#define SIPS_TAG_W 0.3      /* per topic tag: tags put a note in public streams */
#define SIPS_TAG_CAP 10     /* ten tags are as good as a hundred */
#define SIPS_MENTION_W 1.0  /* per @mention */
#define SIPS_MENTION_CAP 3

enum { S_IDENTIFY, S_PARTICIPATE, S_SHARE, S_AUDIENCE, S_NSTAGES };

static const char *const stage_name[S_NSTAGES] = {
	"identify", "participate", "share", "audience",
};

static int stage_of(const char *s)
{
	for (int i = 0; i < S_NSTAGES; i++)
		if (!strcmp(s, stage_name[i]))
			return i;
	return -1;
}

static int validate(const struct lex_row *r, struct strbuf *err)
{
	double w;
	if (r->ncol < 2 || stage_of(r->col[1]) < 0) {
		sb_addf(err, "bad stage '%s' (identify, participate, share or audience)",
			r->ncol > 1 ? r->col[1] : "");
		return -1;
	}
	if (r->ncol > 2 && lex_weight(r->col[2], 1, &w) < 0) {
		sb_addf(err, "bad weight '%s'", r->col[2]);
		return -1;
	}
	if (r->is_pattern && !strcmp(r->col[1], "audience")) {
		sb_addf(err, "audience words cannot be patterns");
		return -1;
	}
	return 0;
}

const struct lex_spec sips_lex_spec = {
	"sips", 2, 3, 2, 1, "term, stage (identify|participate|share|audience), weight", validate,
};

struct sips_cue {
	const char *term;
	double w[S_NSTAGES];
	int audience;
};

struct sips_pattern {
	pcre2_code *re;
	int stage;
	double w;
};

struct sips_model {
	const struct category_model *cats;
	struct cue_set cues;
	struct sips_cue *cue;
	size_t ncue, capcue;
	struct sips_pattern *pat;
	size_t npat, cappat;
};

struct sips_model *sips_model_new(const struct lexset *ls, const struct category_model *cats)
{
	struct sips_model *m = xcalloc(1, sizeof *m);
	const struct lex_kind *k = lexset_kind(ls, "sips");

	m->cats = cats;
	cue_set_init(&m->cues);
	for (size_t i = 0; k && i < k->n; i++) {
		const struct lex_row *r = &k->row[i];
		int st = r->ncol > 1 ? stage_of(r->col[1]) : -1;
		double w;
		size_t had;
		long c;
		if (st < 0 || lex_weight(r->ncol > 2 ? r->col[2] : NULL, 1, &w) < 0)
			continue; /* reported by the loader */
		if (r->is_pattern) {
			pcre2_code *re = lex_compile_pattern(r, 0);
			if (!re) {
				sips_model_free(m);
				return NULL;
			}
			NM_GROW(m->pat, m->cappat, m->npat + 1);
			m->pat[m->npat].re = re;
			m->pat[m->npat].stage = st;
			m->pat[m->npat++].w = w;
			continue;
		}
		had = m->ncue;
		if ((c = cue_set_intern(&m->cues, r->term, &m->ncue)) < 0)
			continue;
		if (m->ncue > had) {
			NM_GROW(m->cue, m->capcue, m->ncue);
			memset(&m->cue[c], 0, sizeof m->cue[c]);
			m->cue[c].term = r->term;
		}
		if (st == S_AUDIENCE)
			m->cue[c].audience = 1;
		else
			m->cue[c].w[st] = w;
	}
	return m;
}

void sips_model_free(struct sips_model *m)
{
	if (!m)
		return;
	cue_set_release(&m->cues);
	free(m->cue);
	for (size_t i = 0; i < m->npat; i++)
		pcre2_code_free(m->pat[i].re);
	free(m->pat);
	free(m);
}

/* Evidence strings of one stage: pointers to lexicon terms or to the note's text. */
struct sips_ev {
	const char *s[SIPS_MAX_EVIDENCE];
	size_t len[SIPS_MAX_EVIDENCE];
	int n;
};

static void ev_add(struct sips_ev *e, const char *s, size_t n)
{
	if (e->n >= SIPS_MAX_EVIDENCE)
		return;
	for (int i = 0; i < e->n; i++)
		if (e->len[i] == n && !memcmp(e->s[i], s, n))
			return;
	e->s[e->n] = s;
	e->len[e->n++] = n;
}

static void add_audience(const char **aud, size_t *naud, const char *w)
{
	for (size_t i = 0; i < *naud; i++)
		if (!strcmp(aud[i], w))
			return;
	if (*naud < SIPS_MAX_AUDIENCE)
		aud[(*naud)++] = w;
}

static double sat(double x, double k)
{
	return x > 0 ? 1 - exp(-x / k) : 0;
}

static int is_question(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '?' || (i + 2 < n && !memcmp(s + i, "？", 3)))
			return 1;
	return 0;
}

static void add_list(struct strbuf *out, const struct sips_ev *e)
{
	sb_addc(out, '[');
	for (int i = 0; i < e->n; i++) {
		if (i)
			sb_addc(out, ',');
		sb_add_json_str(out, e->s[i], e->len[i]);
	}
	sb_addc(out, ']');
}

static void release_md(void *addr)
{
	pcre2_match_data **md = addr;
	pcre2_match_data_free(*md);
	*md = NULL;
}

void sips_score(const struct sips_model *m, const struct note *n, struct strbuf *out,
		struct strbuf *explain)
{
	static _Thread_local uint8_t *seen;
	static _Thread_local size_t capseen;
	static _Thread_local pcre2_match_data *md;
	static _Thread_local struct strbuf catev;
	const unsigned skip = 1u << TOK_HASHTAG | 1u << TOK_MENTION | 1u << TOK_URL;
	struct sips_ev ev[3];
	const char *aud[SIPS_MAX_AUDIENCE];
	size_t naud = 0;
	double x[3] = { 0, 0, 0 }, v[3], catpart = 0;
	int quest = 0, tags = 0, mentions = 0, prevq = 0;
	struct category_match best = { -1, 0 };
	struct cue_note cn;

	memset(ev, 0, sizeof ev);
	if (!seen) {
		nm_thread_own(&seen, nm_release_ptr);
		nm_thread_own(&md, release_md);
		nm_thread_own(&catev, nm_release_sb);
	}
	NM_GROW(seen, capseen, m->ncue + 1);
	memset(seen, 0, m->ncue);
	cue_prepare(n, &cn);
	for (size_t i = 0; i < n->ntok; i++) {
		const struct token *t = &n->tok[i];
		int q = t->type == TOK_PUNCT && is_question(n->text + t->off, t->len);
		quest += q && !prevq;
		prevq = q;
		tags += t->type == TOK_HASHTAG;
		mentions += t->type == TOK_MENTION;
	}
	for (size_t i = 0; i < n->ntok;) {
		const struct token *t = &n->tok[i];
		uint32_t c;
		size_t len = (skip & (1u << t->type)) ? 0 : cue_match(&m->cues, &cn, i, skip, &c);
		if (!len) {
			i++;
			continue;
		}
		if (seen[c] < SIPS_REPEAT) {
			seen[c]++;
			for (int s = 0; s < 3; s++)
				if (m->cue[c].w[s] > 0) {
					x[s] += m->cue[c].w[s];
					ev_add(&ev[s], m->cue[c].term, strlen(m->cue[c].term));
				}
			if (m->cue[c].audience)
				add_audience(aud, &naud, m->cue[c].term);
		}
		i += len;
	}
	if (m->npat && !md)
		md = pcre2_match_data_create(1, NULL);
	for (size_t p = 0; p < m->npat && md; p++) {
		PCRE2_SIZE at = 0;
		for (int k = 0; k < SIPS_REPEAT && at < n->len; k++) {
			PCRE2_SIZE *ov;
			if (pcre2_match(m->pat[p].re, (PCRE2_SPTR)n->text, n->len, at,
					PCRE2_NO_UTF_CHECK, md, NULL) < 0)
				break;
			ov = pcre2_get_ovector_pointer(md);
			if (m->pat[p].stage < 3) {
				x[m->pat[p].stage] += m->pat[p].w;
				ev_add(&ev[m->pat[p].stage], n->text + ov[0], ov[1] - ov[0]);
			}
			at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			while (at < n->len && ((unsigned char)n->text[at] & 0xC0) == 0x80)
				at++;
		}
	}

	/* category and audience from the packs */
	sb_reset(&catev);
	category_detect(m->cats, n, &best, &catev);
	if (best.id >= 0) {
		catpart = SIPS_CAT_W * (best.score < SIPS_CAT_CAP ? best.score : SIPS_CAT_CAP) /
			  SIPS_CAT_CAP;
		x[S_IDENTIFY] += catpart;
	}
	{
		const char *pa[SIPS_MAX_AUDIENCE];
		size_t np = category_audience(m->cats, n, pa, SIPS_MAX_AUDIENCE);
		for (size_t i = 0; i < np; i++)
			add_audience(aud, &naud, pa[i]);
	}
	x[S_IDENTIFY] += SIPS_AUD_W * (double)naud;
	for (size_t i = 0; i < naud; i++)
		ev_add(&ev[S_IDENTIFY], aud[i], strlen(aud[i]));
	x[S_PARTICIPATE] += SIPS_QUEST_W * (quest < SIPS_QUEST_CAP ? quest : SIPS_QUEST_CAP);
	if (quest)
		ev_add(&ev[S_PARTICIPATE], "?", 1);
	x[S_SHARE] += SIPS_TAG_W * (tags < SIPS_TAG_CAP ? tags : SIPS_TAG_CAP);
	if (tags)
		ev_add(&ev[S_SHARE], "#tags", 5);
	x[S_SHARE] += SIPS_MENTION_W * (mentions < SIPS_MENTION_CAP ? mentions : SIPS_MENTION_CAP);
	if (mentions)
		ev_add(&ev[S_SHARE], "@mention", 8);
	v[S_IDENTIFY] = sat(x[S_IDENTIFY], SIPS_K_IDENTIFY);
	v[S_PARTICIPATE] = sat(x[S_PARTICIPATE], SIPS_K_PARTICIPATE);
	v[S_SHARE] = sat(x[S_SHARE], SIPS_K_SHARE);

	if (out) {
		for (int s = 0; s < 3; s++) {
			sb_adds(out, s ? ",\"" : "{\"");
			sb_adds(out, stage_name[s]);
			sb_adds(out, "\":");
			sb_add_json_num(out, v[s]);
		}
		sb_adds(out, ",\"category\":");
		if (best.id >= 0) {
			const char *name = category_name(m->cats, best.id);
			sb_add_json_str(out, name, strlen(name));
		} else {
			sb_adds(out, "null");
		}
		sb_adds(out, ",\"audience\":[");
		for (size_t i = 0; i < naud; i++) {
			if (i)
				sb_addc(out, ',');
			sb_add_json_str(out, aud[i], strlen(aud[i]));
		}
		sb_adds(out, "],\"evidence\":{");
		for (int s = 0; s < 3; s++) {
			sb_adds(out, s ? ",\"" : "\"");
			sb_adds(out, stage_name[s]);
			sb_adds(out, "\":");
			add_list(out, &ev[s]);
		}
		sb_adds(out, ",\"category\":");
		sb_add(out, catev.buf, catev.len);
		sb_adds(out, "}}");
	}
	if (explain) {
		sb_addf(explain, "sips: category %s (score %.1f, identify +%.2f), audience %zu\n",
			best.id >= 0 ? category_name(m->cats, best.id) : "none", best.score, catpart,
			naud);
		for (int s = 0; s < 3; s++) {
			sb_addf(explain, "  %-12s %.2f  raw %.2f:", stage_name[s], v[s], x[s]);
			for (int i = 0; i < ev[s].n; i++)
				sb_addf(explain, " %.*s", (int)ev[s].len[i], ev[s].s[i]);
			if (!ev[s].n)
				sb_adds(explain, " -");
			sb_addc(explain, '\n');
		}
		sb_addf(explain, "  (%d topic tags, %d mentions, %d question runs)\n", tags, mentions,
			quest);
	}
}
