/*
 * sentiment-fixture.h - what the sentiment rule tests share (test-sentiment.c: rules in both
 * languages; test-sentiment-en.c: English-only rules): the model over the shipped lexicons,
 * score() of a text, the evidence of the last score, and POS/NEG/ZERO/MORE checks.
 * Include after fixture.h and tap.h, in one test program.
 */
#ifndef NM_TEST_SENTIMENT_FIXTURE_H
#define NM_TEST_SENTIMENT_FIXTURE_H

#include <string.h>

#include "sentiment.h"

static struct sentiment_model *sm;
static struct strbuf out = STRBUF_INIT;   /* the JSON value of the last score */
static struct sentiment_result res;       /* the result of the last score */

/* The shipped lexicons, the tokenizer and the model; -1 on failure. */
static int setup(void)
{
	if (fixture_setup() < 0)
		return -1;
	sm = sentiment_model_new(&ls, NULL);
	return sm ? 0 : -1;
}

/* Score of s with model m; the JSON value is left in out and the result in res. */
static double score_with(const struct sentiment_model *m, const char *s)
{
	struct note n;
	fixture_note(&n, NULL, s);
	sb_reset(&out);
	sentiment_analyse(m, &n, -1, &out, &res);
	return res.score;
}

static double score(const char *s)
{
	return score_with(sm, s);
}

/* True when the evidence JSON of the last score() holds the text w. */
static inline int evidence_has(const char *w)
{
	return out.buf && strstr(out.buf, w) != NULL;
}

#define POS(s, name) ok(score(s) > 0, "%s: '%s' > 0 (%g)", name, s, score(s))
#define NEG(s, name) ok(score(s) < 0, "%s: '%s' < 0 (%g)", name, s, score(s))
#define ZERO(s, name) ok(score(s) == 0, "%s: '%s' == 0 (%g)", name, s, score(s))
#define MORE(a, b, name) ok(score(a) > score(b), "%s: '%s' > '%s'", name, a, b)

#endif
