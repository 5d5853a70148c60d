/*
 * fuzz-lexicon.c - libFuzzer target for the lexicon loader: the input bytes become one
 * lexicon file (the first byte chooses its kind), which is loaded with the duplicate and
 * conflict checks on, then once more as an overlay of itself; the loader must report or
 * accept, never crash, hang or leak.
 *
 * Build (libFuzzer):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 -D_GNU_SOURCE \
 *     -DPCRE2_CODE_UNIT_WIDTH=8 -Ipipeline $(pkg-config --cflags icu-uc libcjson) \
 *     tests/fuzz/fuzz-lexicon.c pipeline/[!mc]*.c pipeline/category.c pipeline/cue.c ... \
 *     $(pkg-config --libs icu-uc icu-i18n libpcre2-8 libcjson libutf8proc) -lm
 * and run with -close_fd_mask=2 (the loader reports every bad line on stderr);
 * or, without libFuzzer, add -DNM_FUZZ_MAIN to get a driver that runs each file named on
 * the command line once (the seeds: tests/fuzz/seeds/lexicon/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lexicon.h"
#include "normalize.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char root[64];
static const char *const kinds[] = { "segment",   "sentiment", "note_type",
				     "resonance", "sips",      "categories" };

static void setup(void)
{
	char dir[128];
	if (root[0])
		return;
	snprintf(root, sizeof root, "/tmp/nm-fuzz-lexicon-%ld", (long)getpid());
	mkdir(root, 0777);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		snprintf(dir, sizeof dir, "%s/%s", root, kinds[i]);
		mkdir(dir, 0777);
	}
	snprintf(dir, sizeof dir, "%s/categories/pack", root);
	mkdir(dir, 0777);
	norm_init(1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[192], prev[192];
	const char *srcs[2];
	struct lexset ls;
	struct lex_load_opts o;
	FILE *f;
	unsigned sel;
	setup();
	if (!size)
		return 0;
	sel = data[0];
	data++, size--;
	snprintf(path, sizeof path, "%s/%s/%s10-fuzz.tsv", root, kinds[sel % 6],
		 sel % 6 == 5 && (sel & 8) ? "pack/" : "");
	f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);

	memset(&o, 0, sizeof o);
	o.check = 1;
	o.verbose = 1;
	srcs[0] = root;
	srcs[1] = path;
	lexset_load_paths(&ls, srcs, 2, &o);
	for (size_t k = 0; k < ls.nkinds; k++) {
		const struct lex_kind *kd = &ls.kind[k];
		for (size_t i = 0; i < kd->n; i++) {
			const struct lex_row *r = &kd->row[i];
			double w;
			/* every live row must be complete and findable */
			if (!r->term || !r->key || !r->file || r->line <= 0 || r->ncol < 1 ||
			    r->ncol > LEX_MAXCOL)
				abort();
			if (kd->spec->key_cols == 1 && !lex_lookup(kd, r->key, strlen(r->key)) &&
			    !r->is_pattern)
				abort();
			if (r->ncol > 1)
				(void)lex_weight(r->col[1], 1, &w);
		}
	}
	lexset_release(&ls);
	lexset_load(&ls, srcs, 1);
	lexset_release(&ls);
	snprintf(prev, sizeof prev, "%s", path);
	unlink(prev);
	return 0;
}

#include "replay-main.h"
