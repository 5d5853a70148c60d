/* category.c - see category.h. First version: no packs loaded yet; detection finds none. */
#include "category.h"

#include <stdlib.h>

#include "util.h"

const struct lex_spec category_lex_spec = {
	"categories", 1, 3, 2, 0, "term, role (word|audience|sentiment), weight", NULL,
};

struct category_model {
	int n;
};

struct category_model *category_model_new(const struct lexset *ls)
{
	(void)ls;
	return xcalloc(1, sizeof(struct category_model));
}

void category_model_free(struct category_model *m)
{
	free(m);
}

int category_count(const struct category_model *m)
{
	return m->n;
}

const char *category_name(const struct category_model *m, int id)
{
	(void)m;
	(void)id;
	return NULL;
}

void category_detect(const struct category_model *m, const struct note *n,
		     struct category_match *best, struct strbuf *evidence)
{
	(void)m;
	(void)n;
	best->id = -1;
	best->score = 0;
	if (evidence)
		sb_adds(evidence, "[]");
}

int category_sentiment(const struct category_model *m, int id, const char *key, size_t n,
		       double *w)
{
	(void)m, (void)id, (void)key, (void)n, (void)w;
	return 0;
}
