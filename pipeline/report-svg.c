/* report-svg.c - the HTML report's charts, drawn by hand as inline SVG (no scripts). */
#include "report-impl.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------
 * SVG charts, drawn by hand. Every chart is 640 user units wide and scales with the page.
 */

static void svg_open(struct strbuf *o, int h, const char *label)
{
	sb_addf(o, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		   "role=\"img\" aria-label=\"", SVG_W, h, SVG_W, h);
	rp_html_escs(o, label);
	sb_adds(o, "\">\n");
}

static void svg_text(struct strbuf *o, double x, double y, const char *anchor, const char *cls,
		     const char *s, double fit)
{
	sb_addf(o, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
	if (anchor)
		sb_addf(o, " text-anchor=\"%s\"", anchor);
	if (cls)
		sb_addf(o, " class=\"%s\"", cls);
	sb_adds(o, ">");
	if (fit > 0)
		rp_html_fit(o, s, fit);
	else
		rp_html_escs(o, s);
	sb_adds(o, "</text>\n");
}


#define BAR_LABEL_W 150
#define BAR_TEXT_W 110

/* Horizontal bars scaled to max (0: the largest value). */
void rp_svg_hbars(struct strbuf *o, const struct bar *b, int n, double max, const char *label)
{
	int row = 26, h = n * row + 8;
	double area = SVG_W - BAR_LABEL_W - BAR_TEXT_W;

	if (max <= 0)
		for (int i = 0; i < n; i++)
			if (b[i].value > max)
				max = b[i].value;
	svg_open(o, h, label);
	for (int i = 0; i < n; i++) {
		double y = 4 + i * row, w = max > 0 ? area * b[i].value / max : 0;
		svg_text(o, BAR_LABEL_W - 8, y + 16, "end", NULL, b[i].label, BAR_LABEL_W - 12);
		sb_addf(o, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"18\" rx=\"3\" "
			   "fill=\"%s\"><title>", BAR_LABEL_W, y + 2, w < 0 ? 0 : w, b[i].color);
		rp_html_escs(o, b[i].label);
		sb_adds(o, ": ");
		rp_html_escs(o, b[i].text);
		sb_adds(o, "</title></rect>\n");
		svg_text(o, BAR_LABEL_W + w + 6, y + 16, NULL, "v", b[i].text, 0);
	}
	sb_adds(o, "</svg>\n");
}

/* 100% stacked bars: counts[row * k + seg]; the row total is written at the right. */
void rp_svg_stacked(struct strbuf *o, const char *const *rows, int nrows, const long *counts,
			int k, const char *const *segs, const char *const *colors, const char *label)
{
	int row = 26, top = 30, h = top + nrows * row + 6;
	double area = SVG_W - BAR_LABEL_W - 70, x;

	svg_open(o, h, label);
	x = BAR_LABEL_W;
	for (int s = 0; s < k; s++) {
		sb_addf(o, "<rect x=\"%.1f\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\"/>\n",
			x, colors[s]);
		svg_text(o, x + 16, 16.5, NULL, "lg", segs[s], 0);
		x += 16 + rp_text_px(segs[s], strlen(segs[s])) + 18;
	}
	for (int i = 0; i < nrows; i++) {
		double y = top + i * row;
		long total = 0;
		char buf[64];
		for (int s = 0; s < k; s++)
			total += counts[i * k + s];
		svg_text(o, BAR_LABEL_W - 8, y + 15, "end", NULL, rows[i], BAR_LABEL_W - 12);
		x = BAR_LABEL_W;
		for (int s = 0; s < k && total > 0; s++) {
			long c = counts[i * k + s];
			double w = area * (double)c / (double)total;
			if (c == 0)
				continue;
			sb_addf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" "
				   "fill=\"%s\"><title>", x, y + 2, w, colors[s]);
			rp_html_escs(o, rows[i]);
			sb_adds(o, " · ");
			rp_html_escs(o, segs[s]);
			sb_addf(o, ": %ld (%.1f%%)</title></rect>\n", c,
				100.0 * (double)c / (double)total);
			if (w >= 38) {
				snprintf(buf, sizeof(buf), "%.0f%%", 100.0 * (double)c / (double)total);
				svg_text(o, x + w / 2, y + 15, "middle", "in", buf, 0);
			}
			x += w;
		}
		{
			char num[32];
			snprintf(buf, sizeof(buf), "n=%s", rp_count_str(num, sizeof(num), total));
		}
		svg_text(o, BAR_LABEL_W + area + 8, y + 15, NULL, "v", buf, 0);
	}
	sb_adds(o, "</svg>\n");
}

/* Vertical histogram of bins[0..n) over [x0, x1]. */
void rp_svg_histogram(struct strbuf *o, const long *bins, int n, double x0, double x1,
			  const char *color, const char *xlabel, const char *label)
{
	int h = 230, left = 50, right = 16, top = 14, bottom = 44;
	double pw = SVG_W - left - right, ph = h - top - bottom, bw = pw / n;
	long max = 0;
	char buf[64];

	for (int i = 0; i < n; i++)
		if (bins[i] > max)
			max = bins[i];
	svg_open(o, h, label);
	sb_addf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>\n",
		left, top + ph, left + pw, top + ph);
	for (int g = 0; g <= 4; g++) {
		double y = top + ph - ph * g / 4.0;
		snprintf(buf, sizeof(buf), "%.0f", (double)max * g / 4.0);
		if (g > 0)
			sb_addf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				   "class=\"grid\"/>\n", left, y, left + pw, y);
		svg_text(o, left - 6, y + 4, "end", "tick", buf, 0);
	}
	for (int i = 0; i < n; i++) {
		double bh = max ? ph * (double)bins[i] / (double)max : 0;
		double lo = x0 + (x1 - x0) * i / n, hi = x0 + (x1 - x0) * (i + 1) / n;
		sb_addf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
			   "<title>%.0f–%.0f: %ld</title></rect>\n",
			left + i * bw + 1, top + ph - bh, bw - 2, bh, color, lo, hi, bins[i]);
	}
	for (int i = 0; i <= n; i++) {
		if (n > 10 && i % (n / 10))
			continue;
		snprintf(buf, sizeof(buf), "%.0f", x0 + (x1 - x0) * i / n);
		svg_text(o, left + i * bw, top + ph + 16, "middle", "tick", buf, 0);
	}
	svg_text(o, left + pw / 2, h - 8, "middle", "lg", xlabel, 0);
	sb_adds(o, "</svg>\n");
}

/* Grouped horizontal bars in [0,1]: vals[row * k + s]. */
void rp_svg_grouped(struct strbuf *o, const char *const *rows, int nrows, const double *vals,
			int k, const char *const *segs, const char *const *colors, const char *label)
{
	int bar = 8, row = k * (bar + 2) + 10, top = 30, h = top + nrows * row + 20;
	double area = SVG_W - BAR_LABEL_W - 60, x = BAR_LABEL_W;

	svg_open(o, h, label);
	for (int s = 0; s < k; s++) {
		sb_addf(o, "<rect x=\"%.1f\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\"/>\n",
			x, colors[s]);
		svg_text(o, x + 16, 16.5, NULL, "lg", segs[s], 0);
		x += 16 + rp_text_px(segs[s], strlen(segs[s])) + 18;
	}
	for (int g = 0; g <= 4; g++) {
		static const char *const ticks[] = { "0", "0.25", "0.5", "0.75", "1" };
		double gx = BAR_LABEL_W + area * g / 4.0;
		sb_addf(o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>\n",
			gx, top - 4, gx, h - 18);
		svg_text(o, gx, h - 5, "middle", "tick", ticks[g], 0);
	}
	for (int i = 0; i < nrows; i++) {
		double y = top + i * row;
		svg_text(o, BAR_LABEL_W - 8, y + row / 2.0 + 1, "end", NULL, rows[i],
			 BAR_LABEL_W - 12);
		for (int s = 0; s < k; s++) {
			double v = vals[i * k + s], w = area * rp_clamp(isnan(v) ? 0 : v, 0, 1);
			double by = y + 3 + s * (bar + 2);
			char buf[32];
			sb_addf(o, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
				   "<title>", BAR_LABEL_W, by, w, bar, colors[s]);
			rp_html_escs(o, rows[i]);
			snprintf(buf, sizeof(buf), " · %s: %.3f", segs[s], isnan(v) ? 0 : v);
			rp_html_escs(o, buf);
			sb_adds(o, "</title></rect>\n");
			snprintf(buf, sizeof(buf), "%.2f", isnan(v) ? 0 : v);
			sb_addf(o, "<text x=\"%.1f\" y=\"%.1f\" class=\"sm\">%s</text>\n",
				BAR_LABEL_W + w + 4, by + bar - 0.5, buf);
		}
	}
	sb_adds(o, "</svg>\n");
}

/* Scatter of the reservoir: x resonance 0-100, y log10(1 + engagement); the median
 * engagement per resonance decile is drawn as a line. At most max_points points. */
void rp_svg_scatter(struct strbuf *o, const struct report *r, size_t max_points)
{
	int h = 380, left = 60, right = 16, top = 14, bottom = 46;
	double pw = SVG_W - left - right, ph = h - top - bottom, ymax = 1;
	size_t n = r->nsmp < max_points ? r->nsmp : max_points;
	char buf[64];

	for (size_t i = 0; i < r->nsmp; i++) {
		double ly = log10(1 + r->smp[i].eng);
		if (ly > ymax)
			ymax = ly;
	}
	ymax = ceil(ymax);
	svg_open(o, h, "engagement against resonance score");
	for (int d = 0; d <= (int)ymax; d++) {
		double y = top + ph - ph * d / ymax;
		static const char *const pow10s[] = { "0", "10", "100", "1k", "10k", "100k", "1M",
						      "10M", "100M", "1B" };
		sb_addf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>\n",
			left, y, left + pw, y);
		svg_text(o, left - 6, y + 4, "end", "tick", d < 10 ? pow10s[d] : "", 0);
	}
	for (int g = 0; g <= 10; g++) {
		double x = left + pw * g / 10.0;
		snprintf(buf, sizeof(buf), "%d", g * 10);
		svg_text(o, x, top + ph + 16, "middle", "tick", buf, 0);
	}
	sb_addf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>\n",
		left, top + ph, left + pw, top + ph);
	sb_addf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" class=\"axis\"/>\n", left, top,
		left, top + ph);
	sb_adds(o, "<g fill=\"#e0559a\" fill-opacity=\"0.38\">\n");
	for (size_t i = 0; i < n; i++) {
		double x = left + pw * r->smp[i].res / 100.0;
		double y = top + ph - ph * log10(1 + r->smp[i].eng) / ymax;
		sb_addf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.4\"/>\n", x, y);
	}
	sb_adds(o, "</g>\n");
	/* median engagement per decile of resonance */
	{
		struct strbuf pts = STRBUF_INIT;
		double *v = xmalloc((r->nsmp ? r->nsmp : 1) * sizeof(*v));
		int npts = 0;
		sb_init(&pts, 256);
		for (int dcl = 0; dcl < 10; dcl++) {
			size_t m = 0;
			for (size_t i = 0; i < r->nsmp; i++) {
				int b = (int)(r->smp[i].res / 10);
				if ((b > 9 ? 9 : b) == dcl)
					v[m++] = r->smp[i].eng;
			}
			if (m < 5)
				continue;
			qsort(v, m, sizeof(*v), rp_double_cmp);
			double med = m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
			sb_addf(&pts, "%s%.1f,%.1f", npts ? " " : "", left + pw * (dcl * 10 + 5) / 100.0,
				top + ph - ph * log10(1 + med) / ymax);
			npts++;
		}
		if (npts >= 2)
			sb_addf(o, "<polyline points=\"%s\" fill=\"none\" stroke=\"#1f2328\" "
				   "stroke-width=\"2\"/>\n", pts.buf);
		sb_release(&pts);
		free(v);
	}
	svg_text(o, left + pw / 2, h - 8, "middle", "lg", "resonance score", 0);
	sb_addf(o, "<text x=\"14\" y=\"%.1f\" class=\"lg\" text-anchor=\"middle\" "
		   "transform=\"rotate(-90 14 %.1f)\">likes + collects + comments (log)</text>\n",
		top + ph / 2, top + ph / 2);
	sb_adds(o, "</svg>\n");
}
