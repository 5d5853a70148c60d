/*
 * sentiment.h - lexicon-and-rules sentiment for Chinese and English notes.
 *
 * Reads lexicons/sentiment/ (columns in lexicons/README.md). Works on the note's tokens:
 * polar terms, negators, degree words, contrast and concession, emoticon codes and emoji,
 * with category-specific overrides from the category packs (category.h).
 *
 * Output (the value of the "sentiment" key):
 *   {"label": "positive"|"negative"|"neutral", "score": s in [-1,1],
 *    "evidence": [{"term": "好用", "weight": 1.8, "rule": "degree:超 x1.5"}, ...]}
 */
#ifndef NM_SENTIMENT_H
#define NM_SENTIMENT_H

#include "lexicon.h"
#include "note.h"

struct strbuf;
struct category_model;

extern const struct lex_spec sentiment_lex_spec;

struct sentiment_model;

struct sentiment_result {
	int label;        /* -1 negative, 0 neutral, 1 positive */
	double score;     /* [-1, 1] */
	double intensity; /* [0, 1]: how much polar material the note holds (for resonance) */
	int nterms;       /* polar terms counted */
};

/* Build the model from ls (borrowed; must outlive the model). cats may be NULL (no domain
 * overrides). Returns NULL after error(). */
struct sentiment_model *sentiment_model_new(const struct lexset *ls,
					    const struct category_model *cats);
void sentiment_model_free(struct sentiment_model *m);

/* Analyse n; category is the note's category id from category_detect() or -1. Appends the
 * JSON value to out (when out is not NULL) and fills res. Thread-safe. */
void sentiment_analyse(const struct sentiment_model *m, const struct note *n, int category,
		       struct strbuf *out, struct sentiment_result *res);

/* Fill res from an existing "sentiment" JSON value (an earlier stage's output). Returns 0,
 * or -1 when the value is not a sentiment object. */
int sentiment_from_json(const struct cJSON *v, struct sentiment_result *res);

#endif
