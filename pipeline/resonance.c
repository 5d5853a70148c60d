/* resonance.c - see resonance.h. First version: all parts zero until cues exist. */
#include "resonance.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

const struct lex_spec resonance_lex_spec = {
	"resonance", 2, 3, 2, 1, "term, part, weight", NULL,
};

struct resonance_model {
	const struct lex_kind *k;
};

struct resonance_model *resonance_model_new(const struct lexset *ls)
{
	struct resonance_model *m = xcalloc(1, sizeof *m);
	m->k = lexset_kind(ls, "resonance");
	return m;
}

void resonance_model_free(struct resonance_model *m)
{
	free(m);
}

void resonance_score(const struct resonance_model *m, const struct note *n,
		     const struct sentiment_result *sent, struct strbuf *out,
		     struct resonance_result *res, struct strbuf *explain)
{
	(void)m, (void)n, (void)sent, (void)explain;
	if (res)
		memset(res, 0, sizeof *res);
	if (out)
		sb_adds(out, "{\"score\":0,\"emotional\":0,\"experiential\":0,\"authenticity\":0,"
			     "\"story\":0,\"interaction\":0,\"evidence\":{}}");
}
