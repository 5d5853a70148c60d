/*
 * category.h - product-category packs: lexicons/categories/<name>.tsv (or a folder <name>/ of .tsv files).
 *
 * Each pack lists its category's words (which become tokenizer words), audience words and
 * category-specific sentiment overrides (油 is bad in skincare, fine in food). Detection
 * scores each category by the weighted pack words found among the note's tokens (and tags)
 * and picks the best one above a documented threshold (category.c).
 */
#ifndef NM_CATEGORY_H
#define NM_CATEGORY_H

#include "lexicon.h"
#include "note.h"

struct strbuf;

extern const struct lex_spec category_lex_spec;

struct category_model;

struct category_match {
	int id;       /* best category, -1 when none */
	double score; /* its score */
};

/* Build the model from the "categories" rows of ls (borrowed: the pack terms are used for
 * evidence and audience words and must outlive the model). Never fails (no packs: nothing is
 * detected). Read-only afterwards. category_model_free(NULL) is a no-op. */
struct category_model *category_model_new(const struct lexset *ls);
void category_model_free(struct category_model *m);

/* Number of categories and the name of category id. */
int category_count(const struct category_model *m);
const char *category_name(const struct category_model *m, int id);

/* Detect the best category of n. When evidence is not NULL, append a JSON array of the
 * matched words of the winning category to it. Thread-safe. */
void category_detect(const struct category_model *m, const struct note *n,
		     struct category_match *best, struct strbuf *evidence);

/* The audience words (as written in the packs) found in n, distinct, at most max of them,
 * stored in words[] (borrowed from the model). Returns how many. Thread-safe. */
size_t category_audience(const struct category_model *m, const struct note *n,
			 const char **words, size_t max);

/* The category-specific sentiment weight of a normalised key in category id: returns 1 and
 * sets *w when the pack overrides it, else 0. */
int category_sentiment(const struct category_model *m, int id, const char *key, size_t n,
		       double *w);

#endif
