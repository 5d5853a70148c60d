/*
 * test-resonance.c - resonance and SIPS on written pairs of notes, with the shipped lexicons.
 *
 * Monotonic checks (the same note with and without first-hand detail, with and without
 * hard-sell, a story against a bare list), saturation (a cue repeated fifty times counts like
 * once), length robustness (200 topic tags, a pasted article), the evidence output and the
 * SIPS stages. Sentiment is passed as NULL so these checks do not move when the sentiment
 * analyser changes; tokens come from the tokenizer with the lexicon terms only (no base
 * dictionary), so they do not move with the dictionary either.
 * Run from the repository root (make test does).
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "category.h"
#include "cue.h"
#include "lexicon.h"
#include "normalize.h"
#include "notetype.h"
#include "resonance.h"
#include "segdict.h"
#include "sips.h"
#include "fixture.h"
#include "tap.h"
#include "token.h"
#include "util.h"

static struct resonance_model *rm;
static struct category_model *cm;
static struct sips_model *sm;

static int setup(void)
{
	if (fixture_setup() < 0)
		return -1;
	rm = resonance_model_new(&ls);
	cm = category_model_new(&ls);
	sm = sips_model_new(&ls, cm);
	return rm && cm && sm ? 0 : -1;
}

/* Make a note of title + "\n" + desc (title may be NULL). */
static void make_note(struct note *n, const char *title, const char *desc)
{
	fixture_note(n, title, desc);
}

/* Score desc as a note of type type (enum note_type, -1: unknown); fills res and returns the
 * parsed JSON value (caller frees). */
static cJSON *score_typed(const char *title, const char *desc, int type,
			  struct resonance_result *res)
{
	struct note n;
	struct strbuf out = STRBUF_INIT;
	cJSON *v;
	make_note(&n, title, desc);
	resonance_score(rm, &n, NULL, type, &out, res, NULL);
	v = cJSON_Parse(out.buf);
	sb_release(&out);
	return v;
}

static cJSON *score(const char *title, const char *desc, struct resonance_result *res)
{
	return score_typed(title, desc, -1, res);
}

static double num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static int has_str(const cJSON *arr, const char *s)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, arr)
		if (cJSON_IsString(e) && !strcmp(e->valuestring, s))
			return 1;
	return 0;
}

static const cJSON *evidence(const cJSON *v, const char *part)
{
	return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(v, "evidence"),
						part);
}

enum { EMO, EXP, AUTH, STORY, INTER };

static const char base[] = "这款面霜我觉得还可以，冬天用着挺舒服的，推荐给需要的人。";

static void test_first_hand(void)
{
	struct resonance_result a, b;
	cJSON *va = score("面霜分享", base, &a);
	cJSON *vb = score("面霜分享",
			  "这款面霜亲测用了三个月，自费买的，已经空瓶回购了。质地是很软的乳霜，"
			  "上脸很服帖，价格$25，冬天用着挺舒服的，缺点是香味有点重。",
			  &b);
	ok(b.part[AUTH] > a.part[AUTH], "first-hand: authenticity rises (%.3f > %.3f)",
	   b.part[AUTH], a.part[AUTH]);
	ok(b.part[EXP] > a.part[EXP], "first-hand: experiential rises (%.3f > %.3f)",
	   b.part[EXP], a.part[EXP]);
	ok(b.score > a.score, "first-hand: score rises (%.1f > %.1f)", b.score, a.score);
	ok(has_str(evidence(vb, "authenticity"), "亲测"), "first-hand: 亲测 is evidence");
	ok(has_str(evidence(vb, "authenticity"), "缺点"), "first-hand: honest 缺点 is evidence");
	ok(has_str(evidence(vb, "experiential"), "质地"), "first-hand: 质地 is evidence");
	ok(has_str(evidence(vb, "experiential"), "price×1"), "first-hand: the price is evidence");
	cJSON_Delete(va);
	cJSON_Delete(vb);
}

static void test_hard_sell(void)
{
	static const char plain[] = "亲测用了一个月，质地清爽，上脸服帖，价格也合适，我觉得值得一试。";
	struct resonance_result a, b;
	struct strbuf sell = STRBUF_INIT;
	cJSON *va, *vb;
	sb_adds(&sell, plain);
	sb_adds(&sell, "全网最低价！史上最强面霜，闭眼入，限时秒杀，私信下单！");
	va = score(NULL, plain, &a);
	vb = score(NULL, sell.buf, &b);
	ok(b.part[AUTH] < a.part[AUTH], "hard-sell: authenticity falls (%.3f < %.3f)",
	   b.part[AUTH], a.part[AUTH]);
	ok(b.score < a.score, "hard-sell: score falls (%.1f < %.1f)", b.score, a.score);
	ok(has_str(evidence(vb, "authenticity"), "-全网最低"),
	   "hard-sell: penalty cue shown as -全网最低");
	cJSON_Delete(va);
	cJSON_Delete(vb);
	sb_release(&sell);
}

static void test_story(void)
{
	struct resonance_result a, b;
	cJSON *va = score(NULL, "面霜。精华。防晒。口红。眼霜。卸妆油。粉底液。", &a);
	cJSON *vb = score(NULL,
			  "第一次用这个面霜是去年冬天，那天脸干到起皮。本来没抱希望，没想到"
			  "后来皮肤终于不干了，现在每天都离不开它。",
			  &b);
	ok(b.part[STORY] > a.part[STORY] && a.part[STORY] == 0,
	   "story: narrative scores, a bare list does not (%.3f)", b.part[STORY]);
	ok(b.score > a.score, "story: the story outranks the list (%.1f > %.1f)", b.score,
	   a.score);
	ok(has_str(evidence(vb, "story"), "没想到"), "story: 没想到 is evidence");
	cJSON_Delete(va);
	cJSON_Delete(vb);
}

static void test_interaction(void)
{
	struct resonance_result a, b;
	cJSON *va = score(NULL, base, &a);
	cJSON *vb = score(NULL, "姐妹们！这款面霜冬天用着挺舒服的，你们用过吗？评论区告诉我～", &b);
	ok(b.part[INTER] > a.part[INTER], "interaction: reader address rises (%.3f > %.3f)",
	   b.part[INTER], a.part[INTER]);
	ok(has_str(evidence(vb, "interaction"), "评论区"), "interaction: 评论区 is evidence");
	ok(has_str(evidence(vb, "interaction"), "?×1"), "interaction: the question is evidence");
	cJSON_Delete(va);
	cJSON_Delete(vb);
}

static void test_saturation_and_length(void)
{
	static const char note[] =
		"亲测用了两个月，质地清爽，上脸服帖，价格$30，性价比很高。第一次用的时候没想到"
		"这么好用，后来就回购了。姐妹们可以试试，你们有什么推荐吗？";
	struct resonance_result a, b, c, d;
	struct strbuf s = STRBUF_INIT;
	cJSON *v;

	v = score(NULL, note, &a);
	cJSON_Delete(v);
	/* 200 topic tags, some of them cue words */
	sb_adds(&s, note);
	for (int i = 0; i < 200; i++)
		sb_adds(&s, i % 2 ? "#开心[话题]#" : "#亲测好用[话题]#");
	v = score(NULL, s.buf, &b);
	cJSON_Delete(v);
	ok(b.score <= a.score + 1e-9, "tags: 200 topic tags do not raise the score (%.1f <= %.1f)",
	   b.score, a.score);
	/* the same note pasted twenty times */
	sb_reset(&s);
	for (int i = 0; i < 20; i++)
		sb_adds(&s, note);
	v = score(NULL, s.buf, &c);
	cJSON_Delete(v);
	ok(c.score <= a.score * 1.1, "article: twenty copies do not win by size (%.1f vs %.1f)",
	   c.score, a.score);
	/* one cue fifty times counts like once */
	sb_reset(&s);
	sb_adds(&s, "这个面霜");
	for (int i = 0; i < 50; i++)
		sb_adds(&s, "亲测");
	v = score(NULL, s.buf, &d);
	cJSON_Delete(v);
	{
		struct resonance_result e;
		v = score(NULL, "这个面霜亲测亲测", &e);
		cJSON_Delete(v);
		ok(d.part[AUTH] <= e.part[AUTH] + 1e-9,
		   "saturation: a cue repeated 50 times counts once (%.3f <= %.3f)",
		   d.part[AUTH], e.part[AUTH]);
	}
	for (int p = 0; p < 5; p++)
		ok(c.part[p] >= 0 && c.part[p] <= 1, "range: part %d of the long note in [0,1]", p);
	ok(c.score >= 0 && c.score <= 100, "range: score in [0,100]");
	sb_release(&s);
}

/* Score desc with rec (JSON text) as the note's record. */
static cJSON *score_rec(const char *desc, const char *rec, struct resonance_result *res)
{
	struct note n;
	struct strbuf out = STRBUF_INIT;
	cJSON *r = cJSON_Parse(rec), *v;
	make_note(&n, NULL, desc);
	n.rec = r;
	resonance_score(rm, &n, NULL, -1, &out, res, NULL);
	v = cJSON_Parse(out.buf);
	sb_release(&out);
	cJSON_Delete(r);
	return v;
}

static const cJSON *reach(const cJSON *v)
{
	return evidence(v, "reach");
}

static void test_reach(void)
{
	static const char cafe[] = "这家咖啡馆在市中心，拿铁12刀，环境安静，适合看书，周末人比较多。";
	struct resonance_result a, b, c, d, e;
	struct strbuf t = STRBUF_INIT;
	cJSON *va, *vb, *vc, *vd, *ve;

	va = score(NULL, cafe, &a);
	/* the same note as a private record: the day, the family, a greeting */
	sb_adds(&t, cafe);
	sb_adds(&t, "今天是我生日，老公和女儿陪我来的，记录一下。");
	vb = score(NULL, t.buf, &b);
	ok(b.score < a.score, "private: a record of the author's day lowers the score (%.1f < %.1f)",
	   b.score, a.score);
	ok(has_str(reach(vb), "-生日") && has_str(reach(vb), "-女儿"),
	   "private: 生日 and 女儿 are reach evidence, marked '-'");
	/* negative: a sentence of the same kind without private cues changes nothing */
	sb_reset(&t);
	sb_adds(&t, cafe);
	sb_adds(&t, "店里有插座和无线网络，桌子也很宽。");
	vc = score(NULL, t.buf, &c);
	ok(c.score >= a.score, "private: a plain sentence does not lower it (%.1f >= %.1f)",
	   c.score, a.score);
	ok(cJSON_GetArraySize(reach(vc)) == 0, "reach: no cue, no evidence");
	/* public matter raises it */
	sb_reset(&t);
	sb_adds(&t, cafe);
	sb_adds(&t, "附近就是签证中心，办理签证前可以先来这里准备材料。");
	vd = score(NULL, t.buf, &d);
	ok(d.score > c.score, "public: paperwork readers look up raises the score (%.1f > %.1f)",
	   d.score, c.score);
	ok(has_str(reach(vd), "+签证"), "public: 签证 is reach evidence, marked '+'");
	/* the private penalty is capped: forty private words weigh like priv_cap of them */
	sb_reset(&t);
	sb_adds(&t, cafe);
	sb_adds(&t, "今天记录日常，老公老婆爸爸妈妈爷爷奶奶外婆女儿儿子孩子家人，在家做饭早餐午餐"
		    "晚餐，生日新年圣诞中秋春节元旦跨年快乐祝福。");
	ve = score(NULL, t.buf, &e);
	ok(e.score > 0 && e.score >= a.score * 0.3,
	   "private: the penalty saturates (%.1f >= 0.3 x %.1f)", e.score, a.score);
	cJSON_Delete(va);
	cJSON_Delete(vb);
	cJSON_Delete(vc);
	cJSON_Delete(vd);
	cJSON_Delete(ve);
	sb_release(&t);
}

/* A planting note (a recommendation readers can act on) reaches further: x RP.planting,
 * shown in the reach evidence; every other type, and an unknown one, counts as written. */
static void test_note_type(void)
{
	static const char rec[] = "这家店的拿铁12刀，环境安静，适合看书，周末人比较多，推荐大家去试试。";
	struct resonance_result u, e, p, s;
	cJSON *vu = score_typed(NULL, rec, -1, &u), *ve = score_typed(NULL, rec, NT_EXPERIENCE, &e);
	cJSON *vp = score_typed(NULL, rec, NT_PLANTING, &p), *vs = score_typed(NULL, rec, NT_SPONSORED, &s);
	ok(p.score > e.score, "note type: planting %.1f > experience %.1f", p.score, e.score);
	ok(e.score == u.score && s.score == u.score, "note type: only planting changes the score");
	ok(p.score <= 100, "note type: the score stays within 0-100");
	ok(has_str(reach(vp), "+type:planting"), "note type: the planting factor is evidence");
	ok(!has_str(reach(ve), "+type:planting") && !has_str(reach(vu), "+type:planting"),
	   "note type: no planting evidence for other types");
	for (int i = 0; i < 5; i++)
		ok(p.part[i] == e.part[i], "note type: part %d is the same (the factor is on the score)", i);
	cJSON_Delete(vu);
	cJSON_Delete(ve);
	cJSON_Delete(vp);
	cJSON_Delete(vs);
}

static void test_pictures(void)
{
	static const char note[] = "这家咖啡馆在市中心，拿铁12刀，环境安静。";
	struct resonance_result a, b, c, d, e;
	cJSON *va, *vb, *vc, *vd, *ve;
	va = score_rec(note, "{\"type\":\"normal\",\"image_list\":\"u0\"}", &a);
	vb = score_rec(note, "{\"type\":\"normal\",\"image_list\":\"u0,u1,u2,u3,u4,u5,u6,u7,u8\"}",
		       &b);
	vc = score_rec(note, "{\"type\":\"normal\",\"image_list\":\"u0,u1,u2,u3,u4,u5,u6,u7,u8,"
			     "u9,u10,u11,u12,u13,u14,u15,u16,u17\"}", &c);
	vd = score_rec(note, "{\"type\":\"video\",\"image_list\":\"u0\"}", &d);
	ve = score_rec(note, "{\"type\":\"normal\",\"image_list\":[\"u0\",\"u1\",\"u2\"]}", &e);
	ok(b.part[EXP] > a.part[EXP], "pictures: nine pictures show more than one (%.3f > %.3f)",
	   b.part[EXP], a.part[EXP]);
	ok(has_str(evidence(vb, "experiential"), "picture×9"), "pictures: picture×9 is evidence");
	ok(c.part[EXP] <= b.part[EXP] + 1e-9, "pictures: capped, eighteen weigh like nine");
	ok(has_str(evidence(vd, "experiential"), "picture×3"), "pictures: a video counts as three");
	ok(has_str(evidence(ve, "experiential"), "picture×3"), "pictures: image_list as an array");
	ok(has_str(evidence(va, "experiential"), "picture×1"), "pictures: one picture, one credit");
	{
		struct resonance_result f;
		cJSON *vf = score(NULL, note, &f);
		const cJSON *it;
		int any = 0;
		cJSON_ArrayForEach(it, evidence(vf, "experiential"))
			any |= cJSON_IsString(it) && !strncmp(it->valuestring, "picture", 7);
		ok(!any && f.part[EXP] < a.part[EXP],
		   "pictures: a note without a record has no picture credit");
		cJSON_Delete(vf);
	}
	cJSON_Delete(va);
	cJSON_Delete(vb);
	cJSON_Delete(vc);
	cJSON_Delete(vd);
	cJSON_Delete(ve);
}

static void test_latin_names(void)
{
	struct resonance_result a, b, c;
	cJSON *va = score(NULL, "周末去了costco，人很多。", &a);
	cJSON *vb = score(NULL, "周末去了costco，人很多。costco costco costco costco", &b);
	cJSON *vc = score(NULL, "周末去了costco，人很多。target walmart kroger aldi", &c);
	ok(b.part[EXP] <= a.part[EXP] + 1e-9,
	   "latin: a name said five times is one name (%.3f <= %.3f)", b.part[EXP], a.part[EXP]);
	ok(c.part[EXP] > a.part[EXP], "latin: five different names are more detail (%.3f > %.3f)",
	   c.part[EXP], a.part[EXP]);
	ok(has_str(evidence(vc, "experiential"), "latin×5"), "latin: distinct names are evidence");
	cJSON_Delete(va);
	cJSON_Delete(vb);
	cJSON_Delete(vc);
}

/* Sensory impressions (taste, feel, look) count, but a fact a reader can act on counts more. */
static void test_sensory(void)
{
	struct resonance_result a, b, c;
	cJSON *va = score(NULL, "这家店的东西不错，人也可以，感觉很好。", &a);
	cJSON *vb = score(NULL, "这家店的口感不错，味道也可以，环境很好。", &b);
	cJSON *vc = score(NULL, "这家店的价格不错，停车也可以，位置很好。", &c);
	ok(b.part[EXP] > a.part[EXP], "sensory: impressions still count (%.3f > %.3f)",
	   b.part[EXP], a.part[EXP]);
	ok(has_str(evidence(vb, "experiential"), "口感"), "sensory: 口感 is evidence");
	ok(c.part[EXP] > 2 * b.part[EXP],
	   "sensory: three facts weigh more than twice three impressions (%.3f > 2 x %.3f)",
	   c.part[EXP], b.part[EXP]);
	ok(c.score > b.score, "sensory: the facts outrank the impressions (%.1f > %.1f)", c.score,
	   b.score);
	cJSON_Delete(va);
	cJSON_Delete(vb);
	cJSON_Delete(vc);
}

/* A ranking verdict (the best, the first choice) tells the reader which to pick: interaction.
 * 最 inside a word (最后, 最近) and an ordinal (第一次) are no verdict; a marketing superlative
 * still lowers the score. */
static void test_verdict(void)
{
	struct resonance_result a, b, c, d, e;
	cJSON *va = score(NULL, "这家店的牛肉面挺好吃的，汤也不错。", &a);
	cJSON *vb = score(NULL, "这家店的牛肉面是我吃过最好吃的，汤也是首选。", &b);
	cJSON *vc = score(NULL, "最后我们第一次去了这家店，最近常去，汤也不错。", &c);
	cJSON *vd = score(NULL, "这款面霜是我用过最好用的，冬天首选。", &d);
	cJSON *ve = score(NULL, "这款面霜是我用过最好用的，冬天首选。史上最强面霜，全网最低价！",
			  &e);
	ok(b.part[INTER] > a.part[INTER], "verdict: a ranking verdict is interaction (%.3f > %.3f)",
	   b.part[INTER], a.part[INTER]);
	ok(has_str(evidence(vb, "interaction"), "首选"), "verdict: 首选 is evidence");
	ok(c.part[INTER] == 0, "verdict: 最后, 最近 and 第一次 are no verdict (%.3f)", c.part[INTER]);
	ok(e.score < d.score, "verdict: a marketing superlative still lowers the score (%.1f < %.1f)",
	   e.score, d.score);
	cJSON_Delete(va);
	cJSON_Delete(vb);
	cJSON_Delete(vc);
	cJSON_Delete(vd);
	cJSON_Delete(ve);
}

static void test_empty_and_json(void)
{
	struct resonance_result r;
	cJSON *v = score(NULL, "", &r);
	ok(v != NULL, "empty: output is valid JSON");
	ok(r.score == 0, "empty: score 0");
	ok(num(v, "score") == 0 && num(v, "emotional") == 0, "empty: JSON fields are 0");
	ok(cJSON_IsArray(evidence(v, "story")), "empty: evidence lists are present");
	cJSON_Delete(v);
	v = score("标题\"引号\"", "带引号\"和\\反斜杠\t以及控制字符\x01的笔记！", &r);
	ok(v != NULL, "quotes and control bytes: output is valid JSON");
	cJSON_Delete(v);
}

static cJSON *sips(const char *title, const char *desc)
{
	struct note n;
	struct strbuf out = STRBUF_INIT;
	cJSON *v;
	make_note(&n, title, desc);
	sips_score(sm, &n, &out, NULL);
	v = cJSON_Parse(out.buf);
	sb_release(&out);
	return v;
}

static void test_sips(void)
{
	cJSON *a = sips("油皮护肤分享", "这款精华液性价比很高，学生党也买得起，敏感肌用着不刺激。"
					"你们有什么推荐吗？评论区告诉我！建议收藏 #护肤[话题]# @小红薯");
	cJSON *b = sips(NULL, "今天天气不错。");
	const cJSON *aud = cJSON_GetObjectItemCaseSensitive(a, "audience");
	const cJSON *cat = cJSON_GetObjectItemCaseSensitive(a, "category");
	ok(a && b, "sips: valid JSON");
	ok(cJSON_IsString(cat) && !strcmp(cat->valuestring, "skincare"), "sips: category skincare");
	ok(has_str(aud, "学生党") && has_str(aud, "敏感肌") && has_str(aud, "油皮"),
	   "sips: audience 学生党, 敏感肌, 油皮");
	ok(num(a, "identify") > num(b, "identify"), "sips: identify higher for a targeted note");
	ok(num(a, "participate") > num(b, "participate"), "sips: participate higher with 评论区");
	ok(num(a, "share") > num(b, "share"), "sips: share higher with 建议收藏, tags, mention");
	ok(num(a, "identify") <= 1 && num(a, "share") <= 1 && num(a, "participate") <= 1,
	   "sips: stages in [0,1]");
	ok(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(b, "category")),
	   "sips: no category -> null");
	ok(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(b, "audience")) == 0,
	   "sips: no audience -> []");
	ok(has_str(evidence(a, "share"), "建议收藏"), "sips: 建议收藏 is share evidence");
	ok(has_str(evidence(a, "participate"), "评论区"), "sips: 评论区 is participate evidence");
	cJSON_Delete(a);
	cJSON_Delete(b);
}

static void test_explain(void)
{
	struct note n;
	struct strbuf ex = STRBUF_INIT;
	make_note(&n, NULL, "亲测好用！全网最低价");
	resonance_score(rm, &n, NULL, -1, NULL, NULL, &ex);
	ok(strstr(ex.buf ? ex.buf : "", "authenticity") != NULL, "explain: names the parts");
	ok(strstr(ex.buf ? ex.buf : "", "全网最低") != NULL, "explain: shows the hard-sell cue");
	sb_release(&ex);
}

static void test_cue(void)
{
	struct cue_set cs;
	struct cue_note cn;
	struct note n;
	uint32_t v = 99;
	size_t len, found = 0, road = 0;
	const char *name;

	cue_set_init(&cs);
	ok(cue_set_put(&cs, "Road Trip", 1) == 0, "cue: a phrase with a space is added");
	ok(cue_set_put(&cs, "  ", 2) < 0, "cue: an empty term is refused");
	cue_set_put(&cs, "评论区告诉我", 3);
	{ /* intern: a new term takes the next number, a known one (any width or case) keeps its own */
		size_t next = 10;
		long a = cue_set_intern(&cs, "亲测有效", &next), b = cue_set_intern(&cs, "ＲＯＡＤ trip", &next);
		ok(a == 10 && next == 11, "cue: intern numbers a new term (%ld, next %zu)", a, next);
		ok(b == 1 && next == 11, "cue: intern finds a known term without numbering (%ld)", b);
		ok(cue_set_intern(&cs, "亲测有效", &next) == 10 && next == 11, "cue: intern twice, one number");
		ok(cue_set_intern(&cs, " ", &next) < 0 && next == 11, "cue: intern refuses an empty term");
	}
	cue_set_put(&cs, "评论区", 4);
	make_note(&n, "ROAD", "trip 我们的ＲＯＡＤ ＴＲＩＰ，评论区告诉我");
	cue_prepare(&n, &cn);
	for (size_t i = 0; i < n.ntok;) {
		len = cue_match(&cs, &cn, i, 0, &v);
		if (len) {
			found |= 1u << v;
			road += v == 1;
			i += len;
		} else {
			i++;
		}
	}
	ok(road == 1, "cue: title 'ROAD' + body 'trip' is no match (%zu matches)", road);
	ok(found & 1u << 1, "cue: full-width 'ＲＯＡＤ ＴＲＩＰ' matches 'road trip' over tokens");
	ok((found & 1u << 3) && !(found & 1u << 4), "cue: the longest term wins (评论区告诉我)");
	v = 99;
	len = cue_match_str(&cs, "评论区告诉你", strlen("评论区告诉你"), &v);
	ok(len == strlen("评论区") && v == 4, "cue: cue_match_str finds the longest prefix term");
	len = cue_tag_name("#美食[话题]#", strlen("#美食[话题]#"), &name);
	ok(len == strlen("美食") && !memcmp(name, "美食", len), "cue: tag name of #美食[话题]#");
	len = cue_tag_name("#ootd", 5, &name);
	ok(len == 4 && !memcmp(name, "ootd", 4), "cue: tag name of #ootd");
	ok(cue_tag_name("美食", strlen("美食"), &name) == 0, "cue: not a tag");
	cue_set_release(&cs);
}

int main(void)
{
	if (setup() < 0) {
		ok(0, "setup: lexicons, dictionary and models load (run from the repository root)");
		return tap_done();
	}
	test_first_hand();
	test_hard_sell();
	test_story();
	test_interaction();
	test_saturation_and_length();
	test_reach();
	test_note_type();
	test_pictures();
	test_latin_names();
	test_sensory();
	test_verdict();
	test_empty_and_json();
	test_sips();
	test_explain();
	test_cue();
	sips_model_free(sm);
	category_model_free(cm);
	resonance_model_free(rm);
	fixture_release();
	return tap_done();
}
