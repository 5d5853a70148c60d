/* report-md.c - report_write_md (report.h): the same summary as Markdown tables. */
#include "report-impl.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------
 * Markdown writer: the same summary as GitHub-flavoured tables.
 */
static void m_row_count(struct strbuf *o, const char *label, long v, long whole)
{
	sb_adds(o, "| ");
	rp_md_escs(o, label);
	sb_adds(o, " | ");
	rp_fmt_count(o, v);
	sb_adds(o, " | ");
	if (whole >= 0)
		rp_fmt_pct(o, (double)v, (double)whole);
	sb_adds(o, " |\n");
}

static void m_terms(struct strbuf *o, const struct report_term *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_adds(o, ", ");
		rp_md_esc(o, t[i].term, t[i].len);
		sb_addf(o, " (%ld)", t[i].count);
	}
	if (!n)
		sb_adds(o, "–");
}

static void m_group_name(struct strbuf *o, const struct report *r, const struct group *g, int ti)
{
	if (ti >= 0)
		rp_type_label(o, ti, 0);
	else if (g == &r->all)
		sb_adds(o, "**all notes**");
	else
		rp_md_escs(o, g->name);
}

static void m_notes(const struct report *r, struct strbuf *o, const struct kept *list, int n)
{
	(void)r;
	if (!n) {
		sb_adds(o, "No note has a resonance score.\n\n");
		return;
	}
	sb_adds(o, "| # | score | type | sentiment | engagement | note | evidence |\n"
		   "|---:|---:|---|---|---:|---|---|\n");
	for (int i = 0; i < n; i++) {
		const struct kept *k = &list[i];
		sb_addf(o, "| %d | %.0f | %s | %s | ", i + 1, k->score, type_name[k->type],
			sent_name[k->sent]);
		if (k->eng >= 0)
			rp_fmt_count(o, (long)k->eng);
		else
			sb_adds(o, "–");
		sb_adds(o, " | ");
		if (*k->title) {
			rp_highlight(o, k->title, k, 0);
			sb_adds(o, " — ");
		}
		rp_highlight(o, k->text, k, 0);
		sb_adds(o, " (");
		rp_md_escs(o, k->id && *k->id ? k->id : k->source);
		if (!(k->id && *k->id))
			sb_addf(o, ":%ld", k->line);
		sb_adds(o, ") | ");
		for (int e = 0; e < k->nev; e++) {
			if (e)
				sb_adds(o, ", ");
			rp_md_escs(o, k->ev[e]);
			if (k->ev_part[e] >= 0)
				sb_addf(o, " (%s)", part_name[k->ev_part[e]]);
		}
		sb_adds(o, " |\n");
	}
	sb_addc(o, '\n');
}

void report_write_md(const struct report *r, struct strbuf *o)
{
	size_t top = (size_t)r->o.top, k;
	struct report_term *t = xmalloc((top > 12 ? top : 12) * sizeof(*t));
	struct dterm *d = xmalloc(10 * sizeof(*d));
	struct corr c;
	long n = r->all.res_n;
	int order[REPORT_MAX_CATEGORIES + 1];
	struct rp_count_row rows[RP_COUNT_ROWS];

	rp_correlations(r, &c);
	rp_cat_order(r, order);
	sb_adds(o, "# ");
	rp_md_escs(o, r->o.title);
	sb_adds(o, "\n\n");
	rp_fmt_count(o, r->notes);
	sb_addf(o, " notes from %ld input%s.\n\n", r->files, r->files == 1 ? "" : "s");

	sb_adds(o, "## Counts\n\n| what | records | share |\n|---|---:|---:|\n");
	rp_count_rows(r, rows);
	for (int i = 0; i < RP_COUNT_ROWS; i++)
		m_row_count(o, rows[i].label, rows[i].v, rows[i].whole);
	sb_adds(o, "\n## Input problems\n\n");
	if (!r->nproblems) {
		sb_adds(o, "None.\n\n");
	} else {
		sb_adds(o, "| where | message |\n|---|---|\n");
		for (long i = 0; i < r->nproblems; i++) {
			sb_adds(o, "| ");
			rp_md_escs(o, r->problems[i].source);
			sb_addf(o, ":%ld | ", r->problems[i].line);
			rp_md_escs(o, r->problems[i].message);
			sb_adds(o, " |\n");
		}
		if (r->bad > r->nproblems)
			sb_addf(o, "\n… and %ld more.\n", r->bad - r->nproblems);
		sb_addc(o, '\n');
	}

	sb_adds(o, "## Note types\n\n| type | notes | share | deciding cues (notes) |\n"
		   "|---|---:|---:|---|\n");
	for (int i = 0; i < NTYPE_SLOTS; i++) {
		if (i == TYPE_NONE && !r->type[i].n)
			continue;
		sb_adds(o, "| ");
		rp_type_label(o, i, 0);
		sb_adds(o, " | ");
		rp_fmt_count(o, r->type[i].n);
		sb_adds(o, " | ");
		rp_fmt_pct(o, (double)r->type[i].n, (double)r->notes);
		sb_adds(o, " | ");
		k = i < NTYPES ? report_topk_list(r->cues_type[i], t, 8) : 0;
		m_terms(o, t, k);
		sb_adds(o, " |\n");
	}

	sb_adds(o, "\n## Sentiment by note type and category\n\n"
		   "| group | notes | positive | neutral | negative | mean score |\n"
		   "|---|---:|---:|---:|---:|---:|\n");
	for (int i = 0; i < NTYPE_SLOTS + r->ncat + 1; i++) {
		const struct group *g = i < NTYPE_SLOTS ? &r->type[i]
				       : i < NTYPE_SLOTS + r->ncat ? &r->cat[order[i - NTYPE_SLOTS]]
								   : &r->all;
		if (!g->n)
			continue;
		sb_adds(o, "| ");
		if (i >= NTYPE_SLOTS && g != &r->all)
			sb_adds(o, "category: ");
		m_group_name(o, r, g, i < NTYPE_SLOTS ? i : -1);
		sb_adds(o, " | ");
		rp_fmt_count(o, g->n);
		for (int s = 0; s < 3; s++) {
			sb_adds(o, " | ");
			rp_fmt_pct(o, (double)g->sent[s], (double)g->n);
		}
		sb_adds(o, " | ");
		rp_fmt_fixed(o, rp_group_mean_sent(g), 2);
		sb_adds(o, " |\n");
	}

	sb_adds(o, "\n## Resonance\n\n");
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
	sb_adds(o, ".\n\n| score | notes | share |\n|---|---:|---:|\n");
	for (int b = 0; b < 10; b++) {
		long cnt = 0;
		for (int i = b * 10; i < (b == 9 ? 101 : b * 10 + 10); i++)
			cnt += r->res_hist[i];
		sb_addf(o, "| %d–%d | ", b * 10, b == 9 ? 100 : b * 10 + 9);
		rp_fmt_count(o, cnt);
		sb_adds(o, " | ");
		rp_fmt_pct(o, (double)cnt, (double)n);
		sb_adds(o, " |\n");
	}
	sb_adds(o, "\n| type | notes | score |");
	for (int p = 0; p < NPARTS; p++)
		sb_addf(o, " %s |", part_name[p]);
	sb_adds(o, "\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
	for (int ti = 0; ti <= NTYPE_SLOTS; ti++) {
		const struct group *g = ti < NTYPE_SLOTS ? &r->type[ti] : &r->all;
		if (!g->res_n)
			continue;
		sb_adds(o, "| ");
		m_group_name(o, r, g, ti < NTYPE_SLOTS ? ti : -1);
		sb_adds(o, " | ");
		rp_fmt_count(o, g->res_n);
		sb_adds(o, " | ");
		rp_fmt_fixed(o, g->res_sum / (double)g->res_n, 1);
		for (int p = 0; p < NPARTS; p++) {
			sb_adds(o, " | ");
			rp_fmt_fixed(o, g->part_sum[p] / (double)g->res_n, 2);
		}
		sb_adds(o, " |\n");
	}
	sb_adds(o, "\n| part | notes with it | most frequent evidence (notes) |\n|---|---:|---|\n");
	for (int p = 0; p < NPARTS; p++) {
		sb_addf(o, "| %s | ", part_name[p]);
		rp_fmt_pct(o, (double)r->part_pos[p], (double)n);
		sb_adds(o, " | ");
		k = report_topk_list(r->cues_part[p], t, 8);
		m_terms(o, t, k);
		sb_adds(o, " |\n");
	}

	sb_adds(o, "\n## SIPS profile\n\n| category | notes | identify | participate | share | "
		   "resonance |\n|---|---:|---:|---:|---:|---:|\n");
	for (int i = -1; i < r->ncat; i++) {
		const struct group *g = i < 0 ? &r->all : &r->cat[order[i]];
		if (!g->sips_n)
			continue;
		sb_adds(o, "| ");
		m_group_name(o, r, g, -1);
		sb_adds(o, " | ");
		rp_fmt_count(o, g->sips_n);
		for (int s = 0; s < NSIPS; s++) {
			sb_adds(o, " | ");
			rp_fmt_fixed(o, g->sips_sum[s] / (double)g->sips_n, 2);
		}
		sb_adds(o, " | ");
		rp_fmt_fixed(o, rp_ratio(g->res_sum, (double)g->res_n), 1);
		sb_adds(o, " |\n");
	}
	sb_adds(o, "\nAudiences named: ");
	k = report_topk_list(r->audience, t, 12);
	m_terms(o, t, k);
	sb_adds(o, "\n\n## Top terms\n\nNotes containing the term (each note counts once); "
		   "stop-words, numbers and punctuation left out.\n\n| group | notes | top terms (notes) |\n"
		   "|---|---:|---|\n| **all notes** | ");
	rp_fmt_count(o, r->notes);
	sb_adds(o, " | ");
	k = report_topk_list(r->terms_all, t, top);
	m_terms(o, t, k);
	sb_adds(o, " |\n");
	for (int g = 0; g < NTYPES + 3; g++) {
		const struct report_topk *tk = g < NTYPES ? r->terms_type[g] : r->terms_sent[g - NTYPES];
		long ng = g < NTYPES ? r->type[g].n : r->all.sent[g - NTYPES];
		if (!ng)
			continue;
		sb_adds(o, "| ");
		if (g < NTYPES)
			rp_type_label(o, g, 0);
		else
			sb_addf(o, "%s %s", sent_name[g - NTYPES], sent_zh[g - NTYPES]);
		sb_adds(o, " | ");
		rp_fmt_count(o, ng);
		sb_adds(o, " | ");
		k = report_topk_list(tk, t, top);
		m_terms(o, t, k);
		sb_adds(o, " |\n");
	}
	sb_adds(o, "\nDistinctive terms (share of the group's notes / of the other notes):\n\n"
		   "| group | terms |\n|---|---|\n");
	for (int g = 0; g < NTYPES + 3; g++) {
		const struct report_topk *tk = g < NTYPES ? r->terms_type[g] : r->terms_sent[g - NTYPES];
		long ng = g < NTYPES ? r->type[g].n : r->all.sent[g - NTYPES];
		size_t nd;
		if (!ng)
			continue;
		nd = rp_distinctive(r, tk, ng, d, top < 10 ? top : 10);
		sb_adds(o, "| ");
		if (g < NTYPES)
			rp_type_label(o, g, 0);
		else
			sb_addf(o, "%s %s", sent_name[g - NTYPES], sent_zh[g - NTYPES]);
		sb_adds(o, " | ");
		for (size_t j = 0; j < nd; j++) {
			if (j)
				sb_adds(o, ", ");
			rp_md_esc(o, d[j].t.term, d[j].t.len);
			sb_addf(o, " (%.0f%% / %.0f%%)", 100 * d[j].in, 100 * d[j].out);
		}
		if (!nd)
			sb_adds(o, "–");
		sb_adds(o, " |\n");
	}

	sb_adds(o, "\n## Most resonant notes\n\n");
	m_notes(r, o, r->top, r->ntop);
	sb_adds(o, "## Least resonant notes\n\n");
	m_notes(r, o, r->bottom, r->nbottom);

	sb_adds(o, "## Engagement vs resonance\n\n");
	if (r->nsmp < 3) {
		sb_adds(o, "Not enough notes with engagement counts to compare.\n");
	} else {
		sb_addf(o, "Spearman rank correlation with likes + collects + comments on %zu notes", c.n);
		if ((long)c.n < r->smp_seen) {
			sb_adds(o, " (a uniform sample of the ");
			rp_fmt_count(o, r->smp_seen);
			sb_adds(o, " notes with counts)");
		}
		sb_adds(o, ".\n\n| measure | ρ, all notes | ρ within creators |\n|---|---:|---:|\n"
			   "| **resonance score** | ");
		rp_fmt_fixed(o, c.res, 3);
		sb_adds(o, " | ");
		rp_fmt_fixed(o, c.wres, 3);
		sb_adds(o, " |\n| text length (baseline) | ");
		rp_fmt_fixed(o, c.len, 3);
		sb_adds(o, " | ");
		rp_fmt_fixed(o, c.wlen, 3);
		sb_adds(o, " |\n");
		for (int p = 0; p < NPARTS; p++) {
			sb_addf(o, "| %s | ", part_name[p]);
			rp_fmt_fixed(o, c.part[p], 3);
			sb_adds(o, " | |\n");
		}
		sb_adds(o, "\n| group | sampled notes | median engagement | mean resonance |\n"
			   "|---|---:|---:|---:|\n");
		for (int g = 0; g < NTYPE_SLOTS + 3; g++) {
			int key = g < NTYPE_SLOTS ? g : -(g - NTYPE_SLOTS) - 1;
			double med, mres;
			size_t m = rp_sample_group(r, key, &med, &mres);
			if (!m)
				continue;
			sb_adds(o, "| ");
			if (g < NTYPE_SLOTS)
				rp_type_label(o, g, 0);
			else
				sb_addf(o, "%s %s", sent_name[g - NTYPE_SLOTS], sent_zh[g - NTYPE_SLOTS]);
			sb_adds(o, " | ");
			rp_fmt_count(o, (long)m);
			sb_adds(o, " | ");
			rp_fmt_fixed(o, med, 0);
			sb_adds(o, " | ");
			rp_fmt_fixed(o, mres, 1);
			sb_adds(o, " |\n");
		}
		if (c.wcreators)
			sb_addf(o, "\nWithin creators: %ld creators with at least %d sampled notes "
				   "(%ld notes), weighted by notes.\n", c.wcreators, CREATOR_MIN,
				c.wnotes);
	}
	free(t);
	free(d);
}
