/*
 * test-category.c - category packs: the shipped packs load, detection picks the right pack
 * (words, topic tags, title boost, threshold), audience words, sentiment overrides, and a
 * pack from a test root (a folder pack, a bad role reported with file:line).
 * Run from the repository root (make test does).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "category.h"
#include "lexicon.h"
#include "normalize.h"
#include "segdict.h"
#include "fixture.h"
#include "tap.h"
#include "token.h"
#include "util.h"

static struct category_model *cm;

static int setup(void)
{
	if (fixture_setup() < 0)
		return -1;
	cm = category_model_new(&ls);
	return cm ? 0 : -1;
}

static void make_note(struct note *n, const char *title, const char *desc)
{
	fixture_note(n, title, desc);
}

static const char *detect(const char *title, const char *desc, struct strbuf *ev)
{
	struct note n;
	struct category_match m;
	make_note(&n, title, desc);
	category_detect(cm, &n, &m, ev);
	return m.id >= 0 ? category_name(cm, m.id) : "(none)";
}

static int id_of(const char *name)
{
	for (int i = 0; i < category_count(cm); i++)
		if (!strcmp(category_name(cm, i), name))
			return i;
	return -1;
}

static void test_packs(void)
{
	static const char *const want[] = { "beauty", "skincare", "fashion", "food", "travel",
					    "home", "digital", "baby", "pets", "fitness" };
	const struct lex_kind *k = lexset_kind(&ls, "categories");
	ok(category_count(cm) >= 10, "packs: at least 10 shipped (%d)", category_count(cm));
	for (size_t i = 0; i < NM_ARRAY_LEN(want); i++) {
		int id = id_of(want[i]), words = 0;
		for (size_t r = 0; k && r < k->n; r++)
			words += !strcmp(k->row[r].group, want[i]) &&
				 (k->row[r].ncol < 2 || !strcmp(k->row[r].col[1], "word"));
		ok(id >= 0 && words >= 25, "packs: %s is shipped with >= 25 words (%d)", want[i],
		   words);
	}
	ok(category_name(cm, -1) == NULL && category_name(cm, 9999) == NULL,
	   "packs: name of a bad id is NULL");
}

static void test_detect(void)
{
	struct strbuf ev = STRBUF_INIT;
	is_str(detect("油皮护肤分享", "这瓶精华液用了一个月，保湿效果很好，毛孔也细了", &ev),
	       "skincare", "detect: skincare");
	ok(strstr(ev.buf, "\"精华液\"") != NULL, "detect: evidence lists 精华液 (%s)", ev.buf);
	is_str(detect(NULL, "这家火锅店的招牌菜很好吃，人均两百，小龙虾也不错", NULL), "food",
	       "detect: food");
	is_str(detect(NULL, "家里的猫咪最近不爱吃猫粮，换了冻干才好", NULL), "pets", "detect: pets");
	is_str(detect(NULL, "新买的iphone续航比以前好，充电器也快", NULL), "digital",
	       "detect: digital");
	is_str(detect(NULL, "宝宝六个月开始加辅食，奶粉也换了一段", NULL), "baby", "detect: baby");
	is_str(detect(NULL, "今天的口红是豆沙色，配上眼影和腮红很温柔", NULL), "beauty",
	       "detect: beauty");
	is_str(detect(NULL, "这次旅行住的民宿很好，景点门票也不贵", NULL), "travel",
	       "detect: travel");
	is_str(detect(NULL, "健身房练了三个月，减脂效果不错，深蹲也进步了", NULL), "fitness",
	       "detect: fitness");
	is_str(detect(NULL, "客厅装修好了，沙发和窗帘都是宜家的", NULL), "home", "detect: home");
	is_str(detect(NULL, "这件大衣面料很好，版型也显瘦", NULL), "fashion", "detect: fashion");
	sb_reset(&ev);
	is_str(detect(NULL, "今天天气不错，心情很好。", &ev), "(none)", "detect: nothing -> none");
	is_str(ev.buf, "[]", "detect: no category -> empty evidence");
	is_str(detect(NULL, "手机", NULL), "(none)", "detect: one weak word is below the threshold");
	is_str(detect(NULL, "好开心 #美食[话题]# #火锅[话题]#", NULL), "food",
	       "detect: topic tags count by their inner name");
	is_str(detect(NULL, "回家了 #我家宠物好可爱[话题]# #猫咪日常[话题]#", NULL), "pets",
	       "detect: pack words inside a tag's name count");
	sb_release(&ev);
}

static void test_audience(void)
{
	struct note n;
	const char *w[8];
	size_t k;
	int oil = 0, sens = 0;
	make_note(&n, NULL, "油皮和敏感肌都能用的面霜，敏感肌姐妹放心");
	k = category_audience(cm, &n, w, 8);
	for (size_t i = 0; i < k; i++) {
		oil += !strcmp(w[i], "油皮");
		sens += !strcmp(w[i], "敏感肌");
	}
	ok(oil == 1 && sens == 1, "audience: 油皮 and 敏感肌, each once (%zu words)", k);
	k = category_audience(cm, &n, w, 1);
	ok(k == 1, "audience: max is respected");
}

static void test_sentiment_override(void)
{
	double w = 99;
	int skin = id_of("skincare"), food = id_of("food"), pets = id_of("pets");
	ok(category_sentiment(cm, skin, "油", strlen("油"), &w) && w < 0,
	   "override: 油 is negative in skincare (%g)", w);
	ok(category_sentiment(cm, food, "油", strlen("油"), &w) && w == 0,
	   "override: 油 is neutral in food (%g)", w);
	ok(!category_sentiment(cm, pets, "油", strlen("油"), &w),
	   "override: pets has no opinion on 油");
	ok(!category_sentiment(cm, -1, "油", strlen("油"), &w), "override: no category, none");
	ok(!category_sentiment(cm, skin, "面霜", strlen("面霜"), &w),
	   "override: a category word is no sentiment override");
}

static char tmpdir[64];

static void write_file(const char *rel, const char *body)
{
	char path[160];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
	f = fopen(path, "w");
	if (f) {
		fputs(body, f);
		fclose(f);
	}
}

static void test_overlay(void)
{
	char dir[128];
	const char *roots[2];
	struct lexset l2;
	struct category_model *m2;
	int rc;

	snprintf(tmpdir, sizeof tmpdir, "/tmp/nm-test-category-%d", (int)getpid());
	snprintf(dir, sizeof dir, "%s/categories/garden", tmpdir);
	mkdir(tmpdir, 0700);
	snprintf(dir, sizeof dir, "%s/categories", tmpdir);
	mkdir(dir, 0700);
	snprintf(dir, sizeof dir, "%s/categories/garden", tmpdir);
	mkdir(dir, 0700);
	write_file("categories/garden/10-words.tsv", "# a folder pack\n园艺\n多肉\tword\t2\n");
	write_file("categories/pets.tsv", "!猫\tword\n");
	roots[0] = "lexicons";
	roots[1] = tmpdir;
	memset(&l2, 0, sizeof l2);
	rc = lexset_load(&l2, roots, 2);
	ok(rc == 0, "overlay: a folder pack and a delete load");
	m2 = rc == 0 ? category_model_new(&l2) : NULL;
	if (m2) {
		int found = 0;
		for (int i = 0; i < category_count(m2); i++)
			found |= !strcmp(category_name(m2, i), "garden");
		ok(found, "overlay: folder pack 'garden' is a category");
		category_model_free(m2);
	} else {
		ok(0, "overlay: folder pack 'garden' is a category");
	}
	lexset_release(&l2);

	write_file("categories/pets.tsv", "猫\tfood\n");
	memset(&l2, 0, sizeof l2);
	fprintf(stderr, "# a 'bad role' error is expected below\n");
	ok(lexset_load(&l2, roots, 2) < 0, "overlay: a bad role fails the load");
	lexset_release(&l2);
	{
		char cmd[200];
		snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "# could not remove %s\n", tmpdir);
	}
}

int main(void)
{
	if (setup() < 0) {
		ok(0, "setup: lexicons, dictionary and model load (run from the repository root)");
		return tap_done();
	}
	test_packs();
	test_detect();
	test_audience();
	test_sentiment_override();
	test_overlay();
	category_model_free(cm);
	fixture_release();
	return tap_done();
}
