/*
 * report-impl.h - what the report's files share (internal; the public interface is report.h).
 *
 * The report is split by concern: report-terms.c (stop-words, the space-saving top-k summary,
 * Spearman's rho), report.c (accumulation: struct report and report_add), report-fmt.c (the
 * numbers and texts both writers show: escaping, number formats, quantiles, category order,
 * distinctive terms, highlighted evidence, correlations), report-svg.c (hand-drawn charts),
 * report-html.c and report-md.c (the two writers). Functions shared between these files carry
 * the rp_ prefix; everything else stays static in its file.
 */
#ifndef NM_REPORT_IMPL_H
#define NM_REPORT_IMPL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "hmap.h"
#include "report.h"
#include "util.h"

enum { NTYPES = 6, TYPE_NONE = 6, NTYPE_SLOTS = 7 };
enum { SENT_POS, SENT_NEU, SENT_NEG, SENT_NONE, NSENT_SLOTS };
enum { NPARTS = 5, NSIPS = 3 };

static const char *const type_name[NTYPE_SLOTS] = {
	"experience", "planting", "cooperation", "official", "sponsored", "other", "(unlabelled)"
};
static const char *const type_zh[NTYPE_SLOTS] = {
	"体验", "种草", "合作", "官方", "广告", "其他", "未标注"
};
static const char *const type_both[NTYPE_SLOTS] = {
	"experience 体验", "planting 种草", "cooperation 合作", "official 官方", "sponsored 广告",
	"other 其他", "(unlabelled)"
};
static const char *const sent_name[NSENT_SLOTS] = {
	"positive", "neutral", "negative", "(unlabelled)"
};
static const char *const sent_zh[NSENT_SLOTS] = { "正面", "中性", "负面", "未标注" };
static const char *const part_name[NPARTS] = {
	"emotional", "experiential", "authenticity", "story", "interaction"
};
static const char *const part_zh[NPARTS] = { "情感理念", "形象体验", "真实感", "故事性", "互动性" };
static const char *const sips_name[NSIPS] = { "identify", "participate", "share" };

#define MAX_PROBLEMS 20
#define KEEP_NOTES 10
#define KEEP_EVIDENCE 24
#define CAT_NAME_MAX 48
#define TITLE_CP_MAX 80
#define TEXT_CP_MAX 260
#define LEAST_MIN_CP 20   /* least-resonant candidates hold at least this much text */
#define CREATOR_MIN 10    /* sampled notes a creator needs for the within-creator rho */

struct group {
	char name[CAT_NAME_MAX + 1]; /* categories only */
	long n;
	long sent[NSENT_SLOTS];
	double sent_sum;
	long sent_n;
	double res_sum;
	long res_n;
	double part_sum[NPARTS];
	double sips_sum[NSIPS];
	long sips_n;
};

struct problem {
	char *source;
	long line;
	char *message;
};

struct kept {
	double score;
	long seq;
	char *id, *title, *text, *source;
	int type, sent;
	long line;
	double part[NPARTS];
	double eng; /* < 0: no counts */
	int nev;
	char *ev[KEEP_EVIDENCE];
	int ev_part[KEEP_EVIDENCE];
};

struct sample {
	double res, eng, len, part[NPARTS];
	uint64_t creator; /* FNV-1a of creator_hash / user_id / nickname; 0: unknown */
	int type, sent;
};

struct span {
	const char *s;
	size_t n;
	int tag; /* evidence: part index */
};

struct report {
	struct report_opts o;
	long files, records, notes, labelled_here, bad, no_text, no_tokens, no_type, no_sent,
		no_res, no_sips, no_eng;
	long nproblems;
	struct problem problems[MAX_PROBLEMS];
	struct group all, type[NTYPE_SLOTS];
	struct group cat[REPORT_MAX_CATEGORIES + 1];
	int ncat;
	int cat_overflow; /* index of "(other categories)" or -1 */
	struct hmap catmap;
	long res_hist[101];
	long part_pos[NPARTS];
	double part_sq[NPARTS];
	struct report_topk *terms_all, *terms_type[NTYPES], *terms_sent[3];
	struct report_topk *audience, *cues_part[NPARTS], *cues_type[NTYPES];
	struct kept top[KEEP_NOTES], bottom[KEEP_NOTES];
	int ntop, nbottom;
	struct sample *smp;
	size_t nsmp;
	long smp_seen;
	uint64_t rng;
	/* per-note scratch */
	struct strbuf terms;
	size_t *toff;
	size_t toff_cap;
	struct span *spans;
	size_t spans_cap;
};

static const char *const type_color[NTYPE_SLOTS] = {
	"#3b7dd8", "#e0559a", "#f29c38", "#7a5cc8", "#d64545", "#9aa0a6", "#d5d9de"
};
static const char *const sent_color[NSENT_SLOTS] = { "#2e9d5b", "#b8bec5", "#d64545", "#e6e8eb" };
static const char *const part_color[NPARTS] = {
	"#e0559a", "#f29c38", "#2e9d5b", "#3b7dd8", "#7a5cc8"
};
static const char *const sips_color[NSIPS] = { "#3b7dd8", "#f29c38", "#2e9d5b" };

/* Terms over-represented in a group: share of the group's notes minus share of the other
 * notes (overall counts from the overall summary), among terms seen in >= 2 group notes. */
struct dterm {
	struct report_term t;
	double in, out, score;
};

/* Correlations for the engagement section: resonance, text length, each part. */
struct corr {
	double res, len, part[NPARTS];
	size_t n;
	double wres, wlen; /* within-creator: mean of per-creator rho weighted by notes */
	long wcreators, wnotes;
};

struct bar {
	const char *label;
	double value;
	const char *color;
	char text[64]; /* value label at the bar's end */
};


static inline double rp_clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* a / b; NAN when b <= 0. */
static inline double rp_ratio(double a, double b)
{
	return b > 0 ? a / b : NAN;
}

/* --- report-terms.c --- */

/* Terms over-represented in group summary g (ng notes): fills out[0..max) by descending
 * score, returns how many. */
size_t rp_distinctive(const struct report *r, const struct report_topk *g, long ng,
		      struct dterm *out, size_t max);

/* --- report-fmt.c --- */

/* HTML / XML text: & < > " ' escaped, invalid UTF-8 as U+FFFD, control characters dropped. */
void rp_html_esc(struct strbuf *o, const char *s, size_t n);
void rp_html_escs(struct strbuf *o, const char *s);
/* Markdown table cell text: | and \ escaped, < > & as entities, * _ ` [ ] escaped, line
 * breaks as spaces, invalid UTF-8 as U+FFFD. */
void rp_md_esc(struct strbuf *o, const char *s, size_t n);
void rp_md_escs(struct strbuf *o, const char *s);
/* 16005 -> "16,005". */
void rp_fmt_count(struct strbuf *o, long v);
/* fmt_count into a fixed buffer (for chart labels). */
const char *rp_count_str(char *buf, size_t size, long v);
/* A fixed-point number; "–" when v is NAN. "-0.00" is written "0.00". */
void rp_fmt_fixed(struct strbuf *o, double v, int prec);
/* part/whole as "12.3%"; "–" when whole is 0. */
void rp_fmt_pct(struct strbuf *o, double part, double whole);
/* Rough rendered width, in pixels at 12 px, of UTF-8 text (wide scripts count double). */
double rp_text_px(const char *s, size_t n);
/* Escaped text, cut with "…" so that it fits max_px. */
void rp_html_fit(struct strbuf *o, const char *s, double max_px);
/* Note type t as "experience 体验" (html: the Chinese in a <span class="zh">). */
void rp_type_label(struct strbuf *o, int t, int html);
/* Mean sentiment score of a group; NAN when none was scored. */
double rp_group_mean_sent(const struct group *g);
/* Category indexes in display order (most notes first, "(other categories)" last) into idx;
 * returns r->ncat. */
int rp_cat_order(const struct report *r, int *idx);
/* Resonance score quantile q in [0,1] from the 101-bin histogram (bin = integer part). */
double rp_res_quantile(const struct report *r, double q);
/* s with the kept note's evidence strings marked (longest match first, ASCII case-insensitive):
 * html <mark class="pN">, else markdown **term**. */
void rp_highlight(struct strbuf *o, const char *s, const struct kept *k, int html);
/* qsort order of doubles, ascending. */
int rp_double_cmp(const void *pa, const void *pb);
/* Median engagement and mean resonance of the sampled notes of type t (t < 0: sentiment
 * -t-1). Returns the number of sampled notes. */
size_t rp_sample_group(const struct report *r, int t, double *median, double *mean_res);
/* Spearman's rho of engagement with resonance, text length and each part, over the sample and
 * within creators. */
void rp_correlations(const struct report *r, struct corr *c);

/* One row of the counts table both writers show: label, value, and the whole its share is of
 * (< 0: no share). */
struct rp_count_row {
	const char *label;
	long v, whole;
};

/* Fill rows (RP_COUNT_ROWS of them) for report r. */
#define RP_COUNT_ROWS 12
void rp_count_rows(const struct report *r, struct rp_count_row *rows);

/* --- report-svg.c: every chart is SVG_W user units wide and scales with the page --- */

#define SVG_W 640

/* Horizontal bars scaled to max (0: the largest value). */
void rp_svg_hbars(struct strbuf *o, const struct bar *b, int n, double max, const char *label);
/* 100% stacked bars: counts[row * k + seg]; the row total is written at the right. */
void rp_svg_stacked(struct strbuf *o, const char *const *rows, int nrows, const long *counts,
			int k, const char *const *segs, const char *const *colors, const char *label);
/* Vertical histogram of bins[0..n) over [x0, x1]. */
void rp_svg_histogram(struct strbuf *o, const long *bins, int n, double x0, double x1,
			  const char *color, const char *xlabel, const char *label);
/* Grouped horizontal bars in [0,1]: vals[row * k + s]. */
void rp_svg_grouped(struct strbuf *o, const char *const *rows, int nrows, const double *vals,
			int k, const char *const *segs, const char *const *colors, const char *label);
/* Scatter of the reservoir: x resonance 0-100, y log10(1 + engagement); the median
 * engagement per resonance decile is drawn as a line. At most max_points points. */
void rp_svg_scatter(struct strbuf *o, const struct report *r, size_t max_points);

#endif
