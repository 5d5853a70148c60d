/*
 * pipeline.c - see pipeline.h.
 *
 * Per record: pick the note text, repair its UTF-8, tokenize (or reuse the tokens of an
 * earlier stage), run the analysers the command asks for, and write the record back with the
 * new keys. For JSON Lines the new keys are spliced into the original line before its last
 * '}', so every other byte passes through untouched; other inputs are re-serialised by cJSON
 * in their key order.
 */
#include "pipeline.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "category.h"
#include "lexicon.h"
#include "normalize.h"
#include "note.h"
#include "notetype.h"
#include "resonance.h"
#include "segdict.h"
#include "segment.h"
#include "sentiment.h"
#include "sips.h"
#include "token.h"
#include "utf8.h"

#define MAX_TEXT (64u << 20) /* analysis text cap per note (bytes) */

static atomic_ullong note_serial;

struct pipeline {
	struct pipeline_opts o;
	struct lexset lex;
	struct segdict *dict;
	struct tokenizer *tk;
	struct category_model *cats;
	struct sentiment_model *sent;
	struct notetype_model *nt;
	struct resonance_model *res;
	struct sips_model *sips;
};

struct pipeline_worker {
	const struct pipeline *p;
	struct tok_scratch *ts;
	struct tokens toks;
	struct strbuf text, add, tmp, line;
	struct strbuf reread; /* sentiment_reread() */
	cJSON *items;         /* ... its evidence array, built in place */
	size_t cap_items;
};

struct pipeline *pipeline_new(const struct pipeline_opts *o)
{
	struct pipeline *p = xcalloc(1, sizeof *p);
	const char *roots[40];
	size_t nroots = 0;
	struct tokenizer_opts to;

	p->o = *o;
	norm_init(o->t2s);
	roots[nroots++] = o->lex_root ? o->lex_root : lex_default_root();
	for (int i = 0; i < o->nlex && nroots < NM_ARRAY_LEN(roots); i++)
		roots[nroots++] = o->lex_dirs[i];
	if (lexset_load(&p->lex, roots, nroots) < 0)
		goto fail;
	{
		struct segdict_opts so;
		memset(&so, 0, sizeof so);
		so.dict_path = o->dict;
		so.user_dicts = o->user_dicts;
		so.n_user_dicts = (size_t)o->nuser;
		so.ls = &p->lex;
		so.t2s = o->t2s;
		if (segdict_open(&p->dict, &so) < 0)
			goto fail;
	}
	memset(&to, 0, sizeof to);
	to.dict = p->dict;
	if (!(p->tk = tokenizer_new(&to)))
		goto fail;
	if (o->stages & (STAGE_CLASSIFY | STAGE_SCORE)) {
		if (!(p->cats = category_model_new(&p->lex)))
			goto fail;
		if (!(p->sent = sentiment_model_new(&p->lex, p->cats)))
			goto fail;
	}
	/* score reads the note type too (resonance): from an earlier classify when present */
	if (o->stages & (STAGE_CLASSIFY | STAGE_SCORE))
		if (!(p->nt = notetype_model_new(&p->lex, p->cats)))
			goto fail;
	if (o->stages & STAGE_SCORE) {
		if (!(p->res = resonance_model_new(&p->lex)))
			goto fail;
		if (!(p->sips = sips_model_new(&p->lex, p->cats)))
			goto fail;
	}
	return p;
fail:
	pipeline_free(p);
	return NULL;
}

void pipeline_free(struct pipeline *p)
{
	if (!p)
		return;
	sips_model_free(p->sips);
	resonance_model_free(p->res);
	notetype_model_free(p->nt);
	sentiment_model_free(p->sent);
	category_model_free(p->cats);
	tokenizer_free(p->tk);
	segdict_free(p->dict);
	lexset_release(&p->lex);
	free(p);
}

struct pipeline_worker *pipeline_worker_new(const struct pipeline *p)
{
	struct pipeline_worker *w = xcalloc(1, sizeof *w);
	w->p = p;
	w->ts = tok_scratch_new(p->tk);
	sb_init(&w->text, 4096);
	sb_init(&w->add, 4096);
	sb_init(&w->tmp, 4096);
	sb_init(&w->line, 4096);
	return w;
}

void pipeline_worker_free(struct pipeline_worker *w)
{
	if (!w)
		return;
	tok_scratch_free(w->ts);
	tokens_release(&w->toks);
	sb_release(&w->text);
	sb_release(&w->add);
	sb_release(&w->tmp);
	sb_release(&w->line);
	sb_release(&w->reread);
	free(w->items);
	free(w);
}

static const char *str_field(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

static void add_text(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);
	if (sb->len + n > MAX_TEXT)
		n = sb->len < MAX_TEXT ? MAX_TEXT - sb->len : 0;
	utf8_repair(sb, s, n);
}

/* The note's analysis text into w->text; returns the title's length in bytes. */
static size_t note_text(struct pipeline_worker *w, const cJSON *obj)
{
	const struct pipeline_opts *o = &w->p->o;
	size_t title_len = 0;
	sb_reset(&w->text);
	if (o->nfields) {
		for (int i = 0; i < o->nfields; i++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, o->fields[i]);
			if (w->text.len)
				sb_addc(&w->text, '\n');
			if (cJSON_IsString(v) && v->valuestring)
				add_text(&w->text, v->valuestring);
			else if (cJSON_IsNumber(v))
				sb_addf(&w->text, "%g", v->valuedouble);
			if (i == 0 && o->nfields > 1)
				title_len = w->text.len;
		}
		return title_len;
	}
	{
		const char *title = str_field(obj, "title"), *desc = str_field(obj, "desc");
		const char *s;
		if (title || desc) {
			if (title && *title) {
				add_text(&w->text, title);
				title_len = w->text.len;
			}
			if (desc && *desc) {
				if (w->text.len)
					sb_addc(&w->text, '\n');
				add_text(&w->text, desc);
			}
			return title_len;
		}
		if ((s = str_field(obj, "content")) || (s = str_field(obj, "text")))
			add_text(&w->text, s);
	}
	return 0;
}

/* Use the "tokens" array of an earlier stage: locate each token in the text in order; when a
 * token cannot be found, analyse the tokens joined by spaces instead. */
static int reuse_tokens(struct pipeline_worker *w, const cJSON *arr)
{
	const cJSON *t;
	size_t pos = 0;
	int ok = 1;
	w->toks.n = 0;
	cJSON_ArrayForEach(t, arr) {
		const char *s, *at;
		size_t n;
		if (!cJSON_IsString(t) || !t->valuestring)
			continue;
		s = t->valuestring;
		n = strlen(s);
		at = n ? memmem(w->text.buf + pos, w->text.len - pos, s, n) : NULL;
		if (!at) {
			ok = 0;
			break;
		}
		tokens_push(&w->toks, (uint32_t)(at - w->text.buf), (uint32_t)n, TOK_WORD);
		pos = (size_t)(at - w->text.buf) + n;
	}
	if (!ok) {
		w->toks.n = 0;
		sb_reset(&w->text);
		cJSON_ArrayForEach(t, arr) {
			if (!cJSON_IsString(t) || !t->valuestring)
				continue;
			if (w->text.len)
				sb_addc(&w->text, ' ');
			pos = w->text.len;
			add_text(&w->text, t->valuestring);
			if (w->text.len > pos)
				tokens_push(&w->toks, (uint32_t)pos, (uint32_t)(w->text.len - pos),
					    TOK_WORD);
		}
	}
	for (size_t i = 0; i < w->toks.n; i++)
		w->toks.v[i].type = (uint8_t)token_type_of(w->p->tk, w->ts,
							   w->text.buf + w->toks.v[i].off,
							   w->toks.v[i].len);
	return ok;
}

static void add_key(struct strbuf *sb, const char *key)
{
	if (sb->len)
		sb_addc(sb, ',');
	sb_add_json_str(sb, key, strlen(key));
	sb_addc(sb, ':');
}

static void add_count(struct strbuf *sb, const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	double d;
	if (cJSON_IsNumber(v) && v->valuedouble >= 0)
		sb_add_json_num(sb, floor(v->valuedouble + 0.5));
	else if (cJSON_IsString(v) && count_parse(v->valuestring, &d) == 0)
		sb_add_json_num(sb, d);
	else
		sb_adds(sb, "null");
}

static void write_tokens(struct pipeline_worker *w)
{
	const struct pipeline_opts *o = &w->p->o;
	struct strbuf *sb = &w->add;
	size_t room = 2;
	char *q;
	add_key(sb, "tokens");
	/* as sb_add_json_str per token, with room made once for the whole array */
	for (size_t i = 0; i < w->toks.n; i++)
		room += (size_t)w->toks.v[i].len * 6 + 3;
	sb_grow(sb, room);
	q = sb->buf + sb->len;
	*q++ = '[';
	for (size_t i = 0; i < w->toks.n; i++) {
		if (i)
			*q++ = ',';
		*q++ = '"';
		q = json_escape(q, w->text.buf + w->toks.v[i].off, w->toks.v[i].len);
		*q++ = '"';
	}
	*q++ = ']';
	*q = 0;
	sb->len = (size_t)(q - sb->buf);
	if (o->types) {
		add_key(sb, "token_types");
		sb_addc(sb, '[');
		for (size_t i = 0; i < w->toks.n; i++) {
			if (i)
				sb_addc(sb, ',');
			sb_addc(sb, '"');
			sb_adds(sb, tok_type_name[w->toks.v[i].type]);
			sb_addc(sb, '"');
		}
		sb_addc(sb, ']');
	}
	if (o->offsets) {
		add_key(sb, "token_offsets");
		sb_addc(sb, '[');
		for (size_t i = 0; i < w->toks.n; i++)
			sb_addf(sb, "%s[%u,%u]", i ? "," : "", w->toks.v[i].off,
				w->toks.v[i].off + w->toks.v[i].len);
		sb_addc(sb, ']');
	}
}

/* Keys each stage owns, in output order. */
static const char *const owned_keys[] = {
	"tokens", "token_types", "token_offsets", "sentiment", "note_type",
	"engagement", "resonance", "sips",
};

static int owns(int stages, const char *key)
{
	if (!strncmp(key, "token", 5))
		return stages & STAGE_TOKENIZE;
	if (!strcmp(key, "sentiment") || !strcmp(key, "note_type"))
		return stages & STAGE_CLASSIFY;
	return stages & STAGE_SCORE;
}

/* Append the record with w->add spliced in to out (JSON format). */
static void splice(struct pipeline_worker *w, const struct record *rec, cJSON *obj,
		   struct strbuf *out)
{
	int stages = w->p->o.stages, present = 0;
	const char *raw = rec->raw;
	size_t n = rec->rawlen;
	char *printed = NULL;
	for (size_t i = 0; i < NM_ARRAY_LEN(owned_keys); i++)
		if (owns(stages, owned_keys[i]) &&
		    cJSON_GetObjectItemCaseSensitive(obj, owned_keys[i]))
			present = 1;
	if (!raw || present) {
		for (size_t i = 0; i < NM_ARRAY_LEN(owned_keys); i++)
			if (owns(stages, owned_keys[i]))
				cJSON_DeleteItemFromObjectCaseSensitive(obj, owned_keys[i]);
		printed = cJSON_PrintUnformatted(obj);
		if (!printed) {
			fputs("notemine: out of memory\n", stderr);
			abort();
		}
		raw = printed;
		n = strlen(printed);
	}
	while (n > 0 && (raw[n - 1] == ' ' || raw[n - 1] == '\t' || raw[n - 1] == '\r'))
		n--;
	if (n == 0 || raw[n - 1] != '}') {
		/* cannot happen for a parsed object; keep the record anyway */
		sb_add(out, raw, n);
		sb_addc(out, '\n');
		free(printed);
		return;
	}
	{
		size_t k = n - 1;
		int empty;
		while (k > 0 && (raw[k - 1] == ' ' || raw[k - 1] == '\n' || raw[k - 1] == '\t' ||
				 raw[k - 1] == '\r'))
			k--;
		empty = k > 0 && raw[k - 1] == '{';
		sb_add(out, raw, k);
		if (w->add.len) {
			if (!empty)
				sb_addc(out, ',');
			sb_add(out, w->add.buf, w->add.len);
		}
		sb_add(out, raw + k, n - k);
	}
	sb_addc(out, '\n');
	free(printed);
}

static void tsv_field(struct strbuf *out, const char *s, size_t n, size_t max_chars)
{
	size_t i = 0, chars = 0;
	while (i < n && chars < max_chars) {
		unsigned char c = (unsigned char)s[i];
		size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (i + l > n)
			break;
		if (c == '\t' || c == '\n' || c == '\r')
			sb_addc(out, ' ');
		else
			sb_add(out, s + i, l);
		i += l;
		chars++;
	}
}

static void record_id(const struct record *rec, const cJSON *obj, struct strbuf *out)
{
	const char *id = obj ? str_field(obj, "note_id") : NULL;
	const cJSON *v;
	if (!id && obj)
		id = str_field(obj, "id");
	if (!id && obj)
		id = str_field(obj, "comment_id");
	if (id) {
		tsv_field(out, id, strlen(id), 64);
		return;
	}
	v = obj ? cJSON_GetObjectItemCaseSensitive(obj, "id") : NULL;
	if (cJSON_IsNumber(v))
		sb_addf(out, "%.0f", v->valuedouble);
	else
		sb_addf(out, "line %ld", rec->line);
}

void pipeline_header(const struct pipeline *p, struct strbuf *out)
{
	if (p->o.format != OUT_TSV)
		return;
	sb_adds(out, "id\ttext");
	if (p->o.stages & STAGE_TOKENIZE)
		sb_adds(out, "\ttokens");
	if (p->o.stages & STAGE_CLASSIFY)
		sb_adds(out, "\tnote_type\tsentiment\tsentiment_score");
	if (p->o.stages & STAGE_SCORE)
		sb_adds(out, "\tresonance\tidentify\tparticipate\tshare\tcategory\tliked\tcollected"
			     "\tcomments\tshares");
	sb_addc(out, '\n');
}

/* Fetch a number at "key.sub" inside the JSON value text v (just parsed again for TSV). */
static void tsv_from_json(struct strbuf *out, const char *json, const char *const *keys,
			  size_t nkeys)
{
	cJSON *v = cJSON_Parse(json);
	for (size_t i = 0; i < nkeys; i++) {
		const cJSON *x = cJSON_GetObjectItemCaseSensitive(v, keys[i]);
		sb_addc(out, '\t');
		if (cJSON_IsNumber(x))
			sb_add_json_num(out, x->valuedouble);
		else if (cJSON_IsString(x))
			tsv_field(out, x->valuestring, strlen(x->valuestring), 200);
	}
	cJSON_Delete(v);
}

/* Is s[0..n) a number as sb_add_json_num writes it: -?[0-9]+(.[0-9]+)? (short)? */
static int plain_number(const char *s, size_t n)
{
	size_t i = 0, d = 0;
	if (n >= 40)
		return 0;
	if (i < n && s[i] == '-')
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, d++;
	if (!d)
		return 0;
	if (i < n && s[i] == '.') {
		i++;
		d = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, d++;
		if (!d)
			return 0;
	}
	return i == n;
}

/* Read back the sentiment object sentiment_analyse just wrote at s[0..n) as sentiment_from_json
 * would, without parsing its evidence: sentiment_from_json reads only the score and the number
 * of evidence elements, so it is given {"score":<the same number text>,"evidence":[0,0,...]}
 * (one 0 per element: each element starts with {"term":, which cannot occur inside a JSON
 * string since its quotes would be escaped); when the score is a plain number that tree is
 * built in place instead of parsed. Falls back to parsing the whole object when the text does
 * not have the expected shape. */
static void sentiment_reread(struct pipeline_worker *w, const char *s, size_t n,
			     struct sentiment_result *sr)
{
	static const char sk[] = "\"score\":", ek[] = ",\"evidence\":[", tk[] = "{\"term\":";
	const char *num = memmem(s, n, sk, sizeof sk - 1), *ev = NULL, *p;
	cJSON *v;
	size_t k = 0;

	if (num) {
		num += sizeof sk - 1;
		ev = memmem(num, n - (size_t)(num - s), ek, sizeof ek - 1);
	}
	if (!num || !ev) {
		v = cJSON_ParseWithLength(s, n);
		if (v)
			sentiment_from_json(v, sr);
		cJSON_Delete(v);
		return;
	}
	for (p = ev; (p = memmem(p, n - (size_t)(p - s), tk, sizeof tk - 1)); p += sizeof tk - 1)
		k++;
	if (plain_number(num, (size_t)(ev - num))) {
		/* the tree cJSON would parse from that text, built in place: no parse, no
		 * allocation once the worker's items are grown */
		cJSON root, score, evidence;
		char sname[] = "score", ename[] = "evidence";
		char nb[64];
		size_t nl = (size_t)(ev - num);
		memset(&root, 0, sizeof root);
		memset(&score, 0, sizeof score);
		memset(&evidence, 0, sizeof evidence);
		memcpy(nb, num, nl);
		nb[nl] = 0;
		root.type = cJSON_Object;
		root.child = &score;
		score.type = cJSON_Number;
		score.string = sname;
		score.valuedouble = strtod(nb, NULL); /* cJSON's own parse, in the C locale */
		score.next = &evidence;
		score.prev = &evidence;
		evidence.type = cJSON_Array;
		evidence.string = ename;
		evidence.prev = &score;
		NM_GROW(w->items, w->cap_items, k + 1);
		memset(w->items, 0, k * sizeof *w->items);
		for (size_t i = 0; i < k; i++) {
			w->items[i].type = cJSON_Number;
			w->items[i].next = i + 1 < k ? &w->items[i + 1] : NULL;
			w->items[i].prev = i ? &w->items[i - 1] : &w->items[k - 1];
		}
		evidence.child = k ? w->items : NULL;
		sentiment_from_json(&root, sr);
		return;
	}
	sb_reset(&w->reread);
	sb_addc(&w->reread, '{');
	sb_add(&w->reread, sk, sizeof sk - 1);
	sb_add(&w->reread, num, (size_t)(ev - num));
	sb_add(&w->reread, ek, sizeof ek - 1);
	for (size_t i = 0; i < k; i++)
		sb_adds(&w->reread, i ? ",0" : "0");
	sb_adds(&w->reread, "]}");
	v = cJSON_ParseWithLength(w->reread.buf, w->reread.len);
	if (v)
		sentiment_from_json(v, sr);
	cJSON_Delete(v);
}

/* The note type for the score stage of a process that did not classify: the label an
 * earlier classify wrote (so `classify | score` equals `run`), else classified here. */
static int note_type_of(const struct pipeline *p, const struct note *n, int category,
			const struct sentiment_result *sr, const cJSON *obj)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(obj, "note_type");
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(t, "label");
	if (cJSON_IsString(l) && l->valuestring)
		for (int i = 0; i < NT_NTYPES; i++)
			if (!strcmp(l->valuestring, note_type_name[i]))
				return i;
	return notetype_classify(p->nt, n, category, sr, NULL);
}

void pipeline_process(struct pipeline_worker *w, const struct record *rec, struct strbuf *out,
		      struct strbuf *explain)
{
	const struct pipeline *p = w->p;
	int stages = p->o.stages;
	cJSON *obj = rec->obj;
	const cJSON *prev_tokens = cJSON_GetObjectItemCaseSensitive(obj, "tokens");
	struct note n;
	struct sentiment_result sr;
	struct category_match cm = { -1, 0 };
	size_t mark[8] = { 0 };
	int have_sr = 0, type = -1;

	memset(&n, 0, sizeof n);
	memset(&sr, 0, sizeof sr);
	n.title_len = note_text(w, obj);
	if (!(stages & STAGE_TOKENIZE) && cJSON_IsArray(prev_tokens))
		reuse_tokens(w, prev_tokens);
	else
		tokenize(p->tk, w->ts, w->text.buf, w->text.len, &w->toks);
	n.text = w->text.buf;
	n.len = w->text.len;
	n.tok = w->toks.v;
	n.ntok = w->toks.n;
	n.rec = obj;
	n.serial = atomic_fetch_add(&note_serial, 1) + 1;

	sb_reset(&w->add);
	if ((stages & STAGE_TOKENIZE) && p->o.format == OUT_JSON)
		write_tokens(w); /* words and TSV write the tokens themselves */
	if (stages & (STAGE_CLASSIFY | STAGE_SCORE))
		category_detect(p->cats, &n, &cm, NULL);
	if (stages & STAGE_CLASSIFY) {
		add_key(&w->add, "sentiment");
		mark[0] = w->add.len;
		sentiment_analyse(p->sent, &n, cm.id, &w->add, &sr);
		have_sr = 1;
		if (stages & STAGE_SCORE) {
			/* Later stages see the sentiment exactly as a piped score stage would read it
			 * back from JSON, so `run` and `tokenize | classify | score` agree byte for byte. */
			sentiment_reread(w, w->add.buf + mark[0], w->add.len - mark[0], &sr);
		}
		add_key(&w->add, "note_type");
		mark[1] = w->add.len;
		type = notetype_classify(p->nt, &n, cm.id, &sr, &w->add);
		mark[2] = w->add.len;
	}
	if (stages & STAGE_SCORE) {
		if (!have_sr) {
			const cJSON *s = cJSON_GetObjectItemCaseSensitive(obj, "sentiment");
			if (!s || sentiment_from_json(s, &sr) < 0) {
				/* read back as `run` does, so that `score` alone scores as `run` */
				sb_reset(&w->tmp);
				sentiment_analyse(p->sent, &n, cm.id, &w->tmp, &sr);
				sentiment_reread(w, w->tmp.buf, w->tmp.len, &sr);
			}
		}
		if (type < 0)
			type = note_type_of(p, &n, cm.id, &sr, obj);
		add_key(&w->add, "engagement");
		sb_adds(&w->add, "{\"liked\":");
		add_count(&w->add, obj, "liked_count");
		sb_adds(&w->add, ",\"collected\":");
		add_count(&w->add, obj, "collected_count");
		sb_adds(&w->add, ",\"comments\":");
		add_count(&w->add, obj, "comment_count");
		sb_adds(&w->add, ",\"shares\":");
		add_count(&w->add, obj, "share_count");
		sb_addc(&w->add, '}');
		mark[3] = w->add.len;
		add_key(&w->add, "resonance");
		mark[4] = w->add.len;
		resonance_score(p->res, &n, &sr, type, &w->add, NULL, explain);
		mark[5] = w->add.len;
		add_key(&w->add, "sips");
		mark[6] = w->add.len;
		sips_score(p->sips, &n, &w->add, explain);
		mark[7] = w->add.len;
	}

	if (p->o.format == OUT_JSON) {
		splice(w, rec, obj, out);
		return;
	}
	if (p->o.format == OUT_WORDS) {
		/* tokens never hold white space, so they are written as they are */
		for (size_t i = 0; i < w->toks.n; i++) {
			if (i)
				sb_addc(out, ' ');
			sb_add(out, w->text.buf + w->toks.v[i].off, w->toks.v[i].len);
		}
		sb_addc(out, '\n');
		return;
	}
	/* TSV */
	record_id(rec, obj, out);
	sb_addc(out, '\t');
	tsv_field(out, w->text.buf, w->text.len, 60);
	if (stages & STAGE_TOKENIZE) {
		sb_addc(out, '\t');
		for (size_t i = 0; i < w->toks.n; i++) {
			if (i)
				sb_addc(out, ' ');
			tsv_field(out, w->text.buf + w->toks.v[i].off, w->toks.v[i].len, SIZE_MAX);
		}
	}
	if (stages & STAGE_CLASSIFY) {
		static const char *const ntk[] = { "label" };
		sb_reset(&w->tmp);
		sb_add(&w->tmp, w->add.buf + mark[1], mark[2] - mark[1]);
		tsv_from_json(out, w->tmp.buf, ntk, 1);
		sb_addf(out, "\t%s\t", sr.label > 0 ? "positive" : sr.label < 0 ? "negative" : "neutral");
		sb_add_json_num(out, sr.score);
	}
	if (stages & STAGE_SCORE) {
		static const char *const rk[] = { "score" };
		static const char *const sk[] = { "identify", "participate", "share", "category" };
		static const char *const ek[] = { "liked", "collected", "comments", "shares" };
		sb_reset(&w->tmp);
		sb_add(&w->tmp, w->add.buf + mark[4], mark[5] - mark[4]);
		tsv_from_json(out, w->tmp.buf, rk, 1);
		sb_reset(&w->tmp);
		sb_add(&w->tmp, w->add.buf + mark[6], mark[7] - mark[6]);
		tsv_from_json(out, w->tmp.buf, sk, 4);
		sb_reset(&w->tmp);
		{
			const char *e = strstr(w->add.buf, "\"engagement\":");
			if (e) {
				e += strlen("\"engagement\":");
				sb_add(&w->tmp, e, (size_t)(w->add.buf + mark[3] - e));
			}
		}
		tsv_from_json(out, w->tmp.buf, ek, 4);
	}
	sb_addc(out, '\n');
}

void pipeline_bad(const struct pipeline *p, const struct record *rec, struct strbuf *out)
{
	if (p->o.format == OUT_WORDS) {
		sb_addc(out, '\n');
		return;
	}
	if (p->o.format == OUT_TSV) {
		sb_addf(out, "line %ld\tERROR: ", rec->line);
		tsv_field(out, rec->error, strlen(rec->error), 200);
		sb_addc(out, '\n');
		return;
	}
	sb_adds(out, "{\"error\":{\"message\":");
	sb_add_json_str(out, rec->error, strlen(rec->error));
	sb_addf(out, ",\"line\":%ld},\"raw\":", rec->line);
	sb_add_json_str(out, rec->bad ? rec->bad : "", rec->bad ? rec->badlen : 0);
	sb_adds(out, "}\n");
}
