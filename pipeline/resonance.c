/*
 * resonance.c - see resonance.h. Every constant is in struct res_params RP below; the weights
 * and the reasoning behind them are in docs/scoring.md (keep the two in step).
 *
 * Algorithm, per note:
 *  1. Cues. lexicons/resonance/ rows (term, part, weight) form one cue set (cue.h); every
 *     longest match among the body tokens (topic tags, mentions and URLs excluded) adds its
 *     weight to its part, once per distinct cue (RES_REPEAT): saying 亲测 five times is not
 *     five times as authentic. Cues in the title weigh RP.title times more (the title is what
 *     the feed shows; not for hardsell, public and private). "re:" rows are PCRE2 patterns
 *     matched on the text. The "hardsell" part is a penalty: hard-sell, exaggeration, disclosed
 *     cooperation. "public" (matters of public interest) and "private" (a record of the
 *     author's private life) set the reach factor of step 5.
 *  2. Structure from the tokens, each count capped: exclamation runs, emoticons/emoji and the
 *     sentiment intensity (emotional); numbers, prices, durations, list items, distinct
 *     Latin words (names of places, shops, brands) and the pictures of the record (image_list
 *     entries; a video counts as RP.video_pics) (experiential); question runs (interaction).
 *  3. Length. Beyond RP.len_ref content units (Han characters, words, numbers; tags excluded)
 *     every raw sum is scaled by sqrt(len_ref / units): a text four times the reference gets
 *     half the credit per cue, so a pasted article does not win by size.
 *  4. Saturation. part = 1 - exp(-x / K_part): the first cues matter most and no part exceeds
 *     1. Authenticity is multiplied by exp(-hardsell / K_hardsell).
 *  5. raw = min(1, sum(w_part * part) / sum(w_part) * body * exp(-hardsell * RP.hs_score)
 *     * reach), where body = 1 - exp(-fresh / RP.body_k) and fresh counts the content units
 *     of DISTINCT tokens (a repeated token counts once: twenty pasted copies have the body of
 *     one). Hard-sell lowers the whole score, as the taxonomy says marketing loses resonance.
 *     reach = (1 + RP.pub * (1 - exp(-public / K_public))) * exp(-RP.priv * min(private,
 *     RP.priv_cap)) * (RP.planting for a planting note): a note strangers can use reaches
 *     more readers than a diary entry, and a recommendation (种草) is what readers save.
 *  6. score = 100 * raw^RP.gamma, a monotone display curve that spreads real notes over the
 *     0-100 range (it changes no ranking).
 */
#include "resonance.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <pcre2.h>

#include "cue.h"
#include "notetype.h"
#include "utf8.h"
#include "util.h"

#define RES_REPEAT 1       /* times one cue (or pattern) counts at most */
#define RES_MAX_CUES 8      /* lexicon cues shown per part */
#define RES_MAX_EVIDENCE 12 /* evidence items per part: cues, then structure counts */

enum { P_EMO, P_EXP, P_AUTH, P_STORY, P_INTER, P_HARDSELL, P_PUBLIC, P_PRIVATE, P_NPARTS };

static const char *const part_name[P_NPARTS] = {
	"emotional", "experiential", "authenticity", "story", "interaction", "hardsell",
	"public", "private",
};

/* Every documented constant in one place (docs/scoring.md explains each). */
#ifdef RES_TUNING
#define RES_CONST
#else
#define RES_CONST const
#endif
static RES_CONST struct res_params {
	double k[P_NPARTS];     /* saturation constants: raw sum giving 63% of the part */
	double w[5];            /* combination weights of the five parts */
	double len_ref;         /* units beyond which raw sums are damped by sqrt(len_ref/units) */
	double body_k;          /* units giving 63% of the body factor */
	double excl, excl_cap;  /* emotional: per exclamation run, at most excl_cap runs */
	double emo, emo_cap;    /* emotional: per emoticon / emoji, capped */
	double intensity;       /* emotional: times the sentiment intensity (0-1) */
	double num, num_cap;    /* experiential: per number token, capped */
	double price, price_cap; /* experiential: per price, capped */
	double dur, dur_cap;    /* experiential: per duration (3天, 两个月), capped */
	double quest, quest_cap; /* interaction: per question mark run, capped */
	double latin, latin_cap; /* experiential: per Latin word (names of places, brands), capped */
	double hs_score;        /* the whole score is multiplied by exp(-hardsell * hs_score) */
	double list, list_cap;  /* experiential: per list item (1. / 1⃣ / ① / • at a line start) */
	double title;           /* cue weight multiplier in the title (what the feed shows) */
	double gamma;           /* display curve: score = 100 * raw^gamma (monotone) */
	double pic, pic_cap;    /* experiential: per picture of the note, capped */
	double video_pics;      /* pictures a video note counts as */
	double pub;             /* reach: public matter multiplies by up to 1 + pub */
	double priv, priv_cap;  /* reach: the score times exp(-priv * min(private, priv_cap)) */
	double planting;        /* reach: a planting note (note_type 种草) times this */
} RP = {
	.k = { 4, 6, 4, 4, 3, 3, 2, 0 }, /* private: no K, a capped linear penalty (priv) */
	.w = { 0.10, 0.45, 0.10, 0.05, 0.30 },
	.len_ref = 400,
	.body_k = 60,
	.excl = 0.5, .excl_cap = 6,
	.emo = 0.25, .emo_cap = 8,
	.intensity = 1.5,
	.num = 0.4, .num_cap = 10,
	.price = 1.0, .price_cap = 5,
	.dur = 0.5, .dur_cap = 4,
	.quest = 0.75, .quest_cap = 4,
	.latin = 0.2, .latin_cap = 10,
	.hs_score = 0.1,
	.list = 0.5, .list_cap = 8,
	.title = 1.5,
	.gamma = 0.6,
	.pic = 0.2, .pic_cap = 9,
	.video_pics = 3,
	.pub = 0.5,
	.priv = 0.2, .priv_cap = 8,
	.planting = 1.2,
};

static int validate(const struct lex_row *r, struct strbuf *err)
{
	double w;
	int ok = 0;
	for (int p = 0; p < P_NPARTS; p++)
		ok |= r->ncol > 1 && !strcmp(r->col[1], part_name[p]);
	if (!ok) {
		sb_addf(err, "bad part '%s' (emotional, experiential, authenticity, story, "
			     "interaction, hardsell, public or private)", r->ncol > 1 ? r->col[1] : "");
		return -1;
	}
	if (r->ncol > 2 && lex_weight(r->col[2], 1, &w) < 0) {
		sb_addf(err, "bad weight '%s'", r->col[2]);
		return -1;
	}
	if (r->ncol > 2 && w < 0) {
		sb_addf(err, "negative weight '%s' (use the hardsell or private part for "
			     "penalties)",
			r->col[2]);
		return -1;
	}
	return 0;
}

const struct lex_spec resonance_lex_spec = {
	"resonance", 2, 3, 2, 1, "term, part, weight", validate,
};

struct res_cue {
	const char *term; /* as written */
	double w[P_NPARTS];
};

struct res_pattern {
	pcre2_code *re;
	const char *src;
	int part;
	double w;
};

struct resonance_model {
	struct cue_set cues; /* term -> index into cue */
	struct res_cue *cue;
	size_t ncue, capcue;
	struct res_pattern *pat;
	size_t npat, cappat;
};

static int part_of(const char *s)
{
	for (int p = 0; p < P_NPARTS; p++)
		if (!strcmp(s, part_name[p]))
			return p;
	return -1;
}

struct resonance_model *resonance_model_new(const struct lexset *ls)
{
	struct resonance_model *m = xcalloc(1, sizeof *m);
	const struct lex_kind *k = lexset_kind(ls, "resonance");

	cue_set_init(&m->cues);
#ifdef RES_TUNING
	{ /* calibration builds only: RES_TUNE="i=v,..." sets field i of RP (docs/scoring.md) */
		const char *e = getenv("RES_TUNE");
		double *f = (double *)&RP;
		while (e && *e) {
			char *end;
			long idx = strtol(e, &end, 10);
			if (*end != '=')
				break;
			f[idx] = strtod(end + 1, &end);
			e = *end ? end + 1 : end;
		}
	}
#endif
	for (size_t i = 0; k && i < k->n; i++) {
		const struct lex_row *r = &k->row[i];
		int part = r->ncol > 1 ? part_of(r->col[1]) : -1;
		double w;
		size_t had;
		long c;
		if (part < 0 || lex_weight(r->ncol > 2 ? r->col[2] : NULL, 1, &w) < 0)
			continue; /* the loader's validate() has reported it */
		if (r->is_pattern) {
			pcre2_code *re = lex_compile_pattern(r, 0);
			if (!re) {
				resonance_model_free(m);
				return NULL;
			}
			NM_GROW(m->pat, m->cappat, m->npat + 1);
			m->pat[m->npat].re = re;
			m->pat[m->npat].src = r->term;
			m->pat[m->npat].part = part;
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
		m->cue[c].w[part] = w;
	}
	return m;
}

void resonance_model_free(struct resonance_model *m)
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

/* Per-note evidence of one part: short strings in a fixed buffer (no allocation). */
struct res_ev {
	char item[RES_MAX_EVIDENCE][48];
	int n;
};

static void ev_add(struct res_ev *e, const char *s, size_t n, int max)
{
	if (e->n >= max)
		return;
	for (int i = 0; i < e->n; i++)
		if (strlen(e->item[i]) == n && !memcmp(e->item[i], s, n))
			return;
	if (n >= sizeof e->item[0]) {
		n = sizeof e->item[0] - 1;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--; /* do not cut a character */
	}
	memcpy(e->item[e->n], s, n);
	e->item[e->n++][n] = '\0';
}

/* Add "what×count" (count a small whole number), without printf on the hot path. */
static void ev_addf(struct res_ev *e, const char *what, double count)
{
	char b[48], d[16];
	size_t l = strlen(what), k = 0;
	unsigned long c = count > 0 ? (unsigned long)count : 0;
	if (l > 24)
		l = 24;
	memcpy(b, what, l);
	memcpy(b + l, "\xC3\x97", 2); /* × */
	l += 2;
	do
		d[k++] = (char)('0' + c % 10);
	while ((c /= 10) && k < sizeof d);
	while (k)
		b[l++] = d[--k];
	ev_add(e, b, l, RES_MAX_EVIDENCE);
}

static int tok_has(const char *s, size_t n, const char *const *set)
{
	for (; *set; set++) {
		size_t l = strlen(*set);
		for (size_t i = 0; i + l <= n; i++)
			if (!memcmp(s + i, *set, l))
				return 1;
	}
	return 0;
}

static int tok_is(const char *s, size_t n, const char *const *set)
{
	for (; *set; set++)
		if (strlen(*set) == n && !memcmp(s, *set, n))
			return 1;
	return 0;
}

static const char *const excl_marks[] = { "!", "！", NULL };
static const char *const quest_marks[] = { "?", "？", NULL };
static const char *const currency_signs[] = { "$", "¥", "￥", "€", "£", NULL };
static const char *const currency_units[] = { "元", "块", "刀", "美金", "美元", "块钱", "rmb",
					      "usd", "dollars", "dollar", "bucks", NULL };
static const char *const time_units[] = { "天", "周", "个月", "月", "年", "小时", "分钟",
					   "星期", "次", "days", "weeks", "months", "years",
					   "hours", "min", NULL };

/* Content units of token t: Han characters count one each; other word and number tokens
 * one; punctuation, tags, mentions and URLs nothing. */
static double units_of(const struct note *n, const struct token *t)
{
	double u = 0;
	switch (t->type) {
	case TOK_HAN:
		/* characters of a Han token: lead bytes of 3- and 4-byte sequences (CJK) */
		for (size_t i = 0; i < t->len; i++)
			u += (unsigned char)n->text[t->off + i] >= 0xE3;
		return u;
	case TOK_LATIN:
	case TOK_NUMBER:
	case TOK_WORD:
	case TOK_EMOJI:
	case TOK_EMOTICON:
		return 1;
	default:
		return 0;
	}
}

/* Is token i the marker of a list item: a keycap emoji (1⃣), a circled number (①), or a
 * number or bullet followed by '.', '、' or ')' at the start of a line? */
static int is_list_item(const struct note *n, size_t i)
{
	const struct token *t = &n->tok[i];
	const unsigned char *s = (const unsigned char *)n->text + t->off;
	int line_start = t->off == 0 || n->text[t->off - 1] == '\n';
	size_t l;
	int32_t cp;

	if (t->type == TOK_EMOJI && t->len >= 3 && !memcmp(s + t->len - 3, "\xE2\x83\xA3", 3))
		return 1; /* ends in U+20E3 COMBINING ENCLOSING KEYCAP */
	if (!line_start && s[0] != 0xE2)
		return 0;
	cp = utf8_decode((const char *)s, t->len, &l);
	if (cp >= 0x2460 && cp <= 0x2473)
		return 1; /* ① .. ⑳ */
	if (!line_start)
		return 0;
	if (cp == 0x2022 || cp == 0x00B7 || cp == 0x25AA || cp == 0x25CF || cp == 0x2605)
		return 1; /* • · ▪ ● ★ */
	if (t->type == TOK_NUMBER && i + 1 < n->ntok && n->tok[i + 1].type == TOK_PUNCT) {
		const char *p = n->text + n->tok[i + 1].off;
		return *p == '.' || *p == ')' || !memcmp(p, "、", 3) || !memcmp(p, "）", 3);
	}
	return 0;
}

struct res_scan {
	double x[P_NPARTS];
	double units;  /* content units of the body (tags excluded) */
	double fresh;  /* content units of distinct tokens: a repeated token counts once */
	struct res_ev ev[P_NPARTS];
	double excl, quest, emo, num, price, dur, latin, list;
};

/* A per-note set of token hashes (open addressing; 0 marks an empty slot). Returns 1 when
 * h was new. */
static int set_add(uint32_t *set, size_t mask, uint32_t h)
{
	if (!h)
		h = 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		if (set[i] == h)
			return 0;
		if (!set[i]) {
			set[i] = h;
			return 1;
		}
	}
}

static void release_md(void *addr)
{
	pcre2_match_data **md = addr;
	pcre2_match_data_free(*md);
	*md = NULL;
}

static void scan_note(const struct resonance_model *m, const struct note *n,
		      struct res_scan *s)
{
	static _Thread_local uint32_t *set;
	static _Thread_local size_t capset;
	size_t mask = 15;
	static _Thread_local uint8_t *seen; /* per cue: times counted in this note */
	static _Thread_local size_t capseen;
	static _Thread_local pcre2_match_data *md;
	const unsigned skip = 1u << TOK_HASHTAG | 1u << TOK_MENTION | 1u << TOK_URL;
	struct cue_note cn;
	int prev_excl = 0, prev_quest = 0;

	if (!seen) {
		nm_thread_own(&seen, nm_release_ptr);
		nm_thread_own(&set, nm_release_ptr);
		nm_thread_own(&md, release_md);
	}
	NM_GROW(seen, capseen, m->ncue + 1);
	memset(seen, 0, m->ncue);
	while (mask + 1 < 2 * n->ntok)
		mask = mask * 2 + 1;
	NM_GROW(set, capset, mask + 1);
	memset(set, 0, (mask + 1) * sizeof *set);
	cue_prepare(n, &cn);
	/* content and structure: every token */
	for (size_t i = 0; i < n->ntok; i++) {
		const struct token *t = &n->tok[i];
		const char *ts = n->text + t->off;
		double u = units_of(n, t);
		int fresh = 0;

		s->units += u;
		if (u > 0 && set_add(set, mask, hmap_hash(cn.buf + cn.off[i],
							   cn.off[i + 1] - cn.off[i]))) {
			s->fresh += u;
			fresh = 1;
		}
		if (t->type == TOK_PUNCT) {
			int e = tok_has(ts, t->len, excl_marks), q = tok_has(ts, t->len, quest_marks);
			s->excl += e && !prev_excl;
			s->quest += q && !prev_quest;
			prev_excl = e;
			prev_quest = q;
		} else {
			prev_excl = prev_quest = 0;
		}
		if (t->type == TOK_EMOJI || t->type == TOK_EMOTICON)
			s->emo++;
		if (t->type == TOK_LATIN && fresh)
			s->latin++; /* distinct names: a name said twice is one name */
		s->list += is_list_item(n, i);
		if (t->type == TOK_NUMBER) {
			const struct token *nx = i + 1 < n->ntok ? &n->tok[i + 1] : NULL;
			const char *ns = nx ? n->text + nx->off : "";
			size_t nl = nx ? nx->len : 0;
			s->num++;
			if (tok_has(ts, t->len, currency_signs) || tok_has(ts, t->len, currency_units) ||
			    (nx && tok_is(ns, nl, currency_units)))
				s->price++;
			else if (tok_has(ts, t->len, time_units) || (nx && tok_is(ns, nl, time_units)))
				s->dur++;
		}
	}
	/* cues: longest matches, left to right */
	for (size_t i = 0; i < n->ntok;) {
		const struct token *t = &n->tok[i];
		uint32_t c;
		size_t len = (skip & (1u << t->type)) ? 0 : cue_match(&m->cues, &cn, i, skip, &c);
		if (!len) {
			i++;
			continue;
		}
		if (seen[c] < RES_REPEAT) {
			double f = n->title_len && t->off < n->title_len ? RP.title : 1;
			seen[c]++;
			for (int p = 0; p < P_NPARTS; p++) {
				if (m->cue[c].w[p] <= 0)
					continue;
				s->x[p] += m->cue[c].w[p] * (p >= P_HARDSELL ? 1 : f);
				ev_add(&s->ev[p], m->cue[c].term, strlen(m->cue[c].term), RES_MAX_CUES);
			}
		}
		i += len;
	}
	/* patterns, on the whole text */
	if (m->npat && !md)
		md = pcre2_match_data_create(1, NULL);
	for (size_t p = 0; p < m->npat && md; p++) {
		PCRE2_SIZE at = 0;
		for (int k = 0; k < RES_REPEAT; k++) {
			PCRE2_SIZE *ov;
			if (pcre2_match(m->pat[p].re, (PCRE2_SPTR)n->text, n->len, at,
					PCRE2_NO_UTF_CHECK, md, NULL) < 0)
				break;
			ov = pcre2_get_ovector_pointer(md);
			s->x[m->pat[p].part] += m->pat[p].w;
			ev_add(&s->ev[m->pat[p].part], n->text + ov[0], ov[1] - ov[0], RES_MAX_CUES);
			at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			while (at < n->len && ((unsigned char)n->text[at] & 0xC0) == 0x80)
				at++;
			if (at >= n->len)
				break;
		}
	}
}

/* Pictures the note offers: the entries of the record's image_list (a comma-joined string or
 * an array); a video note counts as RP.video_pics (its image_list holds only the cover). 0
 * without a record. */
static double pictures(const struct note *n)
{
	const cJSON *t, *il;
	double c = 0;
	if (!n->rec)
		return 0;
	t = cJSON_GetObjectItemCaseSensitive(n->rec, "type");
	if (cJSON_IsString(t) && !strcmp(t->valuestring, "video"))
		return RP.video_pics;
	il = cJSON_GetObjectItemCaseSensitive(n->rec, "image_list");
	if (cJSON_IsArray(il))
		return cJSON_GetArraySize(il);
	if (cJSON_IsString(il)) {
		const char *p = il->valuestring;
		int item = 0;
		for (; *p; p++) {
			if (*p == ',') {
				c += item;
				item = 0;
			} else if (*p != ' ') {
				item = 1;
			}
		}
		c += item;
	}
	return c;
}

static double cap(double v, double c)
{
	return v < c ? v : c;
}

static double sat(double x, double k)
{
	return x > 0 ? 1 - exp(-x / k) : 0;
}

/* A structural credit: count occurrences (capped at c) worth w each to part, with the count
 * as evidence ("emoji×3"). Nothing when count is 0. */
static void credit(struct res_scan *s, int part, double count, double w, double c,
		   const char *name)
{
	if (!count)
		return;
	s->x[part] += w * cap(count, c);
	ev_addf(&s->ev[part], name, count);
}

void resonance_score(const struct resonance_model *m, const struct note *n,
		     const struct sentiment_result *sent, int note_type, struct strbuf *out,
		     struct resonance_result *res, struct strbuf *explain)
{
	static _Thread_local struct res_scan s;
	double part[5], damp = 1, body, sum = 0, wsum = 0, raw, score, penalty, reach, pub, priv;
	double planting;
	double intensity = sent ? sent->intensity : 0;

	memset(&s, 0, sizeof s);
	scan_note(m, n, &s);

	credit(&s, P_EMO, s.excl, RP.excl, RP.excl_cap, "!");
	credit(&s, P_EMO, s.emo, RP.emo, RP.emo_cap, "emoji");
	if (intensity > 0) {
		char b[24] = "sentiment 0.00";
		int l = 14, v = (int)(intensity * 100 + 0.5);
		if (v >= 100)
			memcpy(b + 10, "1.00", 4);
		else
			b[12] = (char)('0' + v / 10), b[13] = (char)('0' + v % 10);
		s.x[P_EMO] += RP.intensity * (intensity > 1 ? 1 : intensity);
		ev_add(&s.ev[P_EMO], b, (size_t)l, RES_MAX_EVIDENCE);
	}
	credit(&s, P_EXP, s.num, RP.num, RP.num_cap, "number");
	credit(&s, P_EXP, s.price, RP.price, RP.price_cap, "price");
	credit(&s, P_EXP, s.dur, RP.dur, RP.dur_cap, "duration");
	if (RP.latin > 0)
		credit(&s, P_EXP, s.latin, RP.latin, RP.latin_cap, "latin");
	credit(&s, P_EXP, s.list, RP.list, RP.list_cap, "list item");
	credit(&s, P_EXP, pictures(n), RP.pic, RP.pic_cap, "picture");
	credit(&s, P_INTER, s.quest, RP.quest, RP.quest_cap, "?");

	if (s.units > RP.len_ref)
		damp = sqrt(RP.len_ref / s.units);
	for (int p = 0; p < 5; p++)
		part[p] = sat(s.x[p] * damp, RP.k[p]);
	penalty = exp(-s.x[P_HARDSELL] / RP.k[P_HARDSELL]);
	part[P_AUTH] *= penalty;
	body = sat(s.fresh, RP.body_k);
	for (int p = 0; p < 5; p++) {
		sum += RP.w[p] * part[p];
		wsum += RP.w[p];
	}

	/* reach: public-interest matter raises the score up to its full value, a record of the
	 * author's private life lowers it (docs/scoring.md) */
	pub = 1 + RP.pub * sat(s.x[P_PUBLIC] * damp, RP.k[P_PUBLIC]);
	priv = exp(-RP.priv * cap(s.x[P_PRIVATE] * damp, RP.priv_cap));
	planting = note_type == NT_PLANTING ? RP.planting : 1;
	reach = pub * priv * planting;
	raw = cap(sum / wsum * body * exp(-s.x[P_HARDSELL] * RP.hs_score) * reach, 1);
	score = 100 * pow(raw, RP.gamma);

	if (res) {
		res->score = score;
		for (int p = 0; p < 5; p++)
			res->part[p] = part[p];
	}
	if (out) {
		sb_adds(out, "{\"score\":");
		sb_add_json_num(out, round(score * 10) / 10);
		for (int p = 0; p < 5; p++) {
			sb_adds(out, ",\"");
			sb_adds(out, part_name[p]);
			sb_adds(out, "\":");
			sb_add_json_num(out, part[p]);
		}
		sb_adds(out, ",\"evidence\":{");
		for (int p = 0; p < 5; p++) {
			sb_adds(out, p ? ",\"" : "\"");
			sb_adds(out, part_name[p]);
			sb_adds(out, "\":[");
			for (int i = 0; i < s.ev[p].n; i++) {
				if (i)
					sb_addc(out, ',');
				sb_add_json_str(out, s.ev[p].item[i], strlen(s.ev[p].item[i]));
			}
			if (p == P_AUTH) /* hard-sell cues, marked with a leading '-' */
				for (int i = 0; i < s.ev[P_HARDSELL].n; i++) {
					char b[64];
					size_t l = strlen(s.ev[P_HARDSELL].item[i]);
					b[0] = '-';
					memcpy(b + 1, s.ev[P_HARDSELL].item[i], l); /* items are < 48 bytes */
					if (s.ev[p].n || i)
						sb_addc(out, ',');
					sb_add_json_str(out, b, l + 1);
				}
			sb_addc(out, ']');
		}
		sb_adds(out, ",\"reach\":[");
		for (int p = P_PUBLIC, k = 0; p <= P_PRIVATE; p++)
			for (int i = 0; i < s.ev[p].n; i++) {
				char b[64];
				size_t l = strlen(s.ev[p].item[i]);
				b[0] = p == P_PUBLIC ? '+' : '-';
				memcpy(b + 1, s.ev[p].item[i], l); /* items are < 48 bytes */
				if (k++)
					sb_addc(out, ',');
				sb_add_json_str(out, b, l + 1);
			}
		if (planting != 1)
			sb_adds(out, s.ev[P_PUBLIC].n + s.ev[P_PRIVATE].n ? ",\"+type:planting\""
									  : "\"+type:planting\"");
		sb_adds(out, "]}}");
	}
	if (explain) {
		sb_addf(explain, "resonance %.1f = 100 x (weighted mean of parts %.3f x body %.2f x "
				 "hard-sell %.2f x reach %.2f)^%.1f\n",
			score, sum / wsum, body, exp(-s.x[P_HARDSELL] * RP.hs_score), reach,
			RP.gamma);
		sb_addf(explain, "  body: %.0f distinct content units of %.0f (tags excluded); cue sums "
				 "x%.2f length damping\n", s.fresh, s.units, damp);
		for (int p = 0; p < 5; p++) {
			sb_addf(explain, "  %-12s %.2f  weight %.2f  raw %.2f  K %.1f%s:", part_name[p],
				part[p], RP.w[p], s.x[p], RP.k[p],
				p == P_AUTH && penalty < 1 ? "  (x hard-sell penalty)" : "");
			for (int i = 0; i < s.ev[p].n; i++)
				sb_addf(explain, " %s", s.ev[p].item[i]);
			if (!s.ev[p].n)
				sb_adds(explain, " -");
			sb_addc(explain, '\n');
		}
		sb_addf(explain, "  %-12s %.2f = public x%.2f (raw %.2f, K %.1f) x private x%.2f "
				 "(raw %.2f) x note type x%.2f:", "reach", reach, pub, s.x[P_PUBLIC],
			RP.k[P_PUBLIC], priv, s.x[P_PRIVATE], planting);
		for (int p = P_PUBLIC; p <= P_PRIVATE; p++)
			for (int i = 0; i < s.ev[p].n; i++)
				sb_addf(explain, " %c%s", p == P_PUBLIC ? '+' : '-', s.ev[p].item[i]);
		sb_addc(explain, '\n');
		if (s.x[P_HARDSELL] > 0) {
			sb_addf(explain, "  %-12s raw %.2f -> authenticity x %.2f:", "hard-sell",
				s.x[P_HARDSELL], penalty);
			for (int i = 0; i < s.ev[P_HARDSELL].n; i++)
				sb_addf(explain, " %s", s.ev[P_HARDSELL].item[i]);
			sb_addc(explain, '\n');
		}
	}
}
