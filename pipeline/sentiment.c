/*
 * sentiment.c - lexicon-and-rules sentiment (see sentiment.h for the output).
 *
 * Model: every row of lexicons/sentiment/ (term, weight, role, note) goes into one hash map
 * keyed by the normalised term. Every proper prefix of a term (by character for Chinese, by
 * word for English phrases) is entered too, flagged "prefix", so a longest match can stop
 * as soon as no longer term can follow (one or two hash lookups per character in practice).
 * Category packs' sentiment words (categories kind, role "sentiment") are entered as
 * "domain" terms that only count when the note's category overrides them.
 *
 * Analysis of one note, three passes over thread-local scratch arrays:
 *  1. Units. Runs of adjacent Han tokens are normalised into one buffer and matched by
 *     forward longest match, character by character, independent of how the segmenter cut
 *     them. Latin words are matched as phrases of up to 4 words (joined by one space);
 *     emoticon codes, emoji, numbers and topic tags (#避雷[话题]#, #fail) are looked up
 *     whole. Punctuation, line breaks and
 *     white space between Han words close a clause; each clause records its exclamation
 *     marks and whether it is a question.
 *  2. Contributions. Inside a clause a negator (weight = factor, e.g. -0.8) and a degree
 *     word (weight = multiplier) apply to the next polar term at most NEG_WINDOW positions
 *     later (a position is a Han character or a word; a negator reaches an English word over
 *     at most NEG_WINDOW_EN words in between; never across a sentence-final 了). Two negators multiply (double
 *     negation: 不是不好 > 0, the second at most DOUBLE_NEG_GAP positions after the first, so
 *     对不是学医的讲不是很有用 is no praise; only when adjacent for a term that carries its own negation,
 *     so 没买…不建议买 stays negative). A degree word after the negator is dropped and softens it
 *     (不是很好 is mildly negative); before it, it scales the flipped value (很不好).
 *     Clause rules: a rhetorical opener (难道) in a question flips the clause; a plain
 *     question halves it; a conditional or wishful clause (如果, 要是, if, wish) counts 0.3,
 *     and 0 when it holds a wish marker (如果再便宜点就好了: the wished-for thing is absent;
 *     the marker's own weight decides: 就好了 -0.3, 就更好了 +0.5); each '!' adds 20% (up to 4).
 *     English words in capitals in a mixed-case note count 1.5x.
 *     A request (role request: 求推荐, 想找, 请问, I'm looking for, any recommendations; or a
 *     question with an asking word, role ask: 有人, 姐妹们, does anyone) names what the writer
 *     wants: its positive words count 0 (求推荐靠谱的牙医), and so do those of the note's other
 *     questions (想问一下…可以选中文考吗？); its negative words count as usual (有人知道手机
 *     坏了怎么修吗？ names a fault). An asking word reaches a question in the next clause
 *     (大家觉得，读博值得吗？). Not in a rhetorical question (难道, 有必要吗; 难道 reaches the
 *     question that closes its sentence over commas) nor in a conditional clause
 *     (如果想找好吃的火锅，就来这家: advice). The voided words show in the evidence with weight 0
 *     (request x0) but are no evidence: tone cues beside them alone stay capped.
 *     A notice (role notice in the title or first sentence: 招聘, 营业时间调整, 暂停营业, now
 *     hiring) informs: every contribution counts only its strength above NOTICE_FLOOR, so
 *     its polite formulas (祝大家节日快乐, 给大家带来不便) and the words of what it reports
 *     (延迟, 雷暴) count 0 and strong praise still counts (damp_notice).
 *  3. Discourse. A contrast marker (但是, 没想到, but, however; weight = multiplier of what
 *     follows, default 1.5) halves everything before it since the previous marker (a mild
 *     one of weight <= 1, 不过 / 只是 / 就是, only scales what follows); a concession
 *     marker (虽然, 本来, although) scales its own clause by its weight (0.4-0.5).
 *     Clause saturation: the sum s of one clause's words becomes s / (1 + |s| / 2), so one
 *     heavy clause ("痛苦极了！！！") cannot outweigh the rest of the note.
 *     Words in the title (n->title_len) count 1.5x: a title states the verdict.
 *     Context terms (绝了, 笑死, 哭了) take the sign of the rest of the note when it has one.
 *     An unused strong negator (weight <= -0.8) in a clause with no polar term counts -0.3,
 *     at most twice a note ("没有餐具", "no picture": in reviews a bare "not/no" is a
 *     complaint). Emoticons and emoji count as written (only context emoticons such as
 *     [哭惹R] follow the rest of the note). Tone marks of Chinese notes (！！！ without a
 *     polar word, ？？, 。。。, ~) and tone words (role tone: 怎么) count as written too,
 *     a mark once a kind a note (TONE_*); with no other evidence they count at most
 *     WEAK_MAX together, so alone they lean a note but leave it neutral.
 *     Connotations (role conn: weekend, beach, puppy; traffic, flu, taxes) are weak cues of
 *     the same kind that speak only when no word of evaluation does: beside one they are
 *     dropped and leave no evidence. A note is first read with connotations matched but
 *     leaving no unit (the words inside one are not read: "cold brew" is no "cold"; no clause,
 *     '!' or negator window sees it); only when that reading finds nothing but tone cues is
 *     it read again with them (also when only context words spoke: they take the sign of
 *     the connotations, "Gotta love Mondays", "Yay. Taxes."). An English one is reached through an inflection only (-s,
 *     -ing, -ed: "gangly" is no "gang"). They are counted as written (no negation, no degree):
 *     a negator before one counts as a bare negation, which is evidence, so the lean drops.
 *  A verb of knowing or looking (role neg_end: know, understand, look) ends a negator's
 *  scope: the negator neither flips a later word nor counts as bare ("never knew I could
 *  love it", "don't look now"). Interjections (role interj: lol, haha) count as written.
 *  A merchant's reply appended to a review (role reply: 宾馆反馈, 掌柜回复) ends the note.
 *  不是 in a question closed by 吗 / 么 / 嘛 is rhetorical and keeps the sign of its word
 *  ("这不是吊胃口吗？" is a complaint).
 *  A Chinese negated comparison reaches its word over any distance in the clause when
 *  那么 / 这么 / 那样 / 这样 or 中的 stands right before it (没有介绍的那么好, 没有想象中的好),
 *  or 的 after 没有 (没有第一次吃的好: not as good as the first time).
 *  就 or 才 between a Chinese negator and its word ends the negator's scope (还没接通就死机,
 *  不到半个月就降价: what happened before something did not), except after 不是, which negates
 *  the whole phrase, and after a plain 不 + verb (不X就Y, a condition: left as it was).
 *  A Chinese prohibition (不要, 别, 勿) before a negative word keeps the word's sign at
 *  ZH_PROHIBIT (不要骗人, 别毁了招牌: said to whoever did it); a prohibited worry (别担心)
 *  and a promotion's 不要错过 are lexicon phrases, and 别再 / 不要再 (the deed happened
 *  before) are stop words that leave the word as written.
 *  A Chinese comparison that puts the thing below another (cmp of weight <= -1.5: 不如,
 *  还不如, 比不上) keeps a negative word's sign: 还不如盗版 is worse still (不像 + a bad
 *  thing, 不像看书那样枯燥, stays praise).
 *  A remedy the buyer seeks (role remedy: 退货, 退款, 取消订单; loaded as polar words
 *  flagged remedy) is never flipped by a negator: 没有退款, 不能退货 are complaints too.
 *  A Chinese word right before a softener (了点, 了些, 了一点, 点儿: 慢了些) counts
 *  SOFTENER_FACTOR: a minor point, not a verdict.
 *  In a note about a work (role work: 小说, 电影, 剧情) the words of its story (role plot:
 *  黑暗, 绝望; loaded as polar words flagged plot) count PLOT_FACTOR. 说好的 in a clause
 *  that asks 呢 / 哪 (说好的发票呢) is a broken promise: PROMISE_WEIGHT.
 *  A word said twice around 是 (便宜是便宜) is granted: it counts once, REPEAT_FACTOR.
 *  Ratings are read from numbers, not from the lexicon: "5 stars", "one star", "4/5", "8/10",
 *  "9 out of 10" count (share of the scale - RATING_MID) * RATING_SLOPE, within +-2.5; they
 *  are negated ("not 5 stars") and follow the clause rules, but take no degree word.
 *  Matching details: a rule word whose last character starts a longer polar word gives it
 *  up (也不|不理人); English words with n't are negators; inflected or stretched English
 *  words are looked up shortened (loved, coolest, goooood); hyphenated words are joined;
 *  English function words (role skip) take no room in the negation window. HTML entities
 *  (&amp; &gt;) are read as their character: &lt; and &gt; may start a text emoticon
 *  (&gt;:( ), the others are skipped, so their ';' does not close a clause. A dash between
 *  words (-, --, en and em dash) closes a clause.
 *  English only (functions en_*): letter-first text emoticons (T_T, o_O) are read whole,
 *  stuttered words (h-h-happy) without the stutter; a positive word alone in a sentence
 *  ending in '.' is deadpan and takes the sign of the rest ("Forgot my phone. Great."); a
 *  pdeg word is a degree word only before a word of weight >= 1 ("that damn movie"); a
 *  negated negative word keeps half the flip (EN_NEG_OF_NEG: "not awful" is mild); a word
 *  joined by or/nor to a negated word is negated too ("no crashes or problems"); a could/can
 *  negation of a comparative keeps its sign ("couldn't be easier", "could not ... any
 *  better"); an apostrophe that starts a word joins the phrase ('em); a word token holding
 *  an emoticon symbol (d:) is an emoticon; a key ^word counts only at the start of a
 *  sentence (^stop: an order; "the bus stop" says nothing).
 *
 * Score: pos and neg are the sums of positive and negative contributions, words' negative
 * contributions weighted NEG_BIAS (1.1: a complaint inside praise usually decides a
 * review; emoticons have their own asymmetric weights in the lexicon); score =
 * (pos - neg) / (pos + neg + SCORE_DAMP). It lies strictly inside (-1, 1), reflects the
 * balance of the note rather than its length, and a long note does not pin at +-1. The label
 * is neutral when |score| < NEUTRAL_BELOW (0.1).
 *
 * Evidence: the first EVIDENCE_MAX (16) contributions in text order, each with its final
 * weight and the rules that shaped it ("degree:超 x1.8; contrast x1.5"); "lexicon" when
 * none did. The lexicon columns and roles are documented in lexicons/README.md.
 */
#include "sentiment.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "category.h"
#include "normalize.h"
#include "utf8.h"
#include "util.h"

#define MAX_TERM_CHARS 12   /* longest Chinese term considered, in characters */
#define MAX_PHRASE_WORDS 4  /* longest English phrase, in words */
#define NEG_WINDOW 4        /* positions between a negator/degree word and its term */
#define NEG_WINDOW_EN 2     /* the same for English words (words in between) */
#define DOUBLE_NEG_GAP 2    /* positions between two negators that multiply (不是不好) */
#define RHET_NEG_EN 1.3     /* couldn't be easier: a negated comparative, strengthened */
#define EN_NEG_OF_NEG 0.5   /* a negated English negative word keeps this share of the flip */
#define ZH_PROHIBIT 0.5     /* 不要骗人: a prohibited bad deed keeps this share of its sign */
#define SCORE_DAMP 1.5
#define NEUTRAL_BELOW 0.1
#define EVIDENCE_MAX 16
#define BARE_NEG_WEIGHT -0.3
#define BARE_NEG_MAX 2      /* bare negations counted per note */
#define WISH_WEIGHT -0.8
#define COND_FACTOR 0.3
#define QUESTION_FACTOR 0.5
#define CAPS_FACTOR 1.5
#define EXCL_STEP 0.2
#define CONTRAST_BEFORE 0.5
#define PDEG_FACTOR 1.5
#define TITLE_WEIGHT 1.5
#define CLAUSE_SAT 2.0     /* a clause's words saturate towards this sum */
#define NEG_BIAS 1.1
#define RATING_MID 0.65    /* a rating at this share of its scale counts 0 */
#define RATING_SLOPE 5.0
#define WEAK_MAX 0.16      /* tone cues together, at most: alone they stay neutral */
#define CONN_MAX 1.0       /* largest |weight| of a connotation (role conn) */
#define SOFTENER_FACTOR 0.6 /* a Chinese word followed by 了点, 了些: said mildly */
#define PROMISE_WEIGHT -1.0 /* 说好的发票呢: what was promised is missing */
#define REPEAT_FACTOR 0.5  /* 好是好，就是贵: the word granted, once */
#define PLOT_FACTOR 0.3    /* a plot word (黑暗, 绝望) in a note about a work (书, 电影) */
#define NOTICE_FLOOR 2.0   /* in a notice, a word counts only its strength above this */

/* Tone marks of Chinese web text, each counted once a note as written (like an emoticon):
 * a run of three or more '!' is agitation (only in a clause without a polar word: 好吃！！！
 * is enthusiasm, and the marks amplify 好吃), two or more '?' indignation, one '?' a slight
 * lean to a complaint (a question in a review or comment mostly asks after something amiss;
 * not in a rhetorical question), an ellipsis of full stops (。。。, ...) a speechless sigh, a
 * tilde (not in a range, 3~5) a light friendly tone. Only notes with Han text have them:
 * English '!!!' is left to the '!' rule. */
enum tone { TONE_EXCL, TONE_QUERY, TONE_DOTS, TONE_TILDE, TONE_N };
static const double tone_weight[TONE_N] = { -0.4, -0.6, -0.4, 0.3 };

enum srole {
	R_POLAR,      /* weight: polarity and strength */
	R_CONTEXT,    /* weight: default; sign follows the rest of the note */
	R_NEG,        /* weight: factor applied to the next polar term (-0.8) */
	R_DEGREE,     /* weight: multiplier of the next polar term */
	R_CONTRAST,   /* weight: multiplier of what follows; what precedes is halved */
	R_CONTRAST_S, /* the same, only at the start of a clause (唯一的缺点) */
	R_CONCESSION, /* weight: factor of its own clause (虽然) */
	R_COND,       /* conditional / wishful clause opener (如果, if) */
	R_WISH,       /* "it would be good if" marker (就好了): voids its conditional clause */
	R_RHET,       /* rhetorical opener (难道): a question with it flips */
	R_RHET_NEG,   /* rhetorical negation (谁不): weight = factor, no flip */
	R_QEND,       /* question particle (吗) */
	R_STOP,       /* no sentiment; blocks shorter matches inside it (好像, 别人) */
	R_DOMAIN,     /* category-pack word: counts only with a domain override */
	R_PDEG,       /* polar word that is a degree word before another polar word (好贵) */
	R_CMP,        /* comparison (不如): negates what follows, else counts its own weight */
	R_SKIP,       /* English function word: not counted in negation and degree distances */
	R_NEG_END,    /* ends a negator's scope, which then counts nothing (don't know, never knew) */
	R_INTERJ,     /* polar interjection counted as written, like an emoticon (lol, haha) */
	R_ASPECT,     /* Chinese attribute noun: weight = value of "more of it" (性价比 +, 价格 -) */
	R_SCALAR,     /* Chinese "more / less" adjective (高 +1, 低 -1): polar after an aspect */
	R_REPLY,      /* a merchant's reply begins (宾馆反馈, 掌柜回复): nothing after it counts */
	R_TONE,       /* weak Chinese cue of tone (怎么, 为什么): as written, capped with tone marks */
	R_PLOT,       /* polar word of a story's content (黑暗, 绝望): loaded as R_POLAR + plot */
	R_WORK,       /* a book, film or song (小说, 电影, 剧情): the note is about a work */
	R_CONN,       /* connotation (weekend, beach; traffic, flu): a weak cue, only alone */
	R_REQUEST,    /* request (求推荐, 想找, 请问, looking for): its clause counts 0 */
	R_ASK,        /* asking others (有人, 大家, 姐妹, anyone): a question with it is a request */
	R_NOTICE,     /* a notice's word (招聘, 营业时间调整, now hiring) at the head: damp_notice */
	R_REMEDY,     /* a remedy sought (退货, 退款): loaded as R_POLAR + remedy, never flipped */
	R_NROLES
};

static const char *const role_name[R_NROLES] = {
	"polar", "context", "neg",  "degree", "contrast", "contrast_start", "concession",
	"cond",  "wish",    "rhet", "rhet_neg", "qend",   "stop",           "domain",
	"pdeg",  "cmp",     "skip",     "neg_end", "interj", "aspect", "scalar",
	"reply", "tone", "plot", "work", "conn", "request", "ask",
	"notice", "remedy",
};

#define V_PREFIX 0x80000000u /* key is a proper prefix of a longer term */
#define V_NONE 0x7FFFFFFFu   /* no term of its own */

struct sent_entry {
	float w;
	uint8_t role;
	uint8_t plot; /* role plot: damped in a note about a work */
	uint8_t remedy; /* role remedy: a negator does not flip it (没有退款) */
};

struct sentiment_model {
	struct hmap idx; /* normalised key -> entry index | V_PREFIX */
	struct sent_entry *e;
	size_t n, cap;
	const struct category_model *cats;
	uint32_t rating; /* entry of rating units (5 stars, 4/5): weight from the rating */
	uint32_t tone[TONE_N]; /* entries of the tone marks of Chinese text (！！！, ？？, ~) */
	uint32_t *one;   /* BMP code point -> idx value of that one-character key (V_NONE when
			  * absent): the first step of every match is an array read, not a hash
			  * lookup */
};

static int role_of(const char *s)
{
	if (!s || !*s)
		return R_POLAR;
	for (int i = 0; i < R_NROLES; i++)
		if (i != R_DOMAIN && s[0] == role_name[i][0] && !strcmp(s, role_name[i]))
			return i;
	return -1;
}

/* Words of a Latin phrase as match_latin counts them (runs separated by spaces; a
 * hyphen or an apostrophe does not start a word). */
static int phrase_words(const char *term)
{
	int n = 0, in = 0;
	for (const char *p = term; *p; p++) {
		int sp = *p == ' ';
		n += !sp && !in;
		in = !sp;
	}
	return n;
}

static int sentiment_validate(const struct lex_row *r, struct strbuf *err)
{
	double w;
	int role = role_of(r->ncol > 2 ? r->col[2] : NULL);
	if (role < 0) {
		sb_addf(err, "unknown sentiment role '%s'", r->col[2]);
		return -1;
	}
	if (lex_weight(r->ncol > 1 ? r->col[1] : NULL, 1, &w) < 0) {
		sb_addf(err, "bad weight '%s'", r->col[1]);
		return -1;
	}
	if (fabs(w) > 10) {
		sb_addf(err, "weight %g out of range [-10, 10]", w);
		return -1;
	}
	if (role == R_CONN && (w == 0 || fabs(w) > CONN_MAX)) {
		sb_addf(err, "conn weight %g: a connotation leans a note, its weight lies in "
			"[-%g, %g] and is not 0", w, CONN_MAX, CONN_MAX);
		return -1;
	}
	if (phrase_words(r->term) > MAX_PHRASE_WORDS) {
		sb_addf(err, "'%s' has %d words: phrases of more than %d words never match",
			r->term, phrase_words(r->term), MAX_PHRASE_WORDS);
		return 1;
	}
	return 0;
}

const struct lex_spec sentiment_lex_spec = {
	"sentiment", 1, 4, 1, 0, "term, weight, role, note", sentiment_validate,
};

/* Default weights per role when the weight column is empty. */
static double role_default(int role)
{
	switch (role) {
	case R_NEG: return -0.8;
	case R_CMP: return -1.5;
	case R_DEGREE: return 1.5;
	case R_CONTRAST:
	case R_CONTRAST_S: return 1.5;
	case R_CONCESSION: return 0.5;
	case R_RHET_NEG: return 1.3;
	case R_WISH: return WISH_WEIGHT;
	case R_STOP:
	case R_COND:
	case R_RHET:
	case R_QEND:
	case R_NEG_END:
	case R_REPLY:
	case R_WORK:
	case R_REQUEST:
	case R_ASK:
	case R_NOTICE:
	case R_DOMAIN: return 0;
	case R_SCALAR: return 1;
	default: return 1;
	}
}

/* Enter key[0..n) -> entry (or a prefix marker when entry is V_NONE). */
static void idx_put(struct hmap *m, const char *k, size_t n, uint32_t entry)
{
	uint32_t v;
	if (hmap_get(m, k, n, &v)) {
		if (entry == V_NONE)
			v |= V_PREFIX;
		else
			v = (v & V_PREFIX) | entry;
		hmap_put(m, k, n, v);
	} else {
		hmap_put(m, k, n, entry == V_NONE ? (V_PREFIX | V_NONE) : entry);
	}
}

/* Enter the proper prefixes of key: by word when it holds a space, else by character. */
static void idx_prefixes(struct hmap *m, const char *k, size_t n)
{
	int words = memchr(k, ' ', n) != NULL;
	if (!words) {
		size_t i = 0;
		while (i < n && (unsigned char)k[i] < 0x80)
			i++;
		if (i == n)
			return; /* one ASCII word: looked up whole, never matched in a Han run */
	}
	for (size_t i = 1; i < n; i++) {
		if (words ? k[i] == ' ' : ((unsigned char)k[i] & 0xC0) != 0x80)
			idx_put(m, k, i, V_NONE);
	}
}

static uint32_t model_add(struct sentiment_model *m, double w, int role)
{
	NM_GROW(m->e, m->cap, m->n + 1);
	m->e[m->n].w = (float)w;
	m->e[m->n].role = (uint8_t)(role == R_PLOT || role == R_REMEDY ? R_POLAR : role);
	m->e[m->n].plot = role == R_PLOT;
	m->e[m->n].remedy = role == R_REMEDY;
	return (uint32_t)m->n++;
}

struct sentiment_model *sentiment_model_new(const struct lexset *ls,
					    const struct category_model *cats)
{
	struct sentiment_model *m = xcalloc(1, sizeof *m);
	const struct lex_kind *k = lexset_kind(ls, "sentiment");
	const struct lex_kind *ck = lexset_kind(ls, "categories");
	struct strbuf key = STRBUF_INIT;
	hmap_init(&m->idx);
	if (k)
		hmap_reserve(&m->idx, k->n * 3 / 2); /* the rows and about half as many prefixes */
	m->cats = cats;
	/* Domain words first, so a sentiment row with the same key wins. */
	for (size_t i = 0; cats && ck && i < ck->n; i++) {
		const struct lex_row *r = &ck->row[i];
		uint32_t v;
		if (r->is_pattern || r->ncol < 2 || !r->col[1] || strcmp(r->col[1], "sentiment"))
			continue;
		norm_key(&key, r->term, strlen(r->term));
		if (!key.len || (hmap_get(&m->idx, key.buf, key.len, &v) && !(v & V_NONE)))
			continue;
		idx_put(&m->idx, key.buf, key.len, model_add(m, 0, R_DOMAIN));
		idx_prefixes(&m->idx, key.buf, key.len);
	}
	for (size_t i = 0; k && i < k->n; i++) {
		const struct lex_row *r = &k->row[i];
		int role = role_of(r->ncol > 2 ? r->col[2] : NULL);
		double w;
		size_t kl = strlen(r->key);
		if (r->is_pattern || role < 0 || !kl)
			continue;
		if (lex_weight(r->ncol > 1 ? r->col[1] : NULL, role_default(role), &w) < 0)
			w = role_default(role);
		idx_put(&m->idx, r->key, kl, model_add(m, w, role));
		idx_prefixes(&m->idx, r->key, kl);
	}
	m->rating = model_add(m, 0, R_POLAR);
	for (int t = 0; t < TONE_N; t++)
		m->tone[t] = model_add(m, tone_weight[t], R_TONE);
	sb_release(&key);
	m->one = xmalloc(0x10000 * sizeof *m->one);
	for (size_t j = 0; j < 0x10000; j++)
		m->one[j] = V_NONE; /* no term, no prefix */
	for (size_t j = 0; j <= m->idx.mask; j++) {
		size_t l, kl;
		const char *sk = hmap_slot_key(&m->idx, j, &kl);
		int32_t cp;
		if (!sk || utf8_valid_len(sk, kl) != kl)
			continue; /* empty, or not one character */
		cp = utf8_decode(sk, kl, &l);
		if (cp >= 0 && cp < 0x10000)
			m->one[cp] = m->idx.slot[j].val;
	}
	return m;
}

void sentiment_model_free(struct sentiment_model *m)
{
	if (!m)
		return;
	hmap_release(&m->idx);
	free(m->e);
	free(m->one);
	free(m);
}

/* ---- per-note scratch ---- */

#define RAW_ENTRY (-1) /* add_unit: read the unit as its entry says */

struct unit {
	uint32_t off, len;  /* original text span */
	uint32_t pos, pend; /* positions (Han characters / words): first, one past last */
	int clause;
	int entry;          /* model entry, or -1 for a clause boundary */
	uint8_t caps;       /* English word written in capitals */
	uint8_t raw;        /* a word (0), emoticon / emoji (1), hashtag (2), interjection (3),
			     * rating (4), tone mark or word, connotation (5): all but 0 counted
			     * as written */
	float rw;           /* a rating's weight (raw 4) */
};

struct clause {
	int excl;       /* '!' right after the clause */
	uint8_t question, rhet, cond, qend_last, wish;
	uint8_t request, ask; /* a request marker / an asking word (role request, ask) */
	uint8_t asks;         /* the clause is a request (note_asks) */
	uint8_t rhq;          /* a rhetorical question, its opener maybe in a clause before */
	uint8_t stop;         /* closed by the end of a sentence (。 ! or a line break) */
	uint32_t last_end; /* end offset of the last word/character in the clause */
	uint32_t qend_end; /* end offset of the last question particle */
};

struct contrib {
	uint32_t off, len;
	double w;
	int seg;        /* discourse segment (between contrast markers) */
	int clause;
	uint8_t context, concession, weak; /* weak: a tone cue (TONE_*, role tone, conn) */
	uint8_t conn;   /* a connotation (role conn): dropped beside any other evidence */
	uint8_t plot;   /* a plot word (entry plot) */
	uint8_t asked;  /* voided by a request: no evidence (the tone cues stay capped) */
	char rule[128];
};

struct scratch {
	struct unit *u;
	size_t nu, capu;
	struct clause *c;
	size_t nc, capc;
	struct contrib *k;
	size_t nk, capk;
	double *segmul;
	size_t capseg;
	struct strbuf nb;    /* normalised Han run */
	uint32_t *cpos;      /* byte offset in nb of char i (n+1 entries) */
	uint32_t *opos;      /* original offset of char i (n+1 entries) */
	size_t capch;
	struct strbuf key;
	const struct sentiment_model *model;
	size_t title_len;
	int han;             /* the note has Han text: -1 not yet known */
	uint8_t tone_seen;   /* tone marks counted so far, a bit each */
	uint8_t with_conn;   /* connotations are read (the second reading of a note) */
	uint8_t saw_conn;    /* a connotation was passed over in the first reading */
	const struct norm_text *ft; /* the note's folded text (match_han slices it) */
};

static _Thread_local struct scratch sc;

static void scratch_release(void *addr)
{
	struct scratch *s = addr;
	free(s->u);
	free(s->c);
	free(s->k);
	free(s->segmul);
	free(s->cpos);
	free(s->opos);
	sb_release(&s->nb);
	sb_release(&s->key);
	memset(s, 0, sizeof *s);
}

static int lookup(const struct sentiment_model *m, const char *k, size_t n, uint32_t *v)
{
	return n && hmap_get(&m->idx, k, n, v);
}

static struct clause *cur_clause(void)
{
	return &sc.c[sc.nc - 1];
}

static void new_clause(void)
{
	NM_GROW(sc.c, sc.capc, sc.nc + 1);
	memset(&sc.c[sc.nc], 0, sizeof sc.c[0]);
	sc.nc++;
}

/* Close the current clause (when it holds anything) and open a new one. */
static void clause_break(void)
{
	if (sc.nu && sc.u[sc.nu - 1].clause == (int)sc.nc - 1)
		new_clause();
}

/* Add a unit read as raw (struct unit; RAW_ENTRY: as its entry says, an interjection 3, else
 * 0). A tone word or a connotation is a weak cue (5) in whatever form it is written (12315,
 * an emoji). Returns 0 and adds nothing for a connotation in the first reading of a note,
 * which matches it (so the words inside it are not read) but leaves no unit: no clause, no
 * '!' and no window of a negator or degree word sees it. */
static int add_unit(uint32_t off, uint32_t len, uint32_t pos, uint32_t pend, int entry, int raw)
{
	struct unit *u;
	int role = entry < 0 ? -1 : sc.model->e[entry].role;
	if (role == R_CONN && !sc.with_conn) {
		sc.saw_conn = 1;
		return 0;
	}
	NM_GROW(sc.u, sc.capu, sc.nu + 1);
	u = &sc.u[sc.nu++];
	u->off = off;
	u->len = len;
	u->pos = pos;
	u->pend = pend;
	u->clause = (int)sc.nc - 1;
	u->entry = entry;
	u->caps = 0;
	u->raw = (uint8_t)(role == R_TONE || role == R_CONN ? 5 : raw != RAW_ENTRY ? raw :
			   role == R_INTERJ ? 3 : 0);
	u->rw = 0;
	switch (role) {
	case R_COND: sc.c[u->clause].cond = 1; break;
	case R_RHET: sc.c[u->clause].rhet = 1; break;
	case R_REQUEST: sc.c[u->clause].request = 1; break;
	case R_ASK: sc.c[u->clause].ask = 1; break;
	case R_WISH:
		sc.c[u->clause].wish = 1;
		if (u->clause > 0)
			sc.c[u->clause - 1].wish = 1; /* 如果再便宜点，就好了 */
		break;
	default: break;
	}
	return 1;
}

/* Longest term starting at character i of the current Han run, at most maxl characters:
 * its length (0 when none) and entry in *entry. */
static size_t longest_at_max(const struct sentiment_model *m, size_t i, size_t maxl,
			     uint32_t *entry)
{
	size_t best = 0;
	uint32_t v;
	uint64_t st = HMAP_HSEED; /* hash state of the key so far: extended a character a step */
	const char *k = sc.nb.buf + sc.cpos[i];
	for (size_t l = 1; l <= maxl; l++) {
		size_t kn = sc.cpos[i + l] - sc.cpos[i];
		st = hmap_hadd(st, sc.nb.buf + sc.cpos[i + l - 1], sc.cpos[i + l] - sc.cpos[i + l - 1]);
		const unsigned char *u = (const unsigned char *)k;
		if (l == 1 && kn == 3 && u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED &&
		    (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
			/* one valid three-byte character (what follows for any other): the table */
			v = m->one[(u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F)];
		} else if (l == 1 && kn && kn == utf8_valid_len(k, kn)) {
			size_t cl;
			int32_t cp = utf8_decode(k, kn, &cl);
			if (cp >= 0 && cp < 0x10000) {
				v = m->one[cp];
			} else if (!hmap_get_h(&m->idx, st, k, kn, &v)) {
				break;
			}
		} else if (!kn || !hmap_get_h(&m->idx, st, k, kn, &v)) {
			break;
		}
		if ((v & V_NONE) != V_NONE) {
			best = l;
			*entry = v & ~V_PREFIX;
		}
		if (!(v & V_PREFIX))
			break;
	}
	return best;
}

static size_t longest_at(const struct sentiment_model *m, size_t i, size_t nch, uint32_t *entry)
{
	return longest_at_max(m, i, nch - i < MAX_TERM_CHARS ? nch - i : MAX_TERM_CHARS, entry);
}

/* Forward longest match over one run of Han text[off..end). *pos counts characters. */
static void match_han(const struct sentiment_model *m, const char *text, uint32_t off,
		      uint32_t end, uint32_t *pos)
{
	size_t nch = 0;
	const struct norm_text *ft = sc.ft;
	sb_reset(&sc.nb);
	if (end <= ft->n && ft->start[off] && ft->start[end]) {
		/* the run's slice of the note's folded text: the same bytes as folding here */
		sb_add(&sc.nb, ft->buf + ft->o2n[off], ft->o2n[end] - ft->o2n[off]);
		for (uint32_t p = off; p < end; p++) {
			if (!ft->start[p])
				continue;
			if (nch + 2 > sc.capch || !sc.opos) {
				NM_GROW(sc.cpos, sc.capch, nch + 2);
				sc.opos = xrealloc(sc.opos, sc.capch * sizeof *sc.opos);
			}
			sc.cpos[nch] = ft->o2n[p] - ft->o2n[off];
			sc.opos[nch] = p;
			nch++;
		}
		goto matched_fold;
	}
	sb_grow(&sc.nb, (size_t)(end - off) * 16); /* at most a character a byte, 16 bytes each */
	for (uint32_t p = off; p < end;) {
		size_t l = 0;
		int32_t cp = utf8_decode(text + p, end - p, &l);
		if (!l)
			l = 1;
		if (nch + 2 > sc.capch || !sc.opos) {
			NM_GROW(sc.cpos, sc.capch, nch + 2);
			sc.opos = xrealloc(sc.opos, sc.capch * sizeof *sc.opos);
		}
		sc.cpos[nch] = (uint32_t)sc.nb.len;
		sc.opos[nch] = p;
		sc.nb.len += norm_fold_cp(cp < 0 ? 0xFFFD : cp, sc.nb.buf + sc.nb.len);
		nch++;
		p += (uint32_t)l;
	}
matched_fold:
	sc.nb.buf[sc.nb.len] = 0;
	if (!nch)
		return;
	sc.cpos[nch] = (uint32_t)sc.nb.len;
	sc.opos[nch] = end;
	for (size_t i = 0; i < nch;) {
		uint32_t bestv = 0, v2;
		size_t best = longest_at(m, i, nch, &bestv), l2;
		/* A rule word whose last character starts a longer polar word gives it up:
		 * 也不|不理人 is 也 + 不理人, not 也不 + 理人. */
		if (best >= 2 && m->e[bestv].role != R_POLAR && m->e[bestv].role != R_STOP &&
		    (l2 = longest_at(m, i + best - 1, nch, &v2)) >= 2 &&
		    m->e[v2].role == R_POLAR) {
			best = longest_at_max(m, i, best - 1, &bestv);
			if (!best) {
				cur_clause()->last_end = sc.opos[i + 1];
				i++;
				continue;
			}
		}
		if (best) {
			add_unit(sc.opos[i], sc.opos[i + best] - sc.opos[i], *pos + (uint32_t)i,
				 *pos + (uint32_t)(i + best), (int)bestv, RAW_ENTRY);
			cur_clause()->last_end = sc.opos[i + best];
			i += best;
		} else {
			cur_clause()->last_end = sc.opos[i + 1];
			i++;
		}
	}
	*pos += (uint32_t)nch;
}

static int is_polar_entry(const struct sentiment_model *m, uint32_t entry)
{
	int r = m->e[entry].role;
	return r == R_POLAR || r == R_CONTEXT || r == R_PDEG || r == R_INTERJ;
}

static int is_latin_tok(int t)
{
	return t == TOK_LATIN || t == TOK_WORD;
}

static int all_caps(const char *s, size_t n)
{
	size_t up = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'a' && c <= 'z')
			return 0;
		up += c >= 'A' && c <= 'Z';
	}
	return up >= 2;
}

/* Append the normalised Latin word t to sc.key, with ’ folded to '. */
static void add_word(const char *s, size_t n)
{
	size_t start = sc.key.len;
	norm_append(&sc.key, s, n);
	/* Fold U+2019 (e2 80 99) to an ASCII apostrophe, in place. */
	for (size_t i = start; i + 2 < sc.key.len; i++) {
		if ((unsigned char)sc.key.buf[i] == 0xE2 && (unsigned char)sc.key.buf[i + 1] == 0x80 &&
		    (unsigned char)sc.key.buf[i + 2] == 0x99) {
			sc.key.buf[i] = '\'';
			memmove(sc.key.buf + i + 1, sc.key.buf + i + 3, sc.key.len - i - 3);
			sc.key.len -= 2;
			sc.key.buf[sc.key.len] = 0;
		}
	}
}

/* Collapse letters repeated 3+ times to one ("goooood" -> "god" is wrong, so try 2 first). */
static int elongated_lookup(const struct sentiment_model *m, const char *w, size_t n, uint32_t *v)
{
	char buf[64];
	for (int keep = 2; keep >= 1; keep--) {
		size_t o = 0, run = 0, changed = 0;
		if (n >= sizeof buf)
			return 0;
		for (size_t i = 0; i < n; i++) {
			run = i && w[i] == w[i - 1] ? run + 1 : 1;
			if (run > (size_t)keep) {
				changed = 1;
				continue;
			}
			buf[o++] = w[i];
		}
		if (!changed)
			return 0;
		if (lookup(m, buf, o, v) && (*v & V_NONE) != V_NONE) {
			*v &= ~V_PREFIX;
			return 1;
		}
	}
	return 0;
}

/* True when entry v may be reached by cutting suffix suf: a connotation only through an
 * inflection (-s, -es, -ed, -ing, -ies, -ied), never through -er, -ly, -est or -ness, which
 * would reach it from unrelated words (sweater -> sweat, cover -> cove). */
static int stem_fits(const struct sentiment_model *m, uint32_t v, const char *suf)
{
	static const char *const infl[] = { "ies", "ied", "ing", "ed", "es", "s", NULL };
	if (m->e[v & ~V_PREFIX].role != R_CONN)
		return 1;
	for (int i = 0; infl[i]; i++)
		if (!strcmp(suf, infl[i]))
			return 1;
	return 0;
}

/* English inflections: look the word up without -s, -es, -ed, -d, -ing, -ly, -er, -est,
 * -ness, restoring a final e or y (loved -> love, happier -> happy, coolest -> cool); a
 * connotation only through an inflection (stem_fits). */
static int stem_lookup(const struct sentiment_model *m, const char *w, size_t n, uint32_t *v)
{
	static const char *const suf[] = { "iest", "ier", "ily", "ies", "ied", "iness", "ness",
					   "est", "er", "ly", "ing", "ed", "es", "s", NULL };
	char buf[64];
	if (n >= sizeof buf - 2 || n < 4)
		return 0;
	for (int i = 0; suf[i]; i++) {
		size_t sl = strlen(suf[i]), b;
		if (n <= sl + 2 || memcmp(w + n - sl, suf[i], sl))
			continue;
		b = n - sl;
		memcpy(buf, w, b);
		if (suf[i][0] == 'i' && suf[i][1] != 'n') {
			buf[b] = 'y';
			if (lookup(m, buf, b + 1, v) && (*v & V_NONE) != V_NONE &&
			    stem_fits(m, *v, suf[i]))
				goto found;
			continue;
		}
		if (lookup(m, buf, b, v) && (*v & V_NONE) != V_NONE && stem_fits(m, *v, suf[i]))
			goto found;
		buf[b] = 'e';
		if (lookup(m, buf, b + 1, v) && (*v & V_NONE) != V_NONE && stem_fits(m, *v, suf[i]))
			goto found;
		if (b >= 2 && buf[b - 1] == buf[b - 2] && lookup(m, buf, b - 1, v) &&
		    (*v & V_NONE) != V_NONE && stem_fits(m, *v, suf[i]))
			goto found; /* sadder -> sad, stopped -> stop */
	}
	return 0;
found:
	*v &= ~V_PREFIX;
	return 1;
}

/* A stuttered English word (h-happy, b-b-baka, I-i-it's): its first letter repeated with
 * hyphens is dropped and the rest looked up (also shortened, like any word). */
static int en_stutter_lookup(const struct sentiment_model *m, const char *w, size_t n,
			     uint32_t *v)
{
	size_t k = 0;
	while (k + 2 < n && w[k + 1] == '-' && w[k + 2] == w[0] && w[0] >= 'a' && w[0] <= 'z')
		k += 2;
	if (!k)
		return 0;
	if (lookup(m, w + k, n - k, v) && (*v & V_NONE) != V_NONE) {
		*v &= ~V_PREFIX;
		return 1;
	}
	return elongated_lookup(m, w + k, n - k, v) || stem_lookup(m, w + k, n - k, v);
}

/* True when token i is the (case-insensitive) word w. */
static int tok_is(const struct note *n, size_t i, const char *w)
{
	size_t l = strlen(w);
	if (i >= n->ntok || !is_latin_tok(n->tok[i].type) || n->tok[i].len != l)
		return 0;
	for (size_t k = 0; k < l; k++) {
		char c = n->text[n->tok[i].off + k];
		if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != w[k])
			return 0;
	}
	return 1;
}

/* The value of token i as a rating number: digits with an optional decimal part, or an
 * English number word up to ten. -1 when it is neither. */
static double number_of(const struct note *n, size_t i, double *den)
{
	static const char *const words[] = { "zero", "one", "two", "three", "four", "five",
					     "six", "seven", "eight", "nine", "ten", NULL };
	const struct token *t = &n->tok[i];
	const char *s = n->text + t->off;
	double v = 0, scale = 0;
	*den = 0;
	if (t->type != TOK_NUMBER) {
		for (int k = 0; words[k]; k++)
			if (tok_is(n, i, words[k]))
				return k;
		return -1;
	}
	for (size_t k = 0; k < t->len; k++) {
		char c = s[k];
		if (c >= '0' && c <= '9' && scale == 0) {
			v = v * 10 + (c - '0');
		} else if (c >= '0' && c <= '9') {
			v += (c - '0') * scale;
			scale /= 10;
		} else if (c == '.' && scale == 0 && k + 1 < t->len) {
			scale = 0.1;
		} else if (c == '/' && !*den && k + 1 < t->len) {
			/* 4/5: the rest is the scale */
			double d = 0;
			for (size_t q = k + 1; q < t->len; q++) {
				if (s[q] < '0' || s[q] > '9')
					return -1;
				d = d * 10 + (s[q] - '0');
			}
			*den = d;
			break;
		} else {
			return -1;
		}
	}
	return v;
}

/* A rating at token i: "5 stars", "one star", "4.5 stars", "4/5", "8/10", "9 out of 10".
 * Returns the tokens it spans (0: none) and its weight in *w: the share of the scale
 * r = value / scale becomes (r - RATING_MID) * RATING_SLOPE, clamped to +-2.5 (5/5 +1.75,
 * 4/5 +0.75, 3/5 -0.25, 1/5 -2.25). A bare number of stars is out of 5 (out of 10 above 5);
 * a fraction needs the scale 5 or 10 (a date such as 3/12 is not a rating). */
static size_t rating_at(const struct note *n, size_t i, double *w)
{
	double den, den2, a, r;
	size_t used = 1;
	/* Cheap test first: a word is a rating only before star(s) or "out of". */
	if (n->tok[i].type != TOK_NUMBER && !tok_is(n, i + 1, "stars") &&
	    !tok_is(n, i + 1, "star") && !tok_is(n, i + 1, "out"))
		return 0;
	a = number_of(n, i, &den);
	if (a < 0)
		return 0;
	if (den) {
		if ((den != 5 && den != 10) || tok_is(n, i + 1, "of"))
			return 0; /* 1/10 of a second */
		if (tok_is(n, i + 1, "stars") || tok_is(n, i + 1, "star"))
			used = 2;
	} else if (tok_is(n, i + 1, "stars") || tok_is(n, i + 1, "star")) {
		den = a <= 5 ? 5 : 10;
		used = 2;
	} else if (tok_is(n, i + 1, "out") && tok_is(n, i + 2, "of") && i + 3 < n->ntok &&
		   (r = number_of(n, i + 3, &den2)) > 0 && !den2 && (r == 5 || r == 10)) {
		den = r;
		used = 4;
	} else {
		return 0;
	}
	if (a > den)
		return 0;
	r = (a / den - RATING_MID) * RATING_SLOPE;
	*w = r > 2.5 ? 2.5 : r < -2.5 ? -2.5 : r;
	return used;
}

/* Add the rating unit at token i when there is one; the tokens used. */
static size_t rating_unit(const struct sentiment_model *m, const struct note *n, size_t i,
			  uint32_t *pos)
{
	double w;
	size_t k = rating_at(n, i, &w);
	const struct token *t = n->tok;
	if (!k)
		return 0;
	(void)add_unit(t[i].off, t[i + k - 1].off + t[i + k - 1].len - t[i].off, *pos, *pos + 1,
		       (int)m->rating, 4); /* never a conn */
	sc.u[sc.nu - 1].rw = (float)w;
	cur_clause()->last_end = t[i + k - 1].off + t[i + k - 1].len;
	(*pos)++;
	return k;
}

/* True when a word token holds a symbol of a text emoticon (d:, xD, ;p as one token): it is
 * an emoticon and counts as written, with no negation or degree. */
static int en_symbol_word(const char *w, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (memchr(":;()<>=^_*", w[k], 10))
			return 1;
	return 0;
}

/* True when token j is an apostrophe that starts an elided English word ('em, 'cause, 'til):
 * white space before it, a Latin word right after it. */
static int en_elision_at(const struct note *n, size_t j)
{
	const struct token *t = n->tok;
	const char *s = n->text + t[j].off;
	size_t l = t[j].len;
	if (j == 0 || j + 1 >= n->ntok || !is_latin_tok(t[j + 1].type) ||
	    t[j + 1].off != t[j].off + l || t[j].off == t[j - 1].off + t[j - 1].len)
		return 0;
	return (l == 1 && s[0] == '\'') || (l == 3 && !memcmp(s, "\xe2\x80\x99", 3));
}

/* True when the Latin tokens i..i+k-1 touch a Han token with no space (XX公司, 郭xx): part of
 * a mixed name or a placeholder, not an English interjection. */
static int en_glued_to_han(const struct note *n, size_t i, size_t k)
{
	const struct token *t = n->tok;
	size_t e = i + k - 1;
	return (i > 0 && t[i - 1].type == TOK_HAN && t[i - 1].off + t[i - 1].len == t[i].off) ||
	       (e + 1 < n->ntok && t[e + 1].type == TOK_HAN && t[e].off + t[e].len == t[e + 1].off);
}

/* A letter, digit or underscore: a character of an @name. */
static int en_name_char(char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* True when token i starts a sentence: before it only white space and @names back to the
 * start of the note, a sentence mark, a colon, a quote or a bracket. */
static int en_sentence_start(const struct note *n, size_t i)
{
	const char *t = n->text;
	uint32_t a = n->tok[i].off;
	for (;;) {
		uint32_t b;
		while (a > 0 && (t[a - 1] == ' ' || t[a - 1] == '\t'))
			a--;
		if (a == 0 || memchr(".!?:;\"(\n", t[a - 1], 8))
			return 1;
		for (b = a; b > 0 && en_name_char(t[b - 1]); b--)
			;
		if (b == a || b == 0 || t[b - 1] != '@')
			return 0;
		a = b - 1; /* "@anna STOP IT": the name is no word of the sentence */
	}
}

/* Match Latin words starting at token i (phrases up to 4 words). Returns tokens used. */
static size_t match_latin(const struct sentiment_model *m, const struct note *n, size_t i,
			  uint32_t *pos, int mixed_case)
{
	const struct token *t = n->tok;
	size_t best = 0, used = 0, bestwords = 0, j;
	uint32_t bestv = 0, v;
	if ((j = rating_unit(m, n, i, pos)))
		return j;
	sb_reset(&sc.key);
	for (j = i; j < n->ntok && used < MAX_PHRASE_WORDS; j++) {
		if (t[j].type == TOK_PUNCT && used && en_elision_at(n, j)) {
			/* give 'em hell: an apostrophe that starts a word is part of it */
			sb_adds(&sc.key, " '");
			j++;
		} else if (t[j].type == TOK_PUNCT) {
			/* well-made, wi-fi: a hyphen between two words joins them */
			if (!used || t[j].len != 1 || n->text[t[j].off] != '-' || j + 1 >= n->ntok ||
			    !is_latin_tok(t[j + 1].type) || t[j].off != t[j - 1].off + t[j - 1].len ||
			    t[j + 1].off != t[j].off + 1)
				break;
			sb_addc(&sc.key, '-');
			j++;
		} else if (!is_latin_tok(t[j].type)) {
			break;
		} else if (used) {
			sb_addc(&sc.key, ' ');
		}
		add_word(n->text + t[j].off, t[j].len);
		used++;
		if (!lookup(m, sc.key.buf, sc.key.len, &v))
			break;
		if ((v & V_NONE) != V_NONE) {
			best = j - i + 1;
			bestwords = used;
			bestv = v & ~V_PREFIX;
		}
		if (!(v & V_PREFIX))
			break;
	}
	if (bestwords <= 1 && en_sentence_start(n, i)) {
		/* ^stop: a word that says something only at the start of a sentence (an order) */
		sb_reset(&sc.key);
		sb_addc(&sc.key, '^');
		add_word(n->text + t[i].off, t[i].len);
		if (lookup(m, sc.key.buf, sc.key.len, &v) && (v & V_NONE) != V_NONE) {
			best = bestwords = 1;
			bestv = v & ~V_PREFIX;
		}
	}
	if (!best) {
		/* A word with n't is a negator; a stretched or inflected word is looked up
		 * shortened. */
		sb_reset(&sc.key);
		add_word(n->text + t[i].off, t[i].len);
		if (sc.key.len > 3 && !memcmp(sc.key.buf + sc.key.len - 3, "n't", 3) &&
		    lookup(m, "not", 3, &v) && (v & V_NONE) != V_NONE) {
			best = 1;
			bestv = v & ~V_PREFIX;
		} else if (elongated_lookup(m, sc.key.buf, sc.key.len, &v) ||
			   stem_lookup(m, sc.key.buf, sc.key.len, &v) ||
			   en_stutter_lookup(m, sc.key.buf, sc.key.len, &v)) {
			best = 1;
			bestv = v;
		}
		bestwords = 1;
	}
	cur_clause()->last_end = t[i].off + t[i].len;
	if (!best) {
		(*pos)++;
		return 1;
	}
	if (m->e[bestv].role == R_INTERJ && en_glued_to_han(n, i, best)) {
		(*pos) += (uint32_t)bestwords; /* XX公司, 郭xx: a placeholder, not a kiss */
		return best;
	}
	if (m->e[bestv].role == R_SKIP) {
		cur_clause()->last_end = t[i + best - 1].off + t[i + best - 1].len;
		return best; /* "not been any problems": 'been' and 'any' take no room */
	}
	/* "trying not to hurl d:": a word holding an emoticon symbol is an emoticon, not negated */
	if (add_unit(t[i].off, t[i + best - 1].off + t[i + best - 1].len - t[i].off, *pos,
		     *pos + (uint32_t)bestwords, (int)bestv,
		     best == 1 && en_symbol_word(n->text + t[i].off, t[i].len) ? 1 : RAW_ENTRY))
		sc.u[sc.nu - 1].caps = mixed_case && all_caps(n->text + t[i].off, t[i].len);
	if (m->e[bestv].role == R_WISH)
		cur_clause()->cond = 1; /* "would have liked a bigger screen": bigger is missing */
	cur_clause()->last_end = t[i + best - 1].off + t[i + best - 1].len;
	*pos += (uint32_t)bestwords;
	return best;
}

/* The clause a closing '!' or '?' belongs to: the current one, or the one just closed when
 * the current one is still empty ("好吃！！！" gives all three marks to 好吃). */
static struct clause *mark_clause(void)
{
	int empty = !sc.nu || sc.u[sc.nu - 1].clause != (int)sc.nc - 1;
	return empty && sc.nc > 1 ? &sc.c[sc.nc - 2] : cur_clause();
}

/* Punctuation: clause boundaries, '!' and '?'. */
static void punct(const char *s, size_t n)
{
	for (size_t p = 0; p < n;) {
		size_t l = 0;
		int32_t cp = utf8_decode(s + p, n - p, &l);
		if (!l)
			l = 1;
		p += l;
		switch (cp) {
		case '!': case 0xFF01:
			mark_clause()->excl++;
			mark_clause()->stop = 1;
			clause_break();
			break;
		case '.': case 0x3002: case 0xFF0E: case 0xFF61:
			if (l == n) /* one mark; a run (。。。, ...) trails off like a comma */
				mark_clause()->stop = 1;
			clause_break();
			break;
		case '?': case 0xFF1F:
			mark_clause()->question = 1;
			clause_break();
			break;
		case ',': case ';': case ':': case '~': case '\n': case '-': case 0x2013: case 0x2014:
		case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0x3001: case 0xFF5E:
		case 0x2026: case 0x300C: case 0x300D: case '(': case ')':
		case 0xFF08: case 0xFF09:
			clause_break();
			break;
		default:
			break;
		}
	}
}

/* The character of an HTML entity spelled by tokens i..i+2 (&, lt|gt|amp|quot|apos, ;),
 * adjacent; 0 when there is none. */
static char entity_at(const struct note *n, size_t i)
{
	static const struct { const char *name; char c; } ent[] = {
		{ "lt", '<' }, { "gt", '>' }, { "amp", '&' }, { "quot", '"' }, { "apos", '\'' },
	};
	const struct token *t = n->tok;
	if (i + 2 >= n->ntok || t[i].len != 1 || n->text[t[i].off] != '&' ||
	    t[i + 1].off != t[i].off + 1 || t[i + 2].off != t[i + 1].off + t[i + 1].len ||
	    t[i + 2].len != 1 || n->text[t[i + 2].off] != ';')
		return 0;
	for (size_t k = 0; k < sizeof ent / sizeof ent[0]; k++)
		if (tok_is(n, i + 1, ent[k].name))
			return ent[k].c;
	return 0;
}

/* True when the note has Latin words both in capitals and not: only then do capitals
 * stand out as emphasis. */
static int note_mixed_case(const struct note *n)
{
	int caps = 0, other = 0;
	for (size_t i = 0; i < n->ntok && !(caps && other); i++) {
		if (n->tok[i].type != TOK_LATIN)
			continue;
		if (all_caps(n->text + n->tok[i].off, n->tok[i].len))
			caps = 1;
		else
			other = 1;
	}
	return caps && other;
}

/* Text emoticons that start with a letter (T_T, o_O, x_x, XD): the tokenizer splits them
 * into a short Latin token and adjacent punctuation, so the run of up to 4 adjacent tokens
 * (3 to 8 bytes) is looked up whole when the first token has at most 2 letters and the
 * next one is punctuation; a word that holds the symbol itself (T_T as one token) is looked
 * up whole. Returns the tokens used (0: none) and the entry in *entry. */
static size_t en_letter_emoticon(const struct sentiment_model *m, const struct note *n, size_t i,
				 uint32_t *entry)
{
	const struct token *t = n->tok;
	const char *w = n->text + t[i].off;
	size_t best = 0;
	uint32_t v;
	/* A tokenizer that keeps T_T as one word: a short word with a symbol is looked up whole */
	for (size_t k = 0; t[i].len <= 8 && k < t[i].len; k++) {
		unsigned char c = (unsigned char)w[k];
		if (c == '_' || c == '.' || c == '^') {
			norm_key(&sc.key, w, t[i].len);
			if (lookup(m, sc.key.buf, sc.key.len, &v) && (v & V_NONE) != V_NONE) {
				*entry = v & ~V_PREFIX;
				return 1;
			}
			break;
		}
	}
	if (t[i].len > 2 || i + 1 >= n->ntok || t[i + 1].type != TOK_PUNCT ||
	    t[i + 1].off != t[i].off + t[i].len)
		return 0;
	for (size_t j = i + 1; j < n->ntok && j < i + 4; j++) {
		uint32_t end = t[j].off + t[j].len;
		if (t[j].off != t[j - 1].off + t[j - 1].len || end - t[i].off > 8)
			break;
		if (end - t[i].off < 3)
			continue; /* D: and b) are list markers ("Plan D:", "a) ... b) ...") */
		norm_key(&sc.key, n->text + t[i].off, end - t[i].off);
		if (lookup(m, sc.key.buf, sc.key.len, &v) && (v & V_NONE) != V_NONE) {
			best = j - i + 1;
			*entry = v & ~V_PREFIX;
		}
	}
	/* "o_O" is only an emoticon when it does not run on into a word: a_b_c is not */
	if (best && i + best < n->ntok && t[i + best].off == t[i + best - 1].off + t[i + best - 1].len &&
	    is_latin_tok(t[i + best].type))
		return 0;
	return best;
}

/* The tone mark of the punctuation token s[0..n) (a run of one character), or -1: ！！！
 * (three or more), ？？ (two or more), 。。。 or ... (three or more), ~ (any). A single ？ is
 * no tone: a question asks, it takes no attitude. */
static int tone_of(const char *s, size_t n)
{
	size_t l = 0, run = 0;
	int32_t c0 = utf8_decode(s, n, &l);
	for (size_t p = 0; p < n; run++) {
		int32_t c = utf8_decode(s + p, n - p, &l);
		if (!l || c != c0)
			return -1;
		p += l;
	}
	switch (c0) {
	case '!': case 0xFF01: return run >= 3 ? TONE_EXCL : -1;
	case '?': case 0xFF1F: return run >= 2 ? TONE_QUERY : -1;
	case '.': case 0x3002: return run >= 3 ? TONE_DOTS : -1;
	case '~': case 0xFF5E: return TONE_TILDE;
	default: return -1;
	}
}

/* True when the note has a Han token (computed once a note, on demand). */
static int note_han(const struct note *n)
{
	if (sc.han < 0) {
		sc.han = 0;
		for (size_t i = 0; i < n->ntok && !sc.han; i++)
			sc.han = n->tok[i].type == TOK_HAN;
	}
	return sc.han;
}

/* A tone mark at punctuation token i of a Chinese note: a unit counted as written, the first
 * of each kind only. */
static void tone_unit(const struct sentiment_model *m, const struct note *n, size_t i,
		      uint32_t *pos)
{
	const struct token *t = &n->tok[i];
	int k = tone_of(n->text + t->off, t->len);
	if (k < 0 || (sc.tone_seen & (1u << k)) || !note_han(n))
		return;
	if (k == TONE_TILDE && i > 0 && t[-1].type == TOK_NUMBER)
		return; /* a range: 3~5 */
	if (k == TONE_EXCL) {
		/* 好吃！！！ is enthusiasm (the '!' amplify 好吃); agitation only without a word */
		int cl = (int)sc.nc - 1;
		if ((!sc.nu || sc.u[sc.nu - 1].clause != cl) && cl > 0)
			cl--;
		for (size_t j = sc.nu; j-- > 0 && sc.u[j].clause == cl;)
			if (is_polar_entry(m, (uint32_t)sc.u[j].entry) && !sc.u[j].raw)
				return;
	}
	sc.tone_seen |= (uint8_t)(1u << k);
	(void)add_unit(t->off, t->len, *pos, *pos + 1, (int)m->tone[k], RAW_ENTRY); /* raw 5 */
	(*pos)++;
}

/* Pass 1: units and clauses. */
static void build_units(const struct sentiment_model *m, const struct note *n)
{
	const struct token *t = n->tok;
	uint32_t pos = 0;
	int mixed = note_mixed_case(n);
	nm_thread_own(&sc, scratch_release);
	sc.model = m;
	sc.title_len = n->title_len;
	sc.han = -1;
	sc.tone_seen = 0;
	sc.saw_conn = 0;
	sc.ft = norm_text_fold(n->text, n->len, n->serial);
	sc.nu = sc.nc = 0;
	new_clause();
	for (size_t i = 0; i < n->ntok;) {
		uint32_t v;
		if (i && t[i].off > t[i - 1].off + t[i - 1].len) {
			/* White space: a line break or a gap between Han words ends a clause. */
			const char *g = n->text + t[i - 1].off + t[i - 1].len;
			size_t gl = t[i].off - (t[i - 1].off + t[i - 1].len);
			if (memchr(g, '\n', gl))
				mark_clause()->stop = 1;
			if (memchr(g, '\n', gl) || (t[i].type == TOK_HAN && t[i - 1].type == TOK_HAN))
				clause_break();
		}
		if (n->title_len && t[i].off >= n->title_len &&
		    (i == 0 || t[i - 1].off < n->title_len))
			clause_break();
		switch (t[i].type) {
		case TOK_HAN: {
			size_t j = i + 1;
			while (j < n->ntok && t[j].type == TOK_HAN &&
			       t[j].off == t[j - 1].off + t[j - 1].len &&
			       !(n->title_len && t[j].off == n->title_len))
				j++;
			match_han(m, n->text, t[i].off, t[j - 1].off + t[j - 1].len, &pos);
			i = j;
			continue;
		}
		case TOK_LATIN:
		case TOK_WORD: {
			size_t k = en_letter_emoticon(m, n, i, &v);
			if (k) {
				add_unit(t[i].off, t[i + k - 1].off + t[i + k - 1].len - t[i].off,
					 pos, pos + 1, (int)v, 1);
				pos++;
				i += k;
				continue;
			}
			i += match_latin(m, n, i, &pos, mixed);
			continue;
		}
		case TOK_NUMBER: {
			size_t k = rating_unit(m, n, i, &pos);
			if (k) {
				i += k;
				continue;
			}
		}
			/* fall through */
		case TOK_EMOTICON:
		case TOK_EMOJI:
			norm_key(&sc.key, n->text + t[i].off, t[i].len);
			if (lookup(m, sc.key.buf, sc.key.len, &v) && (v & V_NONE) != V_NONE) {
				/* a connotation or tone word (raw 5: 996, 12315) stays one */
				add_unit(t[i].off, t[i].len, pos, pos + 1, (int)(v & ~V_PREFIX),
					 t[i].type != TOK_NUMBER);
			}
			pos++;
			break;
		case TOK_HASHTAG: {
			/* #避雷[话题]#, #fail: the tag's name looked up whole */
			const char *h = n->text + t[i].off, *e = h + t[i].len;
			while (h < e && *h == '#')
				h++;
			for (const char *q = h; q < e; q++) {
				if (*q == '#' || *q == '[') {
					e = q;
					break;
				}
			}
			norm_key(&sc.key, h, (size_t)(e - h));
			if (lookup(m, sc.key.buf, sc.key.len, &v) && (v & V_NONE) != V_NONE &&
			    is_polar_entry(m, v & ~V_PREFIX)) {
				add_unit(t[i].off, t[i].len, pos, pos + 1, (int)(v & ~V_PREFIX), 2);
			}
			pos++;
			break;
		}
		case TOK_PUNCT: {
			/* Text emoticons: up to 4 adjacent tokens starting with punctuation (:-) <3);
			 * an HTML entity (&gt;:( in tweets) is read as its character. */
			size_t best = 0, j, first = i;
			uint32_t bv = 0;
			char ent = entity_at(n, i);
			if (ent) {
				first = i + 3;
				if (ent != '<' && ent != '>') {
					i += 3; /* &amp; &quot;: no clause break */
					continue;
				}
			}
			for (j = first; j < n->ntok && j < first + 4; j++) {
				uint32_t end = t[j].off + t[j].len;
				if (j > i && t[j].off != t[j - 1].off + t[j - 1].len)
					break;
				if (end - t[first].off > 8)
					break;
				sb_reset(&sc.key);
				if (ent)
					sb_addc(&sc.key, ent);
				norm_append(&sc.key, n->text + t[first].off, end - t[first].off);
				if (lookup(m, sc.key.buf, sc.key.len, &v) &&
				    (v & V_NONE) != V_NONE) {
					best = j - i + 1;
					bv = v & ~V_PREFIX;
				}
			}
			if (!best && ent) {
				i += 3;
				continue;
			}
			if (best) {
				add_unit(t[i].off, t[i + best - 1].off + t[i + best - 1].len - t[i].off,
					 pos, pos + 1, (int)bv, 1);
				pos++;
				i += best;
				continue;
			}
			tone_unit(m, n, i, &pos);
			punct(n->text + t[i].off, t[i].len);
			break;
		}
		default:
			break;
		}
		i++;
	}
}

static struct contrib *add_contrib(const struct unit *u, double w, int seg)
{
	struct contrib *k;
	NM_GROW(sc.k, sc.capk, sc.nk + 1);
	k = &sc.k[sc.nk++];
	k->off = u->off;
	k->len = u->len;
	k->w = w;
	k->seg = seg;
	k->clause = u->clause;
	k->context = 0;
	k->weak = 0;
	k->conn = 0;
	k->concession = 0;
	k->plot = 0;
	k->asked = 0;
	k->rule[0] = 0;
	return k;
}

/* A rule's text built a piece at a time: the bytes snprintf with the rule's format would
 * make ("%.*s" pieces, numbers by nm_fmt_g), without going through printf, which was a
 * tenth of sentiment's time; len counts every byte, buf holds them while they fit. */
struct rtext {
	char buf[sizeof ((struct contrib *)0)->rule];
	size_t len;
};

static void rt_addn(struct rtext *t, const char *s, size_t n)
{
	if (t->len + n < sizeof t->buf)
		memcpy(t->buf + t->len, s, n);
	t->len += n;
}

static void rt_adds(struct rtext *t, const char *s)
{
	rt_addn(t, s, strlen(s));
}

/* "%.*s": at most n bytes, up to a NUL */
static void rt_addsn(struct rtext *t, const char *s, size_t n)
{
	rt_addn(t, s, strnlen(s, n));
}

/* "%.*g" */
static void rt_addg(struct rtext *t, double x, int prec)
{
	char b[NM_FMT_G_MAX];
	rt_addn(t, b, nm_fmt_g(b, x, prec));
}

/* Append t to k's rules after "; ". A rule that does not fit whole is left out (never cut
 * inside a character). */
static void rule_put(struct contrib *k, const struct rtext *t)
{
	size_t l = strlen(k->rule);
	if (l + (l ? 2 : 0) + t->len >= sizeof k->rule)
		return;
	if (l) {
		k->rule[l++] = ';';
		k->rule[l++] = ' ';
	}
	memcpy(k->rule + l, t->buf, t->len);
	k->rule[l + t->len] = 0;
}

/* The rule a + s[0..n) (as "%.*s") + b. */
static void rule_add_s(struct contrib *k, const char *a, const char *s, size_t n, const char *b)
{
	struct rtext t;
	t.len = 0;
	rt_adds(&t, a);
	rt_addsn(&t, s, n);
	rt_adds(&t, b);
	rule_put(k, &t);
}

/* The rule a + " x" + x (as "%.*g" with prec), as in "caps x1.5". */
static void rule_add_x(struct contrib *k, const char *a, double x, int prec)
{
	struct rtext t;
	t.len = 0;
	rt_adds(&t, a);
	rt_addn(&t, " x", 2);
	rt_addg(&t, x, prec);
	rule_put(k, &t);
}

/* The rule a + s[0..n) + " x" + x (as "%g"), as in "degree:很 x1.5". */
static void rule_add_sx(struct contrib *k, const char *a, const char *s, size_t n, double x)
{
	struct rtext t;
	t.len = 0;
	rt_adds(&t, a);
	rt_addsn(&t, s, n);
	rt_addn(&t, " x", 2);
	rt_addg(&t, x, 6);
	rule_put(k, &t);
}

static int is_polar(const struct sentiment_model *m, const struct unit *u)
{
	int r = m->e[u->entry].role;
	return r == R_POLAR || r == R_CONTEXT || r == R_PDEG || r == R_INTERJ;
}

/* True when a sentence-final 了 lies between rule word r and term u: "不用尝了不好吃" is
 * two statements, the negator does not reach across. */
static int ends_before(const char *text, const struct unit *r, const struct unit *u)
{
	uint32_t a = r->off + r->len;
	for (; a + 3 <= u->off; a++)
		if (!memcmp(text + a, "\xe4\xba\x86", 3))
			return 1;
	return 0;
}

/* True when 就 or 才 stands between a Chinese negator r and term u (the term's own first
 * character included, not right after the negator): "还没接通就死机", "不到半个月就降价",
 * "没用几天就坏了" tell what happened before something did not; the negator says nothing
 * about the later word. 不就 (不就是…吗) is left to the other rules, and so is 不是, which
 * negates the whole phrase after it (不是读后就扔掉的书). */
static int zh_scope_break(const char *text, const struct unit *r, const struct unit *u)
{
	uint32_t a = r->off + r->len;
	if ((unsigned char)text[r->off] < 0x80 ||
	    (r->len >= 3 && !memcmp(text + a - 3, "\xe6\x98\xaf", 3)))
		return 0; /* 不是 negates all that follows: 不是读后就扔掉的书 */
	/* 不 + verb + 就 is a condition (if not ... then): left as it was; 不到 ... 就 is a time */
	if (!memcmp(text + r->off, "\xe4\xb8\x8d", 3) && r->len == 3 &&
	    memcmp(text + a, "\xe5\x88\xb0", 3))
		return 0;
	for (uint32_t b = a; b + 3 <= u->off + 3 && b + 3 <= u->off + u->len; b++)
		if (!memcmp(text + b, "\xe5\xb0\xb1", 3) || !memcmp(text + b, "\xe6\x89\x8d", 3))
			return b > a;
	return 0;
}

/* A term that carries its own negation (不建议买, 没问题; inside it: 读不出, 找不到) is
 * reached by an earlier negator only when adjacent (不是不好): "如果没买不建议买" keeps
 * 不建议买 negative, "按不紧就读不出" keeps 读不出 negative. */
static int starts_negated(const char *t, size_t n)
{
	static const char *const lead[] = { "不", "没", "无", "别", "未", "非", NULL };
	for (int i = 0; lead[i]; i++)
		if (n > 3 && !memcmp(t, lead[i], 3))
			return 1;
	/* 不 / 没 after the first character of a Han term (the first is checked above) */
	for (size_t k = 3; n > 3 && (unsigned char)t[0] >= 0xE0 && k + 3 <= n; k += 3)
		if (!memcmp(t + k, "不", 3) || !memcmp(t + k, "没", 3))
			return 1;
	return 0;
}

static void grow_seg(size_t need)
{
	size_t old = sc.capseg;
	NM_GROW(sc.segmul, sc.capseg, need);
	for (size_t i = old; i < sc.capseg; i++)
		sc.segmul[i] = 1;
}

/* A deadpan English word: a positive word alone in its sentence, closed by a full stop
 * ("Forgot my phone at home. Great.", "Yay. A wasp sting."). Said flatly next to bad news
 * it is sarcasm, so it counts as a context word: it takes the sign of the rest of the note
 * when that has one (a "Great!" with an exclamation mark is not deadpan). */
static int en_deadpan(const struct note *n, const struct unit *u)
{
	const char *t = n->text;
	size_t a = u->off, b = u->off + u->len;
	if ((unsigned char)t[a] >= 0x80 || memchr(t + a, ' ', u->len))
		return 0;
	while (a > 0 && t[a - 1] == ' ')
		a--;
	if (a > 0 && t[a - 1] != '.' && t[a - 1] != '!' && t[a - 1] != '?' && t[a - 1] != '\n')
		return 0;
	return b < n->len && t[b] == '.' && (b + 1 == n->len || t[b + 1] != '.');
}

/* A Chinese prohibition (不要, 别, 勿) before a negative word: 不要骗人, 别毁了招牌, 不要乱
 *提供图片 are said to whoever did it, so the word keeps its sign (ZH_PROHIBIT) instead of
 * turning into praise. The praise of a promotion (不要错过) is a lexicon phrase. */
static int zh_prohibition(const char *text, const struct unit *g)
{
	return (g->len == 6 && !memcmp(text + g->off, "不要", 6)) ||
	       (g->len == 3 && (!memcmp(text + g->off, "别", 3) || !memcmp(text + g->off, "勿", 3)));
}

/* Pass 2 and 3: contributions, then discourse weights. */
/* An English degree-like polar word (damn, pretty, what a) before a word of mild weight
 * (|w| < 1: movie, coffee, can) is not a degree word but says what it says alone: "that
 * damn movie" is a complaint, "damn good" is praise. w is the text of the first word. */
static int en_pdeg_mild(const struct sentiment_model *m, const char *w, const struct unit *next)
{
	return (unsigned char)w[0] < 0x80 && next->raw != 4 && fabs(m->e[next->entry].w) < 1;
}

/* English negation is asymmetric: a negated negative word is at most mildly positive
 * ("not bad", "haven't processed her death", "should not be allowed to get cancer"), while
 * a negated positive word is plainly negative ("not good"). The factor for the flip of an
 * English word of weight w < 0 (1 for anything else, and for double or rhetorical
 * negation, which keep the sign). */
static double en_neg_of_neg(const char *ut, double w, int keeps_sign)
{
	return (unsigned char)ut[0] < 0x80 && w < 0 && !keeps_sign ? EN_NEG_OF_NEG : 1;
}

/* True when the l bytes at s equal the lower-case ASCII word w, ignoring case. */
static int en_ci_eq(const char *s, const char *w, size_t l)
{
	for (size_t k = 0; k < l; k++)
		if ((s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]) != w[k])
			return 0;
	return 1;
}

/* True when only "or" or "nor" (and white space, a comma) lies between units a and u: a word
 * joined by or to a negated word is negated too. */
static int en_or_after(const struct note *n, const struct unit *a, const struct unit *u)
{
	const char *s = n->text + a->off + a->len, *e = n->text + u->off;
	while (s < e && (*s == ' ' || *s == ','))
		s++;
	if (e - s >= 2 && en_ci_eq(s, "or", 2))
		s += 2;
	else if (e - s >= 3 && en_ci_eq(s, "nor", 3))
		s += 3;
	else
		return 0;
	if (s == e || *s != ' ')
		return 0;
	while (s < e && *s == ' ')
		s++;
	return s == e;
}

/* The English word that ends right before offset off (one space between), lower case, in
 * buf (up to cap - 1 bytes); its length, 0 when there is none. */
static size_t en_word_before(const char *text, uint32_t off, char *buf, size_t cap)
{
	size_t e = off, a;
	if (e < 2 || text[e - 1] != ' ')
		return 0;
	e--;
	for (a = e; a > 0 && ((text[a - 1] | 0x20) >= 'a' && (text[a - 1] | 0x20) <= 'z'); a--)
		;
	if (a == e || e - a >= cap)
		return 0;
	for (size_t k = a; k < e; k++)
		buf[k - a] = (char)(text[k] | 0x20);
	buf[e - a] = 0;
	return e - a;
}

/* A could/can negation of a comparative is a superlative, not a denial: "couldn't be easier",
 * "can't get any cheaper", "could not have thrown that ball any better" (after "any" at any
 * distance in the clause). The sign of the word is kept ("can't get any worse" stays
 * negative). g is the negator, u the polar word; English only. A comparative is better,
 * worse, or a word in -er right after be, get, been or any ("couldn't be clever" is rare). */
static int en_modal_comparative(const struct note *n, const struct unit *g,
				const struct unit *u, uint32_t win)
{
	const char *gt = n->text + g->off, *ut = n->text + u->off;
	size_t l = u->len;
	char w[8];
	int any, modal;
	if ((unsigned char)ut[0] >= 0x80 || (unsigned char)gt[0] >= 0x80 || l < 4 ||
	    memchr(ut, ' ', l))
		return 0;
	modal = g->len > 3 && (gt[0] | 0x20) == 'c' &&
		((gt[1] | 0x20) == 'a' || (gt[1] | 0x20) == 'o');
	if (!modal && g->len == 3 && en_ci_eq(gt, "not", 3)) {
		size_t wl = en_word_before(n->text, g->off, w, sizeof w);
		modal = (wl == 5 && !memcmp(w, "could", 5)) || (wl == 3 && !memcmp(w, "can", 3));
	}
	if (!modal)
		return 0;
	any = u->off >= 4 && en_ci_eq(ut - 4, "any ", 4);
	if (u->pos - g->pend > win && !any)
		return 0;
	if ((l == 6 && en_ci_eq(ut, "better", 6)) || (l == 5 && en_ci_eq(ut, "worse", 5)))
		return 1;
	if ((ut[l - 2] | 0x20) != 'e' || (ut[l - 1] | 0x20) != 'r')
		return 0;
	if (any)
		return 1;
	l = en_word_before(n->text, u->off, w, sizeof w);
	return (l == 2 && !memcmp(w, "be", 2)) || (l == 3 && !memcmp(w, "get", 3)) ||
	       (l == 4 && !memcmp(w, "been", 4));
}

/* A Chinese negated comparison (没有介绍的那么好, 不像说的这么好用, 没有评论和想象中的好):
 * 那么 / 这么 / 那样 / 这样, or 中的, right before the word carries the clause's negator
 * to it over any distance. d is the index of the last degree word, u the word. */
static int cmp_degree(const struct note *n, int d, const struct unit *u)
{
	static const char *const w[] = { "那么", "这么", "那样", "这样" };
	const struct unit *du;
	if ((unsigned char)n->text[u->off] >= 0x80 && u->off >= 6 &&
	    !memcmp(n->text + u->off - 6, "中的", 6))
		return 1;
	if (d < 0)
		return 0;
	du = &sc.u[d];
	if (du->pend != u->pos || du->clause != u->clause || du->len != 6)
		return 0;
	for (size_t i = 0; i < sizeof w / sizeof *w; i++)
		if (!memcmp(n->text + du->off, w[i], 6))
			return 1;
	return 0;
}

/* 没有 X 的 + word is "not as good as X" (没有第一次吃的好, 没有在店里吃的味道好): the
 * negator reaches a word right after 的 over any distance in its clause. g is the negator
 * (a lone 没 is left to the window: 没 + verb + 的 describes a thing, it compares nothing). */
static int zh_not_as(const struct note *n, const struct unit *g, const struct unit *u)
{
	const char *t = n->text;
	if ((unsigned char)t[u->off] < 0x80 || u->off < 3 || memcmp(t + u->off - 3, "的", 3))
		return 0;
	return g->len == 6 && !memcmp(t + g->off, "没有", 6);
}

/* 不是 in a question closed by 吗 / 么 / 嘛 asks for agreement ("这不是吊胃口吗？"): it
 * affirms, it does not negate (but 不是说…吗 recalls a promise that was not kept). */
static int rhet_not(const struct note *n, const struct unit *u)
{
	const struct clause *c = &sc.c[u->clause];
	if (u->len != 6 || memcmp(n->text + u->off, "不是", 6) || c->rhet)
		return 0; /* 难道不是…吗 is the opener's: it flips the clause */
	const char *e = n->text + c->last_end - 3;
	if (c->last_end < u->off + 9 || !memcmp(n->text + u->off + 6, "说", 3))
		return 0; /* 不是说很好用吗: what was promised is missing */
	return !memcmp(e, "吗", 3) || !memcmp(e, "么", 3) || !memcmp(e, "嘛", 3);
}

/* 说好的 (as agreed) in a clause that asks where the thing is (说好的发票呢, 说好的尖椒哪去了):
 * what was promised is missing. The clause is read up to its punctuation mark. */
static int promise_missing(const struct note *n, const struct unit *u)
{
	static const char *const stops[] = { "，", "。", "！", "？", "；", "…" };
	uint32_t a = u->off + u->len;
	if (u->len != 9 || memcmp(n->text + u->off, "说好的", 9))
		return 0;
	for (uint32_t i = a; i + 3 <= n->len && i < a + 60; ) {
		unsigned char c = (unsigned char)n->text[i];
		if (c < 0x80) {
			if (c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == '\n')
				return 0;
			i++;
			continue;
		}
		if (!memcmp(n->text + i, "呢", 3) || !memcmp(n->text + i, "哪", 3))
			return 1;
		for (size_t t = 0; t < sizeof stops / sizeof *stops; t++)
			if (!memcmp(n->text + i, stops[t], 3)) /* all three bytes */
				return 0;
		i += (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : 2;
	}
	return 0;
}

static void score_units(const struct sentiment_model *m, const struct note *n, int category)
{
	int seg = 0, cl = -1;
	int neg_unit = -1, deg_unit = -1, rneg_unit = -1, neg2_unit = -1, asp_unit = -1;
	int asp_neg = -1; /* the negator right before the aspect (没有待机时间那么长) */
	size_t asp_taken = SIZE_MAX; /* an aspect already paired with the scalar before it */
	int neg_used = 0, nbare = 0, or_unit = -1;
	double or_f = 1;
	double negf = 1, degf = 1;
	uint32_t neg_end = 0, deg_end = 0;
	int deg_before_neg = 0;
	sc.nk = 0;
	grow_seg(1);
	sc.segmul[0] = 1;
	for (size_t i = 0; i <= sc.nu; i++) {
		const struct unit *u = i < sc.nu ? &sc.u[i] : NULL;
		const struct sent_entry *e;
		const char *ut;
		double aw = 0; /* a scalar's value from its aspect asp */
		const struct unit *asp = NULL;
		if (u && m->e[u->entry].role == R_REPLY)
			u = NULL; /* the merchant's reply is not the author's opinion: the end */
		if (!u || u->clause != cl) {
			/* Clause end: a negator that found nothing is a bare complaint. */
			if (neg_unit >= 0 && !neg_used && rneg_unit < 0 &&
			    m->e[sc.u[neg_unit].entry].w <= -0.8) {
				const struct unit *nu = &sc.u[neg_unit];
				const char *s = n->text + nu->off;
				if (m->e[nu->entry].role == R_CMP) {
					struct contrib *k = add_contrib(nu, m->e[nu->entry].w, seg);
					rule_add_s(k, "comparison:", s, nu->len, "");
				} else if (nbare++ < BARE_NEG_MAX) {
					struct contrib *k = add_contrib(nu, BARE_NEG_WEIGHT, seg);
					rule_add_s(k, "negation:", s, nu->len, " bare");
				}
			}
			neg_unit = deg_unit = rneg_unit = neg2_unit = asp_unit = asp_neg = or_unit = -1;
			neg_used = 0;
			negf = degf = 1;
			deg_before_neg = 0;
			if (!u)
				break;
			cl = u->clause;
		}
		e = &m->e[u->entry];
		ut = n->text + u->off;
		switch (e->role) {
		case R_CMP:
		case R_NEG:
			if (rhet_not(n, u)) {
				/* 这不是吊胃口吗？: the question affirms what 不是 denies */
				rneg_unit = (int)i;
				negf = 1;
				neg_unit = (int)i;
				neg_used = 0;
				neg_end = u->pend;
				break;
			}
			if (neg_unit >= 0 && !neg_used && u->pos - neg_end <= DOUBLE_NEG_GAP) {
				neg2_unit = neg_unit;
				negf *= e->w;
			} else {
				negf = e->role == R_CMP ? -1 : e->w;
				neg2_unit = -1;
				deg_before_neg = deg_unit >= 0 && u->pos - deg_end <= NEG_WINDOW;
				if (!deg_before_neg) {
					deg_unit = -1;
					degf = 1;
				}
			}
			neg_unit = (int)i;
			neg_used = 0;
			neg_end = u->pend;
			break;
		case R_RHET_NEG:
			rneg_unit = (int)i;
			negf = e->w;
			neg_unit = (int)i;
			neg_used = 0;
			neg_end = u->pend;
			break;
		case R_DEGREE:
			if (deg_unit >= 0 && u->pos - deg_end <= NEG_WINDOW)
				degf *= e->w;
			else
				degf = e->w;
			deg_unit = (int)i;
			deg_end = u->pend;
			break;
		case R_CONTRAST_S:
			if (i && sc.u[i - 1].clause == u->clause)
				break;
			/* fall through */
		case R_CONTRAST:
			/* A mild marker (weight <= 1: 只是, 就是) only scales what follows. */
			for (int s = 0; e->w > 1 && s <= seg; s++)
				sc.segmul[s] *= CONTRAST_BEFORE;
			seg++;
			grow_seg((size_t)seg + 1);
			sc.segmul[seg] = e->w;
			break;
		case R_QEND:
			sc.c[u->clause].qend_end = u->off + u->len;
			break;
		case R_NEG_END:
			/* don't know, never knew: the negator was about the verb */
			neg_unit = neg2_unit = rneg_unit = -1;
			negf = 1;
			break;
		case R_WISH:
			/* 就好了 needs a conditional nearby; a phrase (would be nice) is one. */
			if (memchr(ut, ' ', u->len) || sc.c[u->clause].cond ||
			    (u->clause > 0 && sc.c[u->clause - 1].cond) ||
			    ((size_t)u->clause + 1 < sc.nc && sc.c[u->clause + 1].cond)) {
				struct contrib *k = add_contrib(u, e->w, seg);
				rule_add_s(k, "wish:", ut, u->len, "");
			}
			break;
		case R_ASPECT:
			if (i == asp_taken)
				break; /* 高性能低价格: 性能 went with 高 */
			asp_unit = (int)i;
			asp_neg = neg_unit >= 0 && u->pos - neg_end <= NEG_WINDOW ? neg_unit : -1;
			break;
		case R_SCALAR:
			/* 性价比这么高, 价格有点高, 续航不长: the aspect gives the sign */
			if (asp_unit >= 0 && u->pos - sc.u[asp_unit].pend <= NEG_WINDOW) {
				asp = &sc.u[asp_unit];
				asp_unit = -1; /* one scalar an aspect: 价格高很多 */
			} else if (i + 1 < sc.nu && sc.u[i + 1].clause == u->clause &&
				   sc.u[i + 1].pos == u->pend &&
				   m->e[sc.u[i + 1].entry].role == R_ASPECT) {
				asp = &sc.u[i + 1]; /* before it: 高性价比, 低价格 */
				asp_taken = i + 1;
			} else {
				break;
			}
			aw = m->e[asp->entry].w * e->w;
			goto polar;
		case R_PDEG:
			if (i + 1 < sc.nu && sc.u[i + 1].clause == u->clause &&
			    sc.u[i + 1].pos == u->pend && sc.u[i + 1].raw != 5 &&
			    ((is_polar(m, &sc.u[i + 1]) && !en_pdeg_mild(m, ut, &sc.u[i + 1])) ||
			     (m->e[sc.u[i + 1].entry].role == R_SCALAR && asp_unit >= 0 &&
			      u->pend - sc.u[asp_unit].pend <= NEG_WINDOW))) {
				degf = PDEG_FACTOR;
				deg_unit = (int)i;
				deg_end = u->pend;
				break;
			}
			/* fall through */
		case R_POLAR:
		case R_CONTEXT:
		case R_INTERJ:
		case R_TONE:
		case R_CONN:
		case R_DOMAIN:
		polar: {
			double w = aw ? aw : (u->raw == 4 ? u->rw : e->w), dw;
			struct contrib *k;
			uint32_t win = (unsigned char)ut[0] < 0x80 ? NEG_WINDOW_EN : NEG_WINDOW;
			const char *why = NULL;
			if (m->cats && category >= 0) {
				norm_key(&sc.key, ut, u->len);
				if (category_sentiment(m->cats, category, sc.key.buf, sc.key.len, &dw)) {
					w = dw;
					why = category_name(m->cats, category);
				}
			}
			if (w == 0)
				break;
			if (u->raw && u->raw != 4) {
				k = add_contrib(u, w, -1);
				k->context = e->role == R_CONTEXT;
				k->weak = u->raw == 5;
				k->conn = e->role == R_CONN;
				rule_add_s(k, u->raw == 2 ? "hashtag" : u->raw == 3 ? "interjection" :
					 k->conn ? "connotation" : u->raw == 5 ? "tone" :
					 (unsigned char)ut[0] < 0x80 ? "emoticon" : "emoji", "", 0, "");
				break;
			}
			k = add_contrib(u, w, seg);
			k->context = e->role == R_CONTEXT || (w > 0 && en_deadpan(n, u));
			k->plot = e->plot && !aw && !why;
			if (u->raw == 4)
				rule_add_s(k, "rating", "", 0, ""); /* negated (not 5 stars), not scaled */
			if (why)
				rule_add_s(k, "domain:", why, SIZE_MAX, "");
			if (aw)
				rule_add_s(k, "aspect:", n->text + asp->off, asp->len, "");
			if (deg_unit >= 0 && u->pos - deg_end <= NEG_WINDOW && degf != 1 && !u->raw &&
			    !(neg_unit >= 0 && !deg_before_neg && u->pos - neg_end <= NEG_WINDOW + 2)) {
				const struct unit *d = &sc.u[deg_unit];
				k->w *= degf;
				rule_add_sx(k, "degree:", n->text + d->off, d->len, degf);
			}
			if (or_unit >= 0 && neg_unit < 0 && en_or_after(n, &sc.u[or_unit], u)) {
				/* "no crashes or problems", "not loud or clear": the negator reaches
				 * every word joined by or/nor */
				double f = or_f * en_neg_of_neg(ut, w, 0);
				k->w *= f;
				rule_add_x(k, "negation:or", f, 6);
				or_unit = (int)i;
			} else if (neg_unit >= 0 && rneg_unit < 0 &&
			    en_modal_comparative(n, &sc.u[neg_unit], u, win)) {
				const struct unit *g = &sc.u[neg_unit];
				k->w *= RHET_NEG_EN;
				rule_add_sx(k, "rhetorical:", n->text + g->off, g->len, RHET_NEG_EN);
				neg_used = 1;
				neg_unit = -1;
				negf = 1;
			} else if (neg_unit >= 0 && (u->pos - neg_end <= win || (aw && neg_unit == asp_neg) ||
						     cmp_degree(n, deg_unit, u) ||
						     zh_not_as(n, &sc.u[neg_unit], u)) &&
			    !ends_before(n->text, &sc.u[neg_unit], u) &&
			    !zh_scope_break(n->text, &sc.u[neg_unit], u) &&
			    !(u->pos > neg_end && starts_negated(ut, u->len))) {
				const struct unit *g = &sc.u[neg_unit];
				double f = negf;
				if (!deg_before_neg && deg_unit > neg_unit && degf > 1)
					f *= 0.75; /* 不是很好: a softened negation */
				if ((unsigned char)ut[0] < 0x80 && f < 0) {
					or_unit = (int)i; /* no crashes or problems */
					or_f = f;
				}
				f *= en_neg_of_neg(ut, w, neg2_unit >= 0 || rneg_unit >= 0 || f > 0);
				if (w < 0 && f < 0 && neg2_unit < 0 && zh_prohibition(n->text, g))
					f = ZH_PROHIBIT; /* 不要骗人: the deed is named, not denied */
				if (m->e[g->entry].role == R_CMP && m->e[g->entry].w <= -1.5 && w < 0 &&
				    f < 0 && (unsigned char)ut[0] >= 0x80)
					f = 1; /* 还不如盗版: below a bad thing is worse still */
				if (e->remedy && f < 0)
					f = 1; /* 没有退款, 不能退货: the remedy refused is a complaint too */
				k->w *= f;
				rule_add_sx(k,
					    rneg_unit >= 0 ? "rhetorical:" :
					    m->e[g->entry].role == R_CMP ? "comparison:" :
					    neg2_unit >= 0 ? "double-negation:" : "negation:",
					    n->text + g->off, g->len, f);
				neg_used = 1;
				neg_unit = -1;
				rneg_unit = -1;
				negf = 1;
			}
			deg_unit = -1;
			degf = 1;
			if (u->caps) {
				k->w *= CAPS_FACTOR;
				rule_add_x(k, "caps", CAPS_FACTOR, 6);
			}
			break;
		}
		case R_STOP:
			if (promise_missing(n, u)) {
				struct contrib *k = add_contrib(u, PROMISE_WEIGHT, seg);
				rule_add_s(k, "broken-promise", "", 0, "");
			}
			break;
		default:
			break;
		}
	}
}

/* True when clause c asks: a '?' closes it, or a question particle (吗, 呢) ends it. */
static int clause_question(const struct clause *c)
{
	return c->question || (c->qend_end && c->qend_end == c->last_end);
}

/* A request: a clause with a request marker (求推荐, 想找, 请问, looking for), or a question
 * with an asking word (有人, 姐妹们, does anyone) in it or in the clause right before it
 * (ask_before: 大家觉得，读博值得吗？). Not a rhetorical question nor a conditional clause
 * ("if you are looking for a great camera, this is it": advice; callers). */
static int clause_asks(const struct clause *c, int question, int ask_before)
{
	return c->request || ((c->ask || ask_before) && question);
}

/* Marks the clauses that are requests (asks) and returns whether the note asks: then its
 * other questions ask too. A rhetorical opener reaches the question that closes its
 * sentence over commas (难道大家去超市…，大家都要超市给出解释吗？: no request). */
static int note_asks(void)
{
	int any = 0, rhet_open = 0, ask_open = 0;
	for (size_t i = 0; i < sc.nc; i++) {
		struct clause *c = &sc.c[i];
		int question = clause_question(c);
		int rhet = c->rhet || rhet_open;
		c->rhq = rhet && question;
		c->asks = !c->rhq && !c->cond && clause_asks(c, question, ask_open);
		any |= c->asks;
		rhet_open = rhet && !question && !c->stop; /* over commas, not a sentence end */
		ask_open = c->ask && !question;
	}
	return any;
}

/* Clause-level factors and discourse weights, then the sums. */
static void finish(const struct sentiment_model *m, double *pos, double *neg)
{
	double other = 0, weak = 0, lean = 0;
	int strong = 0, asking;
	*pos = *neg = 0;
	/* Concession clauses: find them from the units. */
	for (size_t i = 0; i < sc.nu; i++) {
		const struct sent_entry *e = &m->e[sc.u[i].entry];
		if (e->role == R_CONCESSION)
			for (size_t j = 0; j < sc.nk; j++)
				if (sc.k[j].clause == sc.u[i].clause && sc.k[j].seg >= 0 &&
				    !sc.k[j].concession) {
					sc.k[j].w *= e->w;
					sc.k[j].concession = 1;
					rule_add_x(&sc.k[j], "concession", (double)e->w, 6);
				}
	}
	asking = note_asks();
	for (size_t j = 0; j < sc.nk; j++) {
		struct contrib *k = &sc.k[j];
		const struct clause *c = &sc.c[k->clause];
		int question = clause_question(c);
		if (k->seg < 0 && !k->conn)
			continue; /* emoticons and emoji: as written */
		if (k->w > 0 && (c->asks || (asking && question && !c->rhq && !c->cond))) {
			/* 求推荐靠谱的牙医, 有人知道…吗: the good words name what is wanted
			 * (a bad one names what is wrong, 有人知道这是什么虫子吗: it counts);
			 * so do pleasant connotations (有人去过海边吗？ leans nothing) */
			k->w = 0;
			k->asked = 1;
			rule_add_s(k, "request x0", "", 0, "");
			continue;
		}
		if (k->seg < 0)
			continue; /* a connotation outside a request: as written */
		if (c->rhet && question) {
			k->w = -k->w;
			rule_add_s(k, "rhetorical-question x-1", "", 0, "");
		} else if (question) {
			k->w *= QUESTION_FACTOR;
			rule_add_x(k, "question", QUESTION_FACTOR, 6);
		}
		if (c->cond && strncmp(k->rule, "wish", 4)) {
			/* 如果再便宜点就好了: what is wished for is absent */
			double f = c->wish ? 0 : COND_FACTOR;
			k->w *= f;
			rule_add_x(k, c->wish ? "wish" : "conditional", f, 6);
		}
		if (c->excl) {
			double f = 1 + EXCL_STEP * (c->excl > 4 ? 4 : c->excl);
			k->w *= f;
			rule_add_x(k, "exclamation", f, 6);
		}
		if (sc.segmul[k->seg] != 1) {
			k->w *= sc.segmul[k->seg];
			rule_add_x(k, "contrast", sc.segmul[k->seg], 6);
		}
	}
	/* Clause saturation: the words of one clause say one thing; their sum s becomes
	 * s / (1 + |s| / CLAUSE_SAT), so one heavy clause cannot outweigh the rest. */
	for (size_t j = 0, a; j < sc.nk; j = a) {
		double cs = 0, f;
		for (a = j; a < sc.nk && sc.k[a].clause == sc.k[j].clause; a++)
			if (sc.k[a].seg >= 0)
				cs += sc.k[a].w;
		if (cs == 0)
			continue;
		f = 1 / (1 + fabs(cs) / CLAUSE_SAT);
		for (size_t b = j; b < a; b++) {
			if (sc.k[b].seg < 0)
				continue;
			sc.k[b].w *= f;
			if (f < 0.95)
				rule_add_x(&sc.k[b], "clause", f, 2);
		}
	}
	/* A Xiaohongshu title states the verdict: its words count TITLE_WEIGHT. */
	for (size_t j = 0; j < sc.nk; j++) {
		if (sc.k[j].off < sc.title_len && sc.k[j].seg >= 0) {
			sc.k[j].w *= TITLE_WEIGHT;
			rule_add_x(&sc.k[j], "title", TITLE_WEIGHT, 6);
		}
	}
	/* Tone cues in a note without any other evidence count at most WEAK_MAX together:
	 * a question or a '!!!' alone gives the note a lean but leaves it neutral
	 * ("有人知道吗？" is no complaint); beside words they count in full. */
	for (size_t j = 0; j < sc.nk; j++) {
		if (sc.k[j].asked)
			continue;
		if (!sc.k[j].weak)
			strong = 1;
		else
			weak += sc.k[j].w;
	}
	/* Connotations (role conn: weekend, beach; traffic, flu) speak only when no word of
	 * evaluation does: beside one they are dropped and leave no evidence (beside context
	 * words alone they lend them their sign, lean); beside tone cues alone they are
	 * capped with them. */
	if (strong) {
		size_t o = 0;
		for (size_t j = 0; j < sc.nk; j++)
			if (!sc.k[j].conn)
				sc.k[o++] = sc.k[j];
			else
				lean += sc.k[j].w;
		sc.nk = o;
	}
	if (!strong && fabs(weak) > WEAK_MAX) {
		double f = WEAK_MAX / fabs(weak);
		for (size_t j = 0; j < sc.nk; j++)
			if (sc.k[j].weak) {
				sc.k[j].w *= f;
				rule_add_x(&sc.k[j], sc.k[j].conn ? "lean cap" : "tone cap", f, 2);
			}
	}
	for (size_t j = 0; j < sc.nk; j++)
		if (!sc.k[j].context)
			other += sc.k[j].w;
	if (other == 0)
		other = lean; /* a context word beside connotations alone takes their sign */
	for (size_t j = 0; j < sc.nk; j++) {
		struct contrib *k = &sc.k[j];
		if (k->context && other != 0 && (other > 0) != (k->w > 0)) {
			k->w = -k->w;
			rule_add_s(k, other > 0 ? "context:+" : "context:-", "", 0, "");
		}
		if (k->w > 0)
			*pos += k->w;
		else
			*neg -= k->w * (k->seg >= 0 ? NEG_BIAS : 1);
	}
}

/* A Chinese word followed by a softener (贵了点, 慢了些, 小了一点, 少点儿) is said
 * mildly: its weight x SOFTENER_FACTOR. The softener is read from the text right after the
 * word, so lexicon phrases that hold it (贵了点) are left as they are. */
static const char *const softeners[] = { "了一点", "了一些", "了点", "了些", "一点点", "点儿" };

static void soften_after(const struct note *n)
{
	const double f = SOFTENER_FACTOR;
	for (size_t j = 0; j < sc.nk; j++) {
		struct contrib *k = &sc.k[j];
		size_t end = k->off + k->len;
		if (k->seg < 0 || k->weak || k->w == 0)
			continue;
		for (size_t s = 0; s < sizeof softeners / sizeof *softeners; s++) {
			size_t l = strlen(softeners[s]);
			if (end + l <= n->len && !memcmp(n->text + end, softeners[s], l)) {
				k->w *= f;
				rule_add_sx(k, "softener:", softeners[s], SIZE_MAX, f);
				break;
			}
		}
	}
}

/* A note about a work (role work: 小说, 电影, 剧情, 作者) tells its story: the words of its content
 * (role plot: 黑暗, 绝望, 背叛, 苦难) are the plot, not the writer's attitude, and count
 * PLOT_FACTOR. Outside such a note they count as written. */
static void damp_plot(const struct sentiment_model *m)
{
	size_t i;
	for (i = 0; i < sc.nu; i++)
		if (m->e[sc.u[i].entry].role == R_WORK)
			break;
	if (i == sc.nu)
		return;
	for (size_t j = 0; j < sc.nk; j++)
		if (sc.k[j].plot && sc.k[j].seg >= 0) {
			sc.k[j].w *= PLOT_FACTOR;
			rule_add_x(&sc.k[j], "plot", PLOT_FACTOR, 6);
		}
}

/* A word said twice around 是 (好是好, 便宜是便宜) grants it before a "but": it counts once,
 * REPEAT_FACTOR, like a concession. */
static void grant_repeat(const struct note *n)
{
	for (size_t j = 0; j + 1 < sc.nk; j++) {
		struct contrib *a = &sc.k[j], *b = &sc.k[j + 1];
		if (a->seg < 0 || b->seg < 0 || a->len != b->len || a->off + a->len + 3 != b->off ||
		    memcmp(n->text + a->off + a->len, "是", 3) ||
		    memcmp(n->text + a->off, n->text + b->off, a->len))
			continue;
		a->w *= REPEAT_FACTOR;
		rule_add_x(a, "granted", REPEAT_FACTOR, 6);
		b->w = 0;
		rule_add_s(b, "repeated x0", "", 0, "");
		j++;
	}
}

/* End of a note's head: its title and the first sentence of its text (up to a line break,
 * a sentence-final mark: 。！？!? or '.' before a space, or a forwarded post: //@). */
static size_t head_end(const struct note *n)
{
	size_t i = n->title_len;
	while (i < n->len && (n->text[i] == '\n' || n->text[i] == ' ' || n->text[i] == '\t'))
		i++;
	for (; i < n->len; i++) {
		const char *t = n->text + i;
		if (*t == '\n' || *t == '!' || *t == '?' ||
		    (*t == '.' && (i + 1 == n->len || t[1] == ' ')) ||
		    (*t == '/' && i + 2 < n->len && t[1] == '/' && t[2] == '@'))
			return i;
		if (i + 3 <= n->len && (!memcmp(t, "。", 3) || !memcmp(t, "！", 3) ||
					!memcmp(t, "？", 3)))
			return i;
	}
	return n->len;
}

/* A notice (role notice at its head: 营业时间调整, 招聘, 暂停营业, 改期, now hiring, will be
 * closed) informs: its polite formulas (祝大家节日快乐, 感谢大家的支持) and the words of the
 * event it reports (延迟, 运力紧张, 雷暴) are no attitude of the writer. Each contribution
 * (words, emoji, tone cues) counts only its strength above NOTICE_FLOOR: plain words (lexicon weight <= 2) count 0, 真的超好吃 still counts. A notice
 * word further down (营业时间 at the foot of a menu) changes nothing. The note type
 * (notetype.c: official) is not used: a shop's promotion is official too, and positive. */
static void damp_notice(const struct sentiment_model *m, const struct note *n)
{
	size_t head = 0, i; /* the head's end: found only once a notice word is seen */
	for (i = 0; i < sc.nu; i++)
		if (sc.u[i].entry >= 0 && m->e[sc.u[i].entry].role == R_NOTICE &&
		    sc.u[i].off < (head ? head : (head = head_end(n))))
			break;
	if (i == sc.nu)
		return;
	for (size_t j = 0; j < sc.nk; j++) {
		struct contrib *k = &sc.k[j];
		double a = fabs(k->w);
		if (a <= NOTICE_FLOOR) {
			k->w = 0;
			rule_add_s(k, "notice x0", "", 0, "");
		} else {
			k->w = k->w > 0 ? a - NOTICE_FLOOR : NOTICE_FLOOR - a;
			rule_add_s(k, "notice floor", "", 0, "");
		}
	}
}

/* One reading of note n into the scratch's contributions (finish() sums them). */
static void read_note(const struct sentiment_model *m, const struct note *n, int category)
{
	build_units(m, n);
	score_units(m, n, category);
	soften_after(n);
	damp_plot(m);
	grant_repeat(n);
	damp_notice(m, n);
}

/* True when a word of evaluation spoke: a contribution other than a tone cue, a
 * connotation, or a context word (which takes its sign from the rest of the note, and so
 * may take it from connotations: "Gotta love Mondays", "Yay. Taxes."). */
static int has_strong(void)
{
	for (size_t j = 0; j < sc.nk; j++)
		if (!sc.k[j].weak && !sc.k[j].context)
			return 1;
	return 0;
}

void sentiment_analyse(const struct sentiment_model *m, const struct note *n, int category,
		       struct strbuf *out, struct sentiment_result *res)
{
	double pos, neg;
	sc.with_conn = 0;
	read_note(m, n, category);
	if (sc.saw_conn && !has_strong()) {
		/* Nothing but tone cues or context words spoke: read the note again,
		 * connotations included. */
		sc.with_conn = 1;
		read_note(m, n, category);
	}
	finish(m, &pos, &neg);
	res->score = (pos - neg) / (pos + neg + SCORE_DAMP);
	res->label = res->score >= NEUTRAL_BELOW ? 1 : res->score <= -NEUTRAL_BELOW ? -1 : 0;
	res->intensity = (pos + neg) / (pos + neg + 3);
	res->nterms = (int)sc.nk;
	if (!out)
		return;
	sb_addf(out, "{\"label\":\"%s\",\"score\":",
		res->label > 0 ? "positive" : res->label < 0 ? "negative" : "neutral");
	sb_add_json_num(out, res->score);
	sb_adds(out, ",\"evidence\":[");
	for (size_t j = 0; j < sc.nk && j < EVIDENCE_MAX; j++) {
		const struct contrib *k = &sc.k[j];
		if (j)
			sb_addc(out, ',');
		sb_adds(out, "{\"term\":");
		sb_add_json_str(out, n->text + k->off, k->len);
		sb_adds(out, ",\"weight\":");
		sb_add_json_num(out, k->w);
		sb_adds(out, ",\"rule\":");
		sb_add_json_str(out, k->rule[0] ? k->rule : "lexicon",
				k->rule[0] ? strlen(k->rule) : 7);
		sb_addc(out, '}');
	}
	sb_adds(out, "]}");
}

int sentiment_from_json(const struct cJSON *v, struct sentiment_result *res)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(v, "score");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(v, "evidence");
	if (!cJSON_IsNumber(s))
		return -1;
	memset(res, 0, sizeof *res);
	res->score = s->valuedouble;
	res->label = res->score >= NEUTRAL_BELOW ? 1 : res->score <= -NEUTRAL_BELOW ? -1 : 0;
	res->intensity = fabs(res->score);
	res->nterms = cJSON_IsArray(ev) ? cJSON_GetArraySize(ev) : 0;
	return 0;
}
