/*
 * report.h - the analyst's report over labelled notes: streaming accumulation, then one
 * self-contained HTML page (inline CSS, hand-drawn SVG charts, no scripts, no external
 * resources, printable on A4) or the same summary as Markdown tables.
 *
 * Algorithm: one pass over the records (the output of `notemine run`); every statistic is
 * a fixed-size accumulator, so memory is bounded by the number of term counters kept, not
 * by the number of notes (measured: 12.0 MB for 16,005 notes, 12.4 MB for 96,030):
 *  - counts per note type, sentiment by note type and by category (categories are capped
 *    at REPORT_MAX_CATEGORIES; later ones are pooled as "(other categories)");
 *  - resonance: a 101-bin histogram of the score (distribution, quantiles), sums of the
 *    five parts overall and per note type, the share of notes where each part is > 0;
 *  - SIPS: sums of identify / participate / share overall and per category;
 *  - terms: one space-saving summary (Metwally, Agrawal, El Abbadi 2005) overall, per note
 *    type and per sentiment, `capacity` counters each, of document frequencies (a term
 *    counts once per note); tokens that hold no letter or symbol, URLs and stop-words (a
 *    static table in report-terms.c, Chinese and English function words) are skipped; Latin
 *    terms are lower-cased; a topic tag "#名称[话题]#" counts as "#名称". A counter's `err`
 *    bounds how much its count may be overestimated. "Distinctive" terms of a group rank
 *    the group's counters by (share of the group's notes) - (share of the other notes).
 *    Smaller summaries count the evidence cues per resonance part and per note type (with
 *    trailing counts such as "emoji×3" folded) and the SIPS audiences;
 *  - the 10 most and the 10 least resonant notes (the latter among notes with at least 20
 *    characters of text): two small sorted arrays of copies; ties: the earlier note wins;
 *  - engagement vs resonance: a reservoir sample (Vitter's algorithm R with a fixed seed, so
 *    reports are reproducible) of (resonance, parts, text length, likes + collects +
 *    comments, creator, type, sentiment) over the notes whose counts exist; Spearman's rank
 *    correlation (average ranks for ties) is computed on the sample, over all sampled notes
 *    and within creators (per-creator rho averaged with note weights), plus the median
 *    engagement per note type and sentiment.
 * A report is used by one thread at a time.
 */
#ifndef NM_REPORT_H
#define NM_REPORT_H

#include <stddef.h>

#include "util.h"

struct cJSON;

#define REPORT_MAX_CATEGORIES 40

struct report_opts {
	size_t capacity;   /* counters per term summary (0: 2000) */
	int top;           /* terms shown per list (0: 15) */
	size_t sample;     /* reservoir size for engagement vs resonance (0: 5000) */
	const char *title; /* report title (NULL: "notemine report") */
};

struct report;

/* A new, empty report. o may be NULL (defaults). Never returns NULL. */
struct report *report_new(const struct report_opts *o);
void report_free(struct report *r);

/* Account one record: a labelled note (keys of `notemine run`; missing keys are tolerated
 * and counted), or an error record {"error": {"message", "line"}, "raw"} written by an
 * earlier run (counted as an input problem). source (the input's display name) and line
 * locate it; both are copied when kept. rec is borrowed. */
void report_add(struct report *r, const struct cJSON *rec, const char *source, long line);

/* Account a record the reader rejected (message without location). */
void report_add_bad(struct report *r, const char *source, long line, const char *message);

/* Count one input file read, and one raw note the caller labelled before report_add. */
void report_count_file(struct report *r);
void report_count_labelled_here(struct report *r);

/* Append the whole HTML page / the Markdown summary to out. Output depends only on the
 * records added and the options (no dates, no paths besides the recorded sources). */
void report_write_html(const struct report *r, struct strbuf *out);
void report_write_md(const struct report *r, struct strbuf *out);

/* --- building blocks, exposed for tests --- */

/* A space-saving top-k summary: at most capacity counters. */
struct report_topk;

struct report_term {
	const char *term; /* points into the summary; valid until the next report_topk_add */
	size_t len;
	long count;       /* estimated count, >= the true count */
	long err;         /* count - err <= true count */
};

/* Terms longer than REPORT_TERM_MAX bytes are ignored by report_topk_add. */
#define REPORT_TERM_MAX 63

struct report_topk *report_topk_new(size_t capacity);
void report_topk_free(struct report_topk *t);
/* Count one occurrence of term[0..n). Allocates nothing once the summary is full (besides
 * an occasional rebuild of the index, amortised over many evictions). */
void report_topk_add(struct report_topk *t, const char *term, size_t n);
/* The estimated count of term: its counter, or (when it has none) the largest count it may
 * have had without being kept: the smallest counter when the summary is full, else 0. */
long report_topk_count(const struct report_topk *t, const char *term, size_t n);
/* Fill out[0..max) with the counters by count (descending), then by term bytes; return how
 * many were written. */
size_t report_topk_list(const struct report_topk *t, struct report_term *out, size_t max);
/* Number of report_topk_add calls. */
long report_topk_total(const struct report_topk *t);

/* Spearman's rank correlation of x[0..n) and y[0..n) with average ranks for ties; NAN when
 * n < 3 or either side is constant. */
double report_spearman(const double *x, const double *y, size_t n);

/* Whether term[0..n) (already lower-cased) is a stop-word of the report's table. */
int report_is_stopword(const char *term, size_t n);

#endif
