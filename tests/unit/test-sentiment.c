/*
 * test-sentiment.c - sentiment rules, each with a case where it fires and one where it must
 * not, in Chinese and English: lexicon words, negation scope and double negation, degree
 * words, contrast and concession, expectation turned around, rhetorical questions and
 * rhetorical negation, exclamation and repetition, capitals, context words (绝了), wishful
 * and conditional clauses, warnings, comparisons, bare negation, emoticons and emoji,
 * saturation of long notes, the JSON shape, sentiment_from_json, and lexicon errors.
 * Run from the repository root (make test does).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "lexicon.h"
#include "normalize.h"
#include "segdict.h"
#include "sentiment.h"
#include "fixture.h"
#include "tap.h"
#include "token.h"
#include "util.h"

#include "sentiment-fixture.h"

static void make_note(struct note *n, const char *s)
{
	fixture_note(n, NULL, s);
}

static void test_lexicon_words(void)
{
	POS("好吃", "zh word");
	NEG("难吃", "zh word");
	POS("yyds", "community word");
	NEG("智商税", "community word");
	POS("great", "en word");
	NEG("terrible", "en word");
	POS("I loved it", "en inflection loved -> love");
	NEG("it sucked", "en inflection sucked -> suck");
	POS("the coolest thing", "en inflection coolest -> cool");
	POS("so goooood", "en stretched word");
	POS("well-made", "en hyphenated word");
	ZERO("今天去超市买了牛奶", "neutral zh");
	ZERO("The store opens at nine.", "neutral en");
	ZERO("好像要下雨", "stop word 好像 hides 好");
	ZERO("别人都去了", "stop word 别人 hides 别");
	ZERO("快递到了", "stop word 快递 hides 快");
	POS("心情不好的时候看这本书，很不错", "zh a mood as the time of an action is no verdict");
	NEG("心情不好，这本书也很无聊", "zh the mood alone still counts");
}

static void test_negation(void)
{
	NEG("不好吃", "zh negated word");
	NEG("不是很满意", "zh negation before degree");
	MORE("不是很好", "很不好", "zh 不是很好 milder than 很不好");
	NEG("没有想象中好", "zh negation over 4 characters");
	NEG("根本没有介绍的那么好用", "zh negated comparison: 那么 carries the negator past the window");
	NEG("没有评论和想象中的好", "zh negated comparison: 中的 carries the negator too");
	POS("说明书写得那么好", "zh 那么 without a negator is a degree word");
	POS("没有味道，但是老师讲得那么好", "zh the negator stays in its clause");
	POS("好吃，不贵", "zh negation stays in its clause");
	POS("不是不好", "zh double negation");
	NEG("如果没买不建议买", "zh a distant negator does not flip a self-negated term");
	NEG("光盘按不紧就读不出", "zh nor a term with its negation inside (读不出)");
	NEG("不是期待的那么好", "zh expectations not met: a comparison");
	POS("一点都不油腻", "zh negated negative");
	NEG("not good", "en not good");
	NEG("this is not a good phone", "en negation scope");
	NEG("I don't like it", "en n't");
	POS("not bad at all", "en not bad");
	POS("I never regret buying it", "en never + negative");
	NEG("没有餐具", "bare negation: a review's missing item");
	NEG("不用尝了不好吃", "negation does not reach across a sentence-final 了");
	NEG("没有想象中的好", "comparison with expectations");
	POS("不像别家那么难吃", "zh 不像 is a comparison: unlike a bad thing is praise");
	NEG("看着不像正品", "zh 不像 + good thing is a doubt");
	NEG("别的版本比这个好", "zh another thing better than this one is a complaint");
	ZERO("知道了", "no negator, no evidence");
}

static void test_degree(void)
{
	MORE("超实惠", "实惠", "zh 超 amplifies");
	MORE("好吃", "有点好吃", "zh 有点 softens");
	MORE("做工粗糙了点", "做工粗糙", "zh a softener after the word (了点) makes it mild");
	NEG("做工粗糙了点", "zh a softened complaint stays a complaint");
	ok(score("做工粗糙了") == score("做工粗糙"), "zh 了 alone is no softener");
	POS("很满意，就是做工粗糙了点", "zh praise with a softened minor point");
	ok(score("非常差") < score("差"), "zh degree makes negatives more negative");
	MORE("very good", "good", "en very amplifies");
	MORE("good", "slightly good", "en slightly softens");
	NEG("好贵", "好 before a polar word is a degree word");
	POS("好", "好 alone is positive");
	NEG("严重影响使用", "zh 严重 alone is a complaint");
	POS("严重推荐", "zh 严重 before a polar word is a degree word, not a complaint");
}

static void test_contrast(void)
{
	NEG("味道不错，但是送餐太慢了", "zh contrast: later clause wins");
	POS("送餐有点慢，但是味道很好", "zh contrast the other way");
	POS("虽然有点贵，但是真的好用", "zh concession");
	NEG("虽然包装好看，可是味道一言难尽", "zh concession, negative end");
	POS("本来以为会踩雷，没想到这么好吃", "zh expectation turned around");
	NEG("本来很期待，结果大失所望", "zh expectation let down");
	POS("本以为很难吃，结果很好吃", "zh 本以为 denies what was expected");
	NEG("原以为会很好看，结果一般", "zh 原以为 + praise, then a let-down");
	NEG("还以为是原装的", "zh 还以为 alone: the thing is not what was expected");
	NEG("The food was okay but the service was terrible.", "en but");
	POS("It was expensive but totally worth it.", "en but, positive end");
	POS("Although the line was long, the tacos were great.", "en although");
	POS("我很满意，就是发货慢", "zh mild reservation: 就是 makes what follows a minor point");
	NEG("我很满意，但是发货慢", "zh 但是 is a full contrast: what follows decides");
	POS("味道很好，不过有点贵", "zh mild reservation: 不过");
	NEG("不过太难吃了", "zh a mild marker still lets a complaint alone count");
	POS("挺好，只可惜没有英文字幕", "zh 只可惜 introduces a minor point");
	NEG("可惜，太难吃了", "zh 可惜 alone stays a regret");
}

static void test_questions(void)
{
	POS("难道这不好吗？", "zh rhetorical question flips");
	NEG("难道这样就好吗？", "zh rhetorical question flips praise");
	ok(fabs(score("好吃吗？")) < fabs(score("好吃")), "zh plain question weakens");
	POS("谁不爱这家的蛋挞", "zh rhetorical negation 谁不爱");
	NEG("我不爱这家的蛋挞", "zh plain negation 不爱");
	POS("Who wouldn't love a free upgrade?", "en rhetorical 'who wouldn't'");
	NEG("这不是吊胃口吗？", "zh 不是…吗 is rhetorical: it affirms the complaint");
	POS("这个价格不是问题", "zh 不是 outside a 吗 question still negates");
	NEG("不是说很好用吗", "zh 不是说…吗 recalls a promise not kept");
	NEG("难道不是随便糊弄人吗", "zh with 难道 the opener alone decides");
	POS("这家的蛋糕不要太好吃哦", "zh 不要太 + praise is emphasis, not negation");
	NEG("不太好吃", "zh 不太 stays a negator");
	NEG("不要买", "zh 不要 alone stays a warning");
}

static void test_emphasis(void)
{
	MORE("好吃！！！", "好吃", "zh exclamation amplifies");
	MORE("难吃", "难吃！！！", "zh exclamation amplifies negatives");
	MORE("好好好", "好", "zh repetition adds up");
	MORE("This is GREAT", "This is great", "en capitals amplify");
	ok(score("GREAT") == score("great"), "en capitals only count in mixed-case text");
	MORE("good good good", "good", "en repetition adds up");
}

static void test_tone_marks(void)
{
	NEG("又到货了！！！", "zh tone: three '!' in a note without words are agitation");
	ZERO("又到货了！", "zh tone: one '!' alone is no cue");
	NEG("什么时候发货？？", "zh tone: two '?' are indignation");
	ZERO("什么时候发货？", "zh tone: one '?' asks, it takes no attitude");
	ok(score("发货太慢了？？") < score("发货太慢了？"), "zh tone: two '?' are indignation, one is not");
	ZERO("有人知道吗？", "zh tone: a question alone scores 0");
	ok(score("什么时候发货？？") < 0 && score("什么时候发货？？") > -0.1,
	   "zh tone: '？？' alone leans negative but stays neutral (%g)", score("什么时候发货？？"));
	ok(score("怎么画眉毛？！！！") > -0.1, "zh tone: tone cues alone stay neutral together");
	ok(score("怎么这么难吃？？") < score("这么难吃"), "zh tone: beside words the cues count in full");
	NEG("就这样吧。。。", "zh tone: a trailing ellipsis of full stops is a sigh");
	POS("收到了~", "zh tone: a tilde is friendly");
	ZERO("3~5天到", "zh tone: a tilde between numbers is a range");
	ZERO("it arrived!!!", "tone marks count in Chinese notes only");
	MORE("好吃！！！", "好吃", "zh tone: three '!' after a word amplify it, no agitation");
	POS("好！！！", "zh tone: a tone mark does not make 好 a degree word");
}

static void test_a_not_a(void)
{
	NEG("不知道是不是我的问题", "zh A-not-A question: 不是 does not flip 问题");
	POS("不是我的问题", "zh 不是 + word: negation");
	NEG("有没有问题", "zh 有没有 does not flip 问题");
	POS("没有问题", "zh 没有 + word: negation");
}

static void test_aspects(void)
{
	POS("性价比这么高", "zh aspect: more of a good thing (性价比 + 高)");
	NEG("价格有点高", "zh aspect: more of a bad thing (价格 + 高)");
	POS("价格比别家低", "zh aspect: less of a bad thing (价格 + 低)");
	NEG("续航时间短", "zh aspect: less of a good thing");
	POS("价格不高", "zh aspect: a negated scalar");
	NEG("电池没有说的待机时间那么长", "zh aspect: a negator before the aspect reaches its scalar");
	ZERO("这个很高", "zh scalar without an aspect counts nothing");
	ZERO("大家都知道这个价格", "zh scalar after an aspect only: 大家 is no scalar");
	ok(score("价格高很多") == score("价格高"), "zh aspect: one scalar an aspect (价格高很多)");
	POS("好大一个煎饼", "zh 好 before a scalar without an aspect stays praise");
	POS("高性能低价格", "zh scalar right before its aspect: 高性能, 低价格");
	POS("价格低性能高", "zh the same after the aspects: 价格低, 性能高");
	NEG("低性能", "zh less of a good thing before it");
}

static void test_reply(void)
{
	NEG("房间很脏。 宾馆反馈 2008年7月8日 ： 感谢您的宝贵意见，欢迎再次光临！",
	    "zh a merchant's reply does not count");
	POS("房间很脏。感谢您的宝贵意见，欢迎再次光临！", "zh the same words as the author's own");
	POS("如果送个包就完美了", "zh 就完美了: a wish that grants it is nearly perfect");
}

static void test_context(void)
{
	POS("这个颜色真的绝了", "绝了 alone: praise");
	NEG("等了三天还没到，真的绝了", "绝了 in a complaint: exasperation");
	POS("好吃到笑死", "笑死 with praise");
	NEG("快递又坏了，笑死", "笑死 with a complaint");
}

static void test_wish_warning_comparison(void)
{
	NEG("如果再便宜点就好了", "zh wish: not praise");
	POS("便宜", "zh the same word outside the wish");
	ok(fabs(score("如果好吃")) < fabs(score("好吃")), "zh conditional weakens");
	NEG("It would be nice if it actually worked.", "en wish");
	NEG("千万别买", "zh warning");
	NEG("避雷！", "zh warning word");
	POS("千万别错过这家早茶！", "zh 别 + negative word: a recommendation");
	NEG("不如去店里吃", "zh comparison 不如 alone");
	NEG("没有上次好吃", "zh comparison with 没有");
	POS("比上次好吃多了", "zh comparison 比 X 好");
	NEG("Don't buy this.", "en warning");
}

static void test_emoticons(void)
{
	POS("[赞R]", "xhs code positive");
	NEG("[哭惹R]", "xhs code negative");
	POS("[哈哈]", "weibo code positive");
	NEG("[泪]", "weibo code negative");
	NEG("[哈哈]钱包空了[泪]", "weibo: a negative code outweighs a positive one");
	POS("😍", "emoji positive");
	NEG("😭😭", "emoji negative");
	POS("I love it :)", "text emoticon");
	POS("不[哈哈]", "emoticons are not negated: counted as written");
	NEG("周末去了这家店 #避雷[话题]#", "topic tag looked up whole");
	ZERO("#美食[话题]#", "a neutral topic tag");
	NEG("again #fail", "English hashtag");
}

static void test_saturation(void)
{
	struct strbuf long_note = STRBUF_INIT;
	double s;
	for (int i = 0; i < 200; i++)
		sb_adds(&long_note, "好吃，服务好，环境不错。");
	s = score(long_note.buf);
	ok(s > 0.9 && s < 1, "a long glowing note stays below 1 (%g)", s);
	sb_reset(&long_note);
	for (int i = 0; i < 100; i++)
		sb_adds(&long_note, "好吃。难吃。");
	s = score(long_note.buf);
	ok(fabs(s) < 0.5, "a long mixed note stays near the middle (%g)", s);
	sb_release(&long_note);
	ok(score("好") < 0.9, "one word is not certainty");
}

static void test_json(void)
{
	struct note n;
	struct sentiment_result r, back;
	cJSON *v;
	make_note(&n, "超实惠，但是有点贵");
	sb_reset(&out);
	sentiment_analyse(sm, &n, -1, &out, &r);
	v = cJSON_Parse(out.buf);
	ok(v != NULL, "json: valid JSON");
	if (v) {
		const cJSON *lab = cJSON_GetObjectItemCaseSensitive(v, "label");
		const cJSON *ev = cJSON_GetObjectItemCaseSensitive(v, "evidence");
		const cJSON *e0 = cJSON_GetArrayItem(ev, 0);
		ok(cJSON_IsString(lab), "json: label is a string");
		ok(cJSON_IsArray(ev) && cJSON_GetArraySize(ev) == 2, "json: two evidence items");
		ok(e0 && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e0, "term")) &&
			   cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(e0, "weight")) &&
			   cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e0, "rule")),
		   "json: evidence has term, weight, rule");
		ok(e0 && strstr(cJSON_GetObjectItemCaseSensitive(e0, "rule")->valuestring,
				"degree:超") != NULL,
		   "json: the degree rule is named");
		ok(sentiment_from_json(v, &back) == 0 && fabs(back.score - r.score) < 1e-4 &&
			   back.label == r.label,
		   "json: sentiment_from_json reads it back");
		cJSON_Delete(v);
	}
	make_note(&n, "");
	sentiment_analyse(sm, &n, -1, NULL, &r);
	ok(r.score == 0 && r.label == 0 && r.nterms == 0, "json: empty note is neutral, out may be NULL");
	v = cJSON_Parse("{\"label\":\"positive\"}");
	ok(sentiment_from_json(v, &back) < 0, "json: an object without score is rejected");
	cJSON_Delete(v);
}

/* Connotations (role conn): a lean where no word of evaluation speaks, dropped beside one. */
static void test_connotation(void)
{
	POS("Sitting in the garden with grandma", "conn: pleasant things lean a note positive");
	ok(res.label == 0 && evidence_has("connotation"), "conn: the lean is evidence, the note neutral");
	NEG("In the waiting room", "conn: unpleasant things lean a note negative");
	ok(score("In the waiting room") > -0.1, "conn: a negative lean stays neutral");
	NEG("The garden is awful", "conn: a word of evaluation decides");
	ok(!evidence_has("connotation"), "conn: beside a word of evaluation the lean is dropped");
	ok(score("Great garden") == score("Great"), "conn: dropped, it changes nothing");
	POS("去散步", "zh conn: 散步 leans positive");
	NEG("排队中", "zh conn: 排队 leans negative");
	ok(score("排队中。。。") < 0 && score("排队中。。。") > -0.1,
	   "zh conn: capped with the tone cues, still neutral");
	POS("排队，很开心", "zh conn: 开心 decides beside 排队");
	ok(!evidence_has("排队"), "zh conn: dropped from the evidence beside 开心");
	ZERO("Photo posted", "conn: no connotation, no lean");
	NEG("Gotta love Mondays", "conn: a context word takes the sign of connotations alone");
	ok(!evidence_has("connotation"), "conn: lending its sign, the lean leaves no evidence");
	POS("Gotta love this phone", "conn: without connotations a context word keeps its sign");
	NEG("Yay. Taxes.", "conn: deadpan over a connotation");
	NEG("绝了，排队两小时", "zh conn: 绝了 takes the sign of 排队");
}

/* Demoted connotations (issue #5): words that name no verdict lean a note only where no word of
 * evaluation speaks; verdict words stay polar; the evaluation words added with them. */
static void test_demoted(void)
{
	NEG("又感冒了", "demoted: 感冒 leans negative");
	ok(res.label == 0 && score("又感冒了") > -0.1, "demoted: 感冒 alone leaves the note neutral");
	POS("感冒了，这个药很好用", "demoted: 好用 decides beside 感冒");
	ok(!evidence_has("感冒"), "demoted: 感冒 dropped beside 好用");
	POS("今天去健身", "demoted: 健身 leans positive");
	ok(res.label == 0, "demoted: 健身 alone leaves the note neutral");
	NEG("健身房很脏", "demoted: 脏 decides, 健身 adds nothing");
	ok(!evidence_has("健身"), "demoted: 健身 dropped beside 脏");
	ok(score("地震了，房子很结实") == score("房子很结实"), "demoted: 地震 changes nothing beside 结实");
	NEG("房间很拥挤", "kept polar: 拥挤 of a room is a complaint");
	ok(res.label < 0, "kept polar: 拥挤 labels the note negative");
	POS("不生病的秘诀", "demoted: 不生病 is staying well, no bare negation");
	POS("耳机发烧友", "demoted: 发烧友 hides 发烧 (a fever)");
	ok(score("快乐水") < score("快乐") && score("快乐水") > 0, "demoted: 快乐水 is cola, a lean, not 快乐");
	NEG("我对这个牌子不感冒", "added: 不感冒 is 'not keen', not a negated cold");
	NEG("强烈谴责这种行为", "added: 谴责 condemns");
	NEG("他奶奶的", "added: 他奶奶的 is a curse (奶奶 alone leans positive)");
	ok(score("奶奶的生日") >= 0, "added: 奶奶的 alone is grandma's, no curse (%g)", score("奶奶的生日"));
	NEG("真是个笨蛋", "added: 笨蛋 is an insult");
	POS("最近沉迷这款游戏", "added: 沉迷 alone is taken as praise");
	NEG("孩子沉迷手机，太糟糕了", "added: 沉迷 takes the sign of the note");
}

/* Stop words: 好 of completion after a verb, things named after a quality they serve. */
static void test_completion_and_names(void)
{
	ZERO("系好安全带", "stop: 系好 is done, 安全带 a seat belt");
	ZERO("要带健康证明", "stop: 健康证明 is a certificate, not 健康");
	ZERO("东西都收好了", "stop: 收好 is done, not good");
	POS("这里很安全", "安全 alone is still praise");
	POS("包装很好", "好 after a noun and a degree word is still praise");
}

static void test_lexicon_errors(void)
{
	struct fixture_root fr;
	struct lexset bad;
	if (fixture_root_open(&fr, "sentiment") < 0) {
		ok(0, "lexicon: temp folder");
		return;
	}
	ok(fixture_root_load(&fr, "好\t1\n坏\tx\n怪\t1\tnosuchrole\n", &bad) < 0,
	   "lexicon: bad weight and unknown role are errors");
	lexset_release(&bad);
	ok(fixture_root_load(&fr, "园\t0\tconn\n", &bad) < 0, "lexicon: a conn weight of 0 is an error");
	lexset_release(&bad);
	ok(fixture_root_load(&fr, "园\t1.5\tconn\n", &bad) < 0,
	   "lexicon: a conn weight beyond 1 is an error");
	lexset_release(&bad);
	ok(fixture_root_load(&fr, "# test root\n妙\t2\n不\t-0.8\tneg\n巨\t2\tdegree\n", &bad) == 0,
	   "lexicon: a small test root loads");
	{
		struct sentiment_model *m = sentiment_model_new(&bad, NULL);
		ok(m != NULL, "lexicon: a model from the test root");
		ok(score_with(m, "巨妙") > score_with(m, "妙"), "lexicon: test degree word");
		ok(score_with(m, "不妙") < 0, "lexicon: test negator");
		ok(score_with(m, "好") == 0, "lexicon: only the test root's words");
		sentiment_model_free(m);
	}
	lexset_release(&bad);
	fixture_root_close(&fr);
}


/* Second pass (issue #5): each rule where it fires and where it must not. */
static void test_second_pass(void)
{
	/* neg_end: a negator about a verb of knowing or looking */
	ZERO("I didn't know the shop was open", "neg_end: no bare negation before know");
	NEG("the shop didn't open", "bare negation still counts without a neg_end verb");
	POS("I never knew a kettle could be this nice", "neg_end: the negation stops at knew");
	NEG("I never thought it was nice", "opinion verbs are not neg_end: negation passes think");
	/* rhetorical negation of a state not reached before */
	POS("haven't been this happy in years", "haven't been this + positive strengthens");
	NEG("haven't been this tired in years", "haven't been this + negative stays negative");
	NEG("I haven't been happy with it", "plain haven't been still flips");
	POS("setting it up couldn't be any easier", "negated comparative with any is a superlative");
	NEG("it can't get any worse", "negated comparative with any keeps a negative sign");
	NEG("the new one isn't any better", "a plain negated comparative still flips");
	/* interjections are counted as written */
	ok(score("not lol") > 0, "interj: lol is not negated (%g)", score("not lol"));
	ok(strstr((score("haha"), out.buf), "interjection") != NULL, "interj: evidence rule");
	NEG("not funny", "a plain word after not is still negated");
	/* ratings */
	POS("I give it 5 stars", "rating: 5 stars");
	NEG("I give it 1 star", "rating: 1 star");
	NEG("two stars", "rating: number word");
	POS("9 out of 10", "rating: out of 10");
	POS("solid 4/5", "rating: fraction out of 5");
	NEG("2/10 would not return", "rating: fraction out of 10");
	ZERO("it takes 1/10 of a second", "rating: a fraction followed by 'of' is not a rating");
	ZERO("we met on 3/12", "rating: a fraction out of 12 is not a rating");
	ZERO("I ate 5 apples", "rating: a number alone is not a rating");
	NEG("it does not deserve 5 stars", "rating: negated");
	ok(fabs(score("if it had a case I would give it 5 stars")) < fabs(score("I give it 5 stars")),
	   "rating: a conditional rating counts less");
	/* HTML entities */
	POS("you &amp; me, great day", "entity &amp; does not break the clause or count");
	NEG("so tired &gt;:(", "entity &gt; starts a text emoticon");
	ZERO("fish &amp; chips", "entity alone is neutral");
	/* English rhetorical questions */
	POS("for that price, how can you go wrong?", "rhet: how can you go wrong? is praise");
	NEG("the price is wrong", "rhet: no flip without the opener");
	NEG("how can you go wrong here", "rhet: no flip without a question mark");
	/* a turn in time is a contrast */
	NEG("it worked great for a month, then it stopped charging", "praise then failure");
	POS("it was slow at first, then it got faster and great", "failure then praise");
	NEG("great speaker, three weeks later the battery was dead", "a time lapse is a turn: weeks later");
	MORE("great speaker, the battery was dead", "great speaker, three weeks later the battery was dead",
	     "without the turn the praise counts more");
	/* advice to buy something else */
	NEG("buy a better one", "advice: buy a better");
	POS("a better one than I expected", "better alone stays positive");
	NEG("should have bought the other model", "advice: should have bought");
	POS("should have bought this years ago", "should have bought this is praise");
	/* a dash closes a clause */
	ok(score("it is cheap - how can you go wrong?") > 0, "dash: the question is its own clause (%g)",
	   score("it is cheap - how can you go wrong?"));
	POS("well-made", "dash: a hyphen inside a word still joins it");
	/* product-review cues: what a thing can do, what the user has to do */
	POS("it can play almost every disc", "cue: can play");
	POS("the menu lets you pick a track", "cue: lets you");
	NEG("you have to open the lid first", "cue: have to");
	POS("you don't have to open the lid", "cue: don't have to is relief");
	NEG("it can only hold ten tracks", "cue: can only");
	NEG("the remote stopped responding", "cue: stopped");
	ZERO("it holds ten tracks", "no cue, no evidence");
	POS("I can carry my whole music library", "cue: can is a mild capability");
	NEG("I can't carry my whole music library", "cue: can't is a negator, not can");
	/* "what a" is praise alone and a degree word before a polar word */
	POS("what a camera!", "pdeg: what a alone is praise");
	NEG("what a waste of money", "pdeg: what a before a negative word amplifies it");
}

static void test_third_pass(void)
{
	POS("用了一个月，会继续用", "zh: the intent to keep using is satisfaction");
	NEG("不会继续用了", "zh: not going to keep using is a complaint");
	/* plot words in a note about a work are the story, not the writer's attitude */
	POS("这本小说写的是战争和绝望，文笔很好", "plot: war and despair in a novel are its story");
	NEG("战争和绝望，文笔很好", "plot: without a work the same words count in full");
	MORE("这本小说很黑暗", "这里很黑暗", "plot: 黑暗 counts less in a note about a novel");
	ok(score("电影很失望") < 0 && score("电影很失望") == score("很失望") ,
	   "plot: a verdict word (失望) is no plot word: the work changes nothing (%g)",
	   score("电影很失望"));
	ok(evidence_has("plot") == 0, "plot: no plot rule on a verdict word");
	MORE("这部电影很紧张", "今天很紧张", "plot: suspense in a film counts less than in a day");
	POS("这部电影把我看哭了", "zh 看哭了 is praise");
	POS("对设计有了更深的认识", "zh a reader's gain: 更深的认识");
	NEG("我等得花儿都谢了", "zh waiting until the flowers wilt");
	NEG("一点也不浪漫", "zh 浪漫 negated");
	POS("香到不行", "stop: 到不行 after a word is a degree, not 不行");
	NEG("味道不行", "zh 不行 alone is a complaint");
	NEG("难吃到不行", "stop: 到不行 keeps a negative word negative");
	NEG("肉太老嚼不动", "zh 嚼不动");
	POS("面包刚出炉", "zh 刚出炉");
	NEG("电话打不通", "zh 打不通");
	NEG("软件激活不了", "zh 激活不了");
	POS("同事们看了都很羡慕", "zh 羡慕 is admiration");
	NEG("一点也不羡慕", "zh 羡慕 negated");
	POS("房间一尘不染", "zh idiom: 一尘不染 negates nothing");
	POS("快递员不辞辛苦送上楼", "zh idiom: 不辞辛苦");
	NEG("房间很脏", "zh 脏 alone stays a complaint");
	POS("童叟无欺", "zh idiom: 童叟无欺 is praise");
	NEG("快递不翼而飞", "zh idiom: 不翼而飞");
	/* A是A: the word granted once before a "but" */
	NEG("便宜是便宜，质量太差", "granted: 便宜是便宜 counts once, halved");
	ok(evidence_has("granted"), "granted: evidence rule");
	POS("便宜，便宜", "granted: without 是 a repeated word counts twice");
	POS("买不了吃亏", "zh slogan: 买不了吃亏 is praise");
	NEG("这有什么好吃的", "zh rhetorical denial: 有什么好吃的");
	POS("这个很好吃", "zh plain 好吃 stays praise");
	ZERO("书还没看完", "stop: 还没看完 is a reader in progress, no complaint");
	NEG("书还没到", "zh 还没到 is still a complaint");
	POS("同事都说好", "zh 都说好 is praise although 说好 is a stop word");
	ZERO("我们说好了明天见", "stop: 说好 (agreed) hides 好");
	NEG("好片子被配音弄砸了", "zh 弄砸");
	NEG("物流信息不更新", "zh 不更新");
	POS("包得很严实", "zh 严实");
	NEG("衣服线头多", "zh 线头多");
	NEG("口水歌", "zh 口水歌 is no 口水 (drool)");
	NEG("结局太仓促", "zh 仓促");
	NEG("房间没有窗户", "zh 没有窗户");
	NEG("窗户关不严", "zh 关不严");
	/* a time word before 才 hides 天才 */
	ZERO("到了冬天才想起来", "stop: 冬天才 is no 天才");
	POS("他真是个天才", "stop: 天才 alone is still praise");
	/* 太难 gives way to the longer 太难喝 */
	MORE("太难", "太难喝了", "zh 太难喝 is one word, stronger than 太难");
	NEG("奶太难喝了", "zh 太难喝");
	/* quantities, deliveries, rhetorical indignation */
	NEG("卫生真是堪忧", "zh 堪忧");
	ZERO("卫生", "zh 卫生 alone says nothing");
	NEG("刚买就降价", "zh the price falls right after buying");
	NEG("这样做有必要吗", "zh rhetorical: 有必要吗");
	ZERO("有必要买", "zh 有必要 without 吗 is no indignation");
	/* 杀 inside 必杀技 is no killing; 偏 + adjective is a little too much */
	ZERO("必杀技", "stop: 必杀技 hides 杀");
	NEG("要杀", "zh 杀 alone still counts");
	NEG("这本书偏难", "zh 偏难");
	ZERO("这本书难", "zh 难 alone is no verdict");
	/* drawn in; nothing missing */
	POS("现在完全被迷住了", "zh 被迷住");
	NEG("没有被迷住", "zh 被迷住 negated");
	POS("驱动和快捷键一个都不少", "zh 一个都不少 is no 少");
	NEG("驱动少一个", "zh 少一个 still a complaint");
	/* 不能再 / 不能更 + adjective: as much as it can be, the sign kept */
	POS("这个价格不能再便宜了", "rhet_neg: 不能再便宜了 is praise");
	NEG("这个价格不便宜", "a plain 不 still flips 便宜");
	NEG("质量不能再差了", "rhet_neg: 不能再差了 stays negative");
	NEG("送餐速度慢到了无法接受的地步", "zh 无法接受");
	NEG("送餐时间还是比较久", "zh 比较久");
	ZERO("用了很久了", "zh 久 alone is no complaint");
	NEG("抵制这个牌子", "zh 抵制");
	POS("无法拒绝的美味", "zh 拒绝 negated is praise");
	NEG("尚未收到书", "zh 尚未收到");
	NEG("再也不敢买了", "zh 不敢买 is a complaint");
	ZERO("用来消毒奶瓶", "stop: 消毒 hides 毒");
	NEG("这也算好吃？", "rhet: 这也算 in a question flips its clause");
	POS("这个算好吃", "no opener: 好吃 stays praise");
	NEG("号称最好的酒店", "neg: 号称 denies the praise after it");
	/* 说好的 … 呢 / 哪: what was promised is missing */
	NEG("说好的发票呢", "broken-promise: 说好的发票呢");
	ok(evidence_has("broken-promise"), "broken-promise: evidence rule");
	NEG("说好的尖椒哪去了", "broken-promise: 哪去了");
	ZERO("说好的时间送到", "broken-promise: no question, no complaint");
	POS("说好的时间送到，很准时", "broken-promise: kept, the praise counts");
}

static void test_fourth_pass(void)
{
	/* 就 / 才 after a negator: what happened before something did not; no flip */
	NEG("还没有接通就死机", "scope: 没有 ... 就 does not flip 死机");
	NEG("手机死机", "scope: 死机 alone is a complaint");
	NEG("买了不到半个月就降价", "scope: 不到 ... 就 does not flip 就降价");
	NEG("还没拆开就破了", "scope: 还没 ... 就 does not flip 破了");
	POS("没过多久才好用", "scope: 没 ... 才 does not flip 好用");
	NEG("没有很好用", "scope: without 就 / 才 the negator still flips");
	POS("不是读后就扔掉的书", "scope: 不是 negates the whole phrase, 就 inside it");
	/* vocabulary of the fourth pass */
	POS("画面很炫", "zh 炫");
	NEG("就知道炫耀", "zh 炫耀 is no praise");
	POS("这本书很实在", "zh 很实在");
	NEG("实在太差", "zh 实在 alone stays a degree word");
	POS("讲得很有说服力", "zh 有说服力");
	NEG("这价格说不过去", "zh 说不过去");
	NEG("前台摆脸色", "zh 摆脸色");
	POS("气质高贵", "zh 高贵 is praise, not 贵");
	NEG("太贵", "zh 贵 alone is a price complaint");
	ZERO("希望贵网多进货", "stop: 贵网 is an honorific");
	ZERO("一口标准的普通话", "stop: 普通话 hides 普通");
	NEG("很普通", "zh 普通 alone is a mild complaint");
	ZERO("买了一根记忆棒", "stop: 记忆棒 hides 棒");
	ZERO("期望值", "stop: 期望值 is a quantity");
}

/* Requests and questions to others (role request, ask): the good words of a request name what
 * is wanted, not what was found; a bad word still counts, and rhetorical questions and
 * conditional clauses are left as they were. */
static void test_requests(void)
{
	POS("达拉斯靠谱的牙医", "request: the same words outside a request");
	ZERO("求推荐达拉斯靠谱的牙医", "zh request: the wanted quality is no praise");
	ZERO("想找个靠谱的中文家教", "zh request: 想找");
	ZERO("有没有姐妹推荐一下？", "zh ask: a question to others is a request");
	POS("姐妹们，这家真的好吃！", "zh ask: no question, no request");
	ZERO("想问一下，可以选中文考吗？", "zh request: the note's other questions ask too");
	POS("可以选中文考吗？", "zh a question without a request keeps its lean");
	NEG("有人知道手机坏了怎么修吗？", "zh request: a bad word names what is wrong, it counts");
	NEG("难道大家觉得这样好吗？", "zh a rhetorical question is no request");
	NEG("有必要吗？", "zh rhetorical complaint unchanged");
	ok(score("难道大家觉得，这样就值得吗？") != 0,
	   "zh a rhetorical opener reaches its question over a comma: no request");
	ZERO("大家觉得，这样就值得吗？", "zh the same question without the opener asks");
	POS("谁不爱呢", "zh a question that carries a verdict unchanged");
	POS("还会回购吗？当然会", "zh a review that ends with a question: no request");
	ZERO("机票怎么买最便宜", "zh how to get the best: asked for, not found");
	POS("这家最便宜", "zh the superlative outside a how-question");
	NEG("有人知道这家为什么这么难吃吗？", "zh a complaint asked to others stays a complaint");
	POS("如果想找好吃的火锅，就来这家", "zh a request in a conditional clause is advice");
	ZERO("Any recommendations for a reliable dentist?", "en request");
	POS("A reliable dentist.", "en the same words outside a request");
	ZERO("I'm looking for a good dentist in Dallas.", "en request: I'm looking for");
	POS("I shopped around looking for a good player.", "en a search told is no request");
	ZERO("Does anyone still drive stick? Is it useful?", "en ask: the note's questions ask");
	POS("Is it useful?", "en a question without a request keeps its lean");
	ZERO("Any help appreciated!", "en request: help wanted");
	ZERO("新手养狗，多大可以出门？先谢谢大家了", "zh thanks before the help: a request's formula");
	POS("谢谢大家", "zh thanks alone stay gratitude");
	ZERO("Any good vets nearby? Thanks in advance", "en thanks in advance: a request");
	POS("Thanks for the help", "en thanks alone stay gratitude");
	ok(score("求推荐达拉斯靠谱的牙医") == 0 && evidence_has("request"),
	   "request: evidence rule");
}

/* Notices (role notice at the head: the title or the first sentence): a note that announces
 * informs; a word counts only its strength above NOTICE_FLOOR, so its polite formulas and the
 * words of what it reports count 0, and real praise or complaint still counts. */
static void score_note(const char *title, const char *desc)
{
	struct note n;
	fixture_note(&n, title, desc);
	sb_reset(&out);
	sentiment_analyse(sm, &n, -1, &out, &res);
}

static void test_notices(void)
{
	score_note("感恩节营业时间调整通知", "感恩节当天本店休息一天，周五正常营业。祝大家节日快乐");
	ok(res.score == 0 && evidence_has("notice x0"),
	   "zh notice: a festival greeting of a notice counts 0 (%g)", res.score);
	score_note("感恩节快乐", "祝大家节日快乐");
	ok(res.score > 0, "zh the same greeting outside a notice counts (%g)", res.score);
	score_note("关于近期配送延迟的说明", "由于物流运力紧张，配送时间延长。给大家带来不便，非常抱歉");
	ok(res.label == 0, "zh notice: a delay reported and apologised for is neutral (%g)",
	   res.score);
	NEG("配送延迟，运力紧张，给我带来很多不便", "zh the same words in a complaint");
	score_note("本周六暂停营业一天", "我们家的面真的超好吃，周日恢复营业");
	ok(res.label > 0, "zh notice: strong praise still counts (%g)", res.score);
	score_note("营业时间太短了", "每天下午就关门，根本吃不上");
	ok(res.label < 0, "zh 营业时间 alone is no notice: a customer's complaint (%g)", res.score);
	ZERO("招聘：门店招兼职店员，负责收银，学生可以申请。欢迎咨询", "zh notice: hiring");
	POS("店员负责，服务好，欢迎", "zh the same words outside a notice");
	POS("今天去吃了面，很好吃。营业时间调整为周一至周五", "zh a notice word past the head changes nothing");
	ZERO("Holiday hours: we will be closed on Thursday. We wish you a wonderful holiday.",
	     "en notice: a greeting of a notice counts 0");
	POS("We wish you a wonderful holiday.", "en the same greeting outside a notice");
	ZERO("Now hiring: part-time baristas, friendly and reliable. Apply in store.",
	     "en notice: hiring");
	POS("The baristas are friendly and reliable.", "en the same words outside a notice");
	ok(score("We will be closed on Monday. Our pizza is absolutely amazing!!") > 0,
	   "en notice: strong praise still counts");
	NEG("The store hours are terrible, always closed when I need it.",
	    "en store hours alone is no notice: a complaint");
	ZERO("暑期班招生：周一到周五上午，欢迎咨询，名额有限", "zh notice: enrolment");
	ZERO("We are closed on Sunday. Enjoy your weekend!", "en notice: we are closed");
	POS("Enjoy your weekend!", "en the same wish outside a notice");
	ZERO("这几天给大家带来不便，敬请谅解", "zh polite formulas count nothing");
	NEG("这几天给我们带来很多不便", "zh the inconvenience told by a customer counts");
	ZERO("有问题欢迎私信咨询", "zh 有问题欢迎: 问题 is no fault");
	NEG("用了一周就有问题", "zh 有问题 outside the formula is a fault");
	ZERO("Sorry for the inconvenience.", "en polite formula counts nothing");
	NEG("Such an inconvenience.", "en the inconvenience outside the formula counts");
}

/* Negation, second pass (issue #5): prohibitions, set phrases that hide a negator. */
static void test_negation_pass(void)
{
	NEG("不要骗人", "zh prohibition: a bad deed named to whoever did it keeps its sign");
	POS("从不骗人", "zh a plain negator still turns a bad deed into praise");
	NEG("不要太少", "zh prohibition: 不要 + 太少 is a complaint");
	POS("不太少", "zh 不 + 太少 is no complaint");
	POS("别担心，很安全", "zh a prohibited worry is reassurance (lexicon phrase)");
	POS("不要错过", "zh a promotion's 不要错过 is praise (lexicon phrase)");
	NEG("别再骗人了", "zh 别再: the deed happened before");
	POS("从来不骗人了", "zh without 再 the negator flips the deed");
	NEG("已经不是第一次少给了", "zh 不是第一次: it happened again");
	POS("不是少给", "zh 不是 alone still negates");
	POS("这家最好吃，没有之一", "zh 没有之一 is no bare complaint");
	ZERO("没有之一", "zh 没有之一 alone says nothing");
	NEG("没有餐具", "zh a bare negation is still a complaint");
	ZERO("不多说", "zh cutting short is no complaint");
	POS("无延误", "zh 无 + 延误 is praise");
	NEG("无端延误", "zh 无端 negates nothing: a delay");
	NEG("别墅房间很小", "zh 别墅 is a villa, not 别");
	NEG("无知", "zh 无知 is a word of its own");
	NEG("无端紧张", "zh 无端 negates nothing");
	NEG("也没有退款", "zh remedy: a refund not given is a complaint");
	NEG("不能退货", "zh remedy: a return refused is a complaint");
	ok(evidence_has("negation:不能 x1"), "zh remedy: the evidence shows the sign kept");
	POS("没有问题", "zh a negated fault that is no remedy is still praise");
	NEG("连花絮都删了，还不如盗版呢", "zh below a bad thing (还不如盗版) is worse still");
	NEG("还不如别家好吃", "zh below a good thing stays a complaint");
	POS("不像看书那样枯燥", "zh unlike a bad thing (不像) is still praise");
	POS("说不出的舒服", "zh 说不出的 is a degree word, not a negator");
	NEG("说不出的难受", "zh 说不出的 + a bad word stays bad");
	MORE("说不出的舒服", "舒服", "zh 说不出的 amplifies");
	NEG("无法形容的难吃", "zh 无法形容的 is a degree word");
	NEG("无法取消订单", "zh 无法 before a remedy still a complaint");
	POS("有什么不好", "zh a question that denies a fault is praise");
	NEG("就是不好", "zh 不好 alone stays a complaint");
	POS("做工不含糊", "zh 不含糊 is praise of its own");
	NEG("不含税", "zh without the phrase, 不 stays a bare negation");
	NEG("对不是学医的讲不是很有用", "zh two negators far apart do not multiply");
	NEG("缝合的地方不牢开线了", "zh 不牢 is a fault; its 不 does not flip 开线");
	NEG("缝合的地方开线了", "zh 开线 alone is a fault");
	POS("孩子们无忧无虑", "zh 无忧无虑 is praise, no bare 无");
	NEG("售后没完没了地推脱", "zh 没完没了 is a complaint of its own");
	POS("效果没辜负期待", "zh 没辜负 is praise");
	POS("不买肯定会后悔的", "zh regret for not buying is praise");
	NEG("买了肯定会后悔的", "zh regret for buying stays a complaint");
	NEG("没有在店里吃的味道好", "zh 没有 X 的好: not as good as X, over any distance");
	POS("在店里吃的味道好", "zh without 没有 the word is praise");
	POS("没有葱，做的好吃", "zh the comparison stays in its clause");
	POS("不是不好用", "zh double negation: adjacent negators multiply");
	ok(evidence_has("negation:不是 x-0.8"), "zh double negation of a self-negated word: rule");
	ZERO("一家不起眼的小店", "zh 不起眼 is no bare complaint");
	NEG("没救了", "zh 没救了 is despair, no bare negation");
}

/* Review of the session's sentiment code (issue #5): each case failed before its fix. */
static void test_review(void)
{
	/* a rhetorical opener reaches its sentence's question over commas, not past its end */
	score("难道就这样算了。有人知道好的律师吗？");
	ok(evidence_has("request x0"), "review: 难道 ends with its sentence: the next question asks");
	score("难道就这样算了，有人知道好的律师吗？");
	ok(!evidence_has("request x0"), "review: 难道 reaches its question over a comma");
	score("难道就这样算了\n有人知道好的律师吗？");
	ok(evidence_has("request x0"), "review: a line break ends 难道's sentence too");
	score("难道就这样算了。。。有人知道好的律师吗？");
	ok(!evidence_has("request x0"), "review: 。。。 trails off like a comma");
	/* a connotation is a word of the request: a note of requests alone scores 0 */
	ZERO("有人去过海边吗？", "review: a pleasant thing asked about leans nothing");
	ok(evidence_has("request x0"), "review: the voided connotation shows as request x0");
	ZERO("Any recommendations for a beach?", "review: en a pleasant thing wanted leans nothing");
	POS("去海边", "review: the same connotation outside a request leans");
	NEG("有人知道排队要多久吗？", "review: an unpleasant thing asked about still leans");
	POS("如果想找散步的地方，就来这里", "review: a conditional clause is no request");
	/* a connotation written as a number (996, 12315) or an emoji stays a connotation */
	ok(score("打了12315") < 0 && res.label == 0 && evidence_has("connotation"),
	   "review: a number connotation leans, capped and neutral (%g)", score("打了12315"));
	ok(score("996") > -0.1, "review: 996 alone stays neutral (%g)", score("996"));
	ok(score("打了12315，太差了") == score("打了，太差了"),
	   "review: beside a word of evaluation the number connotation is dropped");
	POS("666", "review: a polar number word still counts");
	ok(res.label > 0, "review: 666 is praise, not a lean");
	{
		struct fixture_root fr;
		struct lexset ls2;
		if (fixture_root_open(&fr, "sentiment") < 0) {
			ok(0, "review: temp folder");
			return;
		}
		ok(fixture_root_load(&fr, "\xf0\x9f\x8f\x96\t0.5\tconn\n\xe5\xa6\x99\t2\n", &ls2) == 0,
		   "review: an emoji connotation loads");
		{
			struct sentiment_model *m = sentiment_model_new(&ls2, NULL);
			double b = score_with(m, "\xf0\x9f\x8f\x96");
			ok(b > 0 && b < 0.1, "review: an emoji connotation leans, neutral (%g)", b);
			ok(score_with(m, "\xe5\xa6\x99\xf0\x9f\x8f\x96") ==
			   score_with(m, "\xe5\xa6\x99"),
			   "review: beside a word of evaluation the emoji connotation is dropped");
			sentiment_model_free(m);
		}
		lexset_release(&ls2);
		fixture_root_close(&fr);
	}
}

int main(void)
{
	if (setup() < 0) {
		ok(0, "setup: lexicons, tokenizer and model");
		return tap_done();
	}
	test_lexicon_words();
	test_negation();
	test_degree();
	test_contrast();
	test_questions();
	test_emphasis();
	test_context();
	test_tone_marks();
	test_connotation();
	test_completion_and_names();
	test_demoted();
	test_a_not_a();
	test_aspects();
	test_reply();
	test_wish_warning_comparison();
	test_emoticons();
	test_saturation();
	test_second_pass();
	test_third_pass();
	test_fourth_pass();
	test_requests();
	test_notices();
	test_negation_pass();
	test_review();
	test_json();
	test_lexicon_errors();
	sentiment_model_free(sm);
	fixture_release();
	sb_release(&out);
	return tap_done();
}
