/*
 * test-lexicon.c - the lexicon loader: override order across files and roots, '!' deletes,
 * bad lines reported as FILE:LINE, duplicate and conflict detection, normalised keys
 * (full-width, case, traditional), sources given as files and folders, enumerated key
 * defaults, and random bytes that must never crash the loader.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lexicon.h"
#include "normalize.h"
#include "tap.h"
#include "util.h"

static char top[256];

static void put(const char *rel, const char *text)
{
	char path[512], dir[512], *slash;
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", top, rel);
	snprintf(dir, sizeof dir, "%s", path);
	for (slash = dir + strlen(top) + 1; (slash = strchr(slash, '/')); slash++) {
		*slash = 0;
		mkdir(dir, 0777);
		*slash = '/';
	}
	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static const char *at(const char *rel)
{
	static char buf[4][512];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%s/%s", top, rel);
	return buf[i];
}

/* stderr of the loader goes to a file so messages can be checked */
static char errpath[512];
static int saved_stderr = -1;

static void capture(void)
{
	int fd;
	fflush(stderr);
	snprintf(errpath, sizeof errpath, "%s/stderr.txt", top);
	fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (saved_stderr < 0)
		saved_stderr = dup(2);
	dup2(fd, 2);
	close(fd);
}

static char *captured(void)
{
	static struct strbuf sb;
	fflush(stderr);
	dup2(saved_stderr, 2);
	sb_reset(&sb);
	nm_read_file(errpath, &sb);
	return sb.buf ? sb.buf : (char *)"";
}

static double weight_of(const struct lexset *ls, const char *kind, const char *term)
{
	struct strbuf k = STRBUF_INIT;
	const struct lex_row *r;
	double w = -999;
	norm_key(&k, term, strlen(term));
	r = lex_lookup(lexset_kind(ls, kind), k.buf, k.len);
	if (r && lex_weight(r->col[1], 1, &w) < 0)
		w = -998;
	sb_release(&k);
	return r ? w : -999;
}

static void test_override_and_delete(void)
{
	struct lexset ls;
	const char *roots[2];
	int rc;
	put("a/sentiment/10-first.tsv", "# comment\n好\t1\n差\t-1\n棒\t2\n");
	put("a/sentiment/20-second.tsv", "好\t2\n");
	put("b/sentiment/05-user.tsv", "好\t3\n!差\n");
	roots[0] = at("a");
	roots[1] = at("b");

	rc = lexset_load(&ls, roots, 1);
	is_int(rc, 0, "one root loads");
	ok(weight_of(&ls, "sentiment", "好") == 2, "later file of a root overrides an earlier one");
	ok(weight_of(&ls, "sentiment", "差") == -1, "entry present before the overlay");
	lexset_release(&ls);

	rc = lexset_load(&ls, roots, 2);
	is_int(rc, 0, "two roots load");
	ok(weight_of(&ls, "sentiment", "好") == 3, "later root overrides (even with a lower NN-)");
	ok(weight_of(&ls, "sentiment", "差") == -999, "'!term' deletes");
	ok(weight_of(&ls, "sentiment", "棒") == 2, "other entries stay");
	is_int(lexset_kind(&ls, "sentiment")->n, 2, "deleted rows are compacted away");
	{
		struct strbuf k = STRBUF_INIT;
		const struct lex_row *r;
		norm_key(&k, "好", strlen("好"));
		r = lex_lookup(lexset_kind(&ls, "sentiment"), k.buf, k.len);
		ok(r && strstr(r->file, "b/sentiment/05-user.tsv") && r->line == 1,
		   "row knows its file and line");
		sb_release(&k);
	}
	lexset_release(&ls);

	/* delete, then add again later */
	put("c/sentiment/10-x.tsv", "好\t1\n!好\n好\t5\n");
	roots[0] = at("c");
	lexset_load(&ls, roots, 1);
	ok(weight_of(&ls, "sentiment", "好") == 5, "an entry can come back after '!'");
	lexset_release(&ls);
}

static void test_normalisation(void)
{
	struct lexset ls;
	const char *roots[1];
	put("n/sentiment/10-n.tsv", "ＹＹＤＳ\t2\n媽媽\t1\n  空格  \t1\n");
	roots[0] = at("n");
	is_int(lexset_load(&ls, roots, 1), 0, "full-width and traditional terms load");
	ok(weight_of(&ls, "sentiment", "yyds") == 2, "full-width term matches half-width text");
	ok(weight_of(&ls, "sentiment", "YyDs") == 2, "case folded");
	ok(weight_of(&ls, "sentiment", "妈妈") == 1, "traditional term matches simplified text");
	ok(weight_of(&ls, "sentiment", "空格") == 1, "surrounding white space ignored");
	lexset_release(&ls);

	put("n2/sentiment/10-n.tsv", "好\t1\n");
	put("n2/sentiment/20-n.tsv", "!ＨＡＯ\n");
	put("n3/sentiment/10-n.tsv", "hao\t1\n");
	put("n3/sentiment/20-n.tsv", "!ＨＡＯ\n");
	roots[0] = at("n3");
	lexset_load(&ls, roots, 1);
	ok(weight_of(&ls, "sentiment", "hao") == -999, "'!' with a full-width form deletes");
	lexset_release(&ls);
}

static void test_errors(void)
{
	struct lexset ls;
	const char *roots[1];
	char *err;
	int rc;
	put("e/sentiment/10-bad.tsv",
	    "好\t1\n"
	    "坏\tnot-a-number\n"
	    "a\tb\tc\td\te\tf\n"
	    "\t2\n"
	    "re:abc\t1\n"
	    "\xff\xfe\t1\n"
	    "ok\t1\n");
	put("e/note_type/10-bad.tsv", "re:(unclosed\tplanting\n");
	put("e/categories/pets.tsv", "猫粮\n冻干\tfood\n");
	roots[0] = at("e");
	capture();
	rc = lexset_load(&ls, roots, 1);
	err = captured();
	is_int(rc, -1, "errors make the load fail");
	ok(strstr(err, "e/sentiment/10-bad.tsv:2: bad weight 'not-a-number'") != NULL,
	   "bad number: FILE:LINE and the problem");
	ok(strstr(err, "e/sentiment/10-bad.tsv:3: 6 columns, sentiment wants 1 to 4") != NULL,
	   "too many columns: FILE:LINE");
	ok(strstr(err, "e/sentiment/10-bad.tsv:4: empty term") != NULL, "empty term: FILE:LINE");
	ok(strstr(err, "10-bad.tsv:5: patterns (re:) are not allowed in sentiment") != NULL,
	   "pattern where none are allowed");
	ok(strstr(err, "10-bad.tsv:6: invalid UTF-8 at byte 1") != NULL, "invalid UTF-8: FILE:LINE");
	ok(strstr(err, "categories/pets.tsv:2: bad role 'food'") != NULL,
	   "enumerated column checked");
	is_int(ls.nerrors, 6, "every bad line counted once");
	ok(weight_of(&ls, "sentiment", "ok") == 1, "good lines after bad ones still load");
	lexset_release(&ls);
	{
		/* patterns are compiled by check (a plain load leaves that to the module) */
		struct lex_load_opts o;
		memset(&o, 0, sizeof o);
		o.check = 1;
		capture();
		lexset_load_paths(&ls, roots, 1, &o);
		err = captured();
		ok(strstr(err, "note_type/10-bad.tsv:1: pattern does not compile") != NULL,
		   "check: pattern that does not compile: FILE:LINE");
		is_int(ls.nerrors, 7, "check: the pattern error counted too");
		lexset_release(&ls);
	}

	/* encodings and the cap on messages per file */
	put("u/sentiment/10-u16.tsv", "\xFF\xFE}Y\t\x001\x00");
	put("u/sentiment/20-gbk.tsv", "\xBA\xC3\t1\n\xBB\xB5\t-1\n");
	{
		char many[200];
		for (int i = 0; i < 30; i++)
			memcpy(many + 4 * i, "x\ty\n", 4);
		many[120] = 0;
		put("u/sentiment/30-many.tsv", many);
	}
	roots[0] = at("u");
	capture();
	rc = lexset_load(&ls, roots, 1);
	err = captured();
	ok(rc == -1 && strstr(err, "10-u16.tsv:1: UTF-16 text"), "UTF-16 file: one clear error");
	ok(strstr(err, "20-gbk.tsv:1: invalid UTF-8 at byte 1 (lexicons are UTF-8; a GBK file") &&
		   strstr(err, "20-gbk.tsv:2: invalid UTF-8 at byte 1\n"),
	   "GBK file: the hint once, then plain messages");
	ok(strstr(err, "30-many.tsv:20: bad weight") && !strstr(err, "30-many.tsv:21:") &&
		   strstr(err, "30-many.tsv: 10 more errors not shown"),
	   "at most 20 messages per file, then a count");
	is_int(ls.nerrors, 33, "every error counted, shown or not");
	lexset_release(&ls);

	roots[0] = at("does-not-exist");
	capture();
	rc = lexset_load(&ls, roots, 1);
	err = captured();
	ok(rc == -1 && strstr(err, "does-not-exist: lexicon folder not found"), "missing root");
	lexset_release(&ls);
}

static void test_check(void)
{
	struct lexset ls;
	struct lex_load_opts o;
	const char *src[2];
	char *err;
	memset(&o, 0, sizeof o);
	o.check = 1;
	put("d/sentiment/10-a.tsv", "好\t1\n好\t1\n差\t-1\n差\t-2\n!没有\n");
	put("d/sentiment/20-b.tsv", "好\t1\n棒\t3\n");
	src[0] = at("d");
	capture();
	lexset_load_paths(&ls, src, 1, &o);
	err = captured();
	ok(strstr(err, "d/sentiment/10-a.tsv:2: warning: duplicate entry '好' (also at line 1)") !=
		   NULL,
	   "duplicate in one file: warning");
	ok(strstr(err, "d/sentiment/10-a.tsv:4: conflicting entry '差': line 3 already says '-1'") !=
		   NULL,
	   "conflict in one file: error");
	ok(strstr(err, "10-a.tsv:5: warning: '!没有' deletes nothing") != NULL,
	   "delete of nothing: warning");
	ok(strstr(err, "d/sentiment/20-b.tsv:1: warning: duplicate entry '好' (already in ") != NULL,
	   "duplicate across files of one root: warning");
	is_int(ls.nerrors, 1, "one error");
	is_int(ls.nwarnings, 3, "three warnings");
	lexset_release(&ls);

	/* without check: the same files load quietly, the last entry wins */
	capture();
	is_int(lexset_load(&ls, src, 1), 0, "without check, duplicates are no error");
	err = captured();
	is_str(err, "", "and print nothing");
	ok(weight_of(&ls, "sentiment", "差") == -2, "later line wins");
	lexset_release(&ls);

	/* a quiet context source (the shipped lexicons) and the checked file */
	put("ctx/sentiment/10-base.tsv", "好\t1\n好\t1\n");
	put("user/sentiment/50-mine.tsv", "!好\n");
	src[0] = at("ctx");
	src[1] = at("user/sentiment/50-mine.tsv");
	o.quiet = 1;
	capture();
	is_int(lexset_load_paths(&ls, src, 2, &o), 0, "file source: kind from its folder");
	err = captured();
	is_str(err, "", "context warnings are not printed; the delete finds the context entry");
	ok(weight_of(&ls, "sentiment", "好") == -999, "user file deletes a context entry");
	lexset_release(&ls);

	src[0] = at("user/sentiment/50-mine.tsv");
	put("loose/x.tsv", "好\n");
	src[1] = at("loose/x.tsv");
	o.quiet = 0;
	capture();
	is_int(lexset_load_paths(&ls, src, 2, &o), -1, "file outside a kind folder fails");
	err = captured();
	ok(strstr(err, "loose/x.tsv: cannot tell the lexicon kind") != NULL, "and says why");
	lexset_release(&ls);
}

static void test_multi_key(void)
{
	struct lexset ls;
	const char *roots[1];
	const struct lex_kind *k;
	put("m/categories/pets.tsv", "猫粮\n猫粮\tword\t2\n铲屎官\taudience\n");
	put("m/categories/20-food/10-a.tsv", "猫粮\n");
	put("m/note_type/10-a.tsv", "推荐\tplanting\n推荐\texperience\n安利\tplanting\n");
	put("m/note_type/20-b.tsv", "!推荐\n");
	roots[0] = at("m");
	is_int(lexset_load(&ls, roots, 1), 0, "categories and note_type load");
	k = lexset_kind(&ls, "categories");
	is_int(k->n, 3, "term alone and term<TAB>word are one entry; packs are separate");
	is_str(k->row[0].col[1], "word", "the later line replaced the term-only one");
	is_str(k->row[0].group, "pets", "pack name from the file name");
	is_str(k->row[2].group, "food", "pack name from the folder name (NN- removed)");
	k = lexset_kind(&ls, "note_type");
	is_int(k->n, 1, "'!term' without its type deletes every type of the term");
	is_str(k->row[0].term, "安利", "other terms stay");
	lexset_release(&ls);
}

static void test_weight(void)
{
	static const char *const good[] = { "1", "-1", "+2", "0.5", "-2.5", "1.5e2", "007",
					    ".5", "5.", "123456789012345", "0.000001", "1e-3",
					    "-0", "3.14159265358979" };
	static const char *const bad[] = { "x", "1x", "--1", "1.2.3", ".", "-", "1 ", "nan",
					   "1e999", "0x" };
	unsigned long long x = 0x9E3779B97F4A7C15ULL;
	int same = 1;
	double w;
	for (size_t i = 0; i < NM_ARRAY_LEN(good); i++) {
		double want = strtod(good[i], NULL);
		ok(lex_weight(good[i], 9, &w) == 0 && w == want, "weight '%s'", good[i]);
	}
	for (size_t i = 0; i < NM_ARRAY_LEN(bad); i++)
		ok(lex_weight(bad[i], 9, &w) < 0, "not a weight: '%s'", bad[i]);
	ok(lex_weight("", 9, &w) == 0 && w == 9, "empty: the default");
	ok(lex_weight(NULL, 7, &w) == 0 && w == 7, "missing: the default");
	/* the fast path must agree with strtod to the last bit */
	for (int i = 0; i < 100000 && same; i++) {
		char buf[40];
		double a;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		snprintf(buf, sizeof buf, "%s%llu.%0*llu", x & 1 ? "-" : "", (x >> 1) % 100000,
			 (int)((x >> 20) % 9) + 1, (x >> 30) % 1000000000ULL);
		if (lex_weight(buf, 0, &w) < 0 || (a = strtod(buf, NULL), memcmp(&a, &w, sizeof a)))
			same = 0, printf("# differs: %s\n", buf);
	}
	ok(same, "100000 random decimals parse exactly like strtod");
}

static void test_fuzz(void)
{
	struct lexset ls;
	const char *roots[1];
	unsigned long long x = 88172645463325252ULL;
	static const char pieces[][8] = { "\t", "\n", "!", "re:", "#", "(", "\\", "好",
					  "1.5", "x", "\r", "\xe4", "word", "[", " ", "\xef\xbb\xbf" };
	int crashed = 0;
	roots[0] = at("f");
	for (int it = 0; it < 300; it++) {
		char buf[600];
		size_t n = 0;
		FILE *f;
		int len;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		len = (int)(x % 60);
		for (int i = 0; i < len; i++) {
			const char *p;
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			p = pieces[x % NM_ARRAY_LEN(pieces)];
			if (n + strlen(p) < sizeof buf) {
				memcpy(buf + n, p, strlen(p));
				n += strlen(p);
			}
		}
		put("f/sentiment/10-f.tsv", "");
		put("f/categories/p.tsv", "");
		put("f/note_type/10-f.tsv", "");
		f = fopen(at(it % 3 == 0 ? "f/sentiment/10-f.tsv"
				: it % 3 == 1 ? "f/categories/p.tsv" : "f/note_type/10-f.tsv"),
			  "wb");
		fwrite(buf, 1, n, f);
		fclose(f);
		capture();
		lexset_load(&ls, roots, 1);
		captured();
		lexset_release(&ls);
	}
	ok(!crashed, "300 random lexicon files load or fail without crashing");
}

int main(void)
{
	snprintf(top, sizeof top, "/tmp/nm-test-lexicon-XXXXXX");
	if (!mkdtemp(top)) {
		perror("mkdtemp");
		return 2;
	}
	norm_init(1);
	test_override_and_delete();
	test_normalisation();
	test_errors();
	test_check();
	test_multi_key();
	test_weight();
	test_fuzz();
	{
		char cmd[600];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", top);
	}
	return tap_done();
}
