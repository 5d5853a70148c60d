/*
 * notetype.h - note type: experience, planting, cooperation, official, sponsored, other.
 *
 * Weighted cues (words and PCRE2 patterns) from lexicons/note_type/ plus structural signals
 * of the tokens, combined in the taxonomy's decision order (disclosure -> voice ->
 * experience vs recommendation -> other), negation and quotation aware.
 *
 * Output (the value of the "note_type" key):
 *   {"label": ..., "scores": {"experience": x, ...},
 *    "evidence": [{"cue": "感谢…邀请", "type": "cooperation", "weight": w, "where": "desc"}, ...]}
 * scores: all six types, each in [0, 1). evidence: the winner's cues, strongest first, at most
 * 8; "cue" quotes the note (long matches as head…tail) or names a structural signal
 * ("voice:first-person x3", "list:5 items", "centre: category price", "link x1");
 * "where" is "title", "desc", "tag" or "structure". Columns, types and the decision
 * constants are documented in lexicons/README.md, section note_type.
 */
#ifndef NM_NOTETYPE_H
#define NM_NOTETYPE_H

#include "lexicon.h"
#include "note.h"
#include "sentiment.h"

struct strbuf;
struct category_model;

enum note_type {
	NT_EXPERIENCE,
	NT_PLANTING,
	NT_COOPERATION,
	NT_OFFICIAL,
	NT_SPONSORED,
	NT_OTHER,
	NT_NTYPES
};

extern const char *const note_type_name[NT_NTYPES];
extern const struct lex_spec notetype_lex_spec;

struct notetype_model;

struct notetype_model *notetype_model_new(const struct lexset *ls,
					  const struct category_model *cats);
void notetype_model_free(struct notetype_model *m);

/* Classify n (category: id from category_detect() or -1; sent may be NULL). Appends the
 * JSON value to out when not NULL; returns the label (enum note_type). Thread-safe. */
int notetype_classify(const struct notetype_model *m, const struct note *n, int category,
		      const struct sentiment_result *sent, struct strbuf *out);

/* Free the calling thread's scratch buffers (the next notetype_classify() in this thread
 * allocates them again). Worker threads call it before they exit. */
void notetype_thread_release(void);

#endif
