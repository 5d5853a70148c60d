/* report.c - see report.h: accumulation of labelled records into a struct report (one pass,
 * bounded memory). The writers are report-html.c and report-md.c. */
#include "report-impl.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <utf8proc.h>

#include "note.h"
#include "utf8.h"

/* ------------------------------------------------------------------------------------------
 * Accumulation.
 */

struct report *report_new(const struct report_opts *o)
{
	struct report *r = xcalloc(1, sizeof(*r));
	size_t cap;

	if (o)
		r->o = *o;
	if (!r->o.capacity)
		r->o.capacity = 2000;
	if (r->o.top <= 0)
		r->o.top = 15;
	if (!r->o.sample)
		r->o.sample = 5000;
	if (!r->o.title)
		r->o.title = "notemine report";
	cap = r->o.capacity;
	r->terms_all = report_topk_new(cap);
	for (int i = 0; i < NTYPES; i++) {
		r->terms_type[i] = report_topk_new(cap);
		r->cues_type[i] = report_topk_new(cap / 4 + 16);
	}
	for (int i = 0; i < 3; i++)
		r->terms_sent[i] = report_topk_new(cap);
	for (int i = 0; i < NPARTS; i++)
		r->cues_part[i] = report_topk_new(cap / 4 + 16);
	r->audience = report_topk_new(cap / 8 + 16);
	hmap_init(&r->catmap);
	r->cat_overflow = -1;
	r->smp = xcalloc(r->o.sample, sizeof(*r->smp));
	r->rng = 0x9e3779b97f4a7c15ull;
	sb_init(&r->terms, 256);
	return r;
}

static void kept_release(struct kept *k)
{
	free(k->id);
	free(k->title);
	free(k->text);
	free(k->source);
	for (int i = 0; i < k->nev; i++)
		free(k->ev[i]);
	memset(k, 0, sizeof(*k));
}

void report_free(struct report *r)
{
	if (!r)
		return;
	report_topk_free(r->terms_all);
	for (int i = 0; i < NTYPES; i++) {
		report_topk_free(r->terms_type[i]);
		report_topk_free(r->cues_type[i]);
	}
	for (int i = 0; i < 3; i++)
		report_topk_free(r->terms_sent[i]);
	for (int i = 0; i < NPARTS; i++)
		report_topk_free(r->cues_part[i]);
	report_topk_free(r->audience);
	hmap_release(&r->catmap);
	for (long i = 0; i < r->nproblems; i++) {
		free(r->problems[i].source);
		free(r->problems[i].message);
	}
	for (int i = 0; i < r->ntop; i++)
		kept_release(&r->top[i]);
	for (int i = 0; i < r->nbottom; i++)
		kept_release(&r->bottom[i]);
	free(r->smp);
	sb_release(&r->terms);
	free(r->toff);
	free(r->spans);
	free(r);
}

void report_count_file(struct report *r)
{
	r->files++;
}

void report_count_labelled_here(struct report *r)
{
	r->labelled_here++;
}

static void add_problem(struct report *r, const char *source, long line, const char *message)
{
	struct problem *p;
	r->bad++;
	if (r->nproblems >= MAX_PROBLEMS)
		return;
	p = &r->problems[r->nproblems++];
	p->source = xstrdup(source ? source : "<stdin>");
	p->line = line;
	p->message = xstrdup(message && *message ? message : "bad record");
}

void report_add_bad(struct report *r, const char *source, long line, const char *message)
{
	r->records++;
	add_problem(r, source, line, message);
}

static const cJSON *get(const cJSON *o, const char *key)
{
	return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

static const char *get_str(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

static int get_num(const cJSON *o, const char *key, double *out)
{
	const cJSON *v = get(o, key);
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return 0;
	*out = v->valuedouble;
	return 1;
}

/* v when it is an array, else NULL (for cJSON_ArrayForEach). */
static const cJSON *as_array(const cJSON *v)
{
	return cJSON_IsArray(v) ? v : NULL;
}


static int type_index(const char *label)
{
	if (label)
		for (int i = 0; i < NTYPES; i++)
			if (strcmp(label, type_name[i]) == 0)
				return i;
	return TYPE_NONE;
}

static int sent_index(const char *label)
{
	if (!label)
		return SENT_NONE;
	if (strcmp(label, "positive") == 0)
		return SENT_POS;
	if (strcmp(label, "neutral") == 0)
		return SENT_NEU;
	if (strcmp(label, "negative") == 0)
		return SENT_NEG;
	return SENT_NONE;
}

/* The text of an evidence item: a string, or an object's "term" / "cue" / "text" / "match". */
static const char *evidence_text(const cJSON *it)
{
	static const char *const keys[] = { "term", "cue", "text", "match", "word" };
	if (cJSON_IsString(it))
		return it->valuestring;
	for (size_t i = 0; i < NM_ARRAY_LEN(keys); i++) {
		const char *s = get_str(it, keys[i]);
		if (s && *s)
			return s;
	}
	return NULL;
}

/* Append the distinct evidence strings of array a (tag: part) to r->spans[*n..); cap 64. */
static void collect_evidence(struct report *r, const cJSON *a, int tag, size_t *n)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, as_array(a)) {
		const char *s = evidence_text(it);
		size_t len, j;
		if (!s || !(len = strlen(s)) || len > REPORT_TERM_MAX || *n >= 64)
			continue;
		for (j = 0; j < *n; j++)
			if (r->spans[j].n == len && memcmp(r->spans[j].s, s, len) == 0)
				break;
		if (j < *n)
			continue;
		NM_GROW(r->spans, r->spans_cap, *n + 1);
		r->spans[*n].s = s;
		r->spans[*n].n = len;
		r->spans[*n].tag = tag;
		(*n)++;
	}
}

/* The length of a cue without a trailing count or value: "emoji×3" -> "emoji",
 * "voice:first-person x2" -> "voice:first-person", "sentiment 0.90" -> "sentiment", so that
 * such cues add up across notes. */
static size_t cue_len(const char *s, size_t n)
{
	size_t e = n;
	while (e > 0 && ((s[e - 1] >= '0' && s[e - 1] <= '9') || s[e - 1] == '.' || s[e - 1] == '-'))
		e--;
	if (e == n || e == 0)
		return n;
	if (e >= 2 && (unsigned char)s[e - 2] == 0xc3 && (unsigned char)s[e - 1] == 0x97)
		return e - 2; /* "emoji×3" */
	if (e >= 3 && s[e - 1] == 'x' && s[e - 2] == ' ')
		return e - 2; /* "voice:first-person x2" */
	if (s[e - 1] == ' ' && e > 1)
		return e - 1; /* "sentiment 0.90" */
	return n;
}

/* Whether a token is worth counting: it holds a letter or a symbol (emoji), and it is not
 * a URL. Pure numbers, punctuation and white space are skipped. */
static int term_wanted(const char *s, size_t n)
{
	size_t i = 0, l;
	if (n >= 4 && (memcmp(s, "http", 4) == 0 || memcmp(s, "www.", 4) == 0))
		return 0;
	while (i < n) {
		int32_t cp = utf8_decode(s + i, n - i, &l);
		utf8proc_category_t c = utf8proc_category(cp);
		if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
		    c == UTF8PROC_CATEGORY_SO)
			return 1;
		i += l;
	}
	return 0;
}

/* A topic tag "#名称[话题]#" is counted as "#名称" (the bracket kind dropped): the length of
 * that prefix, or n for any other token. */
static size_t topic_len(const char *s, size_t n)
{
	const char *b;
	if (n < 4 || s[0] != '#' || s[n - 1] != '#' || s[n - 2] != ']')
		return n;
	b = memchr(s, '[', n);
	return b && b > s + 1 ? (size_t)(b - s) : n;
}

static _Thread_local const char *terms_base;

static int toff_cmp(const void *pa, const void *pb)
{
	const char *a = terms_base + *(const size_t *)pa, *b = terms_base + *(const size_t *)pb;
	return strcmp(a, b);
}

/* Count the distinct wanted tokens of one note in the overall, type and sentiment summaries. */
static void count_terms(struct report *r, const cJSON *tokens, int type, int sent)
{
	const cJSON *it;
	size_t nt = 0;

	sb_reset(&r->terms);
	cJSON_ArrayForEach(it, tokens) {
		const char *s = cJSON_IsString(it) ? it->valuestring : NULL;
		size_t n = s ? strlen(s) : 0, at;
		if (!n || n > REPORT_TERM_MAX || !term_wanted(s, n))
			continue;
		n = topic_len(s, n);
		at = r->terms.len;
		for (size_t i = 0; i < n; i++) {
			char c = s[i];
			sb_addc(&r->terms, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
		}
		if (report_is_stopword(r->terms.buf + at, n)) {
			r->terms.len = at;
			r->terms.buf[at] = 0;
			continue;
		}
		sb_addc(&r->terms, 0);
		NM_GROW(r->toff, r->toff_cap, nt + 1);
		r->toff[nt++] = at;
	}
	if (!nt)
		return;
	terms_base = r->terms.buf;
	qsort(r->toff, nt, sizeof(*r->toff), toff_cmp);
	for (size_t i = 0; i < nt; i++) {
		const char *s = r->terms.buf + r->toff[i];
		size_t n = strlen(s);
		if (i > 0 && strcmp(s, r->terms.buf + r->toff[i - 1]) == 0)
			continue;
		report_topk_add(r->terms_all, s, n);
		if (type < NTYPES)
			report_topk_add(r->terms_type[type], s, n);
		if (sent < 3)
			report_topk_add(r->terms_sent[sent], s, n);
	}
}

static void group_add(struct group *g, int sent, double sscore, int has_sscore, double res,
		      const double *part, int has_res, const double *sips, int has_sips)
{
	g->n++;
	g->sent[sent]++;
	if (has_sscore) {
		g->sent_sum += sscore;
		g->sent_n++;
	}
	if (has_res) {
		g->res_sum += res;
		g->res_n++;
		for (int i = 0; i < NPARTS; i++)
			g->part_sum[i] += part[i];
	}
	if (has_sips) {
		for (int i = 0; i < NSIPS; i++)
			g->sips_sum[i] += sips[i];
		g->sips_n++;
	}
}

static struct group *category_group(struct report *r, const char *name)
{
	uint32_t idx;
	size_t n;
	struct group *g;

	if (!name || !*name)
		name = "(no category)";
	n = strlen(name);
	if (n > CAT_NAME_MAX)
		n = CAT_NAME_MAX;
	if (hmap_get(&r->catmap, name, n, &idx))
		return &r->cat[idx];
	if (r->ncat >= REPORT_MAX_CATEGORIES) {
		if (r->cat_overflow < 0) {
			r->cat_overflow = r->ncat;
			g = &r->cat[r->ncat++];
			memcpy(g->name, "(other categories)", sizeof("(other categories)"));
		}
		return &r->cat[r->cat_overflow];
	}
	g = &r->cat[r->ncat];
	memcpy(g->name, name, n);
	g->name[n] = 0;
	hmap_put(&r->catmap, name, n, (uint32_t)r->ncat);
	r->ncat++;
	return g;
}

/* Likes + collects + comments: from "engagement" when present, else from MediaCrawler's
 * count fields. Returns -1 when no count exists. */
static double engagement_of(const cJSON *rec)
{
	static const char *const eng_keys[] = { "liked", "collected", "comments" };
	static const char *const raw_keys[] = { "liked_count", "collected_count", "comment_count" };
	const cJSON *e = get(rec, "engagement");
	double sum = 0, v;
	int any = 0;

	if (cJSON_IsObject(e)) {
		for (int i = 0; i < 3; i++)
			if (get_num(e, eng_keys[i], &v)) {
				sum += v;
				any = 1;
			}
		return any ? sum : -1;
	}
	for (int i = 0; i < 3; i++) {
		const cJSON *f = get(rec, raw_keys[i]);
		if (cJSON_IsNumber(f) && isfinite(f->valuedouble)) {
			sum += f->valuedouble;
			any = 1;
		} else if (cJSON_IsString(f) && count_parse(f->valuestring, &v) == 0) {
			sum += v;
			any = 1;
		}
	}
	return any ? sum : -1;
}

static size_t cp_count(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A display copy of s: white space runs folded to one space, at most max code points
 * (then "…"), invalid UTF-8 repaired. */
static char *display_copy(const char *s, size_t max)
{
	struct strbuf sb = STRBUF_INIT, fixed = STRBUF_INIT;
	size_t i = 0, n, cps = 0;
	int space = 0;

	sb_init(&sb, 64);
	if (!s)
		return sb.buf;
	n = strlen(s);
	sb_init(&fixed, n + 1);
	utf8_repair(&fixed, s, n);
	n = fixed.len;
	while (i < n && cps < max) {
		size_t l;
		int32_t cp = utf8_decode(fixed.buf + i, n - i, &l);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 ||
		    cp == 0x200b || cp < 0x20) {
			space = sb.len > 0;
			i += l;
			continue;
		}
		if (space) {
			sb_addc(&sb, ' ');
			cps++;
			space = 0;
		}
		sb_add(&sb, fixed.buf + i, l);
		cps++;
		i += l;
	}
	if (i < n)
		sb_adds(&sb, "…");
	sb_release(&fixed);
	return sb.buf;
}

/* Whether candidate (score, seq) belongs before k in the top (dir 1) or bottom (dir -1) list. */
static int kept_before(double score, long seq, const struct kept *k, int dir)
{
	if (score != k->score)
		return dir > 0 ? score > k->score : score < k->score;
	return seq < k->seq;
}

static void keep_note(struct report *r, struct kept *list, int *nlist, int dir, const cJSON *rec,
		      double score, const double *part, int type, int sent, double eng,
		      const char *source, long line, size_t nspans)
{
	struct kept k;
	const char *title, *text;
	int pos;

	if (*nlist == KEEP_NOTES && !kept_before(score, r->notes, &list[KEEP_NOTES - 1], dir))
		return;
	memset(&k, 0, sizeof(k));
	k.score = score;
	k.seq = r->notes;
	title = get_str(rec, "title");
	text = get_str(rec, "desc");
	if (!text)
		text = get_str(rec, "content");
	if (!text)
		text = get_str(rec, "text");
	k.id = xstrdup(get_str(rec, "note_id") ? get_str(rec, "note_id")
					       : get_str(rec, "id") ? get_str(rec, "id") : "");
	k.title = display_copy(title, TITLE_CP_MAX);
	k.text = display_copy(text, TEXT_CP_MAX);
	k.source = xstrdup(source ? source : "<stdin>");
	k.line = line;
	k.type = type;
	k.sent = sent;
	memcpy(k.part, part, sizeof(k.part));
	k.eng = eng;
	for (size_t i = 0; i < nspans && k.nev < KEEP_EVIDENCE; i++) {
		k.ev[k.nev] = xstrndup(r->spans[i].s, r->spans[i].n);
		k.ev_part[k.nev++] = r->spans[i].tag;
	}
	if (*nlist == KEEP_NOTES)
		kept_release(&list[--*nlist]);
	for (pos = *nlist; pos > 0 && kept_before(score, k.seq, &list[pos - 1], dir); pos--)
		list[pos] = list[pos - 1];
	list[pos] = k;
	(*nlist)++;
}

/* A 64-bit FNV-1a hash of the record's creator (creator_hash, user_id or nickname), 0 when
 * it has none. */
static uint64_t creator_of(const cJSON *rec)
{
	static const char *const keys[] = { "creator_hash", "user_id", "nickname" };
	for (size_t i = 0; i < NM_ARRAY_LEN(keys); i++) {
		const char *s = get_str(rec, keys[i]);
		uint64_t h = 0xcbf29ce484222325ull;
		if (!s || !*s)
			continue;
		for (; *s; s++) {
			h ^= (unsigned char)*s;
			h *= 0x100000001b3ull;
		}
		return h ? h : 1;
	}
	return 0;
}

static uint64_t rng_next(struct report *r)
{
	uint64_t x = r->rng;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return r->rng = x;
}

static void sample_add(struct report *r, const struct sample *s)
{
	r->smp_seen++;
	if (r->nsmp < r->o.sample) {
		r->smp[r->nsmp++] = *s;
		return;
	}
	uint64_t j = rng_next(r) % (uint64_t)r->smp_seen;
	if (j < r->o.sample)
		r->smp[j] = *s;
}

void report_add(struct report *r, const cJSON *rec, const char *source, long line)
{
	const cJSON *nt, *se, *rs, *sp, *tokens, *err, *ev, *it, *aud;
	double sscore = 0, res = 0, part[NPARTS] = { 0 }, sips[NSIPS] = { 0 }, eng, v;
	int type, sent, has_sscore, has_res = 0, has_sips = 0;
	const char *title, *desc;
	size_t nspans = 0;
	struct sample smp;

	err = get(rec, "error");
	if (err && !get(rec, "note_type")) {
		double l;
		r->records++;
		add_problem(r, source, get_num(err, "line", &l) ? (long)l : line,
			    get_str(err, "message") ? get_str(err, "message")
						    : cJSON_IsString(err) ? err->valuestring : NULL);
		return;
	}
	r->records++;
	r->notes++;

	nt = get(rec, "note_type");
	type = type_index(get_str(nt, "label"));
	if (type == TYPE_NONE)
		r->no_type++;
	se = get(rec, "sentiment");
	sent = sent_index(get_str(se, "label"));
	if (sent == SENT_NONE)
		r->no_sent++;
	has_sscore = get_num(se, "score", &sscore);
	rs = get(rec, "resonance");
	if (get_num(rs, "score", &res)) {
		has_res = 1;
		res = rp_clamp(res, 0, 100);
		for (int i = 0; i < NPARTS; i++)
			if (get_num(rs, part_name[i], &v))
				part[i] = rp_clamp(v, 0, 1);
	} else {
		r->no_res++;
	}
	sp = get(rec, "sips");
	if (cJSON_IsObject(sp)) {
		has_sips = 1;
		for (int i = 0; i < NSIPS; i++)
			if (get_num(sp, sips_name[i], &v))
				sips[i] = rp_clamp(v, 0, 1);
	} else {
		r->no_sips++;
	}

	group_add(&r->all, sent, sscore, has_sscore, res, part, has_res, sips, has_sips);
	group_add(&r->type[type], sent, sscore, has_sscore, res, part, has_res, sips, has_sips);
	group_add(category_group(r, has_sips ? get_str(sp, "category") : NULL), sent, sscore,
		  has_sscore, res, part, has_res, sips, has_sips);
	if (has_res) {
		r->res_hist[(int)res]++;
		for (int i = 0; i < NPARTS; i++) {
			r->part_pos[i] += part[i] > 0;
			r->part_sq[i] += part[i] * part[i];
		}
	}

	title = get_str(rec, "title");
	desc = get_str(rec, "desc");
	if (!desc)
		desc = get_str(rec, "content");
	if (!desc)
		desc = get_str(rec, "text");
	if (!(title && *title) && !(desc && *desc))
		r->no_text++;

	tokens = get(rec, "tokens");
	if (cJSON_IsArray(tokens))
		count_terms(r, tokens, type, sent);
	else
		r->no_tokens++;

	/* cues: resonance evidence per part, note-type evidence, audiences */
	ev = get(rs, "evidence");
	for (int i = 0; i < NPARTS; i++) {
		size_t from = nspans;
		collect_evidence(r, get(ev, part_name[i]), i, &nspans);
		for (size_t j = from; j < nspans; j++)
			report_topk_add(r->cues_part[i], r->spans[j].s,
					cue_len(r->spans[j].s, r->spans[j].n));
	}
	if (type < NTYPES) {
		size_t from = nspans, n2 = nspans;
		const cJSON *tev = get(nt, "evidence");
		cJSON_ArrayForEach(it, as_array(tev)) {
			const char *cue_type = get_str(it, "type");
			/* count the cues that voted for the winning type */
			if (cue_type && strcmp(cue_type, type_name[type]) != 0)
				continue;
			const char *s = evidence_text(it);
			size_t len = s ? strlen(s) : 0, j;
			if (!len || len > REPORT_TERM_MAX || n2 >= 64 + from)
				continue;
			for (j = from; j < n2; j++)
				if (r->spans[j].n == len && memcmp(r->spans[j].s, s, len) == 0)
					break;
			if (j < n2)
				continue;
			NM_GROW(r->spans, r->spans_cap, n2 + 1);
			r->spans[n2].s = s;
			r->spans[n2].n = len;
			r->spans[n2].tag = -1;
			n2++;
			report_topk_add(r->cues_type[type], s, cue_len(s, len));
		}
	}
	aud = as_array(get(sp, "audience"));
	cJSON_ArrayForEach(it, aud) {
		const char *s = evidence_text(it);
		if (s && *s)
			report_topk_add(r->audience, s, strlen(s));
	}

	eng = engagement_of(rec);
	if (eng < 0)
		r->no_eng++;
	if (has_res) {
		size_t text_cp = cp_count(title) + cp_count(desc);
		keep_note(r, r->top, &r->ntop, 1, rec, res, part, type, sent, eng, source, line,
			  nspans);
		if (text_cp >= LEAST_MIN_CP)
			keep_note(r, r->bottom, &r->nbottom, -1, rec, res, part, type, sent, eng,
				  source, line, nspans);
		if (eng >= 0) {
			smp.res = res;
			smp.eng = eng;
			smp.len = (double)text_cp;
			memcpy(smp.part, part, sizeof(smp.part));
			smp.creator = creator_of(rec);
			smp.type = type;
			smp.sent = sent;
			sample_add(r, &smp);
		}
	}
}
