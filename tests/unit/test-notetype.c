/*
 * test-notetype.c - note type: the shipped lexicons load, every hard case of the taxonomy
 * (合作 in 合作小组作业, 广告 in 吐槽广告太多, 官方 in 官方旗舰店买的, 店 in 去了一家店,
 * 不是广告), one clear note per type, the decision order (disclosure first), traditional
 * Chinese, topic tags, token edges, the JSON shape, and lexicon errors (bad type, bad where)
 * reported with file:line from a test root.
 * Run from the repository root (make test does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "category.h"
#include "lexicon.h"
#include "normalize.h"
#include "notetype.h"
#include "segdict.h"
#include "fixture.h"
#include "tap.h"
#include "token.h"
#include "util.h"

static struct category_model *cm;
static struct notetype_model *nm;
static struct strbuf out = STRBUF_INIT;

static int setup(void)
{
	if (fixture_setup() < 0)
		return -1;
	if (!(cm = category_model_new(&ls)))
		return -1;
	nm = notetype_model_new(&ls, cm);
	return nm ? 0 : -1;
}

static void make_note(struct note *n, const char *title, const char *desc)
{
	fixture_note(n, title, desc);
}

/* Classify; the JSON value is left in out. */
static const char *label(const char *title, const char *desc)
{
	struct note n;
	struct category_match m;
	int t;
	make_note(&n, title, desc);
	category_detect(cm, &n, &m, NULL);
	sb_reset(&out);
	t = notetype_classify(nm, &n, m.id, NULL, &out);
	return t >= 0 && t < NT_NTYPES ? note_type_name[t] : "(bad)";
}

/* Does out's evidence hold a cue containing s, of type type? */
static int has_cue(const char *s, const char *type)
{
	cJSON *v = cJSON_Parse(out.buf), *e;
	int found = 0;
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(v, "evidence"))
	{
		const cJSON *c = cJSON_GetObjectItem(e, "cue"), *t = cJSON_GetObjectItem(e, "type");
		if (cJSON_IsString(c) && strstr(c->valuestring, s) && cJSON_IsString(t) &&
		    !strcmp(t->valuestring, type))
			found = 1;
	}
	cJSON_Delete(v);
	return found;
}

static void test_hard_cases(void)
{
	const char *l;
	l = label("小组作业的合作伙伴全程失联", "四个人的合作小组作业，说好每人一部分，最后只有我交了。和这种人合作真的心累");
	ok(strcmp(l, "cooperation") != 0, "hard: 合作 in 合作小组作业 is not cooperation (%s)", l);
	l = label("现在刷个视频全是广告", "吐槽一下，现在随便刷十个视频有四个是广告，广告太多了真的很烦");
	ok(strcmp(l, "sponsored") != 0, "hard: 广告 in 吐槽广告太多 is not sponsored (%s)", l);
	l = label("在官方旗舰店买的扫地机", "先说明我是在官方旗舰店自己下单的，用了三个月，避障还行，拖地很干净");
	is_str(l, "experience", "hard: 官方旗舰店买的 is an ordinary buyer's experience");
	l = label("今天去了一家店", "下班路过随便进了一家店，点了个酸菜鱼，鱼片很嫩，酸汤很开胃，以后还会再来");
	is_str(l, "experience", "hard: 店 in 去了一家店 is a visit, not the store's voice");
	l = label("真的不是广告，是被气到了", "声明：不是广告，也没人给我钱。这家搬家公司迟到两个小时，还把我的书桌磕坏了，避雷");
	is_str(l, "experience", "hard: 不是广告 in a complaint is experience");
	l = label("新品上市第一天就冲去买了", "排了半小时队终于买到了，味道比想象的淡，有点失望");
	ok(strcmp(l, "official") != 0, "hard: 新品上市 in a buyer's note is not official (%s)", l);
	l = label("关于签证政策，官方是怎么说的", "我去看了领事馆官方网站的原文，面签流程没有变化，大家以官方通知为准");
	ok(strcmp(l, "official") != 0, "hard: 官方 as a government source is not official (%s)", l);
	l = label("感谢老婆送的生日礼物", "老婆送了我一台相机，开心");
	ok(strcmp(l, "cooperation") != 0, "hard: a family gift is not cooperation (%s)", l);
	l = label("自费｜婚纱照拍完了", "自费拍的，没有合作，放心看。摄影师很会引导，精修30张，整体满意");
	is_str(l, "experience", "hard: 自费 + 没有合作 is experience");
}

static void test_types(void)
{
	is_str(label("周末的日式烧鸟小酒馆", "鸡皮串烤得很脆，鸡心火候刚好。人均$45左右。感谢鸟吉居酒屋的邀请～"),
	       "cooperation", "type: cooperation (感谢…邀请 at the end)");
	ok(has_cue("感谢", "cooperation"), "type: cooperation evidence quotes 感谢…邀请 (%s)", out.buf);
	is_str(label("品牌方寄来的新款精华", "前段时间品牌方寄来了他们家的新款修护精华，用了两周，泛红好了很多"),
	       "cooperation", "type: cooperation (品牌方寄来)");
	is_str(label("本店的酸菜是自己腌的", "很多客人问我们的酸菜鱼为什么这么清爽，答案是酸菜是我们自己腌的！欢迎到店品尝"),
	       "official", "type: official (本店, 欢迎到店)");
	is_str(label("感恩节营业时间调整通知", "亲爱的顾客朋友们：感恩节当天本店休息一天，周五正常营业。祝大家节日快乐"),
	       "official", "type: official (营业时间调整通知)");
	is_str(label("本文由「清泉」净水器赞助", "本文由「清泉」净水器赞助。装完以后水的口感明显变软了。点击主页链接购买"),
	       "sponsored", "type: sponsored (本文由…赞助)");
	ok(has_cue("本文", "sponsored"), "type: sponsored evidence quotes the disclosure");
	is_str(label("这个牌子的瑜伽垫我强推", "厚度6mm，双面防滑。链接放主页了 #ad"), "sponsored",
	       "type: sponsored (#ad beats 强推: disclosure first)");
	is_str(label("Sponsored: my morning routine", "This video is sponsored by Glow Co. My skin looks brighter."),
	       "sponsored", "type: sponsored (English)");
	is_str(label("油皮夏天用了两个月的防晒，说说真实感受",
		     "这支防晒是六月初在超市买的，到现在快空瓶了。质地是乳液，不搓泥。缺点是有点酒精味。我会回购！"),
	       "experience", "type: experience (用了两个月, 空瓶, 回购)");
	is_str(label("学生党必买的5款平价好物合集",
		     "1. 洗面奶，温和不紧绷\n2. 身体乳，香味很淡\n3. 护手霜，不黏\n4. 唇膏\n5. 防晒\n姐妹们闭眼入！"),
	       "planting", "type: planting (合集, 必买, list, 闭眼入)");
	is_str(label("今天的晚霞好美", "下班路上抬头看到的，整片天都是粉紫色的，停下来拍了好久。"), "other",
	       "type: other (mood, nothing at the centre)");
	is_str(label("求推荐达拉斯靠谱的牙医", "最近后槽牙一喝冰水就疼，有没有姐妹推荐一下？感激不尽"), "other",
	       "type: other (求推荐 asks, it does not recommend)");
}

static void test_forms(void)
{
	is_str(label("周末的燒鳥小酒館", "雞皮串烤得很脆，火候剛好。人均$45左右。感謝鳥吉居酒屋的邀請～"),
	       "cooperation", "forms: traditional Chinese 感謝…邀請 folds to 感谢…邀请");
	is_str(label("新学期文具开箱", "中性笔写起来很顺，手帐本纸很厚。链接在主页 #广告[话题]# #手帐[话题]#"),
	       "sponsored", "forms: a #广告[话题]# topic tag");
	is_str(label("AD｜夏天的防晒衣就选它", "UPF50+，面料很薄。戳链接购买，今天下单包邮"), "sponsored",
	       "forms: AD｜ at the start of the title");
	is_str(label("ＡＤ｜夏天的防晒衣就选它", "UPF50+，面料很薄。"), "sponsored",
	       "forms: full-width ＡＤ｜ folds to ad|");
	is_str(label("Nine months with my standing desk", "I bought it last spring. The motor is quiet, "
		     "the top wobbles a bit at full height. My back pain is gone."),
	       "experience", "forms: English first-person review");
}

static void test_edges(void)
{
	struct note n;
	struct token t[3];
	struct strbuf o = STRBUF_INIT;
	const char *s = "冲突\n冲突";
	cJSON *v;
	/* 冲 (planting, one character) must not fire inside the token 冲突 */
	memset(&n, 0, sizeof n);
	n.text = s;
	n.len = strlen(s);
	n.title_len = 6;
	t[0].off = 0, t[0].len = 6, t[0].type = TOK_HAN;
	t[1].off = 6, t[1].len = 1, t[1].type = TOK_PUNCT;
	t[2].off = 7, t[2].len = 6, t[2].type = TOK_HAN;
	n.tok = t;
	n.ntok = 3;
	notetype_classify(nm, &n, -1, NULL, &o);
	v = cJSON_Parse(o.buf);
	ok(v && cJSON_GetArraySize(cJSON_GetObjectItem(v, "evidence")) == 1,
	   "edges: no cue inside the token 冲突 (%s)", o.buf);
	cJSON_Delete(v);
	sb_release(&o);
	/* ad inside a word is not #ad */
	ok(strcmp(label("ready to read", "already loaded, a bad day"), "sponsored") != 0,
	   "edges: ad inside ready / already / loaded is not an ad");
}

static void test_json(void)
{
	cJSON *v, *sc, *ev;
	int nsc = 0, good = 1;
	label("学生党必买的5款平价好物合集",
	      "1. 洗面奶\n2. 身体乳\n3. 护手霜\n4. 唇膏\n5. 防晒\n安利 强推 必买 闭眼入 种草 好物分享 清单 盘点 冲 快去 平替");
	v = cJSON_Parse(out.buf);
	ok(v != NULL, "json: the value parses (%s)", out.buf);
	sc = cJSON_GetObjectItem(v, "scores");
	for (int t = 0; t < NT_NTYPES; t++) {
		cJSON *x = cJSON_GetObjectItem(sc, note_type_name[t]);
		nsc += cJSON_IsNumber(x);
		if (cJSON_IsNumber(x) && (x->valuedouble < 0 || x->valuedouble >= 1))
			good = 0;
	}
	ok(nsc == NT_NTYPES && good, "json: six scores, each in [0, 1)");
	ev = cJSON_GetObjectItem(v, "evidence");
	ok(cJSON_IsArray(ev) && cJSON_GetArraySize(ev) >= 1 && cJSON_GetArraySize(ev) <= 8,
	   "json: evidence capped at 8 (%d)", cJSON_GetArraySize(ev));
	{
		double prev = 1e9;
		cJSON *e;
		int sorted = 1, fields = 1;
		cJSON_ArrayForEach(e, ev)
		{
			cJSON *w = cJSON_GetObjectItem(e, "weight");
			const cJSON *wh = cJSON_GetObjectItem(e, "where");
			if (!cJSON_IsNumber(w) || !cJSON_IsString(cJSON_GetObjectItem(e, "cue")) ||
			    !cJSON_IsString(cJSON_GetObjectItem(e, "type")) || !cJSON_IsString(wh)) {
				fields = 0;
				continue;
			}
			if (w->valuedouble > prev)
				sorted = 0;
			prev = w->valuedouble;
		}
		ok(fields, "json: every evidence entry has cue, type, weight, where");
		ok(sorted, "json: evidence strongest first");
	}
	is_str(cJSON_GetStringValue(cJSON_GetObjectItem(v, "label")), "planting", "json: label");
	cJSON_Delete(v);
	ok(notetype_classify(nm, &(struct note){ .text = "" }, -1, NULL, NULL) ==
		   NT_OTHER,
	   "json: an empty note is other (and out may be NULL)");
}

static void test_long_note(void)
{
	struct strbuf big = STRBUF_INIT;
	const char *l;
	for (int i = 0; i < 20000; i++)
		sb_adds(&big, "我觉得我们");
	sb_adds(&big, "。本文由某某品牌赞助。");
	l = label("很长的笔记", big.buf);
	is_str(l, "sponsored", "long: a disclosure after 100,000 voice words is still found");
	{
		cJSON *v = cJSON_Parse(out.buf);
		ok(v && cJSON_GetArraySize(cJSON_GetObjectItem(v, "evidence")) <= 8,
		   "long: evidence stays capped");
		cJSON_Delete(v);
	}
	sb_release(&big);
}

static void test_lexicon_errors(void)
{
	struct fixture_root fr;
	struct lexset bad;
	if (fixture_root_open(&fr, "note_type") < 0) {
		ok(0, "lexicon: temp folder");
		return;
	}
	fixture_root_write(&fr, "# test\n本店\tofficial\t2.5\n某词\tadvert\t1\n某某\tsponsored\t1\tnowhere\n"
			 "还有\tsponsored\tx\n");
	ok(lexset_load(&bad, &fr.root, 1) < 0, "lexicon: bad type, where and weight are errors");
	lexset_release(&bad);
	fixture_root_write(&fr, "re:感谢.{0,12}邀请\tcooperation\t3\n不是\tnegator\t4\n太多\tnegator\t3\tafter\n");
	ok(lexset_load(&bad, &fr.root, 1) == 0, "lexicon: patterns, negators, where=after load");
	{
		struct notetype_model *m = notetype_model_new(&bad, NULL);
		struct note n;
		ok(m != NULL, "lexicon: a model from a small test root");
		make_note(&n, NULL, "感谢小店的邀请");
		is_int(notetype_classify(m, &n, -1, NULL, NULL), NT_COOPERATION,
		       "lexicon: the test pattern fires");
		make_note(&n, NULL, "不是感谢小店的邀请");
		is_int(notetype_classify(m, &n, -1, NULL, NULL), NT_OTHER,
		       "lexicon: the test negator voids it");
		notetype_model_free(m);
	}
	lexset_release(&bad);
	fixture_root_close(&fr);
}

int main(void)
{
	if (setup() < 0) {
		ok(0, "setup: shipped lexicons, dictionary, tokenizer and models");
		return tap_done();
	}
	test_hard_cases();
	test_types();
	test_forms();
	test_edges();
	test_json();
	test_long_note();
	test_lexicon_errors();
	notetype_thread_release();
	is_str(label("今天下雪了", "窗外全白了"), "other", "scratch: classify works again after release");
	notetype_thread_release();
	notetype_model_free(nm);
	category_model_free(cm);
	fixture_release();
	sb_release(&out);
	return tap_done();
}
