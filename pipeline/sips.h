/*
 * sips.h - the Identify, Participate and Share stages of SIPS (taxonomy section 4).
 *
 * Output (the value of the "sips" key):
 *   {"identify": x, "participate": x, "share": x, "category": name|null,
 *    "audience": [...], "evidence": {"identify": [...], "participate": [...], "share": [...],
 *    "category": [...]}}
 * Evidence lists hold the matched cue terms (as written in the lexicon), the matched text of
 * patterns, and "?" / "#tags" / "@mention" for the structural signals; at most 8 per stage.
 * "category" lists the matched words of the winning pack. Weights: docs/scoring.md.
 */
#ifndef NM_SIPS_H
#define NM_SIPS_H

#include "category.h"
#include "lexicon.h"
#include "note.h"

struct strbuf;

extern const struct lex_spec sips_lex_spec;

struct sips_model;

/* Build the model from the "sips" rows of ls and the category model cats (both borrowed and
 * used by sips_score; they must outlive the model). Returns NULL after error() when a pattern
 * does not compile. Read-only afterwards. sips_model_free(NULL) is a no-op. */
struct sips_model *sips_model_new(const struct lexset *ls, const struct category_model *cats);
void sips_model_free(struct sips_model *m);

/* Score n. Appends the JSON value to out; appends a breakdown to explain when not NULL.
 * Thread-safe. */
void sips_score(const struct sips_model *m, const struct note *n, struct strbuf *out,
		struct strbuf *explain);

#endif
