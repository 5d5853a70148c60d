/*
 * fuzz-tokenize.c - libFuzzer target for the tokenizer (special-token scanner, PCRE2
 * patterns, dictionary segmenter): the input, repaired to UTF-8 as the pipeline does, is
 * tokenized with the shipped lexicons and the default dictionary. Checked on every input:
 * tokens are non-empty, in order, do not overlap, lie inside the text, start and end on
 * character boundaries, have a known type, and tokenizing again gives the same tokens.
 *
 * Lexicons: $NOTEMINE_LEXICONS or the shipped folder (tests/fuzz/run.sh runs from the
 * repository root). Build: tests/fuzz/run.sh; -DNM_FUZZ_MAIN gives a driver that runs each
 * file named on the command line once (seeds: tests/fuzz/seeds/tokenize/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "normalize.h"
#include "segdict.h"
#include "token.h"
#include "utf8.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct lexset lex;
static struct segdict *dict;
static struct tokenizer *tk;
static struct tok_scratch *ts;
static struct tokens toks, again;
static struct strbuf text;

static struct segdict_opts *so_init(struct segdict_opts *so)
{
	memset(so, 0, sizeof *so);
	so->ls = &lex;
	so->t2s = 1;
	return so;
}

static void setup(void)
{
	const char *root;
	struct segdict_opts so;
	struct tokenizer_opts to;
	if (tk)
		return;
	norm_init(1);
	root = lex_default_root();
	if (lexset_load(&lex, &root, 1) < 0 || segdict_open(&dict, so_init(&so)) < 0) {
		/* stderr may be closed (-close_fd_mask=2): say it on stdout */
		printf("fuzz-tokenize: cannot load the lexicons or the dictionary (root %s); "
		       "run 'notemine lexicon check'\n", root);
		fflush(stdout);
		abort();
	}
	memset(&to, 0, sizeof to);
	to.dict = dict;
	if (!(tk = tokenizer_new(&to)))
		abort();
	ts = tok_scratch_new(tk);
}

static int boundary(const char *s, size_t n, size_t at)
{
	return at == n || ((unsigned char)s[at] & 0xC0) != 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t end = 0;
	setup();
	sb_reset(&text);
	utf8_repair(&text, (const char *)data, size);
	tokenize(tk, ts, text.buf ? text.buf : "", text.len, &toks);
	for (size_t i = 0; i < toks.n; i++) {
		const struct token *t = &toks.v[i];
		if (!t->len || t->off < end || (size_t)t->off + t->len > text.len ||
		    t->type >= TOK_NTYPES || !boundary(text.buf, text.len, t->off) ||
		    !boundary(text.buf, text.len, (size_t)t->off + t->len))
			abort();
		if (utf8_check(text.buf + t->off, t->len) != t->len)
			abort();
		end = (size_t)t->off + t->len;
	}
	tokenize(tk, ts, text.buf ? text.buf : "", text.len, &again);
	if (again.n != toks.n)
		abort();
	for (size_t i = 0; i < toks.n; i++) /* field by field: struct padding is not data */
		if (again.v[i].off != toks.v[i].off || again.v[i].len != toks.v[i].len ||
		    again.v[i].type != toks.v[i].type)
			abort();
	return 0;
}

#ifdef NM_FUZZ_MAIN
/* What setup() keeps between inputs. */
static void cleanup(void)
{
	tokens_release(&toks);
	tokens_release(&again);
	sb_release(&text);
	tok_scratch_free(ts);
	tokenizer_free(tk);
	segdict_free(dict);
	lexset_release(&lex);
}
#define NM_FUZZ_CLEANUP cleanup
#endif
#include "replay-main.h"
