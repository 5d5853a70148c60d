/* sips.c - see sips.h. First version: zero scores, category from category.c. */
#include "sips.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

const struct lex_spec sips_lex_spec = {
	"sips", 2, 3, 2, 1, "term, stage, weight", NULL,
};

struct sips_model {
	const struct category_model *cats;
};

struct sips_model *sips_model_new(const struct lexset *ls, const struct category_model *cats)
{
	struct sips_model *m = xcalloc(1, sizeof *m);
	(void)ls;
	m->cats = cats;
	return m;
}

void sips_model_free(struct sips_model *m)
{
	free(m);
}

void sips_score(const struct sips_model *m, const struct note *n, struct strbuf *out,
		struct strbuf *explain)
{
	struct category_match best;
	(void)explain;
	category_detect(m->cats, n, &best, NULL);
	sb_adds(out, "{\"identify\":0,\"participate\":0,\"share\":0,\"category\":");
	if (best.id >= 0) {
		const char *name = category_name(m->cats, best.id);
		sb_add_json_str(out, name, strlen(name));
	} else {
		sb_adds(out, "null");
	}
	sb_adds(out, ",\"audience\":[],\"evidence\":{}}");
}
