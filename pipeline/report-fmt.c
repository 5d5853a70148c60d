/* report-fmt.c - the texts and numbers both report writers show (contracts in report-impl.h). */
#include "report-impl.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "utf8.h"

/* ------------------------------------------------------------------------------------------
 * Rendering helpers shared by both writers.
 */
/* Append s[0..n): ASCII bytes through ascii(), valid UTF-8 sequences as they are, each
 * invalid byte as U+FFFD. */
static void esc_walk(struct strbuf *o, const char *s, size_t n,
		     void (*ascii)(struct strbuf *, unsigned char))
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t l;
		if (c < 0x80) {
			ascii(o, c);
			i++;
		} else if ((l = utf8_valid_len(s + i, n - i)) == 0) {
			sb_adds(o, "\xef\xbf\xbd");
			i++;
		} else {
			sb_add(o, s + i, l);
			i += l;
		}
	}
}

static void html_ascii(struct strbuf *o, unsigned char c)
{
	switch (c) {
	case '&': sb_adds(o, "&amp;"); break;
	case '<': sb_adds(o, "&lt;"); break;
	case '>': sb_adds(o, "&gt;"); break;
	case '"': sb_adds(o, "&quot;"); break;
	case '\'': sb_adds(o, "&#39;"); break;
	default:
		if (c >= 0x20 && c != 0x7f)
			sb_addc(o, (char)c);
		else if (c == '\t' || c == '\n')
			sb_addc(o, ' ');
	}
}

static void md_ascii(struct strbuf *o, unsigned char c)
{
	switch (c) {
	case '|': case '\\': case '*': case '_': case '`': case '[': case ']':
		sb_addc(o, '\\');
		sb_addc(o, (char)c);
		break;
	case '<': sb_adds(o, "&lt;"); break;
	case '>': sb_adds(o, "&gt;"); break;
	case '&': sb_adds(o, "&amp;"); break;
	default:
		if (c >= 0x20 && c != 0x7f)
			sb_addc(o, (char)c);
		else if (c == '\t' || c == '\n' || c == '\r')
			sb_addc(o, ' ');
	}
}

/* HTML / XML text: & < > " ' escaped, invalid UTF-8 as U+FFFD, control characters dropped. */
void rp_html_esc(struct strbuf *o, const char *s, size_t n)
{
	esc_walk(o, s, n, html_ascii);
}

void rp_html_escs(struct strbuf *o, const char *s)
{
	if (s)
		rp_html_esc(o, s, strlen(s));
}

/* Markdown table cell text: | and \\ escaped, < > & as entities, * _ ` [ ] escaped, line
 * breaks as spaces, invalid UTF-8 as U+FFFD. */
void rp_md_esc(struct strbuf *o, const char *s, size_t n)
{
	esc_walk(o, s, n, md_ascii);
}

void rp_md_escs(struct strbuf *o, const char *s)
{
	if (s)
		rp_md_esc(o, s, strlen(s));
}

/* 16005 -> "16,005". */
void rp_fmt_count(struct strbuf *o, long v)
{
	char d[32];
	int n = snprintf(d, sizeof(d), "%ld", v < 0 ? -v : v);
	if (v < 0)
		sb_addc(o, '-');
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			sb_addc(o, ',');
		sb_addc(o, d[i]);
	}
}

/* fmt_count into a fixed buffer (for chart labels). */
const char *rp_count_str(char *buf, size_t size, long v)
{
	struct strbuf t = STRBUF_INIT;
	sb_init(&t, 32);
	rp_fmt_count(&t, v);
	snprintf(buf, size, "%s", t.buf);
	sb_release(&t);
	return buf;
}

/* A fixed-point number; "–" when v is NAN. "-0.00" is written "0.00". */
void rp_fmt_fixed(struct strbuf *o, double v, int prec)
{
	char d[64];
	if (isnan(v)) {
		sb_adds(o, "–");
		return;
	}
	snprintf(d, sizeof(d), "%.*f", prec, v);
	if (d[0] == '-') {
		int zero = 1;
		for (char *p = d + 1; *p; p++)
			if (*p >= '1' && *p <= '9')
				zero = 0;
		if (zero) {
			sb_adds(o, d + 1);
			return;
		}
	}
	sb_adds(o, d);
}


/* part/whole as "12.3%"; "–" when whole is 0. */
void rp_fmt_pct(struct strbuf *o, double part, double whole)
{
	if (whole <= 0) {
		sb_adds(o, "–");
		return;
	}
	rp_fmt_fixed(o, 100.0 * part / whole, 1);
	sb_addc(o, '%');
}

/* Rough rendered width, in pixels at 12 px, of UTF-8 text (wide scripts count double). */
double rp_text_px(const char *s, size_t n)
{
	double w = 0;
	size_t i = 0, l;
	while (i < n) {
		int32_t cp = utf8_decode(s + i, n - i, &l);
		w += cp >= 0x1100 ? 12.5 : cp >= 'A' && cp <= 'Z' ? 8 : 6.8;
		i += l;
	}
	return w;
}

/* Escaped text, cut with "…" so that it fits max_px. */
void rp_html_fit(struct strbuf *o, const char *s, double max_px)
{
	size_t n = strlen(s), i = 0, l;
	double w = 0;
	if (rp_text_px(s, n) <= max_px) {
		rp_html_esc(o, s, n);
		return;
	}
	while (i < n) {
		int32_t cp = utf8_decode(s + i, n - i, &l);
		double cw = cp >= 0x1100 ? 12.5 : 7;
		if (w + cw > max_px - 12)
			break;
		w += cw;
		i += l;
	}
	rp_html_esc(o, s, i);
	sb_adds(o, "…");
}

void rp_type_label(struct strbuf *o, int t, int html)
{
	sb_adds(o, type_name[t]);
	if (t < NTYPES) {
		sb_adds(o, html ? " <span class=\"zh\">" : " ");
		sb_adds(o, type_zh[t]);
		if (html)
			sb_adds(o, "</span>");
	}
}

double rp_group_mean_sent(const struct group *g)
{
	return rp_ratio(g->sent_sum, (double)g->sent_n);
}

/* Category indexes by number of notes (descending), then name; "(no category)" and
 * "(other categories)" last. Returns the count. */
static _Thread_local const struct report *cat_sort_r;

static int cat_rank(const struct group *g)
{
	return g->name[0] == '(';
}

static int cat_cmp(const void *pa, const void *pb)
{
	const struct group *a = &cat_sort_r->cat[*(const int *)pa];
	const struct group *b = &cat_sort_r->cat[*(const int *)pb];
	if (cat_rank(a) != cat_rank(b))
		return cat_rank(a) - cat_rank(b);
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->name, b->name);
}

int rp_cat_order(const struct report *r, int *idx)
{
	for (int i = 0; i < r->ncat; i++)
		idx[i] = i;
	cat_sort_r = r;
	qsort(idx, (size_t)r->ncat, sizeof(*idx), cat_cmp);
	return r->ncat;
}

/* Resonance score quantile q in [0,1] from the 101-bin histogram (bin = integer part). */
double rp_res_quantile(const struct report *r, double q)
{
	long total = 0, acc = 0, want;
	for (int i = 0; i <= 100; i++)
		total += r->res_hist[i];
	if (!total)
		return NAN;
	want = (long)ceil(q * (double)total);
	if (want < 1)
		want = 1;
	for (int i = 0; i <= 100; i++) {
		acc += r->res_hist[i];
		if (acc >= want)
			return i;
	}
	return 100;
}


/* Emit text with the kept note's evidence strings marked (longest match first, ASCII
 * case-insensitive). html: <mark class="pN">; markdown: **term**. */
static int match_at(const char *s, size_t n, const char *t)
{
	size_t l = strlen(t);
	if (l > n)
		return 0;
	for (size_t i = 0; i < l; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)t[i];
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (unsigned char)(b - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return (int)l;
}

void rp_highlight(struct strbuf *o, const char *s, const struct kept *k, int html)
{
	size_t n = strlen(s), i = 0;
	int bold = 0; /* markdown: a ** run is open (adjacent matches share one) */
	while (i < n) {
		int best = 0, bi = -1;
		size_t l;
		for (int e = 0; e < k->nev; e++) {
			int m = match_at(s + i, n - i, k->ev[e]);
			if (m > best) {
				best = m;
				bi = e;
			}
		}
		if (bi >= 0) {
			if (html) {
				if (k->ev_part[bi] >= 0)
					sb_addf(o, "<mark class=\"p%d\">", k->ev_part[bi]);
				else
					sb_adds(o, "<mark>");
				rp_html_esc(o, s + i, (size_t)best);
				sb_adds(o, "</mark>");
			} else {
				if (!bold)
					sb_adds(o, "**");
				bold = 1;
				rp_md_esc(o, s + i, (size_t)best);
			}
			i += (size_t)best;
			continue;
		}
		if (bold) {
			sb_adds(o, "**");
			bold = 0;
		}
		l = utf8_valid_len(s + i, n - i);
		if (!l)
			l = 1;
		if (html)
			rp_html_esc(o, s + i, l);
		else
			rp_md_esc(o, s + i, l);
		i += l;
	}
	if (bold)
		sb_adds(o, "**");
}

int rp_double_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

/* Median engagement and mean resonance of the sampled notes of type t (t < 0: sentiment
 * -t-1). Returns the number of sampled notes. */
size_t rp_sample_group(const struct report *r, int t, double *median, double *mean_res)
{
	double *v = xmalloc((r->nsmp ? r->nsmp : 1) * sizeof(*v)), sum = 0;
	size_t m = 0;
	for (size_t i = 0; i < r->nsmp; i++) {
		const struct sample *s = &r->smp[i];
		if (t >= 0 ? s->type != t : s->sent != -t - 1)
			continue;
		v[m++] = s->eng;
		sum += s->res;
	}
	qsort(v, m, sizeof(*v), rp_double_cmp);
	*median = m ? (m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2) : NAN;
	*mean_res = m ? sum / (double)m : NAN;
	free(v);
	return m;
}


static _Thread_local const struct sample *creator_sort_smp;

static int creator_cmp(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	uint64_t ca = creator_sort_smp[a].creator, cb = creator_sort_smp[b].creator;
	if (ca != cb)
		return ca < cb ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* Spearman within each creator with >= CREATOR_MIN sampled notes, averaged (weighted by
 * notes) over the creators where both sides vary. */
static void within_creator(const struct report *r, struct corr *c)
{
	size_t n = r->nsmp, *idx = xmalloc((n ? n : 1) * sizeof(*idx));
	double *x = xmalloc((n ? n : 1) * sizeof(*x)), *y = xmalloc((n ? n : 1) * sizeof(*y));
	double *l = xmalloc((n ? n : 1) * sizeof(*l)), sres = 0, slen = 0;

	c->wcreators = c->wnotes = 0;
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	creator_sort_smp = r->smp;
	qsort(idx, n, sizeof(*idx), creator_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i, m;
		while (j < n && r->smp[idx[j]].creator == r->smp[idx[i]].creator)
			j++;
		m = j - i;
		if (r->smp[idx[i]].creator && m >= CREATOR_MIN) {
			double a, b;
			for (size_t k = 0; k < m; k++) {
				x[k] = r->smp[idx[i + k]].res;
				y[k] = r->smp[idx[i + k]].eng;
				l[k] = r->smp[idx[i + k]].len;
			}
			a = report_spearman(x, y, m);
			b = report_spearman(l, y, m);
			if (!isnan(a) && !isnan(b)) {
				sres += a * (double)m;
				slen += b * (double)m;
				c->wcreators++;
				c->wnotes += (long)m;
			}
		}
		i = j;
	}
	c->wres = c->wnotes ? sres / (double)c->wnotes : NAN;
	c->wlen = c->wnotes ? slen / (double)c->wnotes : NAN;
	free(idx);
	free(x);
	free(y);
	free(l);
}

void rp_correlations(const struct report *r, struct corr *c)
{
	size_t n = r->nsmp;
	double *x = xmalloc((n ? n : 1) * sizeof(*x)), *y = xmalloc((n ? n : 1) * sizeof(*y));
	c->n = n;
	for (size_t i = 0; i < n; i++)
		y[i] = r->smp[i].eng;
	for (size_t i = 0; i < n; i++)
		x[i] = r->smp[i].res;
	c->res = report_spearman(x, y, n);
	for (size_t i = 0; i < n; i++)
		x[i] = r->smp[i].len;
	c->len = report_spearman(x, y, n);
	for (int p = 0; p < NPARTS; p++) {
		for (size_t i = 0; i < n; i++)
			x[i] = r->smp[i].part[p];
		c->part[p] = report_spearman(x, y, n);
	}
	free(x);
	free(y);
	within_creator(r, c);
}

void rp_count_rows(const struct report *r, struct rp_count_row *rows)
{
	const struct rp_count_row v[RP_COUNT_ROWS] = {
		{ "input files", r->files, -1 },
		{ "records read", r->records, -1 },
		{ "notes", r->notes, r->records },
		{ "input problems (bad records)", r->bad, r->records },
		{ "raw notes labelled by the report", r->labelled_here, r->notes },
		{ "notes without text", r->no_text, r->notes },
		{ "notes without tokens", r->no_tokens, r->notes },
		{ "notes without note_type", r->no_type, r->notes },
		{ "notes without sentiment", r->no_sent, r->notes },
		{ "notes without resonance", r->no_res, r->notes },
		{ "notes without sips", r->no_sips, r->notes },
		{ "notes without engagement counts", r->no_eng, r->notes },
	};
	memcpy(rows, v, sizeof(v));
}
