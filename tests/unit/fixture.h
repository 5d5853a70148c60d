/*
 * fixture.h - shared set-up for the analyser unit tests: the shipped lexicons (lexicons/),
 * a tokenizer without the base dictionary (fast and independent of python3-jieba), and a
 * builder of struct note from a title and a body.
 */
#ifndef NM_TEST_FIXTURE_H
#define NM_TEST_FIXTURE_H

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Free what fixture_setup() and fixture_note() made. */
static void fixture_release(void) __attribute__((unused));
static void fixture_release(void)
{
	tok_scratch_free(ts);
	tokenizer_free(tk);
	segdict_free(dict);
	lexset_release(&ls);
	tokens_release(&toks);
	sb_release(&text);
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

/* A throw-away lexicon root with one file, KIND/10-x.tsv, for tests of lexicon errors. */
struct fixture_root {
	char dir[64];
	char sub[128];
	char path[160];
	const char *root; /* dir, as lexset_load() wants it */
};

/* Make the root and the KIND folder. Returns 0, or -1 when the temp folder fails. */
static int fixture_root_open(struct fixture_root *r, const char *kind) __attribute__((unused));
static int fixture_root_open(struct fixture_root *r, const char *kind)
{
	snprintf(r->dir, sizeof r->dir, "/tmp/notemine-test-XXXXXX");
	if (!mkdtemp(r->dir))
		return -1;
	snprintf(r->sub, sizeof r->sub, "%s/%s", r->dir, kind);
	snprintf(r->path, sizeof r->path, "%s/10-x.tsv", r->sub);
	r->root = r->dir;
	return mkdir(r->sub, 0700);
}

/* Replace the root's one lexicon file with content. */
static int fixture_root_write(struct fixture_root *r, const char *content) __attribute__((unused));
static int fixture_root_write(struct fixture_root *r, const char *content)
{
	FILE *f = fopen(r->path, "w");
	if (!f)
		return -1;
	fputs(content, f);
	return fclose(f);
}

/* Replace the root's one lexicon file with content and load the root into *set (zeroed first):
 * lexset_load()'s result. The caller releases *set. */
static int fixture_root_load(struct fixture_root *r, const char *content, struct lexset *set)
	__attribute__((unused));
static int fixture_root_load(struct fixture_root *r, const char *content, struct lexset *set)
{
	memset(set, 0, sizeof *set);
	if (fixture_root_write(r, content) < 0)
		return -1;
	return lexset_load(set, &r->root, 1);
}

static void fixture_root_close(struct fixture_root *r) __attribute__((unused));
static void fixture_root_close(struct fixture_root *r)
{
	unlink(r->path);
	rmdir(r->sub);
	rmdir(r->dir);
}

#endif
