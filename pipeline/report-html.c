/* report-html.c - report_write_html (report.h): one self-contained page. */
#include "report-impl.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------
 * HTML writer. The page is well-formed XML as well as HTML (void elements self-closed, only
 * the five XML entities), so a strict XML parser can check it.
 */
/* The style sheet, in pieces (C compilers need not support very long literals). */
static const char *const html_css[] = {
	":root{--fg:#1f2328;--muted:#656d76;--line:#d8dee4;--accent:#e0559a;--card:#fff}\n",
	"*{box-sizing:border-box}\n",
	"body{margin:0;font-family:\"PingFang SC\",\"Hiragino Sans GB\",\"Noto Sans CJK SC\","
	"\"Source Han Sans SC\",\"Microsoft YaHei\",sans-serif,\"Apple Color Emoji\",\"Segoe UI Emoji\","
	"\"Noto Color Emoji\";color:var(--fg);background:#f4f5f7;"
	"line-height:1.55;font-size:14px}\n",
	"main{max-width:1080px;margin:0 auto;padding:20px 24px 40px}\n",
	"header{padding:8px 0 4px}\n",
	"h1{font-size:26px;margin:6px 0 2px}\n",
	"h1 small{font-size:14px;color:var(--muted);font-weight:normal;margin-left:8px}\n",
	".sub{color:var(--muted);margin:0}\n",
	"section{background:var(--card);border:1px solid var(--line);border-radius:10px;"
	"padding:16px 20px;margin:16px 0}\n",
	"h2{font-size:18px;margin:0 0 10px;padding-left:10px;border-left:4px solid var(--accent)}\n",
	"h3{font-size:14px;margin:14px 0 6px;color:#444c56}\n",
	"p.note-s{color:var(--muted);font-size:12.5px;margin:6px 0}\n",
	"table{border-collapse:collapse;width:100%;font-size:13px;margin:4px 0 8px}\n",
	"th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;"
	"vertical-align:top;overflow-wrap:anywhere}\n",
	"th{font-weight:600;color:#444c56;background:#f6f8fa}\n",
	".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n",
	".zh{color:var(--muted);font-size:.92em}\n",
	".kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(128px,1fr));gap:10px;"
	"margin:4px 0 12px}\n",
	".kpi{border:1px solid var(--line);border-radius:8px;padding:8px 12px;background:#fbfcfd}\n",
	".kpi b{display:block;font-size:22px;font-variant-numeric:tabular-nums}\n",
	".kpi span{color:var(--muted);font-size:12px}\n",
	".cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:14px 20px}\n",
	".terms{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:8px 16px}\n",
	".terms table{table-layout:fixed}\n",
	".terms table td{padding:2px 6px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\n",
	".tb{display:inline-block;height:8px;background:var(--accent);opacity:.55;"
	"border-radius:2px;vertical-align:middle;margin-right:4px}\n",
	"svg.chart{width:100%;height:auto;max-width:760px;display:block;margin:4px 0 10px}\n",
	"svg text{font-size:12px;fill:#1f2328}\n",
	"svg text.v,svg text.tick{fill:#57606a;font-size:11px}\n",
	"svg text.sm{fill:#57606a;font-size:9px}\n",
	"svg text.in{fill:#fff;font-size:11px;font-weight:600}\n",
	"svg text.lg{fill:#444c56;font-size:12px}\n",
	"svg .axis{stroke:#8c959f;stroke-width:1}\n",
	"svg .grid{stroke:#eaeef2;stroke-width:1}\n",
	".note{border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin:10px 0;"
	"overflow-wrap:anywhere;"
	"break-inside:avoid;page-break-inside:avoid}\n",
	".nh{display:flex;gap:12px;align-items:flex-start}\n",
	".score{flex:none;min-width:46px;height:46px;border-radius:23px;background:var(--accent);"
	"color:#fff;font-weight:700;font-size:17px;display:flex;align-items:center;"
	"justify-content:center}\n",
	".score.low{background:#8c959f}\n",
	".nt{font-weight:600}\n",
	".meta{color:var(--muted);font-size:12px}\n",
	".note p{margin:6px 0}\n",
	".parts{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:#444c56}\n",
	".parts i{display:inline-block;width:60px;height:7px;background:#eaeef2;border-radius:3px;"
	"margin-left:4px;vertical-align:middle;position:relative;overflow:hidden}\n",
	".parts i b{display:block;height:7px}\n",
	"mark{background:#fff1a8;border-radius:2px;padding:0 1px}\n",
	"mark.p0{background:#fbd3e5}mark.p1{background:#fde2c2}mark.p2{background:#cdebd8}"
	"mark.p3{background:#d3e3f8}mark.p4{background:#e2daf5}\n",
	".chip{display:inline-block;font-size:11.5px;border-radius:10px;padding:0 7px;margin:2px 3px 0 0;"
	"background:#eef1f4}\n",
	".chip.p0{background:#fbd3e5}.chip.p1{background:#fde2c2}.chip.p2{background:#cdebd8}"
	".chip.p3{background:#d3e3f8}.chip.p4{background:#e2daf5}\n",
	".heat td.h{text-align:right;font-variant-numeric:tabular-nums}\n",
	".problems td{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}\n",
	"footer{color:var(--muted);font-size:12px;margin-top:18px}\n",
	"@media print{@page{size:A4;margin:12mm}\n",
	"body{background:#fff;font-size:11pt}main{max-width:none;padding:0}\n",
	"section{border:none;border-radius:0;padding:0;margin:0 0 8mm;break-inside:auto}\n",
	"h2,h3{break-after:avoid;page-break-after:avoid}\n"
	"svg.chart{max-width:100%;break-inside:avoid;page-break-inside:avoid}\n",
	".note,.kpi,table{break-inside:avoid}\n",
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n",
};

static void h_kpi(struct strbuf *o, const char *label, const char *value)
{
	sb_adds(o, "<div class=\"kpi\"><b>");
	rp_html_escs(o, value);
	sb_adds(o, "</b><span>");
	rp_html_escs(o, label);
	sb_adds(o, "</span></div>\n");
}

/* A small formatted-value buffer for KPI cells and bar labels. */
static const char *sfmt(struct strbuf *tmp, void (*f)(struct strbuf *, double, int), double v,
			int prec)
{
	sb_reset(tmp);
	f(tmp, v, prec);
	return tmp->buf;
}

static void fmt_count_d(struct strbuf *o, double v, int prec)
{
	(void)prec;
	rp_fmt_count(o, (long)v);
}

static void h_row_count(struct strbuf *o, const char *label, long v, long whole)
{
	sb_adds(o, "<tr><td>");
	rp_html_escs(o, label);
	sb_adds(o, "</td><td class=\"n\">");
	rp_fmt_count(o, v);
	sb_adds(o, "</td><td class=\"n\">");
	if (whole >= 0)
		rp_fmt_pct(o, (double)v, (double)whole);
	sb_adds(o, "</td></tr>\n");
}

static void h_summary(const struct report *r, struct strbuf *o)
{
	struct strbuf t = STRBUF_INIT;
	struct corr c;
	long res_n = r->all.res_n;
	struct rp_count_row rows[RP_COUNT_ROWS];

	sb_init(&t, 64);
	rp_correlations(r, &c);
	rp_count_rows(r, rows);
	sb_adds(o, "<section id=\"summary\"><h2>Summary <span class=\"zh\">概览</span></h2>\n"
		   "<div class=\"kpis\">\n");
	h_kpi(o, "notes", sfmt(&t, fmt_count_d, (double)r->notes, 0));
	h_kpi(o, "input problems", sfmt(&t, fmt_count_d, (double)r->bad, 0));
	sb_reset(&t);
	rp_fmt_pct(&t, (double)r->all.sent[SENT_POS], (double)r->notes);
	h_kpi(o, "positive", t.buf);
	sb_reset(&t);
	rp_fmt_pct(&t, (double)r->all.sent[SENT_NEG], (double)r->notes);
	h_kpi(o, "negative", t.buf);
	h_kpi(o, "mean resonance", sfmt(&t, rp_fmt_fixed, rp_ratio(r->all.res_sum, (double)res_n), 1));
	h_kpi(o, "median resonance", sfmt(&t, rp_fmt_fixed, rp_res_quantile(r, 0.5), 0));
	h_kpi(o, "ρ with engagement", sfmt(&t, rp_fmt_fixed, c.res, 2));
	sb_adds(o, "</div>\n<div class=\"cols\"><div><h3>Counts</h3>\n<table>\n"
		   "<tr><th>what</th><th class=\"n\">records</th><th class=\"n\">share</th></tr>\n");
	for (int i = 0; i < RP_COUNT_ROWS; i++)
		h_row_count(o, rows[i].label, rows[i].v, rows[i].whole);
	sb_adds(o, "</table></div>\n<div><h3>Input problems</h3>\n");
	if (!r->nproblems) {
		sb_adds(o, "<p class=\"note-s\">None: every record was read.</p>\n");
	} else {
		sb_adds(o, "<table class=\"problems\"><tr><th>where</th><th>message</th></tr>\n");
		for (long i = 0; i < r->nproblems; i++) {
			sb_adds(o, "<tr><td>");
			rp_html_escs(o, r->problems[i].source);
			sb_addf(o, ":%ld</td><td>", r->problems[i].line);
			rp_html_escs(o, r->problems[i].message);
			sb_adds(o, "</td></tr>\n");
		}
		sb_adds(o, "</table>\n");
		if (r->bad > r->nproblems)
			sb_addf(o, "<p class=\"note-s\">… and %ld more.</p>\n", r->bad - r->nproblems);
	}
	sb_adds(o, "</div></div>\n</section>\n");
	sb_release(&t);
}

/* A small table of terms: rank, term, count of notes, share of the group. */
static void h_term_table(struct strbuf *o, const char *head, const char *color,
			 const struct report_term *t, size_t n, long ng)
{
	sb_adds(o, "<div><h3>");
	sb_adds(o, head);
	sb_addf(o, " <span class=\"zh\">(%ld notes)</span></h3>\n", ng);
	if (!n) {
		sb_adds(o, "<p class=\"note-s\">no terms</p></div>\n");
		return;
	}
	sb_adds(o, "<table><colgroup><col style=\"width:28px\"/><col/><col style=\"width:56px\"/>"
		   "<col style=\"width:50px\"/></colgroup>\n");
	for (size_t i = 0; i < n; i++) {
		double w = t[0].count ? 36.0 * (double)t[i].count / (double)t[0].count : 0;
		sb_addf(o, "<tr><td class=\"n\">%zu</td><td title=\"", i + 1);
		rp_html_esc(o, t[i].term, t[i].len);
		sb_addf(o, "\"><span class=\"tb\" style=\"width:%.0fpx;background:%s\"></span>",
			w < 1 ? 1 : w, color);
		rp_html_esc(o, t[i].term, t[i].len);
		sb_adds(o, "</td><td class=\"n\">");
		rp_fmt_count(o, t[i].count);
		sb_adds(o, "</td><td class=\"n\">");
		rp_fmt_pct(o, (double)t[i].count, (double)ng);
		sb_adds(o, "</td></tr>\n");
	}
	sb_adds(o, "</table></div>\n");
}

static void h_note_types(const struct report *r, struct strbuf *o)
{
	struct bar b[NTYPE_SLOTS];
	int nb = 0;
	char num[32];
	struct report_term *t = xmalloc(8 * sizeof(*t));

	sb_adds(o, "<section id=\"note-types\"><h2>Note types <span class=\"zh\">笔记类型</span></h2>\n");
	for (int i = 0; i < NTYPE_SLOTS; i++) {
		if (i == TYPE_NONE && !r->type[i].n)
			continue;
		b[nb].label = type_both[i];
		b[nb].value = (double)r->type[i].n;
		b[nb].color = type_color[i];
		snprintf(b[nb].text, sizeof(b[nb].text), "%s (%.1f%%)",
			 rp_count_str(num, sizeof(num), r->type[i].n),
			 r->notes ? 100.0 * (double)r->type[i].n / (double)r->notes : 0.0);
		nb++;
	}
	rp_svg_hbars(o, b, nb, 0, "notes per note type");
	sb_adds(o, "<h3>Cues that decided each type</h3>\n<table><tr><th>type</th><th class=\"n\">notes</th>"
		   "<th>most frequent deciding cues (notes)</th></tr>\n");
	for (int i = 0; i < NTYPES; i++) {
		size_t n = report_topk_list(r->cues_type[i], t, 8);
		sb_adds(o, "<tr><td>");
		rp_type_label(o, i, 1);
		sb_adds(o, "</td><td class=\"n\">");
		rp_fmt_count(o, r->type[i].n);
		sb_adds(o, "</td><td>");
		for (size_t j = 0; j < n; j++) {
			sb_adds(o, "<span class=\"chip\">");
			rp_html_esc(o, t[j].term, t[j].len);
			sb_addf(o, " %ld</span>", t[j].count);
		}
		sb_adds(o, "</td></tr>\n");
	}
	sb_adds(o, "</table>\n</section>\n");
	free(t);
}

static void h_sentiment(const struct report *r, struct strbuf *o)
{
	const char *rows[REPORT_MAX_CATEGORIES + NTYPE_SLOTS + 1];
	long counts[(REPORT_MAX_CATEGORIES + NTYPE_SLOTS + 1) * 3];
	int nr = 0;
	const char *segs[3] = { "positive 正面", "neutral 中性", "negative 负面" };
	int order[REPORT_MAX_CATEGORIES + 1];

	sb_adds(o, "<section id=\"sentiment\"><h2>Sentiment <span class=\"zh\">情感</span></h2>\n"
		   "<h3>By note type</h3>\n");
	for (int i = 0; i < NTYPE_SLOTS; i++) {
		if (!r->type[i].n)
			continue;
		rows[nr] = type_both[i];
		for (int s = 0; s < 3; s++)
			counts[nr * 3 + s] = r->type[i].sent[s];
		nr++;
	}
	rows[nr] = "all notes";
	for (int s = 0; s < 3; s++)
		counts[nr * 3 + s] = r->all.sent[s];
	nr++;
	rp_svg_stacked(o, rows, nr, counts, 3, segs, sent_color, "sentiment by note type");
	nr = 0;
	rp_cat_order(r, order);
	for (int i = 0; i < r->ncat; i++) {
		rows[nr] = r->cat[order[i]].name;
		for (int s = 0; s < 3; s++)
			counts[nr * 3 + s] = r->cat[order[i]].sent[s];
		nr++;
	}
	sb_adds(o, "<h3>By category</h3>\n");
	if (nr)
		rp_svg_stacked(o, rows, nr, counts, 3, segs, sent_color, "sentiment by category");
	sb_adds(o, "<table><tr><th>group</th><th class=\"n\">notes</th><th class=\"n\">positive</th>"
		   "<th class=\"n\">neutral</th><th class=\"n\">negative</th>"
		   "<th class=\"n\">mean score</th></tr>\n");
	for (int i = 0; i < NTYPE_SLOTS + r->ncat + 1; i++) {
		const struct group *g = i < NTYPE_SLOTS ? &r->type[i]
				       : i < NTYPE_SLOTS + r->ncat ? &r->cat[order[i - NTYPE_SLOTS]]
								   : &r->all;
		if (!g->n)
			continue;
		sb_adds(o, "<tr><td>");
		if (i < NTYPE_SLOTS) {
			rp_type_label(o, i, 1);
		} else if (g == &r->all) {
			sb_adds(o, "<b>all notes</b>");
		} else {
			sb_adds(o, "category: ");
			rp_html_escs(o, g->name);
		}
		sb_adds(o, "</td><td class=\"n\">");
		rp_fmt_count(o, g->n);
		for (int s = 0; s < 3; s++) {
			sb_adds(o, "</td><td class=\"n\">");
			rp_fmt_pct(o, (double)g->sent[s], (double)g->n);
		}
		sb_adds(o, "</td><td class=\"n\">");
		rp_fmt_fixed(o, rp_group_mean_sent(g), 2);
		sb_adds(o, "</td></tr>\n");
	}
	sb_adds(o, "</table>\n</section>\n");
}

static void h_resonance(const struct report *r, struct strbuf *o)
{
	long bins[10] = { 0 };
	struct bar b[NPARTS];
	long n = r->all.res_n;
	struct report_term *t = xmalloc(10 * sizeof(*t));

	for (int i = 0; i <= 100; i++)
		bins[i / 10 > 9 ? 9 : i / 10] += r->res_hist[i];
	sb_adds(o, "<section id=\"resonance\"><h2>Resonance <span class=\"zh\">共鸣</span></h2>\n");
	sb_adds(o, "<p class=\"note-s\">");
	rp_fmt_count(o, n);
	sb_adds(o, " notes scored; mean ");
	rp_fmt_fixed(o, rp_ratio(r->all.res_sum, (double)n), 1);
	sb_adds(o, ", quartiles ");
	rp_fmt_fixed(o, rp_res_quantile(r, 0.25), 0);
	sb_adds(o, " / ");
	rp_fmt_fixed(o, rp_res_quantile(r, 0.5), 0);
	sb_adds(o, " / ");
	rp_fmt_fixed(o, rp_res_quantile(r, 0.75), 0);
	sb_adds(o, ", 90th percentile ");
	rp_fmt_fixed(o, rp_res_quantile(r, 0.9), 0);
	sb_adds(o, ".</p>\n<h3>Distribution of the score</h3>\n");
	rp_svg_histogram(o, bins, 10, 0, 100, "#e0559a", "resonance score", "resonance histogram");
	sb_adds(o, "<h3>Mean of each part, and share of notes where it is above 0</h3>\n");
	for (int i = 0; i < NPARTS; i++) {
		double m = rp_ratio(r->all.part_sum[i], (double)n);
		b[i].label = part_name[i];
		b[i].value = isnan(m) ? 0 : m;
		b[i].color = part_color[i];
		snprintf(b[i].text, sizeof(b[i].text), "%.2f · %.0f%% > 0", isnan(m) ? 0 : m,
			 n ? 100.0 * (double)r->part_pos[i] / (double)n : 0.0);
	}
	rp_svg_hbars(o, b, NPARTS, 1, "mean resonance part");
	sb_adds(o, "<h3>By note type</h3>\n<table class=\"heat\"><tr><th>type</th>"
		   "<th class=\"n\">notes</th><th class=\"n\">score</th>");
	for (int i = 0; i < NPARTS; i++)
		sb_addf(o, "<th class=\"n\">%s <span class=\"zh\">%s</span></th>", part_name[i],
			part_zh[i]);
	sb_adds(o, "</tr>\n");
	for (int ti = 0; ti <= NTYPE_SLOTS; ti++) {
		const struct group *g = ti < NTYPE_SLOTS ? &r->type[ti] : &r->all;
		if (!g->res_n)
			continue;
		sb_adds(o, "<tr><td>");
		if (ti < NTYPE_SLOTS)
			rp_type_label(o, ti, 1);
		else
			sb_adds(o, "<b>all notes</b>");
		sb_adds(o, "</td><td class=\"n\">");
		rp_fmt_count(o, g->res_n);
		sb_adds(o, "</td><td class=\"n\">");
		rp_fmt_fixed(o, g->res_sum / (double)g->res_n, 1);
		sb_adds(o, "</td>");
		for (int p = 0; p < NPARTS; p++) {
			double m = g->part_sum[p] / (double)g->res_n;
			sb_addf(o, "<td class=\"h\" style=\"background:rgba(224,85,154,%.2f)\">",
				0.06 + 0.5 * rp_clamp(m, 0, 1));
			rp_fmt_fixed(o, m, 2);
			sb_adds(o, "</td>");
		}
		sb_adds(o, "</tr>\n");
	}
	sb_adds(o, "</table>\n<h3>Why: most frequent evidence per part</h3>\n<div class=\"terms\">\n");
	for (int p = 0; p < NPARTS; p++) {
		size_t k = report_topk_list(r->cues_part[p], t, 10);
		struct strbuf head = STRBUF_INIT;
		sb_init(&head, 64);
		sb_addf(&head, "%s <span class=\"zh\">%s</span>", part_name[p], part_zh[p]);
		h_term_table(o, head.buf, part_color[p], t, k, n);
		sb_release(&head);
	}
	sb_adds(o, "</div>\n</section>\n");
	free(t);
}

static void h_sips(const struct report *r, struct strbuf *o)
{
	const char *rows[REPORT_MAX_CATEGORIES + 2];
	double vals[(REPORT_MAX_CATEGORIES + 2) * NSIPS];
	int nr = 0, order[REPORT_MAX_CATEGORIES + 1];
	struct report_term *t = xmalloc(12 * sizeof(*t));
	size_t k;

	sb_adds(o, "<section id=\"sips\"><h2>SIPS profile <span class=\"zh\">识别 · 参与 · 分享</span></h2>\n");
	rows[nr] = "all notes";
	for (int s = 0; s < NSIPS; s++)
		vals[nr * NSIPS + s] = rp_ratio(r->all.sips_sum[s], (double)r->all.sips_n);
	nr++;
	rp_cat_order(r, order);
	for (int i = 0; i < r->ncat; i++) {
		const struct group *g = &r->cat[order[i]];
		if (!g->sips_n)
			continue;
		rows[nr] = g->name;
		for (int s = 0; s < NSIPS; s++)
			vals[nr * NSIPS + s] = g->sips_sum[s] / (double)g->sips_n;
		nr++;
	}
	if (r->all.sips_n)
		rp_svg_grouped(o, rows, nr, vals, NSIPS, sips_name, sips_color,
			    "mean SIPS scores by category");
	sb_adds(o, "<table><tr><th>category</th><th class=\"n\">notes</th><th class=\"n\">identify</th>"
		   "<th class=\"n\">participate</th><th class=\"n\">share</th>"
		   "<th class=\"n\">resonance</th></tr>\n");
	for (int i = -1; i < r->ncat; i++) {
		const struct group *g = i < 0 ? &r->all : &r->cat[order[i]];
		if (!g->sips_n)
			continue;
		sb_adds(o, "<tr><td>");
		if (i < 0)
			sb_adds(o, "<b>all notes</b>");
		else
			rp_html_escs(o, g->name);
		sb_adds(o, "</td><td class=\"n\">");
		rp_fmt_count(o, g->sips_n);
		for (int s = 0; s < NSIPS; s++) {
			sb_adds(o, "</td><td class=\"n\">");
			rp_fmt_fixed(o, g->sips_sum[s] / (double)g->sips_n, 2);
		}
		sb_adds(o, "</td><td class=\"n\">");
		rp_fmt_fixed(o, rp_ratio(g->res_sum, (double)g->res_n), 1);
		sb_adds(o, "</td></tr>\n");
	}
	sb_adds(o, "</table>\n<h3>Audiences named</h3>\n<p>");
	k = report_topk_list(r->audience, t, 12);
	if (!k)
		sb_adds(o, "<span class=\"note-s\">none</span>");
	for (size_t j = 0; j < k; j++) {
		sb_adds(o, "<span class=\"chip\">");
		rp_html_esc(o, t[j].term, t[j].len);
		sb_addf(o, " %ld</span>", t[j].count);
	}
	sb_adds(o, "</p>\n</section>\n");
	free(t);
}

static void h_terms(const struct report *r, struct strbuf *o)
{
	size_t top = (size_t)r->o.top, k;
	struct report_term *t = xmalloc(top * sizeof(*t));
	struct dterm *d = xmalloc(top * sizeof(*d));
	struct strbuf head = STRBUF_INIT;

	sb_init(&head, 64);
	sb_adds(o, "<section id=\"terms\"><h2>Top terms <span class=\"zh\">高频词</span></h2>\n"
		   "<p class=\"note-s\">Notes containing the term (each note counts once), from the "
		   "tokens, stop-words and pure numbers or punctuation left out.</p>\n"
		   "<h3>All notes</h3><div class=\"terms\">\n");
	k = report_topk_list(r->terms_all, t, top);
	h_term_table(o, "all notes", "#8c959f", t, k, r->notes);
	sb_adds(o, "</div>\n<h3>By note type</h3><div class=\"terms\">\n");
	for (int i = 0; i < NTYPES; i++) {
		if (!r->type[i].n)
			continue;
		k = report_topk_list(r->terms_type[i], t, top);
		sb_reset(&head);
		rp_type_label(&head, i, 1);
		h_term_table(o, head.buf, type_color[i], t, k, r->type[i].n);
	}
	sb_adds(o, "</div>\n<h3>By sentiment</h3><div class=\"terms\">\n");
	for (int s = 0; s < 3; s++) {
		if (!r->all.sent[s])
			continue;
		k = report_topk_list(r->terms_sent[s], t, top);
		sb_reset(&head);
		sb_addf(&head, "%s <span class=\"zh\">%s</span>", sent_name[s], sent_zh[s]);
		h_term_table(o, head.buf, sent_color[s], t, k, r->all.sent[s]);
	}
	sb_adds(o, "</div>\n<h3>Distinctive terms</h3>\n<p class=\"note-s\">Terms over-represented "
		   "in a group: share of the group's notes that contain the term against the share "
		   "of the other notes.</p>\n<table><tr><th>group</th><th>terms (in group / elsewhere)</th></tr>\n");
	for (int g = 0; g < NTYPES + 3; g++) {
		const struct report_topk *tk = g < NTYPES ? r->terms_type[g] : r->terms_sent[g - NTYPES];
		long ng = g < NTYPES ? r->type[g].n : r->all.sent[g - NTYPES];
		size_t nd;
		if (!ng)
			continue;
		nd = rp_distinctive(r, tk, ng, d, top < 10 ? top : 10);
		sb_adds(o, "<tr><td>");
		if (g < NTYPES)
			rp_type_label(o, g, 1);
		else
			sb_addf(o, "%s <span class=\"zh\">%s</span>", sent_name[g - NTYPES],
				sent_zh[g - NTYPES]);
		sb_adds(o, "</td><td>");
		for (size_t j = 0; j < nd; j++) {
			sb_adds(o, "<span class=\"chip\">");
			rp_html_esc(o, d[j].t.term, d[j].t.len);
			sb_addf(o, " %.0f%% / %.0f%%</span>", 100 * d[j].in, 100 * d[j].out);
		}
		sb_adds(o, "</td></tr>\n");
	}
	sb_adds(o, "</table>\n</section>\n");
	sb_release(&head);
	free(t);
	free(d);
}

static void h_note_card(const struct report *r, struct strbuf *o, const struct kept *k, int low)
{
	(void)r;
	sb_addf(o, "<div class=\"note\"><div class=\"nh\"><div class=\"score%s\">%.0f</div><div>"
		   "<div class=\"nt\">", low ? " low" : "", k->score);
	if (*k->title)
		rp_highlight(o, k->title, k, 1);
	else
		sb_adds(o, "(no title)");
	sb_adds(o, "</div><div class=\"meta\">");
	rp_type_label(o, k->type, 1);
	sb_addf(o, " · %s", sent_name[k->sent]);
	if (k->eng >= 0) {
		sb_adds(o, " · engagement ");
		rp_fmt_count(o, (long)k->eng);
	}
	if (*k->id) {
		sb_adds(o, " · ");
		rp_html_escs(o, k->id);
	}
	sb_adds(o, " · ");
	rp_html_escs(o, k->source);
	sb_addf(o, ":%ld</div></div></div>\n<p>", k->line);
	if (*k->text)
		rp_highlight(o, k->text, k, 1);
	sb_adds(o, "</p>\n<div class=\"parts\">");
	for (int p = 0; p < NPARTS; p++)
		sb_addf(o, "<span>%s %.2f<i><b style=\"width:%.0f%%;background:%s\"></b></i></span>",
			part_name[p], k->part[p], 100 * k->part[p], part_color[p]);
	sb_adds(o, "</div>\n");
	if (k->nev) {
		sb_adds(o, "<div>");
		for (int e = 0; e < k->nev; e++) {
			if (k->ev_part[e] >= 0)
				sb_addf(o, "<span class=\"chip p%d\" title=\"%s\">", k->ev_part[e],
					part_name[k->ev_part[e]]);
			else
				sb_adds(o, "<span class=\"chip\" title=\"note type cue\">");
			rp_html_escs(o, k->ev[e]);
			sb_adds(o, "</span>");
		}
		sb_adds(o, "</div>\n");
	}
	sb_adds(o, "</div>\n");
}

static void h_notes(const struct report *r, struct strbuf *o)
{
	sb_adds(o, "<section id=\"most-resonant\"><h2>Most resonant notes <span class=\"zh\">"
		   "共鸣最强</span></h2>\n<p class=\"note-s\">Evidence is highlighted by part:");
	for (int p = 0; p < NPARTS; p++)
		sb_addf(o, " <mark class=\"p%d\">%s</mark>", p, part_name[p]);
	sb_adds(o, ".</p>\n");
	for (int i = 0; i < r->ntop; i++)
		h_note_card(r, o, &r->top[i], 0);
	if (!r->ntop)
		sb_adds(o, "<p class=\"note-s\">No note has a resonance score.</p>\n");
	sb_adds(o, "</section>\n<section id=\"least-resonant\"><h2>Least resonant notes "
		   "<span class=\"zh\">共鸣最弱</span></h2>\n");
	for (int i = 0; i < r->nbottom; i++)
		h_note_card(r, o, &r->bottom[i], 1);
	if (!r->nbottom)
		sb_adds(o, "<p class=\"note-s\">No note has a resonance score.</p>\n");
	sb_adds(o, "</section>\n");
}

static void h_engagement_groups(const struct report *r, struct strbuf *o)
{
	sb_adds(o, "<h3>Engagement by note type and sentiment (sampled notes)</h3>\n<table><tr>"
		   "<th>group</th><th class=\"n\">sampled notes</th><th class=\"n\">median engagement"
		   "</th><th class=\"n\">mean resonance</th></tr>\n");
	for (int g = 0; g < NTYPE_SLOTS + 3; g++) {
		int key = g < NTYPE_SLOTS ? g : -(g - NTYPE_SLOTS) - 1;
		double med, mres;
		size_t m = rp_sample_group(r, key, &med, &mres);
		if (!m)
			continue;
		sb_adds(o, "<tr><td>");
		if (g < NTYPE_SLOTS)
			rp_type_label(o, g, 1);
		else
			sb_addf(o, "%s <span class=\"zh\">%s</span>", sent_name[g - NTYPE_SLOTS],
				sent_zh[g - NTYPE_SLOTS]);
		sb_adds(o, "</td><td class=\"n\">");
		rp_fmt_count(o, (long)m);
		sb_adds(o, "</td><td class=\"n\">");
		rp_fmt_fixed(o, med, 0);
		sb_adds(o, "</td><td class=\"n\">");
		rp_fmt_fixed(o, mres, 1);
		sb_adds(o, "</td></tr>\n");
	}
	sb_adds(o, "</table>\n");
}

static void h_engagement(const struct report *r, struct strbuf *o)
{
	struct corr c;

	sb_adds(o, "<section id=\"engagement\"><h2>Engagement vs resonance <span class=\"zh\">"
		   "互动与共鸣</span></h2>\n");
	if (r->nsmp < 3) {
		sb_adds(o, "<p class=\"note-s\">Not enough notes with engagement counts (likes, "
			   "collects, comments) to compare.</p>\n</section>\n");
		return;
	}
	rp_correlations(r, &c);
	sb_addf(o, "<p class=\"note-s\">Spearman rank correlation with likes + collects + comments, "
		   "on %zu notes", c.n);
	if ((long)c.n < r->smp_seen) {
		sb_adds(o, " (a uniform sample of the ");
		rp_fmt_count(o, r->smp_seen);
		sb_adds(o, " notes with counts)");
	}
	sb_adds(o, ". The line is the median engagement per tenth of the score.</p>\n");
	rp_svg_scatter(o, r, 1500);
	sb_adds(o, "<table><tr><th>measure</th><th class=\"n\">ρ, all notes</th>"
		   "<th class=\"n\">ρ within creators</th></tr>\n"
		   "<tr><td><b>resonance score</b></td><td class=\"n\"><b>");
	rp_fmt_fixed(o, c.res, 3);
	sb_adds(o, "</b></td><td class=\"n\"><b>");
	rp_fmt_fixed(o, c.wres, 3);
	sb_adds(o, "</b></td></tr>\n<tr><td>text length (baseline)</td><td class=\"n\">");
	rp_fmt_fixed(o, c.len, 3);
	sb_adds(o, "</td><td class=\"n\">");
	rp_fmt_fixed(o, c.wlen, 3);
	sb_adds(o, "</td></tr>\n");
	for (int p = 0; p < NPARTS; p++) {
		sb_addf(o, "<tr><td>%s <span class=\"zh\">%s</span></td><td class=\"n\">", part_name[p],
			part_zh[p]);
		rp_fmt_fixed(o, c.part[p], 3);
		sb_adds(o, "</td><td></td></tr>\n");
	}
	sb_adds(o, "</table>\n");
	h_engagement_groups(r, o);
	if (c.wcreators)
		sb_addf(o, "<p class=\"note-s\">Within creators: the rank correlation inside each "
			   "creator's notes (%ld creators with at least %d sampled notes, %ld notes), "
			   "averaged with the number of notes as weight.</p>\n", c.wcreators,
			CREATOR_MIN, c.wnotes);
	sb_adds(o, "</section>\n");
}

void report_write_html(const struct report *r, struct strbuf *o)
{
	sb_adds(o, "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\"/>\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
		   "<meta name=\"generator\" content=\"notemine report\"/>\n<title>");
	rp_html_escs(o, r->o.title);
	sb_adds(o, "</title>\n<style>\n");
	for (size_t i = 0; i < NM_ARRAY_LEN(html_css); i++)
		sb_adds(o, html_css[i]);
	sb_adds(o, "</style>\n</head>\n<body>\n<main>\n<header><h1>");
	rp_html_escs(o, r->o.title);
	sb_adds(o, "<small>小红书笔记分析</small></h1>\n<p class=\"sub\">");
	rp_fmt_count(o, r->notes);
	sb_addf(o, " notes from %ld input%s", r->files, r->files == 1 ? "" : "s");
	if (r->bad) {
		sb_adds(o, ", ");
		rp_fmt_count(o, r->bad);
		sb_adds(o, " bad records");
	}
	sb_adds(o, ". Sections: <a href=\"#note-types\">types</a> · <a href=\"#sentiment\">sentiment</a>"
		   " · <a href=\"#resonance\">resonance</a> · <a href=\"#sips\">SIPS</a> · "
		   "<a href=\"#terms\">terms</a> · <a href=\"#most-resonant\">notes</a> · "
		   "<a href=\"#engagement\">engagement</a></p>\n</header>\n");
	h_summary(r, o);
	h_note_types(r, o);
	h_sentiment(r, o);
	h_resonance(r, o);
	h_sips(r, o);
	h_terms(r, o);
	h_notes(r, o);
	h_engagement(r, o);
	sb_addf(o, "<footer>Generated by notemine report. Term counts come from space-saving "
		   "summaries of %zu counters (exact while a group has fewer distinct terms); "
		   "correlations from a reservoir sample of up to %zu notes (fixed seed).</footer>\n",
		r->o.capacity, r->o.sample);
	sb_adds(o, "</main>\n</body>\n</html>\n");
}
