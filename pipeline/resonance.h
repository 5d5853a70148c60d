/*
 * resonance.h - resonance for the Sympathize stage of SIPS (taxonomy section 3).
 *
 * Five parts in [0,1] (emotional, experiential, authenticity, story, interaction), each from
 * lexicons/resonance/ cues and token structure, saturating and normalised for length,
 * combined into a 0-100 score with the weights of docs/scoring.md (struct res_params in
 * resonance.c).
 *
 * Output (the value of the "resonance" key):
 *   {"score": 0-100, "emotional": x, "experiential": x, "authenticity": x, "story": x,
 *    "interaction": x, "evidence": {"emotional": [...], ..., "interaction": [...],
 *    "reach": [...]}}
 * Evidence lists hold the matched cues (lexicon terms as written, pattern matches as found in
 * the text; at most 8 a part) followed by structural counts ("!×3", "number×4", "price×1",
 * "duration×1", "list item×5", "latin×7", "picture×9", "emoji×2", "?×1", "sentiment 0.62");
 * hard-sell cues appear in the authenticity list with a leading '-' ("-闭眼入"). The evidence
 * key "reach" lists the public-interest cues with a leading '+' ("+签证") and the private-life
 * cues with a leading '-' ("-生日"); they multiply the score (no part of their own). The
 * record's image_list and type are read for the picture count. Weights: docs/scoring.md.
 */
#ifndef NM_RESONANCE_H
#define NM_RESONANCE_H

#include "lexicon.h"
#include "note.h"
#include "sentiment.h"

struct strbuf;

extern const struct lex_spec resonance_lex_spec;

struct resonance_model;

struct resonance_result {
	double score; /* 0-100 */
	double part[5]; /* emotional, experiential, authenticity, story, interaction */
};

/* Build the model from the "resonance" rows of ls (borrowed: the lexicon strings must outlive
 * the model). Returns NULL after error() when a pattern does not compile. The model is
 * read-only afterwards and serves every thread. resonance_model_free(NULL) is a no-op. */
struct resonance_model *resonance_model_new(const struct lexset *ls);
void resonance_model_free(struct resonance_model *m);

/* Score n (sent: the note's sentiment, may be NULL; note_type: its enum note_type label from
 * notetype.h, or -1 when unknown). Appends the JSON value to out when not NULL; fills res when
 * not NULL. When explain is not NULL, a human-readable breakdown is appended to it.
 * Thread-safe. */
void resonance_score(const struct resonance_model *m, const struct note *n,
		     const struct sentiment_result *sent, int note_type, struct strbuf *out,
		     struct resonance_result *res, struct strbuf *explain);

#endif
