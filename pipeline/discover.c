/*
 * discover.c - see discover.h.
 *
 * Layout: s[] holds the folded Han characters of every note as dense ids (1..V) with a 0
 * before and after each run; rem[i] is the number of characters from i to the end of its
 * run (capped); note[i] the note of position i. A suffix array over the run positions is
 * sorted on DISCOVER_MAXLEN + 1 digits (digit k of suffix i: s[i + k] while k < rem[i],
 * else 0) by LSD radix sort; lcp[j] is the common prefix of suffixes j - 1 and j (capped).
 * The same is done on the reversed sequence for left contexts.
 */
#include "discover.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "lexicon.h"
#include "normalize.h"
#include "segdict.h"
#include "utf8.h"
#include "util.h"

#define K (DISCOVER_MAXLEN + 1) /* digits sorted: an n-gram and its right neighbour */
#define NOCP 0x110000
#define TAG_BIT 0x80000000u /* in note[]: the position is in a topic tag's name */
#define MAX_TEXT_KEEP ((size_t)256 << 20) /* note text kept for examples */

struct cand {
	uint32_t pos;   /* first occurrence (forward sequence) */
	uint32_t freq, df, da, maxr, maxl;
	float re, le;
	uint8_t n, has_left;
};

struct discover {
	struct discover_opts o;
	uint32_t *s, *note;
	uint8_t *rem;
	size_t n, cap;        /* positions used in s (separators included) */
	size_t nchars, nnotes;
	uint32_t *cp_id;      /* code point -> id (0: none), NOCP entries, lazily allocated */
	int32_t *id_cp;       /* id -> code point */
	uint32_t nids;
	size_t capids;
	struct strbuf text;   /* original note texts, for examples */
	size_t *text_off;     /* per note: offset in text, SIZE_MAX when not kept */
	uint32_t *author;     /* per note: author id (0: unknown) */
	size_t capauthor;
	struct hmap authors;  /* author name -> id */
	uint32_t nauthors;
	size_t captext_off;
	struct hmap lines;    /* hashes of the lines seen (repeated lines count once) */
	struct hmap words;    /* known words when there is no segdict (normalised keys) */
	struct hmap cmap;     /* n-gram ids -> cand index */
	struct cand *c;
	size_t nc, capc;
	struct discover_word *out;
	size_t nout;
};

void discover_opts_init(struct discover_opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_len = 2;
	o->max_len = DISCOVER_MAXLEN;
	o->min_freq = 5;
	o->min_df = 3;
	o->min_entropy = 1.0;
	o->min_cohesion = 20;
	o->fragment_share = 0.75;
	o->max_chars = (size_t)16 << 20;
}

static void add_word_key(struct hmap *m, const char *w, size_t n, uint32_t freq)
{
	struct strbuf k = STRBUF_INIT;
	uint32_t old;
	norm_key(&k, w, n);
	if (k.len && !(hmap_get(m, k.buf, k.len, &old) && old >= freq))
		hmap_put(m, k.buf, k.len, freq);
	sb_release(&k);
}

/* Read a jieba-format word list ("word [freq] [tag]" a line) into m. */
static int read_word_list(struct hmap *m, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	size_t pos = 0;
	if (nm_read_file(path, &sb) < 0)
		return -1;
	while (pos < sb.len) {
		char *line = sb.buf + pos, *nl = memchr(line, '\n', sb.len - pos);
		size_t len = nl ? (size_t)(nl - line) : sb.len - pos, w = 0;
		pos += len + (nl ? 1 : 0);
		while (w < len && line[w] != ' ' && line[w] != '\t' && line[w] != '\r')
			w++;
		if (w && line[0] != '#')
			add_word_key(m, line, w, (uint32_t)strtoul(line + w, NULL, 10));
	}
	sb_release(&sb);
	return 0;
}

struct discover *discover_new(const struct discover_opts *o)
{
	struct discover *d = xcalloc(1, sizeof *d);
	d->o = *o;
	if (d->o.min_len < 2)
		d->o.min_len = 2;
	if (d->o.max_len > DISCOVER_MAXLEN || d->o.max_len < d->o.min_len)
		d->o.max_len = DISCOVER_MAXLEN;
	if (!d->o.min_freq)
		d->o.min_freq = 1;
	hmap_init(&d->words);
	hmap_init(&d->cmap);
	hmap_init(&d->lines);
	hmap_init(&d->authors);
	if (o->word_list && read_word_list(&d->words, o->word_list) < 0) {
		discover_free(d);
		return NULL;
	}
	if (o->ls) {
		for (size_t k = 0; k < o->ls->nkinds; k++) {
			const struct lex_kind *kd = &o->ls->kind[k];
			for (size_t i = 0; i < kd->n; i++)
				if (!kd->row[i].is_pattern && kd->row[i].term)
					add_word_key(&d->words, kd->row[i].term,
						     strlen(kd->row[i].term), 0);
		}
	}
	d->cp_id = xcalloc(NOCP, sizeof *d->cp_id);
	NM_GROW(d->id_cp, d->capids, 1);
	d->id_cp[0] = 0;
	d->nids = 1;
	return d;
}

void discover_free(struct discover *d)
{
	if (!d)
		return;
	free(d->s);
	free(d->note);
	free(d->rem);
	free(d->cp_id);
	free(d->id_cp);
	sb_release(&d->text);
	free(d->text_off);
	hmap_release(&d->words);
	hmap_release(&d->cmap);
	hmap_release(&d->lines);
	hmap_release(&d->authors);
	free(d->author);
	free(d->c);
	for (size_t i = 0; i < d->nout; i++) {
		free(d->out[i].term);
		free(d->out[i].example);
	}
	free(d->out);
	free(d);
}

/* Append a character id (0: run end); in_tag marks a character of a topic tag's name. */
static void push(struct discover *d, uint32_t id, int in_tag)
{
	if (d->n + 1 > d->cap) {
		size_t cap = d->cap;
		NM_GROW(d->s, cap, d->n + 1);
		d->note = xrealloc(d->note, cap * sizeof *d->note);
		d->cap = cap;
	}
	d->s[d->n] = id;
	d->note[d->n] = (uint32_t)d->nnotes | (in_tag ? TAG_BIT : 0);
	d->n++;
}

static uint32_t char_id(struct discover *d, int32_t cp)
{
	uint32_t id = d->cp_id[cp];
	if (id)
		return id;
	NM_GROW(d->id_cp, d->capids, (size_t)d->nids + 1);
	d->id_cp[d->nids] = cp;
	d->cp_id[cp] = d->nids;
	return d->nids++;
}

/* Length in bytes of a short bracketed code ([笑哭R], [话题]) at s, or 0. */
static size_t bracket_code(const char *s, size_t n)
{
	size_t i;
	if (s[0] != '[')
		return 0;
	for (i = 1; i < n && i < 24; i++) {
		if (s[i] == ']')
			return i + 1;
		if (s[i] == '[' || s[i] == '\n')
			return 0;
	}
	return 0;
}

/* Length of the name of a topic tag starting at s[0] == '#' ("#名称[话题]#": the bytes of
 * 名称; "#name": up to white space or the next '#'), or 0. */
static size_t tag_name(const char *s, size_t n)
{
	size_t i;
	for (i = 1; i < n && i < 120; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '[' || ch == '#')
			return i > 1 ? i - 1 : 0;
		if (ch <= ' ')
			return i > 1 ? i - 1 : 0;
	}
	return i > 1 && i == n ? i - 1 : 0;
}

/* Length of an @mention at s[0] == '@' (up to white space, '@' or '#'), or 0. */
static size_t mention_len(const char *s, size_t n)
{
	size_t i;
	for (i = 1; i < n && i < 64; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '@' || s[i] == '#')
			break;
	return i > 1 ? i : 0;
}

/* True when the line s[0..n) was seen before (and remember it). */
static int seen_line(struct discover *d, const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	uint32_t v;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (n < 12) /* short lines repeat by chance */
		return 0;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	if (hmap_get(&d->lines, (const char *)&h, sizeof h, &v))
		return 1;
	hmap_put(&d->lines, (const char *)&h, sizeof h, 1);
	return 0;
}

void discover_add(struct discover *d, const char *text, size_t len)
{
	discover_add_by(d, text, len, NULL);
}

void discover_add_by(struct discover *d, const char *text, size_t len, const char *author)
{
	size_t i = 0, l, tag_end = 0, line_end = 0;
	int in_run = 0;
	char fold[16];
	if (d->nchars >= d->o.max_chars)
		return;
	if (!d->n)
		push(d, 0, 0);
	NM_GROW(d->text_off, d->captext_off, d->nnotes + 1);
	NM_GROW(d->author, d->capauthor, d->nnotes + 1);
	d->author[d->nnotes] = 0;
	if (author && *author) {
		uint32_t id;
		if (!hmap_get(&d->authors, author, strlen(author), &id)) {
			id = ++d->nauthors;
			hmap_put(&d->authors, author, strlen(author), id);
		}
		d->author[d->nnotes] = id;
	}
	if (d->text.len + len + 1 <= MAX_TEXT_KEEP) {
		d->text_off[d->nnotes] = d->text.len;
		sb_add(&d->text, text, len);
		sb_addc(&d->text, 0);
	} else {
		d->text_off[d->nnotes] = SIZE_MAX;
	}
	while (i < len) {
		int32_t cp;
		size_t fl, fi = 0;
		if (i >= line_end) {
			const char *nl = memchr(text + i, '\n', len - i);
			line_end = nl ? (size_t)(nl - text) + 1 : len;
			if (seen_line(d, text + i, line_end - i)) {
				if (in_run)
					push(d, 0, 0), in_run = 0;
				i = line_end;
				continue;
			}
		}
		if ((l = bracket_code(text + i, len - i))) {
			if (in_run)
				push(d, 0, 0), in_run = 0;
			i += l;
			continue;
		}
		if (text[i] == '@' && (l = mention_len(text + i, len - i))) {
			if (in_run)
				push(d, 0, 0), in_run = 0;
			i += l;
			continue;
		}
		if (text[i] == '#' && i >= tag_end && (l = tag_name(text + i, len - i))) {
			if (in_run)
				push(d, 0, 0), in_run = 0;
			tag_end = i + 1 + l;
			i++;
			continue;
		}
		if (i == tag_end && tag_end && in_run)
			push(d, 0, 0), in_run = 0;
		cp = utf8_decode(text + i, len - i, &l);
		i += l;
		fl = norm_fold_cp(cp, fold);
		if (!fl)
			continue; /* ignorable: zero-width and the like */
		while (fi < fl) {
			size_t cl;
			int32_t f = utf8_decode(fold + fi, fl - fi, &cl);
			fi += cl;
			if (utf8_is_han(f) && f != 0x4E28 /* 丨, a separator */ && f < NOCP &&
			    d->nchars < d->o.max_chars) {
				push(d, char_id(d, f), i <= tag_end);
				d->nchars++;
				in_run = 1;
			} else if (in_run) {
				push(d, 0, 0);
				in_run = 0;
			}
		}
	}
	if (in_run)
		push(d, 0, 0);
	d->nnotes++;
}

size_t discover_nchars(const struct discover *d)
{
	return d->nchars;
}

size_t discover_nnotes(const struct discover *d)
{
	return d->nnotes;
}

/* ---- suffix arrays ---- */

static inline uint32_t digit(const uint32_t *s, const uint8_t *rem, uint32_t i, int k)
{
	return k < rem[i] ? s[i + (uint32_t)k] : 0;
}

/* sa: the run positions of s (rem > 0), sorted on K digits; returns their count. */
static size_t sa_build(const uint32_t *s, const uint8_t *rem, size_t n, uint32_t nids,
		       uint32_t **sa_out, uint8_t **lcp_out)
{
	size_t m = 0;
	uint32_t *sa, *tmp, *cnt = xmalloc(((size_t)nids + 1) * sizeof *cnt);
	uint8_t *lcp;
	for (size_t i = 0; i < n; i++)
		m += rem[i] > 0;
	sa = xmalloc((m ? m : 1) * sizeof *sa);
	tmp = xmalloc((m ? m : 1) * sizeof *tmp);
	m = 0;
	for (size_t i = 0; i < n; i++)
		if (rem[i])
			sa[m++] = (uint32_t)i;
	for (int k = K - 1; k >= 0; k--) {
		uint32_t *t;
		size_t sum = 0;
		memset(cnt, 0, ((size_t)nids + 1) * sizeof *cnt);
		for (size_t j = 0; j < m; j++)
			cnt[digit(s, rem, sa[j], k)]++;
		for (uint32_t v = 0; v <= nids; v++) {
			uint32_t c = cnt[v];
			cnt[v] = (uint32_t)sum;
			sum += c;
		}
		for (size_t j = 0; j < m; j++)
			tmp[cnt[digit(s, rem, sa[j], k)]++] = sa[j];
		t = sa, sa = tmp, tmp = t;
	}
	lcp = xmalloc(m ? m : 1);
	if (m)
		lcp[0] = 0;
	for (size_t j = 1; j < m; j++) {
		int l = 0;
		while (l < K) {
			uint32_t a = digit(s, rem, sa[j - 1], l), b = digit(s, rem, sa[j], l);
			if (!a || a != b)
				break;
			l++;
		}
		lcp[j] = (uint8_t)l;
	}
	free(tmp);
	free(cnt);
	*sa_out = sa;
	*lcp_out = lcp;
	return m;
}

static void fill_rem(const uint32_t *s, size_t n, uint8_t *rem)
{
	uint32_t run = 0;
	for (size_t i = n; i-- > 0;) {
		run = s[i] ? run + 1 : 0;
		rem[i] = (uint8_t)(run > 255 ? 255 : run);
	}
}

static int cand_get(const struct discover *d, const uint32_t *ids, int n, uint32_t *idx)
{
	return hmap_get(&d->cmap, (const char *)ids, (size_t)n * sizeof *ids, idx);
}

/* One pass over a sorted suffix array: rev 0 records every frequent n-gram with its
 * frequency, df and right entropy; rev 1 adds the left entropy of the known ones. */
static void scan(struct discover *d, const uint32_t *s, const uint8_t *rem, const uint32_t *note,
		 const uint32_t *sa, const uint8_t *lcp, size_t m, int rev, uint32_t *mark,
		 uint32_t *amark)
{
	uint32_t serial = 0;
	for (int n = rev ? d->o.min_len : 1; n <= d->o.max_len; n++) {
		size_t j = 0;
		while (j < m) {
			size_t a = j, b = j + 1, f;
			uint32_t p = sa[j], ids[K], idx, df = 0, da = 0, maxc = 0, run = 0;
			double h = 0;
			if (rem[p] < n) {
				j++;
				continue;
			}
			while (b < m && lcp[b] >= n)
				b++;
			j = b;
			f = b - a;
			if (f < d->o.min_freq)
				continue;
			for (int i = 0; i < n; i++)
				ids[i] = rev ? s[p + (uint32_t)(n - 1 - i)] : s[p + (uint32_t)i];
			if (rev && !cand_get(d, ids, n, &idx))
				continue;
			/* neighbour distribution: runs of equal next digit; a run end is a
			 * neighbour of its own each time */
			serial++;
			for (size_t x = a; x < b; x++) {
				uint32_t q = sa[x];
				if (!rev && !(note[q] & TAG_BIT) && mark[note[q]] != serial) {
					uint32_t au = d->author[note[q]];
					mark[note[q]] = serial;
					df++;
					if (au && amark[au] != serial) {
						amark[au] = serial;
						da++;
					}
				}
				if (rem[q] == n) {
					h -= (1.0 / (double)f) * log2(1.0 / (double)f);
					continue;
				}
				run++;
				if (x + 1 == b || lcp[x + 1] < n + 1) {
					double pr = (double)run / (double)f;
					h -= pr * log2(pr);
					if (run > maxc)
						maxc = run;
					run = 0;
				}
			}
			if (rev) {
				d->c[idx].le = (float)h;
				d->c[idx].maxl = maxc;
				d->c[idx].has_left = 1;
			} else {
				struct cand *c;
				NM_GROW(d->c, d->capc, d->nc + 1);
				c = &d->c[d->nc];
				memset(c, 0, sizeof *c);
				c->pos = p;
				c->n = (uint8_t)n;
				c->freq = (uint32_t)f;
				c->df = df;
				c->da = da;
				c->re = (float)h;
				c->maxr = maxc;
				hmap_put(&d->cmap, (const char *)ids, (size_t)n * sizeof *ids,
					 (uint32_t)d->nc);
				d->nc++;
			}
		}
	}
}

/* ---- filters ---- */

static const char start_stop[] = "的了是在和与也都就还很太更吗呢吧啊呀哦嘛么着过把被给让对从向到"
				 "我你他她它这那哪有没不个些之而及或但并又再才已将会能要得地"
				 "一二三四五六七八九十两几第每各祝刚";
static const char end_stop[] = "的了是在和与也都就还很太更吗呢吧啊呀哦嘛么着过把被给让对从向到"
			       "我你他她它这那有没不个些之而及或但并又再才已将会能要得地们"
			       "一二三四五六七八九十两几";
/* endings that make a phrase of what comes before (3刀左右, 吃起来) */
static const char *const end_phrase[] = { "左右", "以上", "以下", "之前", "之后", "一下", "起来",
					  "出来", "下来", "一点", "的话", NULL };
/* characters that glue phrases together and are rare inside names */
static const char glue[] = "的很了是都也就太还在吗呢吧";

/* An inner character of ids[0..n) is a phrase glue character. */
static int has_glue(const struct discover *d, const uint32_t *ids, int n)
{
	for (int k = 1; k + 1 < n; k++)
		if (utf8_in_set(d->id_cp[ids[k]], glue))
			return 1;
	return 0;
}

static void ids_utf8(const struct discover *d, const uint32_t *ids, int n, struct strbuf *out);

/* ids[0..n) ends in one of end_phrase (and is longer than it). */
static int phrase_end(const struct discover *d, const uint32_t *ids, int n, struct strbuf *tmp)
{
	ids_utf8(d, ids, n, tmp);
	for (int i = 0; end_phrase[i]; i++) {
		size_t l = strlen(end_phrase[i]);
		if (tmp->len > l && !memcmp(tmp->buf + tmp->len - l, end_phrase[i], l))
			return 1;
	}
	return 0;
}

static void ids_utf8(const struct discover *d, const uint32_t *ids, int n, struct strbuf *out)
{
	char buf[4];
	sb_reset(out);
	for (int i = 0; i < n; i++)
		sb_add(out, buf, utf8_encode(d->id_cp[ids[i]], buf));
}

static int known(const struct discover *d, const uint32_t *ids, int n, struct strbuf *tmp)
{
	uint32_t v;
	ids_utf8(d, ids, n, tmp);
	if (d->o.dict && segdict_cost(d->o.dict, tmp->buf, tmp->len) >= 0)
		return 1;
	return hmap_get(&d->words, tmp->buf, tmp->len, &v);
}

/* A single character that is a frequent word of its own (吃, 好, 说): in a chain it makes
 * a phrase (吃完, 刚刚好), where a rarer one (鹅, 薯) is more likely part of a name. */
#define FREE_CHAR_FREQ 10000

static int free_char(const struct discover *d, uint32_t id, struct strbuf *tmp)
{
	uint32_t f;
	ids_utf8(d, &id, 1, tmp);
	return hmap_get(&d->words, tmp->buf, tmp->len, &f) && f >= FREE_CHAR_FREQ;
}

/* ids[0..n) is a chain of two or more known words, each of two or more characters or a
 * frequent free character. */
static int known_chain(const struct discover *d, const uint32_t *ids, int n, struct strbuf *tmp)
{
	int ok[K + 1] = { 1 };
	for (int j = 1; j <= n; j++)
		for (int i = 0; i < j && !ok[j]; i++) {
			if (!ok[i] || (!i && j == n))
				continue;
			if (j - i == 1 ? free_char(d, ids[i], tmp) : known(d, ids + i, j - i, tmp))
				ok[j] = 1;
		}
	return ok[n];
}

static double cohesion(const struct discover *d, const uint32_t *ids, int n, uint32_t f)
{
	double best = HUGE_VAL;
	for (int k = 1; k < n; k++) {
		uint32_t a, b;
		double v;
		if (!cand_get(d, ids, k, &a) || !cand_get(d, ids + k, n - k, &b))
			return 0;
		v = (double)f * (double)d->nchars / ((double)d->c[a].freq * (double)d->c[b].freq);
		if (v < best)
			best = v;
	}
	return best;
}

/* A one-line excerpt of the note holding the first occurrence of ids. */
static char *example(const struct discover *d, const uint32_t *ids, int n, uint32_t pos)
{
	uint32_t nt = d->note[pos] & ~TAG_BIT;
	const char *t;
	size_t len, i = 0, l, start = 0, end = 0, from, to;
	struct strbuf sb = STRBUF_INIT;
	char fold[16];
	if (nt >= d->nnotes || d->text_off[nt] == SIZE_MAX)
		return NULL;
	t = d->text.buf + d->text_off[nt];
	len = strlen(t);
	while (i < len && !end) {
		size_t j = i;
		int k = 0;
		while (k < n && j < len) {
			int32_t cp = utf8_decode(t + j, len - j, &l), f;
			size_t fl = norm_fold_cp(cp, fold), fll;
			j += l;
			if (!fl)
				continue;
			f = utf8_decode(fold, fl, &fll);
			if (f < 0 || f >= NOCP || d->cp_id[f] != ids[k])
				break;
			k++;
		}
		if (k == n) {
			start = i;
			end = j;
		}
		utf8_decode(t + i, len - i, &l);
		i += l;
	}
	if (!end)
		return NULL;
	from = start;
	for (int c = 0; c < 12 && from > 0; c++) {
		do
			from--;
		while (from > 0 && ((unsigned char)t[from] & 0xC0) == 0x80);
	}
	to = end;
	for (int c = 0; c < 12 && to < len; c++) {
		utf8_decode(t + to, len - to, &l);
		to += l;
	}
	for (i = from; i < to; i++)
		sb_addc(&sb, t[i] == '\n' || t[i] == '\t' || t[i] == '\r' ? ' ' : t[i]);
	return sb.buf ? sb.buf : xstrdup("");
}

static int word_cmp(const void *pa, const void *pb)
{
	const struct discover_word *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	if (a->freq != b->freq)
		return a->freq < b->freq ? 1 : -1;
	return strcmp(a->term, b->term);
}

int discover_run(struct discover *d, const struct discover_word **out, size_t *nout)
{
	uint32_t *sa, *r, *mark, *amark;
	uint8_t *lcp, *rrem;
	size_t m, cap = 0;
	struct strbuf tmp = STRBUF_INIT;

	*out = NULL;
	*nout = 0;
	if (d->out || !d->nchars)
		goto done;
	d->rem = xmalloc(d->n);
	fill_rem(d->s, d->n, d->rem);
	mark = xcalloc(d->nnotes + 1, sizeof *mark);
	amark = xcalloc((size_t)d->nauthors + 1, sizeof *amark);

	m = sa_build(d->s, d->rem, d->n, d->nids, &sa, &lcp);
	scan(d, d->s, d->rem, d->note, sa, lcp, m, 0, mark, amark);
	free(sa);
	free(lcp);

	r = xmalloc(d->n * sizeof *r);
	rrem = xmalloc(d->n);
	for (size_t i = 0; i < d->n; i++)
		r[i] = d->s[d->n - 1 - i];
	fill_rem(r, d->n, rrem);
	m = sa_build(r, rrem, d->n, d->nids, &sa, &lcp);
	scan(d, r, rrem, NULL, sa, lcp, m, 1, mark, amark);
	free(sa);
	free(lcp);
	free(r);
	free(rrem);
	free(mark);
	free(amark);

	for (size_t i = 0; i < d->nc; i++) {
		const struct cand *c = &d->c[i];
		const uint32_t *ids = d->s + c->pos;
		struct discover_word w;
		double coh, ent;
		if (c->n < d->o.min_len || !c->has_left || c->df < d->o.min_df)
			continue;
		ent = c->le < c->re ? c->le : c->re;
		if (ent < d->o.min_entropy)
			continue;
		if ((double)c->maxl >= d->o.fragment_share * c->freq ||
		    (double)c->maxr >= d->o.fragment_share * c->freq)
			continue;
		if (utf8_in_set(d->id_cp[ids[0]], start_stop) || utf8_in_set(d->id_cp[ids[c->n - 1]], end_stop))
			continue;
		if (has_glue(d, ids, c->n) || phrase_end(d, ids, c->n, &tmp))
			continue;
		if (c->n >= 3 && ids[0] == ids[1] && ids[1] == ids[2])
			continue; /* 哈哈哈, 巨巨巨: laughter and emphasis, not words */
		coh = cohesion(d, ids, c->n, c->freq);
		if (coh < d->o.min_cohesion)
			continue;
		if (known(d, ids, c->n, &tmp) || known_chain(d, ids, c->n, &tmp))
			continue;
		memset(&w, 0, sizeof w);
		ids_utf8(d, ids, c->n, &tmp);
		w.term = xstrndup(tmp.buf, tmp.len);
		w.freq = c->freq;
		w.df = c->df;
		w.cohesion = coh;
		w.left_entropy = c->le;
		w.right_entropy = c->re;
		w.da = c->da;
		w.score = log2(1.0 + c->df) * ent * log(coh);
		/* used by one author only, in a corpus of many: likely a signature or a
		 * template of that author's notes */
		if (d->nauthors >= 3 && c->da < 2)
			w.score *= 0.5;
		NM_GROW(d->out, cap, d->nout + 1);
		d->out[d->nout++] = w;
	}
	if (d->nout)
		qsort(d->out, d->nout, sizeof *d->out, word_cmp);
	/* examples: found by term, after sorting (only the first few hundred are usual) */
	for (size_t i = 0; i < d->nout; i++) {
		uint32_t idx, ids[K];
		size_t l, j = 0;
		int n = 0;
		const char *t = d->out[i].term;
		while (t[j] && n < K) {
			ids[n++] = d->cp_id[utf8_decode(t + j, strlen(t + j), &l)];
			j += l;
		}
		if (cand_get(d, ids, n, &idx))
			d->out[i].example = example(d, ids, n, d->c[idx].pos);
	}
done:
	sb_release(&tmp);
	*out = d->out;
	*nout = d->nout;
	return 0;
}
