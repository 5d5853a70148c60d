/*
 * fixture.h - shared set-up for the analyser unit tests: the shipped lexicons (lexicons/),
 * a tokenizer without the base dictionary (fast and independent of python3-jieba), and a
 * builder of struct note from a title and a body.
 */
#ifndef NM_TEST_FIXTURE_H
#define NM_TEST_FIXTURE_H

#include <string.h>

#include "lexicon.h"
#include "normalize.h"
#include "note.h"
#include "segdict.h"
#include "token.h"
#include "util.h"

static struct lexset ls;
static struct segdict *dict;
static struct tokenizer *tk;
static struct tok_scratch *ts;
static struct tokens toks;
static struct strbuf text = STRBUF_INIT;

/* Load lexicons/ and build the tokenizer. Returns 0, or -1 after a message. */
static int fixture_setup(void) __attribute__((unused));
static int fixture_setup(void)
{
	const char *root = "lexicons";
	struct segdict_opts so;
	struct tokenizer_opts to;

	norm_init(1);
	memset(&ls, 0, sizeof ls);
	if (lexset_load(&ls, &root, 1) < 0)
		return -1;
	memset(&so, 0, sizeof so);
	so.dict_path = "none";
	so.ls = &ls;
	so.t2s = 1;
	so.cache_dir = "";
	if (segdict_open(&dict, &so) < 0)
		return -1;
	memset(&to, 0, sizeof to);
	to.dict = dict;
	if (!(tk = tokenizer_new(&to)) || !(ts = tok_scratch_new(tk)))
		return -1;
	return 0;
}

/* Make n the note title + "\n" + desc (title may be NULL), tokenized. The note borrows the
 * fixture's buffers: it is valid until the next call. */
static void fixture_note(struct note *n, const char *title, const char *desc)
	__attribute__((unused));
static void fixture_note(struct note *n, const char *title, const char *desc)
{
	sb_reset(&text);
	if (title) {
		sb_adds(&text, title);
		sb_addc(&text, '\n');
	}
	sb_adds(&text, desc);
	if (!text.buf)
		sb_grow(&text, 1);
	tokenize(tk, ts, text.buf, text.len, &toks);
	memset(n, 0, sizeof *n);
	n->text = text.buf;
	n->len = text.len;
	n->title_len = title ? strlen(title) : 0;
	n->tok = toks.v;
	n->ntok = toks.n;
}

#endif
