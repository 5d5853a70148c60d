/*
 * test-segment.c - the dictionary segmenter (segment.c) and its compiled dictionary
 * (segdict.c): lookups through the double array, folding (width, case, traditional),
 * numbers and dates, Latin words, user dictionaries overriding the base, the compiled cache
 * (hit, rebuild on change, no cache), the ICU fallback, and random bytes without a crash.
 *
 * The base dictionary is a small jieba-format file written here, so the test does not
 * depend on python3-jieba being installed.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "normalize.h"
#include "segdict.h"
#include "segment.h"
#include "tap.h"
#include "token.h"
#include "utf8.h"
#include "util.h"

static char tmpdir[256];

static const char base_dict[] =
	"# a tiny base dictionary in jieba's format\n"
	"我们 20000 r\n"
	"我 50000 r\n"
	"的 90000 uj\n"
	"了 60000 ul\n"
	"今天 8000 t\n"
	"天气 3000 n\n"
	"很 30000 d\n"
	"好 25000 a\n"
	"妈妈 2000 n\n"
	"说 20000 v\n"
	"手机 1500 n\n"
	"新 9000 a\n"
	"买 6000 v\n"
	"南京 800 ns\n"
	"南京市 300 ns\n"
	"市长 900 n\n"
	"长江 700 ns\n"
	"大桥 600 n\n"
	"江 500 n\n"
	"长 3000 a\n"
	"口红 200 n\n"
	"颜色 900 n\n"
	"真的 4000 d\n"
	"一 40000 m\n"
	"个 30000 q\n"
	"一年 5000 m\n"
	"年 9000 q\n"
	"月 8000 n\n"
	"日 7000 n\n"
	"万 6000 m\n"
	"演唱会 300 n\n"
	"张学友 400 nr\n"
	"学友 10 n\n"
	"张 5000 q\n"
	"改革 3000 v\n"
	"开放 2500 v\n"
	"改革开放 3 nz\n"
	"幸福 900 a\n"
	"感 800 n\n"
	"感觉 3000 n\n"
	"有 30000 v\n"
	"村 400 n\n"
	"水 3000 n\n"
	"心 2000 n\n"
	"本 42000 r\n"
	"书 19000 n\n"
	"本书 9000 r\n"
	"好几 300 m\n"
	"次 20000 q\n"
	"好几次 100 m\n"
	"十 9000 m\n"
	"十分 9000 d\n"
	"分钟 3000 q\n"
	"分 6000 q\n"
	"钟 800 n\n"
	"夏威夷 312 nr\n"
	"万圣节 9 nr\n"
	"iphone 50 eng\n"
	"c++ 3 nz\n";

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

/* Segment text and return its tokens joined by single spaces (static buffer). */
static const char *seg(const struct segdict *d, const char *text)
{
	static struct strbuf out;
	static struct seg_scratch *s;
	struct tokens t = {0};
	if (!s)
		s = seg_scratch_new();
	segment(d, s, text, strlen(text), 0, &t);
	sb_reset(&out);
	for (size_t i = 0; i < t.n; i++) {
		if (i)
			sb_addc(&out, ' ');
		sb_add(&out, text + t.v[i].off, t.v[i].len);
	}
	if (!out.buf)
		sb_grow(&out, 1);
	tokens_release(&t);
	return out.buf;
}

static int type_of(const struct segdict *d, const char *text, const char *tok)
{
	static struct seg_scratch *s;
	struct tokens t = {0};
	int type = -1;
	size_t n = strlen(tok);
	if (!s)
		s = seg_scratch_new();
	segment(d, s, text, strlen(text), 0, &t);
	for (size_t i = 0; i < t.n; i++)
		if (t.v[i].len == n && !memcmp(text + t.v[i].off, tok, n))
			type = t.v[i].type;
	tokens_release(&t);
	return type;
}

/* Tokens are in order, inside the text, do not overlap, and cover every byte that is not
 * white space. */
static int covers(const char *text, size_t len, const struct tokens *t)
{
	size_t pos = 0;
	for (size_t i = 0; i < t->n; i++) {
		size_t a = t->v[i].off, b = a + t->v[i].len;
		if (a < pos || b > len || b <= a)
			return 0;
		while (pos < a) {
			size_t l;
			int32_t cp = utf8_decode(text + pos, len - pos, &l);
			if (segdict_class_of(cp) != SEGC_SPACE)
				return 0;
			pos += l;
		}
		pos = b;
	}
	while (pos < len) {
		size_t l;
		int32_t cp = utf8_decode(text + pos, len - pos, &l);
		if (segdict_class_of(cp) != SEGC_SPACE)
			return 0;
		pos += l;
	}
	return 1;
}

static struct segdict *open_dict(const char *dict, const char *const *user, size_t nuser,
				 const char *cache, int *from_cache)
{
	struct segdict_opts o = {0};
	struct segdict *d = NULL;
	o.dict_path = dict;
	o.user_dicts = user;
	o.n_user_dicts = nuser;
	o.t2s = 1;
	o.cache_dir = cache;
	if (segdict_open(&d, &o) < 0)
		return NULL;
	if (d && from_cache)
		*from_cache = segdict_from_cache(d);
	return d;
}

int main(void)
{
	char dict[300], user[300], user2[300], cache[300], bad[300];
	struct segdict *d, *du, *dc;
	int hit = -1;

	snprintf(tmpdir, sizeof tmpdir, "%s", "/tmp/nm-test-segment-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 2;
	setenv("XDG_CACHE_HOME", tmpdir, 1);
	norm_init(1);
	snprintf(dict, sizeof dict, "%s/dict.txt", tmpdir);
	snprintf(user, sizeof user, "%s/user.txt", tmpdir);
	snprintf(user2, sizeof user2, "%s/user2.txt", tmpdir);
	snprintf(cache, sizeof cache, "%s/cache", tmpdir);
	snprintf(bad, sizeof bad, "%s/bad.txt", tmpdir);
	write_file(dict, base_dict);

	d = open_dict(dict, NULL, 0, "", NULL);
	ok(d != NULL, "compile a jieba-format dictionary without a cache");
	if (!d)
		return tap_done();

	/* lookups through the double array */
	ok(segdict_cost(d, "今天", strlen("今天")) > 0, "今天 is a word");
	ok(segdict_cost(d, "南京市", strlen("南京市")) > 0, "南京市 is a word");
	ok(segdict_cost(d, "南京市长", strlen("南京市长")) < 0, "南京市长 is not");
	ok(segdict_cost(d, "的", 3) < segdict_cost(d, "大桥", 6), "frequent words cost less");
	ok(segdict_cost(d, "媽媽", strlen("媽媽")) > 0, "traditional 媽媽 finds 妈妈");
	ok(segdict_cost(d, "ＩＰＨＯＮＥ", strlen("ＩＰＨＯＮＥ")) > 0, "full-width upper case finds iphone");
	ok(segdict_cost(d, "一年", strlen("一年")) < 0, "numeral + measure entries are left out");
	ok(segdict_cost(d, "张学友", strlen("张学友")) < 0, "surname + given name entries are split");
	ok(segdict_cost(d, "改革开放", strlen("改革开放")) < 0, "phrase-floor compounds are left out");

	/* the dynamic program */
	is_str(seg(d, "今天天气很好"), "今天 天气 很 好", "max-probability path");
	is_str(seg(d, "南京市长江大桥"), "南京市 长江 大桥", "南京市长江大桥");
	is_str(seg(d, "改革开放"), "改革 开放", "phrase split into its words");
	is_str(seg(d, "张学友的演唱会"), "张 学友 的 演唱会", "surname apart");
	is_str(seg(d, "夏威夷的万圣节"), "夏威夷 的 万圣节", "no split of places and rare nr entries");
	is_str(seg(d, "很有幸福感"), "很 有 幸福感", "word + productive suffix");
	is_str(seg(d, "幸福感觉"), "幸福 感觉", "a word that takes the suffix character wins");
	is_str(seg(d, "水心村"), "水心村", "unknown name + place suffix");
	is_str(seg(d, "开车20分钟"), "开车 20 分钟", "number + 分钟: the suffix 分 starts a longer word");
	is_str(seg(d, "12时30分"), "12时 30分", "clock times keep 时 and 分");
	is_str(seg(d, "我们村"), "我们 村", "no affix after a pronoun");

	/* folding for lookup, original characters out */
	is_str(seg(d, "媽媽說今天很好"), "媽媽 說 今天 很 好", "traditional text, original characters");
	is_str(seg(d, "买了ｉＰｈｏｎｅ１５"), "买 了 ｉＰｈｏｎｅ１５", "full-width Latin + digits one token");
	is_str(seg(d, "新iPhone15到了"), "新 iPhone15 到 了", "mixed Latin and digits");

	/* numbers and dates */
	is_str(seg(d, "二〇二四年十二月三十一日"), "二〇二四年 十二月 三十一日", "Chinese date");
	is_str(seg(d, "二○○一年"), "二○○一年", "○ as zero");
	is_str(seg(d, "１９９７年３．５万"), "１９９７年 ３．５万", "full-width year and magnitude");
	is_str(seg(d, "1997年12月31日"), "1997年 12月 31日", "digit date");
	is_str(seg(d, "10年"), "10 年", "a duration is not a year");
	is_str(seg(d, "涨了12.5%"), "涨 了 12.5%", "percent");
	is_str(seg(d, "天气-5度"), "天气 -5 度", "signed number");
	is_str(seg(d, "三十一个"), "三十一 个", "numeral run whole");
	is_str(seg(d, "第三十七个"), "第三十七 个", "ordinal whole");
	is_str(seg(d, "三本书"), "三 本 书", "a measure word after a number starts no word");
	is_str(seg(d, "本书很好"), "本书 很 好", "the same word elsewhere");
	is_str(seg(d, "好几次"), "好几 次", "好几 + measure splits");
	is_str(seg(d, "十分钟"), "十 分钟", "a two-character measure word after a number");
	is_str(seg(d, "十分好"), "十分 好", "十分 as an adverb");
	is_int(type_of(d, "1997年", "1997年"), TOK_NUMBER, "number type");
	is_int(type_of(d, "今天", "今天"), TOK_HAN, "han type");
	is_int(type_of(d, "yyds!", "yyds"), TOK_LATIN, "latin type");
	is_int(type_of(d, "yyds!", "!"), TOK_PUNCT, "punct type");

	/* English and other scripts */
	is_str(seg(d, "don't stop"), "don't stop", "contraction");
	is_str(seg(d, "well-known brand"), "well-known brand", "hyphenated word");
	is_str(seg(d, "P!NK的演唱会"), "P!NK 的 演唱会", "P!NK");
	is_str(seg(d, "学c++了"), "学 c++ 了", "dictionary word across symbol units");
	is_str(seg(d, "1,000元"), "1,000 元", "thousands separator");
	is_str(seg(d, "真的！！！"), "真的 ！！！", "repeated punctuation together");
	is_str(seg(d, "——好"), "—— 好", "dash pair together");
	is_str(seg(d, "  \t "), "", "white space only");
	is_str(seg(d, "Привет мир"), "Привет мир", "Cyrillic words");

	/* user dictionaries override the base */
	write_file(user, "南京市长 5000 n\n江大桥 5000\n");
	{
		const char *u[] = {user};
		du = open_dict(dict, u, 1, "", NULL);
	}
	ok(du != NULL, "base + user dictionary");
	if (du) {
		is_str(seg(du, "南京市长江大桥"), "南京市长 江大桥", "user words win");
		segdict_free(du);
	}
	write_file(user2, "# deletes\n南京市 0\n长江 0\n绝绝\n绝绝子\n");
	{
		const char *u[] = {user2};
		du = open_dict(dict, u, 1, "", NULL);
	}
	ok(du != NULL, "user dictionary with deletions");
	if (du) {
		ok(segdict_cost(du, "南京市", strlen("南京市")) < 0, "freq 0 deletes a base word");
		is_str(seg(du, "南京市长江大桥"), "南京 市长 江 大桥", "deleted words are gone");
		is_str(seg(du, "真的绝绝子"), "真的 绝绝子",
		       "a user word without frequency stays whole, over a shorter user word");
		segdict_free(du);
	}
	write_file(bad, "好 1x\n");
	{
		const char *u[] = {bad};
		ok(open_dict(dict, u, 1, "", NULL) == NULL, "bad frequency is an error");
	}
	ok(open_dict("/nonexistent/dict.txt", NULL, 0, "", NULL) == NULL, "missing --dict is an error");

	/* compiled cache: miss, hit, rebuild after a change */
	dc = open_dict(dict, NULL, 0, cache, &hit);
	ok(dc && hit == 0, "first open compiles");
	segdict_free(dc);
	dc = open_dict(dict, NULL, 0, cache, &hit);
	ok(dc && hit == 1, "second open maps the cache");
	if (dc)
		is_str(seg(dc, "今天天气很好"), "今天 天气 很 好", "the mapped dictionary segments");
	segdict_free(dc);
	write_file(dict, "今天天气 9000 n\n很 30000 d\n好 25000 a\n");
	dc = open_dict(dict, NULL, 0, cache, &hit);
	ok(dc && hit == 0, "a changed source is recompiled");
	if (dc)
		is_str(seg(dc, "今天天气很好"), "今天天气 很 好", "the new source is used");
	segdict_free(dc);
	write_file(dict, base_dict);
	dc = open_dict(dict, NULL, 0, "/proc/notemine-cannot-write", &hit);
	ok(dc && hit == 0, "an unwritable cache falls back to memory");
	segdict_free(dc);

	/* ICU fallback */
	{
		struct segdict *none = (struct segdict *)1;
		struct segdict_opts o = {0};
		o.dict_path = "none";
		ok(segdict_open(&none, &o) == 0 && none == NULL, "--dict none gives no dictionary");
		is_str(seg(NULL, "今天天气很好"), "今天 天气 很好", "ICU word breaks without a dictionary");
		is_str(seg(NULL, "hello, world"), "hello , world", "ICU: Latin and punctuation");
	}
	{
		/* no base dictionary but user words: ICU words with the user words on top */
		const char *u[] = {user2};
		struct segdict *di = open_dict("none", u, 1, "", NULL);
		ok(di != NULL, "--dict none with a user dictionary still builds the user words");
		if (di) {
			is_str(seg(di, "今天天气真的绝绝子"), "今天 天气 真的 绝绝子",
			       "ICU words plus a user word kept whole");
			is_str(seg(di, "二〇二四年的ｉＰｈｏｎｅ"), "二〇二四年 的 ｉＰｈｏｎｅ",
			       "numbers and Latin rules apply without a base dictionary");
			segdict_free(di);
		}
	}

	/* random bytes (repaired to UTF-8 as the reader does) never crash and stay covered */
	{
		struct strbuf raw = STRBUF_INIT, txt = STRBUF_INIT;
		struct seg_scratch *s = seg_scratch_new();
		struct tokens t = {0};
		int good = 1;
		unsigned seed = 12345;
		static const char *const pieces[] = {"今天", "年", "二", "〇", "○", "1", "５", ".", "-",
						     "'", "a", "Ｚ", "！", " ", "\xCC\x81", "媽", "个",
						     "这", "\xE2\x80\x8B", "c++", "%"};
		for (int round = 0; round < 3000 && good; round++) {
			size_t n = (size_t)(rand_r(&seed) % 64);
			sb_reset(&raw);
			sb_reset(&txt);
			for (size_t i = 0; i < n; i++) {
				if (rand_r(&seed) % 2)
					sb_addc(&raw, (char)(rand_r(&seed) & 0xFF));
				else
					sb_adds(&raw, pieces[(size_t)rand_r(&seed) % NM_ARRAY_LEN(pieces)]);
			}
			utf8_repair(&txt, raw.buf ? raw.buf : "", raw.len);
			t.n = 0;
			segment(round % 5 ? d : NULL, s, txt.buf ? txt.buf : "", txt.len, 0, &t);
			if (!covers(txt.buf ? txt.buf : "", txt.len, &t))
				good = 0;
		}
		ok(good, "3000 random inputs: tokens cover the text, in order, no crash");
		tokens_release(&t);
		seg_scratch_free(s);
		sb_release(&raw);
		sb_release(&txt);
	}

	/* long spans are cut into chunks: still covered, words kept */
	{
		struct strbuf big = STRBUF_INIT;
		struct seg_scratch *s = seg_scratch_new();
		struct tokens t = {0};
		size_t words = 0;
		for (int i = 0; i < 20000; i++)
			sb_adds(&big, i % 2 ? "今天天气很好，" : "今天天气很好");
		segment(d, s, big.buf, big.len, 0, &t);
		ok(covers(big.buf, big.len, &t), "a 330 KB span is covered");
		for (size_t i = 0; i < t.n; i++)
			words += t.v[i].len == 6 && !memcmp(big.buf + t.v[i].off, "天气", 6);
		is_int(words, 20000, "no word is cut at a chunk edge");
		t.n = 0;
		segment(NULL, s, big.buf, big.len, 0, &t);
		ok(covers(big.buf, big.len, &t), "the same span through ICU");
		tokens_release(&t);
		seg_scratch_free(s);
		sb_release(&big);
	}

	segdict_free(d);
	{
		char cmd[600];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", tmpdir);
	}
	return tap_done();
}
