/* report.c - see report.h. Sections: stop-words, space-saving top-k, rank correlation,
 * accumulation, then the shared rendering helpers, the SVG charts, the HTML writer and the
 * Markdown writer. */
#include "report.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <utf8proc.h>

#include "hmap.h"
#include "note.h"
#include "utf8.h"

/* ------------------------------------------------------------------------------------------
 * Stop-words: common function words, pronouns, particles and fillers (Chinese and English)
 * that would otherwise top every term list. Content words, even very common ones (好, 喜欢),
 * stay: they are what an analyst wants to see, and the "distinctive" lists discount them.
 */
static const char *const stopword_table[] = {
	/* Chinese: pronouns and demonstratives */
	"我", "你", "您", "他", "她", "它", "我们", "你们", "他们", "她们", "它们", "咱们", "自己",
	"大家", "人家", "别人", "这", "那", "这个", "那个", "这些", "那些", "这里", "那里", "这儿",
	"那儿", "这样", "那样", "这么", "那么", "这种", "那种", "这次", "那次", "这边", "那边",
	"哪", "哪里", "哪儿", "哪个", "哪些", "谁", "什么", "怎么", "怎么样", "怎样", "为什么",
	"多少", "几", "某", "每", "各", "其", "其他", "其它", "其实", "本", "该",
	/* particles and interjections */
	"的", "了", "着", "过", "得", "地", "之", "所", "吗", "呢", "吧", "啊", "呀", "哦", "噢",
	"哈", "哈哈", "哈哈哈", "嗯", "啦", "嘛", "哇", "呐", "喔", "哟", "咯", "嘞", "呗", "么",
	"诶", "欸", "耶", "哎", "唉", "滴", "哒", "嗷",
	/* conjunctions and prepositions */
	"和", "与", "及", "以及", "或", "或者", "跟", "同", "并", "并且", "而", "而且", "而是",
	"但", "但是", "不过", "可是", "然而", "因为", "所以", "因此", "如果", "要是", "虽然",
	"尽管", "然后", "于是", "还是", "就是", "只是", "只有", "只要", "除了", "以及", "比如",
	"被", "把", "让", "给", "对", "对于", "关于", "从", "向", "往", "到", "为", "为了", "以",
	"在", "于", "由", "按", "比", "用", "通过", "根据",
	/* adverbs, auxiliaries, light verbs */
	"是", "有", "没", "没有", "不", "不是", "也", "都", "就", "还", "又", "再", "才", "已",
	"已经", "曾", "曾经", "正", "正在", "将", "会", "能", "能够", "可以", "可能", "应该",
	"要", "想", "需要", "得", "很", "挺", "太", "更", "最", "比较", "非常", "特别", "十分",
	"真", "真的", "好像", "一定", "一直", "一起", "一下", "一个", "一些", "一样", "一点",
	"一般", "一次", "一种", "有点", "有些", "总是", "经常", "还有", "也是", "都是", "就是",
	"不会", "不能", "不要", "不用", "觉得", "感觉", "知道", "看到", "看看", "说", "去", "来",
	"做", "上", "下", "里", "中", "内", "外", "前", "后", "时", "时候", "现在", "今天",
	"之前", "之后", "以后", "以前", "然后", "东西", "个", "些", "次", "点", "种", "下来",
	"起来", "出来", "上来", "过来", "回来", "里面", "上面", "下面", "一", "二", "两",
	"人", "多", "少", "小", "大", "看", "家", "天", "年", "月", "日", "号", "块", "元", "很多",
	"还是", "可", "啥", "咋", "超", "超级", "这家", "那家", "一家", "有个",
	/* English */
	"a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at",
	"by", "for", "with", "from", "as", "into", "about", "over", "after", "before", "up",
	"down", "out", "off", "is", "are", "was", "were", "be", "been", "being", "am", "do",
	"does", "did", "have", "has", "had", "i", "you", "he", "she", "it", "we", "they", "me",
	"him", "us", "them", "my", "your", "his", "her", "its", "our", "their", "this", "that",
	"these", "those", "there", "here", "what", "which", "who", "whom", "how", "why", "when",
	"where", "not", "no", "can", "could", "will", "would", "should", "may", "might", "must",
	"than", "some", "any", "all", "each", "other", "such", "only", "own", "same", "just",
	"also", "too", "very", "s", "t", "don", "im", "it's", "i'm", "don't", "get", "got",
};

static struct hmap stopwords;
static pthread_once_t stopwords_once = PTHREAD_ONCE_INIT;

static void stopwords_build(void)
{
	hmap_init(&stopwords);
	for (size_t i = 0; i < NM_ARRAY_LEN(stopword_table); i++)
		hmap_put(&stopwords, stopword_table[i], strlen(stopword_table[i]), 1);
}

int report_is_stopword(const char *term, size_t n)
{
	uint32_t v;
	pthread_once(&stopwords_once, stopwords_build);
	return hmap_get(&stopwords, term, n, &v);
}

/* ------------------------------------------------------------------------------------------
 * Space-saving top-k. Counters live in one array; a min-heap of counter indexes keeps the
 * smallest count at the root (the one evicted by an unseen term); an hmap indexes terms.
 * hmap never reclaims deleted keys, so the index is rebuilt when its key store has grown
 * well past the live keys.
 */
struct tk_counter {
	long count;
	long err;
	uint32_t hpos; /* position in the heap */
	uint8_t len;
	char term[REPORT_TERM_MAX + 1];
};

struct report_topk {
	size_t cap, n;
	long total;
	struct tk_counter *c;
	uint32_t *heap;
	struct hmap map;
};

struct report_topk *report_topk_new(size_t capacity)
{
	struct report_topk *t = xcalloc(1, sizeof(*t));
	t->cap = capacity ? capacity : 1;
	t->c = xcalloc(t->cap, sizeof(*t->c));
	t->heap = xcalloc(t->cap, sizeof(*t->heap));
	hmap_init(&t->map);
	return t;
}

void report_topk_free(struct report_topk *t)
{
	if (!t)
		return;
	hmap_release(&t->map);
	free(t->c);
	free(t->heap);
	free(t);
}

static int tk_less(const struct report_topk *t, uint32_t a, uint32_t b)
{
	return t->c[a].count < t->c[b].count;
}

static void tk_swap(struct report_topk *t, size_t i, size_t j)
{
	uint32_t a = t->heap[i], b = t->heap[j];
	t->heap[i] = b;
	t->heap[j] = a;
	t->c[b].hpos = (uint32_t)i;
	t->c[a].hpos = (uint32_t)j;
}

static void tk_sift_up(struct report_topk *t, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!tk_less(t, t->heap[i], t->heap[p]))
			break;
		tk_swap(t, i, p);
		i = p;
	}
}

static void tk_sift_down(struct report_topk *t, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < t->n && tk_less(t, t->heap[l], t->heap[m]))
			m = l;
		if (r < t->n && tk_less(t, t->heap[r], t->heap[m]))
			m = r;
		if (m == i)
			break;
		tk_swap(t, i, m);
		i = m;
	}
}

static void tk_rebuild_index(struct report_topk *t)
{
	hmap_release(&t->map);
	hmap_init(&t->map);
	for (size_t i = 0; i < t->n; i++)
		hmap_put(&t->map, t->c[i].term, t->c[i].len, (uint32_t)i);
}

void report_topk_add(struct report_topk *t, const char *term, size_t n)
{
	uint32_t idx;
	struct tk_counter *c;

	if (n == 0 || n > REPORT_TERM_MAX)
		return;
	t->total++;
	if (hmap_get(&t->map, term, n, &idx)) {
		t->c[idx].count++;
		tk_sift_down(t, t->c[idx].hpos);
		return;
	}
	if (t->n < t->cap) {
		idx = (uint32_t)t->n;
		c = &t->c[idx];
		c->count = 1;
		c->err = 0;
		c->hpos = (uint32_t)t->n;
		t->heap[t->n++] = idx;
		tk_sift_up(t, c->hpos);
	} else {
		idx = t->heap[0];
		c = &t->c[idx];
		hmap_del(&t->map, c->term, c->len);
		c->err = c->count;
		c->count++;
		tk_sift_down(t, 0);
	}
	memcpy(c->term, term, n);
	c->term[n] = 0;
	c->len = (uint8_t)n;
	hmap_put(&t->map, term, n, idx);
	if (t->map.keys_len > 8 * (t->cap * 16 + 4096))
		tk_rebuild_index(t);
}

long report_topk_count(const struct report_topk *t, const char *term, size_t n)
{
	uint32_t idx;
	if (n <= REPORT_TERM_MAX && hmap_get(&t->map, term, n, &idx))
		return t->c[idx].count;
	return t->n < t->cap ? 0 : t->c[t->heap[0]].count;
}

long report_topk_total(const struct report_topk *t)
{
	return t->total;
}

static int term_cmp(const void *pa, const void *pb)
{
	const struct report_term *a = pa, *b = pb;
	size_t n;
	int d;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	n = a->len < b->len ? a->len : b->len;
	d = memcmp(a->term, b->term, n);
	if (d)
		return d;
	return a->len < b->len ? -1 : a->len > b->len;
}

size_t report_topk_list(const struct report_topk *t, struct report_term *out, size_t max)
{
	struct report_term *all;
	size_t k;

	if (t->n == 0 || max == 0)
		return 0;
	all = xmalloc(t->n * sizeof(*all));
	for (size_t i = 0; i < t->n; i++) {
		all[i].term = t->c[i].term;
		all[i].len = t->c[i].len;
		all[i].count = t->c[i].count;
		all[i].err = t->c[i].err;
	}
	qsort(all, t->n, sizeof(*all), term_cmp);
	k = t->n < max ? t->n : max;
	memcpy(out, all, k * sizeof(*out));
	free(all);
	return k;
}

/* ------------------------------------------------------------------------------------------
 * Spearman's rank correlation: average ranks for ties, then Pearson on the ranks.
 */
static _Thread_local const double *rank_key; /* qsort has no context argument */

static int rank_cmp(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	if (rank_key[a] != rank_key[b])
		return rank_key[a] < rank_key[b] ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void average_ranks(const double *v, size_t n, double *rank, size_t *idx)
{
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	rank_key = v;
	qsort(idx, n, sizeof(*idx), rank_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && v[idx[j]] == v[idx[i]])
			j++;
		for (size_t k = i; k < j; k++)
			rank[idx[k]] = (double)(i + j + 1) / 2.0; /* mean of ranks i+1 .. j */
		i = j;
	}
}

double report_spearman(const double *x, const double *y, size_t n)
{
	double *rx, *ry, mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
	size_t *idx;

	if (n < 3)
		return NAN;
	rx = xmalloc(n * sizeof(*rx));
	ry = xmalloc(n * sizeof(*ry));
	idx = xmalloc(n * sizeof(*idx));
	average_ranks(x, n, rx, idx);
	average_ranks(y, n, ry, idx);
	for (size_t i = 0; i < n; i++) {
		mx += rx[i];
		my += ry[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (size_t i = 0; i < n; i++) {
		sxy += (rx[i] - mx) * (ry[i] - my);
		sxx += (rx[i] - mx) * (rx[i] - mx);
		syy += (ry[i] - my) * (ry[i] - my);
	}
	free(rx);
	free(ry);
	free(idx);
	if (sxx <= 0 || syy <= 0)
		return NAN;
	return sxy / sqrt(sxx * syy);
}

/* ------------------------------------------------------------------------------------------
 * Accumulation.
 */
enum { NTYPES = 6, TYPE_NONE = 6, NTYPE_SLOTS = 7 };
enum { SENT_POS, SENT_NEU, SENT_NEG, SENT_NONE, NSENT_SLOTS };
enum { NPARTS = 5, NSIPS = 3 };

static const char *const type_name[NTYPE_SLOTS] = {
	"experience", "planting", "cooperation", "official", "sponsored", "other", "(unlabelled)"
};
static const char *const type_zh[NTYPE_SLOTS] = {
	"体验", "种草", "合作", "官方", "广告", "其他", "未标注"
};
static const char *const type_both[NTYPE_SLOTS] = {
	"experience 体验", "planting 种草", "cooperation 合作", "official 官方", "sponsored 广告",
	"other 其他", "(unlabelled)"
};
static const char *const sent_name[NSENT_SLOTS] = {
	"positive", "neutral", "negative", "(unlabelled)"
};
static const char *const sent_zh[NSENT_SLOTS] = { "正面", "中性", "负面", "未标注" };
static const char *const part_name[NPARTS] = {
	"emotional", "experiential", "authenticity", "story", "interaction"
};
static const char *const part_zh[NPARTS] = { "情感理念", "形象体验", "真实感", "故事性", "互动性" };
static const char *const sips_name[NSIPS] = { "identify", "participate", "share" };

#define MAX_PROBLEMS 20
#define KEEP_NOTES 10
#define KEEP_EVIDENCE 24
#define CAT_NAME_MAX 48
#define TITLE_CP_MAX 80
#define TEXT_CP_MAX 260
#define LEAST_MIN_CP 20   /* least-resonant candidates hold at least this much text */
#define CREATOR_MIN 10    /* sampled notes a creator needs for the within-creator rho */

struct group {
	char name[CAT_NAME_MAX + 1]; /* categories only */
	long n;
	long sent[NSENT_SLOTS];
	double sent_sum;
	long sent_n;
	double res_sum;
	long res_n;
	double part_sum[NPARTS];
	double sips_sum[NSIPS];
	long sips_n;
};

struct problem {
	char *source;
	long line;
	char *message;
};

struct kept {
	double score;
	long seq;
	char *id, *title, *text, *source;
	int type, sent;
	long line;
	double part[NPARTS];
	double eng; /* < 0: no counts */
	int nev;
	char *ev[KEEP_EVIDENCE];
	int ev_part[KEEP_EVIDENCE];
};

struct sample {
	double res, eng, len, part[NPARTS];
	uint64_t creator; /* FNV-1a of creator_hash / user_id / nickname; 0: unknown */
	int type, sent;
};

struct span {
	const char *s;
	size_t n;
	int tag; /* evidence: part index */
};

struct report {
	struct report_opts o;
	long files, records, notes, labelled_here, bad, no_text, no_tokens, no_type, no_sent,
		no_res, no_sips, no_eng;
	long nproblems;
	struct problem problems[MAX_PROBLEMS];
	struct group all, type[NTYPE_SLOTS];
	struct group cat[REPORT_MAX_CATEGORIES + 1];
	int ncat;
	int cat_overflow; /* index of "(other categories)" or -1 */
	struct hmap catmap;
	long res_hist[101];
	long part_pos[NPARTS];
	double part_sq[NPARTS];
	struct report_topk *terms_all, *terms_type[NTYPES], *terms_sent[3];
	struct report_topk *audience, *cues_part[NPARTS], *cues_type[NTYPES];
	struct kept top[KEEP_NOTES], bottom[KEEP_NOTES];
	int ntop, nbottom;
	struct sample *smp;
	size_t nsmp;
	long smp_seen;
	uint64_t rng;
	/* per-note scratch */
	struct strbuf terms;
	size_t *toff;
	size_t toff_cap;
	struct span *spans;
	size_t spans_cap;
};

struct report *report_new(const struct report_opts *o)
{
	struct report *r = xcalloc(1, sizeof(*r));
	size_t cap;

	if (o)
		r->o = *o;
	if (!r->o.capacity)
		r->o.capacity = 2000;
	if (r->o.top <= 0)
		r->o.top = 15;
	if (!r->o.sample)
		r->o.sample = 5000;
	if (!r->o.title)
		r->o.title = "notemine report";
	cap = r->o.capacity;
	r->terms_all = report_topk_new(cap);
	for (int i = 0; i < NTYPES; i++) {
		r->terms_type[i] = report_topk_new(cap);
		r->cues_type[i] = report_topk_new(cap / 4 + 16);
	}
	for (int i = 0; i < 3; i++)
		r->terms_sent[i] = report_topk_new(cap);
	for (int i = 0; i < NPARTS; i++)
		r->cues_part[i] = report_topk_new(cap / 4 + 16);
	r->audience = report_topk_new(cap / 8 + 16);
	hmap_init(&r->catmap);
	r->cat_overflow = -1;
	r->smp = xcalloc(r->o.sample, sizeof(*r->smp));
	r->rng = 0x9e3779b97f4a7c15ull;
	sb_init(&r->terms, 256);
	return r;
}

static void kept_release(struct kept *k)
{
	free(k->id);
	free(k->title);
	free(k->text);
	free(k->source);
	for (int i = 0; i < k->nev; i++)
		free(k->ev[i]);
	memset(k, 0, sizeof(*k));
}

void report_free(struct report *r)
{
	if (!r)
		return;
	report_topk_free(r->terms_all);
	for (int i = 0; i < NTYPES; i++) {
		report_topk_free(r->terms_type[i]);
		report_topk_free(r->cues_type[i]);
	}
	for (int i = 0; i < 3; i++)
		report_topk_free(r->terms_sent[i]);
	for (int i = 0; i < NPARTS; i++)
		report_topk_free(r->cues_part[i]);
	report_topk_free(r->audience);
	hmap_release(&r->catmap);
	for (long i = 0; i < r->nproblems; i++) {
		free(r->problems[i].source);
		free(r->problems[i].message);
	}
	for (int i = 0; i < r->ntop; i++)
		kept_release(&r->top[i]);
	for (int i = 0; i < r->nbottom; i++)
		kept_release(&r->bottom[i]);
	free(r->smp);
	sb_release(&r->terms);
	free(r->toff);
	free(r->spans);
	free(r);
}

void report_count_file(struct report *r)
{
	r->files++;
}

void report_count_labelled_here(struct report *r)
{
	r->labelled_here++;
}

static void add_problem(struct report *r, const char *source, long line, const char *message)
{
	struct problem *p;
	r->bad++;
	if (r->nproblems >= MAX_PROBLEMS)
		return;
	p = &r->problems[r->nproblems++];
	p->source = xstrdup(source ? source : "<stdin>");
	p->line = line;
	p->message = xstrdup(message && *message ? message : "bad record");
}

void report_add_bad(struct report *r, const char *source, long line, const char *message)
{
	r->records++;
	add_problem(r, source, line, message);
}

static const cJSON *get(const cJSON *o, const char *key)
{
	return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

static const char *get_str(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

static int get_num(const cJSON *o, const char *key, double *out)
{
	const cJSON *v = get(o, key);
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return 0;
	*out = v->valuedouble;
	return 1;
}

/* v when it is an array, else NULL (for cJSON_ArrayForEach). */
static const cJSON *as_array(const cJSON *v)
{
	return cJSON_IsArray(v) ? v : NULL;
}

static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int type_index(const char *label)
{
	if (label)
		for (int i = 0; i < NTYPES; i++)
			if (strcmp(label, type_name[i]) == 0)
				return i;
	return TYPE_NONE;
}

static int sent_index(const char *label)
{
	if (!label)
		return SENT_NONE;
	if (strcmp(label, "positive") == 0)
		return SENT_POS;
	if (strcmp(label, "neutral") == 0)
		return SENT_NEU;
	if (strcmp(label, "negative") == 0)
		return SENT_NEG;
	return SENT_NONE;
}

/* The text of an evidence item: a string, or an object's "term" / "cue" / "text" / "match". */
static const char *evidence_text(const cJSON *it)
{
	static const char *const keys[] = { "term", "cue", "text", "match", "word" };
	if (cJSON_IsString(it))
		return it->valuestring;
	for (size_t i = 0; i < NM_ARRAY_LEN(keys); i++) {
		const char *s = get_str(it, keys[i]);
		if (s && *s)
			return s;
	}
	return NULL;
}

/* Append the distinct evidence strings of array a (tag: part) to r->spans[*n..); cap 64. */
static void collect_evidence(struct report *r, const cJSON *a, int tag, size_t *n)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, as_array(a)) {
		const char *s = evidence_text(it);
		size_t len, j;
		if (!s || !(len = strlen(s)) || len > REPORT_TERM_MAX || *n >= 64)
			continue;
		for (j = 0; j < *n; j++)
			if (r->spans[j].n == len && memcmp(r->spans[j].s, s, len) == 0)
				break;
		if (j < *n)
			continue;
		NM_GROW(r->spans, r->spans_cap, *n + 1);
		r->spans[*n].s = s;
		r->spans[*n].n = len;
		r->spans[*n].tag = tag;
		(*n)++;
	}
}

/* The length of a cue without a trailing count or value: "emoji×3" -> "emoji",
 * "voice:first-person x2" -> "voice:first-person", "sentiment 0.90" -> "sentiment", so that
 * such cues add up across notes. */
static size_t cue_len(const char *s, size_t n)
{
	size_t e = n;
	while (e > 0 && ((s[e - 1] >= '0' && s[e - 1] <= '9') || s[e - 1] == '.' || s[e - 1] == '-'))
		e--;
	if (e == n || e == 0)
		return n;
	if (e >= 2 && (unsigned char)s[e - 2] == 0xc3 && (unsigned char)s[e - 1] == 0x97)
		return e - 2; /* "emoji×3" */
	if (e >= 3 && s[e - 1] == 'x' && s[e - 2] == ' ')
		return e - 2; /* "voice:first-person x2" */
	if (s[e - 1] == ' ' && e > 1)
		return e - 1; /* "sentiment 0.90" */
	return n;
}

/* Whether a token is worth counting: it holds a letter or a symbol (emoji), and it is not
 * a URL. Pure numbers, punctuation and white space are skipped. */
static int term_wanted(const char *s, size_t n)
{
	size_t i = 0, l;
	if (n >= 4 && (memcmp(s, "http", 4) == 0 || memcmp(s, "www.", 4) == 0))
		return 0;
	while (i < n) {
		int32_t cp = utf8_decode(s + i, n - i, &l);
		utf8proc_category_t c = utf8proc_category(cp);
		if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
		    c == UTF8PROC_CATEGORY_SO)
			return 1;
		i += l;
	}
	return 0;
}

/* A topic tag "#名称[话题]#" is counted as "#名称" (the bracket kind dropped): the length of
 * that prefix, or n for any other token. */
static size_t topic_len(const char *s, size_t n)
{
	const char *b;
	if (n < 4 || s[0] != '#' || s[n - 1] != '#' || s[n - 2] != ']')
		return n;
	b = memchr(s, '[', n);
	return b && b > s + 1 ? (size_t)(b - s) : n;
}

static _Thread_local const char *terms_base;

static int toff_cmp(const void *pa, const void *pb)
{
	const char *a = terms_base + *(const size_t *)pa, *b = terms_base + *(const size_t *)pb;
	return strcmp(a, b);
}

/* Count the distinct wanted tokens of one note in the overall, type and sentiment summaries. */
static void count_terms(struct report *r, const cJSON *tokens, int type, int sent)
{
	const cJSON *it;
	size_t nt = 0;

	sb_reset(&r->terms);
	cJSON_ArrayForEach(it, tokens) {
		const char *s = cJSON_IsString(it) ? it->valuestring : NULL;
		size_t n = s ? strlen(s) : 0, at;
		if (!n || n > REPORT_TERM_MAX || !term_wanted(s, n))
			continue;
		n = topic_len(s, n);
		at = r->terms.len;
		for (size_t i = 0; i < n; i++) {
			char c = s[i];
			sb_addc(&r->terms, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
		}
		if (report_is_stopword(r->terms.buf + at, n)) {
			r->terms.len = at;
			r->terms.buf[at] = 0;
			continue;
		}
		sb_addc(&r->terms, 0);
		NM_GROW(r->toff, r->toff_cap, nt + 1);
		r->toff[nt++] = at;
	}
	if (!nt)
		return;
	terms_base = r->terms.buf;
	qsort(r->toff, nt, sizeof(*r->toff), toff_cmp);
	for (size_t i = 0; i < nt; i++) {
		const char *s = r->terms.buf + r->toff[i];
		size_t n = strlen(s);
		if (i > 0 && strcmp(s, r->terms.buf + r->toff[i - 1]) == 0)
			continue;
		report_topk_add(r->terms_all, s, n);
		if (type < NTYPES)
			report_topk_add(r->terms_type[type], s, n);
		if (sent < 3)
			report_topk_add(r->terms_sent[sent], s, n);
	}
}

static void group_add(struct group *g, int sent, double sscore, int has_sscore, double res,
		      const double *part, int has_res, const double *sips, int has_sips)
{
	g->n++;
	g->sent[sent]++;
	if (has_sscore) {
		g->sent_sum += sscore;
		g->sent_n++;
	}
	if (has_res) {
		g->res_sum += res;
		g->res_n++;
		for (int i = 0; i < NPARTS; i++)
			g->part_sum[i] += part[i];
	}
	if (has_sips) {
		for (int i = 0; i < NSIPS; i++)
			g->sips_sum[i] += sips[i];
		g->sips_n++;
	}
}

static struct group *category_group(struct report *r, const char *name)
{
	uint32_t idx;
	size_t n;
	struct group *g;

	if (!name || !*name)
		name = "(no category)";
	n = strlen(name);
	if (n > CAT_NAME_MAX)
		n = CAT_NAME_MAX;
	if (hmap_get(&r->catmap, name, n, &idx))
		return &r->cat[idx];
	if (r->ncat >= REPORT_MAX_CATEGORIES) {
		if (r->cat_overflow < 0) {
			r->cat_overflow = r->ncat;
			g = &r->cat[r->ncat++];
			memcpy(g->name, "(other categories)", sizeof("(other categories)"));
		}
		return &r->cat[r->cat_overflow];
	}
	g = &r->cat[r->ncat];
	memcpy(g->name, name, n);
	g->name[n] = 0;
	hmap_put(&r->catmap, name, n, (uint32_t)r->ncat);
	r->ncat++;
	return g;
}

/* Likes + collects + comments: from "engagement" when present, else from MediaCrawler's
 * count fields. Returns -1 when no count exists. */
static double engagement_of(const cJSON *rec)
{
	static const char *const eng_keys[] = { "liked", "collected", "comments" };
	static const char *const raw_keys[] = { "liked_count", "collected_count", "comment_count" };
	const cJSON *e = get(rec, "engagement");
	double sum = 0, v;
	int any = 0;

	if (cJSON_IsObject(e)) {
		for (int i = 0; i < 3; i++)
			if (get_num(e, eng_keys[i], &v)) {
				sum += v;
				any = 1;
			}
		return any ? sum : -1;
	}
	for (int i = 0; i < 3; i++) {
		const cJSON *f = get(rec, raw_keys[i]);
		if (cJSON_IsNumber(f) && isfinite(f->valuedouble)) {
			sum += f->valuedouble;
			any = 1;
		} else if (cJSON_IsString(f) && count_parse(f->valuestring, &v) == 0) {
			sum += v;
			any = 1;
		}
	}
	return any ? sum : -1;
}

static size_t cp_count(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A display copy of s: white space runs folded to one space, at most max code points
 * (then "…"), invalid UTF-8 repaired. */
static char *display_copy(const char *s, size_t max)
{
	struct strbuf sb = STRBUF_INIT, fixed = STRBUF_INIT;
	size_t i = 0, n, cps = 0;
	int space = 0;

	sb_init(&sb, 64);
	if (!s)
		return sb.buf;
	n = strlen(s);
	sb_init(&fixed, n + 1);
	utf8_repair(&fixed, s, n);
	n = fixed.len;
	while (i < n && cps < max) {
		size_t l;
		int32_t cp = utf8_decode(fixed.buf + i, n - i, &l);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 ||
		    cp == 0x200b || cp < 0x20) {
			space = sb.len > 0;
			i += l;
			continue;
		}
		if (space) {
			sb_addc(&sb, ' ');
			cps++;
			space = 0;
		}
		sb_add(&sb, fixed.buf + i, l);
		cps++;
		i += l;
	}
	if (i < n)
		sb_adds(&sb, "…");
	sb_release(&fixed);
	return sb.buf;
}

/* Whether candidate (score, seq) belongs before k in the top (dir 1) or bottom (dir -1) list. */
static int kept_before(double score, long seq, const struct kept *k, int dir)
{
	if (score != k->score)
		return dir > 0 ? score > k->score : score < k->score;
	return seq < k->seq;
}

static void keep_note(struct report *r, struct kept *list, int *nlist, int dir, const cJSON *rec,
		      double score, const double *part, int type, int sent, double eng,
		      const char *source, long line, size_t nspans)
{
	struct kept k;
	const char *title, *text;
	int pos;

	if (*nlist == KEEP_NOTES && !kept_before(score, r->notes, &list[KEEP_NOTES - 1], dir))
		return;
	memset(&k, 0, sizeof(k));
	k.score = score;
	k.seq = r->notes;
	title = get_str(rec, "title");
	text = get_str(rec, "desc");
	if (!text)
		text = get_str(rec, "content");
	if (!text)
		text = get_str(rec, "text");
	k.id = xstrdup(get_str(rec, "note_id") ? get_str(rec, "note_id")
					       : get_str(rec, "id") ? get_str(rec, "id") : "");
	k.title = display_copy(title, TITLE_CP_MAX);
	k.text = display_copy(text, TEXT_CP_MAX);
	k.source = xstrdup(source ? source : "<stdin>");
	k.line = line;
	k.type = type;
	k.sent = sent;
	memcpy(k.part, part, sizeof(k.part));
	k.eng = eng;
	for (size_t i = 0; i < nspans && k.nev < KEEP_EVIDENCE; i++) {
		k.ev[k.nev] = xstrndup(r->spans[i].s, r->spans[i].n);
		k.ev_part[k.nev++] = r->spans[i].tag;
	}
	if (*nlist == KEEP_NOTES)
		kept_release(&list[--*nlist]);
	for (pos = *nlist; pos > 0 && kept_before(score, k.seq, &list[pos - 1], dir); pos--)
		list[pos] = list[pos - 1];
	list[pos] = k;
	(*nlist)++;
}

/* A 64-bit FNV-1a hash of the record's creator (creator_hash, user_id or nickname), 0 when
 * it has none. */
static uint64_t creator_of(const cJSON *rec)
{
	static const char *const keys[] = { "creator_hash", "user_id", "nickname" };
	for (size_t i = 0; i < NM_ARRAY_LEN(keys); i++) {
		const char *s = get_str(rec, keys[i]);
		uint64_t h = 0xcbf29ce484222325ull;
		if (!s || !*s)
			continue;
		for (; *s; s++) {
			h ^= (unsigned char)*s;
			h *= 0x100000001b3ull;
		}
		return h ? h : 1;
	}
	return 0;
}

static uint64_t rng_next(struct report *r)
{
	uint64_t x = r->rng;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return r->rng = x;
}

static void sample_add(struct report *r, const struct sample *s)
{
	r->smp_seen++;
	if (r->nsmp < r->o.sample) {
		r->smp[r->nsmp++] = *s;
		return;
	}
	uint64_t j = rng_next(r) % (uint64_t)r->smp_seen;
	if (j < r->o.sample)
		r->smp[j] = *s;
}

void report_add(struct report *r, const cJSON *rec, const char *source, long line)
{
	const cJSON *nt, *se, *rs, *sp, *tokens, *err, *ev, *it, *aud;
	double sscore = 0, res = 0, part[NPARTS] = { 0 }, sips[NSIPS] = { 0 }, eng, v;
	int type, sent, has_sscore, has_res = 0, has_sips = 0;
	const char *title, *desc;
	size_t nspans = 0;
	struct sample smp;

	err = get(rec, "error");
	if (err && !get(rec, "note_type")) {
		double l;
		r->records++;
		add_problem(r, source, get_num(err, "line", &l) ? (long)l : line,
			    get_str(err, "message") ? get_str(err, "message")
						    : cJSON_IsString(err) ? err->valuestring : NULL);
		return;
	}
	r->records++;
	r->notes++;

	nt = get(rec, "note_type");
	type = type_index(get_str(nt, "label"));
	if (type == TYPE_NONE)
		r->no_type++;
	se = get(rec, "sentiment");
	sent = sent_index(get_str(se, "label"));
	if (sent == SENT_NONE)
		r->no_sent++;
	has_sscore = get_num(se, "score", &sscore);
	rs = get(rec, "resonance");
	if (get_num(rs, "score", &res)) {
		has_res = 1;
		res = clamp(res, 0, 100);
		for (int i = 0; i < NPARTS; i++)
			if (get_num(rs, part_name[i], &v))
				part[i] = clamp(v, 0, 1);
	} else {
		r->no_res++;
	}
	sp = get(rec, "sips");
	if (cJSON_IsObject(sp)) {
		has_sips = 1;
		for (int i = 0; i < NSIPS; i++)
			if (get_num(sp, sips_name[i], &v))
				sips[i] = clamp(v, 0, 1);
	} else {
		r->no_sips++;
	}

	group_add(&r->all, sent, sscore, has_sscore, res, part, has_res, sips, has_sips);
	group_add(&r->type[type], sent, sscore, has_sscore, res, part, has_res, sips, has_sips);
	group_add(category_group(r, has_sips ? get_str(sp, "category") : NULL), sent, sscore,
		  has_sscore, res, part, has_res, sips, has_sips);
	if (has_res) {
		r->res_hist[(int)res]++;
		for (int i = 0; i < NPARTS; i++) {
			r->part_pos[i] += part[i] > 0;
			r->part_sq[i] += part[i] * part[i];
		}
	}

	title = get_str(rec, "title");
	desc = get_str(rec, "desc");
	if (!desc)
		desc = get_str(rec, "content");
	if (!desc)
		desc = get_str(rec, "text");
	if (!(title && *title) && !(desc && *desc))
		r->no_text++;

	tokens = get(rec, "tokens");
	if (cJSON_IsArray(tokens))
		count_terms(r, tokens, type, sent);
	else
		r->no_tokens++;

	/* cues: resonance evidence per part, note-type evidence, audiences */
	ev = get(rs, "evidence");
	for (int i = 0; i < NPARTS; i++) {
		size_t from = nspans;
		collect_evidence(r, get(ev, part_name[i]), i, &nspans);
		for (size_t j = from; j < nspans; j++)
			report_topk_add(r->cues_part[i], r->spans[j].s,
					cue_len(r->spans[j].s, r->spans[j].n));
	}
	if (type < NTYPES) {
		size_t from = nspans, n2 = nspans;
		const cJSON *tev = get(nt, "evidence");
		cJSON_ArrayForEach(it, as_array(tev)) {
			const char *cue_type = get_str(it, "type");
			/* count the cues that voted for the winning type */
			if (cue_type && strcmp(cue_type, type_name[type]) != 0)
				continue;
			const char *s = evidence_text(it);
			size_t len = s ? strlen(s) : 0, j;
			if (!len || len > REPORT_TERM_MAX || n2 >= 64 + from)
				continue;
			for (j = from; j < n2; j++)
				if (r->spans[j].n == len && memcmp(r->spans[j].s, s, len) == 0)
					break;
			if (j < n2)
				continue;
			NM_GROW(r->spans, r->spans_cap, n2 + 1);
			r->spans[n2].s = s;
			r->spans[n2].n = len;
			r->spans[n2].tag = -1;
			n2++;
			report_topk_add(r->cues_type[type], s, cue_len(s, len));
		}
	}
	aud = as_array(get(sp, "audience"));
	cJSON_ArrayForEach(it, aud) {
		const char *s = evidence_text(it);
		if (s && *s)
			report_topk_add(r->audience, s, strlen(s));
	}

	eng = engagement_of(rec);
	if (eng < 0)
		r->no_eng++;
	if (has_res) {
		size_t text_cp = cp_count(title) + cp_count(desc);
		keep_note(r, r->top, &r->ntop, 1, rec, res, part, type, sent, eng, source, line,
			  nspans);
		if (text_cp >= LEAST_MIN_CP)
			keep_note(r, r->bottom, &r->nbottom, -1, rec, res, part, type, sent, eng,
				  source, line, nspans);
		if (eng >= 0) {
			smp.res = res;
			smp.eng = eng;
			smp.len = (double)text_cp;
			memcpy(smp.part, part, sizeof(smp.part));
			smp.creator = creator_of(rec);
			smp.type = type;
			smp.sent = sent;
			sample_add(r, &smp);
		}
	}
}

/* ------------------------------------------------------------------------------------------
 * Rendering helpers shared by both writers.
 */
static const char *const type_color[NTYPE_SLOTS] = {
	"#3b7dd8", "#e0559a", "#f29c38", "#7a5cc8", "#d64545", "#9aa0a6", "#d5d9de"
};
static const char *const sent_color[NSENT_SLOTS] = { "#2e9d5b", "#b8bec5", "#d64545", "#e6e8eb" };
static const char *const part_color[NPARTS] = {
	"#e0559a", "#f29c38", "#2e9d5b", "#3b7dd8", "#7a5cc8"
};
static const char *const sips_color[NSIPS] = { "#3b7dd8", "#f29c38", "#2e9d5b" };

/* HTML / XML text: & < > " ' escaped, invalid UTF-8 as U+FFFD, control characters dropped. */
static void html_esc(struct strbuf *o, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t l;
		if (c < 0x80) {
			switch (c) {
			case '&': sb_adds(o, "&amp;"); break;
			case '<': sb_adds(o, "&lt;"); break;
			case '>': sb_adds(o, "&gt;"); break;
			case '"': sb_adds(o, "&quot;"); break;
			case '\'': sb_adds(o, "&#39;"); break;
			default:
				if (c >= 0x20 && c != 0x7f)
					sb_addc(o, (char)c);
				else if (c == '\t' || c == '\n')
					sb_addc(o, ' ');
			}
			i++;
			continue;
		}
		l = utf8_valid_len(s + i, n - i);
		if (l == 0) {
			sb_adds(o, "\xef\xbf\xbd");
			i++;
		} else {
			sb_add(o, s + i, l);
			i += l;
		}
	}
}

static void html_escs(struct strbuf *o, const char *s)
{
	if (s)
		html_esc(o, s, strlen(s));
}

/* Markdown table cell text: | and \ escaped, < > & as entities, * _ ` [ ] escaped, line
 * breaks as spaces, invalid UTF-8 as U+FFFD. */
static void md_esc(struct strbuf *o, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t l;
		if (c < 0x80) {
			switch (c) {
			case '|': case '\\': case '*': case '_': case '`': case '[': case ']':
				sb_addc(o, '\\');
				sb_addc(o, (char)c);
				break;
			case '<': sb_adds(o, "&lt;"); break;
			case '>': sb_adds(o, "&gt;"); break;
			case '&': sb_adds(o, "&amp;"); break;
			default:
				if (c >= 0x20 && c != 0x7f)
					sb_addc(o, (char)c);
				else if (c == '\t' || c == '\n' || c == '\r')
					sb_addc(o, ' ');
			}
			i++;
			continue;
		}
		l = utf8_valid_len(s + i, n - i);
		if (l == 0) {
			sb_adds(o, "\xef\xbf\xbd");
			i++;
		} else {
			sb_add(o, s + i, l);
			i += l;
		}
	}
}

static void md_escs(struct strbuf *o, const char *s)
{
	if (s)
		md_esc(o, s, strlen(s));
}

/* 16005 -> "16,005". */
static void fmt_count(struct strbuf *o, long v)
{
	char d[32];
	int n = snprintf(d, sizeof(d), "%ld", v < 0 ? -v : v);
	if (v < 0)
		sb_addc(o, '-');
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			sb_addc(o, ',');
		sb_addc(o, d[i]);
	}
}

/* fmt_count into a fixed buffer (for chart labels). */
static const char *count_str(char *buf, size_t size, long v)
{
	struct strbuf t = STRBUF_INIT;
	sb_init(&t, 32);
	fmt_count(&t, v);
	snprintf(buf, size, "%s", t.buf);
	sb_release(&t);
	return buf;
}

/* A fixed-point number; "–" when v is NAN. "-0.00" is written "0.00". */
static void fmt_fixed(struct strbuf *o, double v, int prec)
{
	char d[64];
	if (isnan(v)) {
		sb_adds(o, "–");
		return;
	}
	snprintf(d, sizeof(d), "%.*f", prec, v);
	if (d[0] == '-') {
		int zero = 1;
		for (char *p = d + 1; *p; p++)
			if (*p >= '1' && *p <= '9')
				zero = 0;
		if (zero) {
			sb_adds(o, d + 1);
			return;
		}
	}
	sb_adds(o, d);
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : NAN;
}

/* part/whole as "12.3%"; "–" when whole is 0. */
static void fmt_pct(struct strbuf *o, double part, double whole)
{
	if (whole <= 0) {
		sb_adds(o, "–");
		return;
	}
	fmt_fixed(o, 100.0 * part / whole, 1);
	sb_addc(o, '%');
}

/* Rough rendered width, in pixels at 12 px, of UTF-8 text (wide scripts count double). */
static double text_px(const char *s, size_t n)
{
	double w = 0;
	size_t i = 0, l;
	while (i < n) {
		int32_t cp = utf8_decode(s + i, n - i, &l);
		w += cp >= 0x1100 ? 12.5 : cp >= 'A' && cp <= 'Z' ? 8 : 6.8;
		i += l;
	}
	return w;
}

/* Escaped text, cut with "…" so that it fits max_px. */
static void html_fit(struct strbuf *o, const char *s, double max_px)
{
	size_t n = strlen(s), i = 0, l;
	double w = 0;
	if (text_px(s, n) <= max_px) {
		html_esc(o, s, n);
		return;
	}
	while (i < n) {
		int32_t cp = utf8_decode(s + i, n - i, &l);
		double cw = cp >= 0x1100 ? 12.5 : 7;
		if (w + cw > max_px - 12)
			break;
		w += cw;
		i += l;
	}
	html_esc(o, s, i);
	sb_adds(o, "…");
}

static void type_label(struct strbuf *o, int t, int html)
{
	sb_adds(o, type_name[t]);
	if (t < NTYPES) {
		sb_adds(o, html ? " <span class=\"zh\">" : " ");
		sb_adds(o, type_zh[t]);
		if (html)
			sb_adds(o, "</span>");
	}
}

static double group_mean_sent(const struct group *g)
{
	return ratio(g->sent_sum, (double)g->sent_n);
}

/* Category indexes by number of notes (descending), then name; "(no category)" and
 * "(other categories)" last. Returns the count. */
static _Thread_local const struct report *cat_sort_r;

static int cat_rank(const struct group *g)
{
	return g->name[0] == '(';
}

static int cat_cmp(const void *pa, const void *pb)
{
	const struct group *a = &cat_sort_r->cat[*(const int *)pa];
	const struct group *b = &cat_sort_r->cat[*(const int *)pb];
	if (cat_rank(a) != cat_rank(b))
		return cat_rank(a) - cat_rank(b);
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int cat_order(const struct report *r, int *idx)
{
	for (int i = 0; i < r->ncat; i++)
		idx[i] = i;
	cat_sort_r = r;
	qsort(idx, (size_t)r->ncat, sizeof(*idx), cat_cmp);
	return r->ncat;
}

/* Resonance score quantile q in [0,1] from the 101-bin histogram (bin = integer part). */
static double res_quantile(const struct report *r, double q)
{
	long total = 0, acc = 0, want;
	for (int i = 0; i <= 100; i++)
		total += r->res_hist[i];
	if (!total)
		return NAN;
	want = (long)ceil(q * (double)total);
	if (want < 1)
		want = 1;
	for (int i = 0; i <= 100; i++) {
		acc += r->res_hist[i];
		if (acc >= want)
			return i;
	}
	return 100;
}

/* Terms over-represented in a group: share of the group's notes minus share of the other
 * notes (overall counts from the overall summary), among terms seen in >= 2 group notes. */
struct dterm {
	struct report_term t;
	double in, out, score;
};

static int dterm_cmp(const void *pa, const void *pb)
{
	const struct dterm *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return term_cmp(&a->t, &b->t);
}

static size_t distinctive(const struct report *r, const struct report_topk *g, long ng,
			  struct dterm *out, size_t max)
{
	size_t n = g->n, k = 0;
	long nall = r->all.n;
	struct dterm *all;

	if (!n || ng <= 0)
		return 0;
	all = xmalloc(n * sizeof(*all));
	for (size_t i = 0; i < n; i++) {
		const struct tk_counter *c = &g->c[i];
		long call = report_topk_count(r->terms_all, c->term, c->len);
		if (c->count < 2)
			continue;
		if (call < c->count)
			call = c->count;
		all[k].t.term = c->term;
		all[k].t.len = c->len;
		all[k].t.count = c->count;
		all[k].t.err = c->err;
		all[k].in = (double)c->count / (double)ng;
		all[k].out = nall > ng ? (double)(call - c->count) / (double)(nall - ng) : 0;
		all[k].score = all[k].in - all[k].out;
		if (all[k].score > 0)
			k++;
	}
	qsort(all, k, sizeof(*all), dterm_cmp);
	if (k > max)
		k = max;
	memcpy(out, all, k * sizeof(*out));
	free(all);
	return k;
}

/* Emit text with the kept note's evidence strings marked (longest match first, ASCII
 * case-insensitive). html: <mark class="pN">; markdown: **term**. */
static int match_at(const char *s, size_t n, const char *t)
{
	size_t l = strlen(t);
	if (l > n)
		return 0;
	for (size_t i = 0; i < l; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)t[i];
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (unsigned char)(b - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return (int)l;
}

static void highlight(struct strbuf *o, const char *s, const struct kept *k, int html)
{
	size_t n = strlen(s), i = 0;
	int bold = 0; /* markdown: a ** run is open (adjacent matches share one) */
	while (i < n) {
		int best = 0, bi = -1;
		size_t l;
		for (int e = 0; e < k->nev; e++) {
			int m = match_at(s + i, n - i, k->ev[e]);
			if (m > best) {
				best = m;
				bi = e;
			}
		}
		if (bi >= 0) {
			if (html) {
				if (k->ev_part[bi] >= 0)
					sb_addf(o, "<mark class=\"p%d\">", k->ev_part[bi]);
				else
					sb_adds(o, "<mark>");
				html_esc(o, s + i, (size_t)best);
				sb_adds(o, "</mark>");
			} else {
				if (!bold)
					sb_adds(o, "**");
				bold = 1;
				md_esc(o, s + i, (size_t)best);
			}
			i += (size_t)best;
			continue;
		}
		if (bold) {
			sb_adds(o, "**");
			bold = 0;
		}
		l = utf8_valid_len(s + i, n - i);
		if (!l)
			l = 1;
		if (html)
			html_esc(o, s + i, l);
		else
			md_esc(o, s + i, l);
		i += l;
	}
	if (bold)
		sb_adds(o, "**");
}

static int double_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

/* Median engagement and mean resonance of the sampled notes of type t (t < 0: sentiment
 * -t-1). Returns the number of sampled notes. */
static size_t sample_group(const struct report *r, int t, double *median, double *mean_res)
{
	double *v = xmalloc((r->nsmp ? r->nsmp : 1) * sizeof(*v)), sum = 0;
	size_t m = 0;
	for (size_t i = 0; i < r->nsmp; i++) {
		const struct sample *s = &r->smp[i];
		if (t >= 0 ? s->type != t : s->sent != -t - 1)
			continue;
		v[m++] = s->eng;
		sum += s->res;
	}
	qsort(v, m, sizeof(*v), double_cmp);
	*median = m ? (m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2) : NAN;
	*mean_res = m ? sum / (double)m : NAN;
	free(v);
	return m;
}

/* Correlations for the engagement section: resonance, text length, each part. */
struct corr {
	double res, len, part[NPARTS];
	size_t n;
	double wres, wlen; /* within-creator: mean of per-creator rho weighted by notes */
	long wcreators, wnotes;
};

static _Thread_local const struct sample *creator_sort_smp;

static int creator_cmp(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	uint64_t ca = creator_sort_smp[a].creator, cb = creator_sort_smp[b].creator;
	if (ca != cb)
		return ca < cb ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* Spearman within each creator with >= CREATOR_MIN sampled notes, averaged (weighted by
 * notes) over the creators where both sides vary. */
static void within_creator(const struct report *r, struct corr *c)
{
	size_t n = r->nsmp, *idx = xmalloc((n ? n : 1) * sizeof(*idx));
	double *x = xmalloc((n ? n : 1) * sizeof(*x)), *y = xmalloc((n ? n : 1) * sizeof(*y));
	double *l = xmalloc((n ? n : 1) * sizeof(*l)), sres = 0, slen = 0;

	c->wcreators = c->wnotes = 0;
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	creator_sort_smp = r->smp;
	qsort(idx, n, sizeof(*idx), creator_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i, m;
		while (j < n && r->smp[idx[j]].creator == r->smp[idx[i]].creator)
			j++;
		m = j - i;
		if (r->smp[idx[i]].creator && m >= CREATOR_MIN) {
			double a, b;
			for (size_t k = 0; k < m; k++) {
				x[k] = r->smp[idx[i + k]].res;
				y[k] = r->smp[idx[i + k]].eng;
				l[k] = r->smp[idx[i + k]].len;
			}
			a = report_spearman(x, y, m);
			b = report_spearman(l, y, m);
			if (!isnan(a) && !isnan(b)) {
				sres += a * (double)m;
				slen += b * (double)m;
				c->wcreators++;
				c->wnotes += (long)m;
			}
		}
		i = j;
	}
	c->wres = c->wnotes ? sres / (double)c->wnotes : NAN;
	c->wlen = c->wnotes ? slen / (double)c->wnotes : NAN;
	free(idx);
	free(x);
	free(y);
	free(l);
}

static void correlations(const struct report *r, struct corr *c)
{
	size_t n = r->nsmp;
	double *x = xmalloc((n ? n : 1) * sizeof(*x)), *y = xmalloc((n ? n : 1) * sizeof(*y));
	c->n = n;
	for (size_t i = 0; i < n; i++)
		y[i] = r->smp[i].eng;
	for (size_t i = 0; i < n; i++)
		x[i] = r->smp[i].res;
	c->res = report_spearman(x, y, n);
	for (size_t i = 0; i < n; i++)
		x[i] = r->smp[i].len;
	c->len = report_spearman(x, y, n);
	for (int p = 0; p < NPARTS; p++) {
		for (size_t i = 0; i < n; i++)
			x[i] = r->smp[i].part[p];
		c->part[p] = report_spearman(x, y, n);
	}
	free(x);
	free(y);
	within_creator(r, c);
}

/* ------------------------------------------------------------------------------------------
 * SVG charts, drawn by hand. Every chart is 640 user units wide and scales with the page.
 */
#define SVG_W 640

static void svg_open(struct strbuf *o, int h, const char *label)
{
	sb_addf(o, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		   "role=\"img\" aria-label=\"", SVG_W, h, SVG_W, h);
	html_escs(o, label);
	sb_adds(o, "\">\n");
}

static void svg_text(struct strbuf *o, double x, double y, const char *anchor, const char *cls,
		     const char *s, double fit)
{
	sb_addf(o, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
	if (anchor)
		sb_addf(o, " text-anchor=\"%s\"", anchor);
	if (cls)
		sb_addf(o, " class=\"%s\"", cls);
	sb_adds(o, ">");
	if (fit > 0)
		html_fit(o, s, fit);
	else
		html_escs(o, s);
	sb_adds(o, "</text>\n");
}

struct bar {
	const char *label;
	double value;
	const char *color;
	char text[64]; /* value label at the bar's end */
};

#define BAR_LABEL_W 150
#define BAR_TEXT_W 110

/* Horizontal bars scaled to max (0: the largest value). */
static void svg_hbars(struct strbuf *o, const struct bar *b, int n, double max, const char *label)
{
	int row = 26, h = n * row + 8;
	double area = SVG_W - BAR_LABEL_W - BAR_TEXT_W;

	if (max <= 0)
		for (int i = 0; i < n; i++)
			if (b[i].value > max)
				max = b[i].value;
	svg_open(o, h, label);
	for (int i = 0; i < n; i++) {
		double y = 4 + i * row, w = max > 0 ? area * b[i].value / max : 0;
		svg_text(o, BAR_LABEL_W - 8, y + 16, "end", NULL, b[i].label, BAR_LABEL_W - 12);
		sb_addf(o, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"18\" rx=\"3\" "
			   "fill=\"%s\"><title>", BAR_LABEL_W, y + 2, w < 0 ? 0 : w, b[i].color);
		html_escs(o, b[i].label);
		sb_adds(o, ": ");
		html_escs(o, b[i].text);
		sb_adds(o, "</title></rect>\n");
		svg_text(o, BAR_LABEL_W + w + 6, y + 16, NULL, "v", b[i].text, 0);
	}
	sb_adds(o, "</svg>\n");
}

/* 100% stacked bars: counts[row * k + seg]; the row total is written at the right. */
static void svg_stacked(struct strbuf *o, const char *const *rows, int nrows, const long *counts,
			int k, const char *const *segs, const char *const *colors, const char *label)
{
	int row = 26, top = 30, h = top + nrows * row + 6;
	double area = SVG_W - BAR_LABEL_W - 70, x;

	svg_open(o, h, label);
	x = BAR_LABEL_W;
	for (int s = 0; s < k; s++) {
		sb_addf(o, "<rect x=\"%.1f\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\"/>\n",
			x, colors[s]);
		svg_text(o, x + 16, 16.5, NULL, "lg", segs[s], 0);
		x += 16 + text_px(segs[s], strlen(segs[s])) + 18;
	}
	for (int i = 0; i < nrows; i++) {
		double y = top + i * row;
		long total = 0;
		char buf[64];
		for (int s = 0; s < k; s++)
			total += counts[i * k + s];
		svg_text(o, BAR_LABEL_W - 8, y + 15, "end", NULL, rows[i], BAR_LABEL_W - 12);
		x = BAR_LABEL_W;
		for (int s = 0; s < k && total > 0; s++) {
			long c = counts[i * k + s];
			double w = area * (double)c / (double)total;
			if (c == 0)
				continue;
			sb_addf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" "
				   "fill=\"%s\"><title>", x, y + 2, w, colors[s]);
			html_escs(o, rows[i]);
			sb_adds(o, " · ");
			html_escs(o, segs[s]);
			sb_addf(o, ": %ld (%.1f%%)</title></rect>\n", c,
				100.0 * (double)c / (double)total);
			if (w >= 38) {
				snprintf(buf, sizeof(buf), "%.0f%%", 100.0 * (double)c / (double)total);
				svg_text(o, x + w / 2, y + 15, "middle", "in", buf, 0);
			}
			x += w;
		}
		{
			char num[32];
			snprintf(buf, sizeof(buf), "n=%s", count_str(num, sizeof(num), total));
		}
		svg_text(o, BAR_LABEL_W + area + 8, y + 15, NULL, "v", buf, 0);
	}
	sb_adds(o, "</svg>\n");
}

/* Vertical histogram of bins[0..n) over [x0, x1]. */
static void svg_histogram(struct strbuf *o, const long *bins, int n, double x0, double x1,
			  const char *color, const char *xlabel, const char *label)
{
	int h = 230, left = 50, right = 16, top = 14, bottom = 44;
	double pw = SVG_W - left - right, ph = h - top - bottom, bw = pw / n;
	long max = 0;
	char buf[64];

	for (int i = 0; i < n; i++)
		if (bins[i] > max)
			max = bins[i];
	svg_open(o, h, label);
	sb_addf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>\n",
		left, top + ph, left + pw, top + ph);
	for (int g = 0; g <= 4; g++) {
		double y = top + ph - ph * g / 4.0;
		snprintf(buf, sizeof(buf), "%.0f", (double)max * g / 4.0);
		if (g > 0)
			sb_addf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				   "class=\"grid\"/>\n", left, y, left + pw, y);
		svg_text(o, left - 6, y + 4, "end", "tick", buf, 0);
	}
	for (int i = 0; i < n; i++) {
		double bh = max ? ph * (double)bins[i] / (double)max : 0;
		double lo = x0 + (x1 - x0) * i / n, hi = x0 + (x1 - x0) * (i + 1) / n;
		sb_addf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
			   "<title>%.0f–%.0f: %ld</title></rect>\n",
			left + i * bw + 1, top + ph - bh, bw - 2, bh, color, lo, hi, bins[i]);
	}
	for (int i = 0; i <= n; i++) {
		if (n > 10 && i % (n / 10))
			continue;
		snprintf(buf, sizeof(buf), "%.0f", x0 + (x1 - x0) * i / n);
		svg_text(o, left + i * bw, top + ph + 16, "middle", "tick", buf, 0);
	}
	svg_text(o, left + pw / 2, h - 8, "middle", "lg", xlabel, 0);
	sb_adds(o, "</svg>\n");
}

/* Grouped horizontal bars in [0,1]: vals[row * k + s]. */
static void svg_grouped(struct strbuf *o, const char *const *rows, int nrows, const double *vals,
			int k, const char *const *segs, const char *const *colors, const char *label)
{
	int bar = 8, row = k * (bar + 2) + 10, top = 30, h = top + nrows * row + 20;
	double area = SVG_W - BAR_LABEL_W - 60, x = BAR_LABEL_W;

	svg_open(o, h, label);
	for (int s = 0; s < k; s++) {
		sb_addf(o, "<rect x=\"%.1f\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\"/>\n",
			x, colors[s]);
		svg_text(o, x + 16, 16.5, NULL, "lg", segs[s], 0);
		x += 16 + text_px(segs[s], strlen(segs[s])) + 18;
	}
	for (int g = 0; g <= 4; g++) {
		static const char *const ticks[] = { "0", "0.25", "0.5", "0.75", "1" };
		double gx = BAR_LABEL_W + area * g / 4.0;
		sb_addf(o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>\n",
			gx, top - 4, gx, h - 18);
		svg_text(o, gx, h - 5, "middle", "tick", ticks[g], 0);
	}
	for (int i = 0; i < nrows; i++) {
		double y = top + i * row;
		svg_text(o, BAR_LABEL_W - 8, y + row / 2.0 + 1, "end", NULL, rows[i],
			 BAR_LABEL_W - 12);
		for (int s = 0; s < k; s++) {
			double v = vals[i * k + s], w = area * clamp(isnan(v) ? 0 : v, 0, 1);
			double by = y + 3 + s * (bar + 2);
			char buf[32];
			sb_addf(o, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
				   "<title>", BAR_LABEL_W, by, w, bar, colors[s]);
			html_escs(o, rows[i]);
			snprintf(buf, sizeof(buf), " · %s: %.3f", segs[s], isnan(v) ? 0 : v);
			html_escs(o, buf);
			sb_adds(o, "</title></rect>\n");
			snprintf(buf, sizeof(buf), "%.2f", isnan(v) ? 0 : v);
			sb_addf(o, "<text x=\"%.1f\" y=\"%.1f\" class=\"sm\">%s</text>\n",
				BAR_LABEL_W + w + 4, by + bar - 0.5, buf);
		}
	}
	sb_adds(o, "</svg>\n");
}

/* Scatter of the reservoir: x resonance 0-100, y log10(1 + engagement); the median
 * engagement per resonance decile is drawn as a line. At most max_points points. */
static void svg_scatter(struct strbuf *o, const struct report *r, size_t max_points)
{
	int h = 380, left = 60, right = 16, top = 14, bottom = 46;
	double pw = SVG_W - left - right, ph = h - top - bottom, ymax = 1;
	size_t n = r->nsmp < max_points ? r->nsmp : max_points;
	char buf[64];

	for (size_t i = 0; i < r->nsmp; i++) {
		double ly = log10(1 + r->smp[i].eng);
		if (ly > ymax)
			ymax = ly;
	}
	ymax = ceil(ymax);
	svg_open(o, h, "engagement against resonance score");
	for (int d = 0; d <= (int)ymax; d++) {
		double y = top + ph - ph * d / ymax;
		static const char *const pow10s[] = { "0", "10", "100", "1k", "10k", "100k", "1M",
						      "10M", "100M", "1B" };
		sb_addf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>\n",
			left, y, left + pw, y);
		svg_text(o, left - 6, y + 4, "end", "tick", d < 10 ? pow10s[d] : "", 0);
	}
	for (int g = 0; g <= 10; g++) {
		double x = left + pw * g / 10.0;
		snprintf(buf, sizeof(buf), "%d", g * 10);
		svg_text(o, x, top + ph + 16, "middle", "tick", buf, 0);
	}
	sb_addf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>\n",
		left, top + ph, left + pw, top + ph);
	sb_addf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" class=\"axis\"/>\n", left, top,
		left, top + ph);
	sb_adds(o, "<g fill=\"#e0559a\" fill-opacity=\"0.38\">\n");
	for (size_t i = 0; i < n; i++) {
		double x = left + pw * r->smp[i].res / 100.0;
		double y = top + ph - ph * log10(1 + r->smp[i].eng) / ymax;
		sb_addf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.4\"/>\n", x, y);
	}
	sb_adds(o, "</g>\n");
	/* median engagement per decile of resonance */
	{
		struct strbuf pts = STRBUF_INIT;
		double *v = xmalloc((r->nsmp ? r->nsmp : 1) * sizeof(*v));
		int npts = 0;
		sb_init(&pts, 256);
		for (int dcl = 0; dcl < 10; dcl++) {
			size_t m = 0;
			for (size_t i = 0; i < r->nsmp; i++) {
				int b = (int)(r->smp[i].res / 10);
				if ((b > 9 ? 9 : b) == dcl)
					v[m++] = r->smp[i].eng;
			}
			if (m < 5)
				continue;
			qsort(v, m, sizeof(*v), double_cmp);
			double med = m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
			sb_addf(&pts, "%s%.1f,%.1f", npts ? " " : "", left + pw * (dcl * 10 + 5) / 100.0,
				top + ph - ph * log10(1 + med) / ymax);
			npts++;
		}
		if (npts >= 2)
			sb_addf(o, "<polyline points=\"%s\" fill=\"none\" stroke=\"#1f2328\" "
				   "stroke-width=\"2\"/>\n", pts.buf);
		sb_release(&pts);
		free(v);
	}
	svg_text(o, left + pw / 2, h - 8, "middle", "lg", "resonance score", 0);
	sb_addf(o, "<text x=\"14\" y=\"%.1f\" class=\"lg\" text-anchor=\"middle\" "
		   "transform=\"rotate(-90 14 %.1f)\">likes + collects + comments (log)</text>\n",
		top + ph / 2, top + ph / 2);
	sb_adds(o, "</svg>\n");
}

/* ------------------------------------------------------------------------------------------
 * HTML writer. The page is well-formed XML as well as HTML (void elements self-closed, only
 * the five XML entities), so a strict XML parser can check it.
 */
/* The style sheet, in pieces (C compilers need not support very long literals). */
static const char *const html_css[] = {
	":root{--fg:#1f2328;--muted:#656d76;--line:#d8dee4;--accent:#e0559a;--card:#fff}\n",
	"*{box-sizing:border-box}\n",
	"body{margin:0;font-family:\"PingFang SC\",\"Hiragino Sans GB\",\"Noto Sans CJK SC\","
	"\"Source Han Sans SC\",\"Microsoft YaHei\",sans-serif,\"Apple Color Emoji\",\"Segoe UI Emoji\","
	"\"Noto Color Emoji\";color:var(--fg);background:#f4f5f7;"
	"line-height:1.55;font-size:14px}\n",
	"main{max-width:1080px;margin:0 auto;padding:20px 24px 40px}\n",
	"header{padding:8px 0 4px}\n",
	"h1{font-size:26px;margin:6px 0 2px}\n",
	"h1 small{font-size:14px;color:var(--muted);font-weight:normal;margin-left:8px}\n",
	".sub{color:var(--muted);margin:0}\n",
	"section{background:var(--card);border:1px solid var(--line);border-radius:10px;"
	"padding:16px 20px;margin:16px 0}\n",
	"h2{font-size:18px;margin:0 0 10px;padding-left:10px;border-left:4px solid var(--accent)}\n",
	"h3{font-size:14px;margin:14px 0 6px;color:#444c56}\n",
	"p.note-s{color:var(--muted);font-size:12.5px;margin:6px 0}\n",
	"table{border-collapse:collapse;width:100%;font-size:13px;margin:4px 0 8px}\n",
	"th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;"
	"vertical-align:top;overflow-wrap:anywhere}\n",
	"th{font-weight:600;color:#444c56;background:#f6f8fa}\n",
	".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n",
	".zh{color:var(--muted);font-size:.92em}\n",
	".kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(128px,1fr));gap:10px;"
	"margin:4px 0 12px}\n",
	".kpi{border:1px solid var(--line);border-radius:8px;padding:8px 12px;background:#fbfcfd}\n",
	".kpi b{display:block;font-size:22px;font-variant-numeric:tabular-nums}\n",
	".kpi span{color:var(--muted);font-size:12px}\n",
	".cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:14px 20px}\n",
	".terms{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:8px 16px}\n",
	".terms table{table-layout:fixed}\n",
	".terms table td{padding:2px 6px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\n",
	".tb{display:inline-block;height:8px;background:var(--accent);opacity:.55;"
	"border-radius:2px;vertical-align:middle;margin-right:4px}\n",
	"svg.chart{width:100%;height:auto;max-width:760px;display:block;margin:4px 0 10px}\n",
	"svg text{font-size:12px;fill:#1f2328}\n",
	"svg text.v,svg text.tick{fill:#57606a;font-size:11px}\n",
	"svg text.sm{fill:#57606a;font-size:9px}\n",
	"svg text.in{fill:#fff;font-size:11px;font-weight:600}\n",
	"svg text.lg{fill:#444c56;font-size:12px}\n",
	"svg .axis{stroke:#8c959f;stroke-width:1}\n",
	"svg .grid{stroke:#eaeef2;stroke-width:1}\n",
	".note{border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin:10px 0;"
	"overflow-wrap:anywhere;"
	"break-inside:avoid;page-break-inside:avoid}\n",
	".nh{display:flex;gap:12px;align-items:flex-start}\n",
	".score{flex:none;min-width:46px;height:46px;border-radius:23px;background:var(--accent);"
	"color:#fff;font-weight:700;font-size:17px;display:flex;align-items:center;"
	"justify-content:center}\n",
	".score.low{background:#8c959f}\n",
	".nt{font-weight:600}\n",
	".meta{color:var(--muted);font-size:12px}\n",
	".note p{margin:6px 0}\n",
	".parts{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:#444c56}\n",
	".parts i{display:inline-block;width:60px;height:7px;background:#eaeef2;border-radius:3px;"
	"margin-left:4px;vertical-align:middle;position:relative;overflow:hidden}\n",
	".parts i b{display:block;height:7px}\n",
	"mark{background:#fff1a8;border-radius:2px;padding:0 1px}\n",
	"mark.p0{background:#fbd3e5}mark.p1{background:#fde2c2}mark.p2{background:#cdebd8}"
	"mark.p3{background:#d3e3f8}mark.p4{background:#e2daf5}\n",
	".chip{display:inline-block;font-size:11.5px;border-radius:10px;padding:0 7px;margin:2px 3px 0 0;"
	"background:#eef1f4}\n",
	".chip.p0{background:#fbd3e5}.chip.p1{background:#fde2c2}.chip.p2{background:#cdebd8}"
	".chip.p3{background:#d3e3f8}.chip.p4{background:#e2daf5}\n",
	".heat td.h{text-align:right;font-variant-numeric:tabular-nums}\n",
	".problems td{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}\n",
	"footer{color:var(--muted);font-size:12px;margin-top:18px}\n",
	"@media print{@page{size:A4;margin:12mm}\n",
	"body{background:#fff;font-size:11pt}main{max-width:none;padding:0}\n",
	"section{border:none;border-radius:0;padding:0;margin:0 0 8mm;break-inside:auto}\n",
	"h2,h3{break-after:avoid;page-break-after:avoid}\n"
	"svg.chart{max-width:100%;break-inside:avoid;page-break-inside:avoid}\n",
	".note,.kpi,table{break-inside:avoid}\n",
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n",
};

static void h_kpi(struct strbuf *o, const char *label, const char *value)
{
	sb_adds(o, "<div class=\"kpi\"><b>");
	html_escs(o, value);
	sb_adds(o, "</b><span>");
	html_escs(o, label);
	sb_adds(o, "</span></div>\n");
}

/* A small formatted-value buffer for KPI cells and bar labels. */
static const char *sfmt(struct strbuf *tmp, void (*f)(struct strbuf *, double, int), double v,
			int prec)
{
	sb_reset(tmp);
	f(tmp, v, prec);
	return tmp->buf;
}

static void fmt_count_d(struct strbuf *o, double v, int prec)
{
	(void)prec;
	fmt_count(o, (long)v);
}

static void h_row_count(struct strbuf *o, const char *label, long v, long whole)
{
	sb_adds(o, "<tr><td>");
	html_escs(o, label);
	sb_adds(o, "</td><td class=\"n\">");
	fmt_count(o, v);
	sb_adds(o, "</td><td class=\"n\">");
	if (whole >= 0)
		fmt_pct(o, (double)v, (double)whole);
	sb_adds(o, "</td></tr>\n");
}

static void h_summary(const struct report *r, struct strbuf *o)
{
	struct strbuf t = STRBUF_INIT;
	struct corr c;
	long res_n = r->all.res_n;

	sb_init(&t, 64);
	correlations(r, &c);
	sb_adds(o, "<section id=\"summary\"><h2>Summary <span class=\"zh\">概览</span></h2>\n"
		   "<div class=\"kpis\">\n");
	h_kpi(o, "notes", sfmt(&t, fmt_count_d, (double)r->notes, 0));
	h_kpi(o, "input problems", sfmt(&t, fmt_count_d, (double)r->bad, 0));
	sb_reset(&t);
	fmt_pct(&t, (double)r->all.sent[SENT_POS], (double)r->notes);
	h_kpi(o, "positive", t.buf);
	sb_reset(&t);
	fmt_pct(&t, (double)r->all.sent[SENT_NEG], (double)r->notes);
	h_kpi(o, "negative", t.buf);
	h_kpi(o, "mean resonance", sfmt(&t, fmt_fixed, ratio(r->all.res_sum, (double)res_n), 1));
	h_kpi(o, "median resonance", sfmt(&t, fmt_fixed, res_quantile(r, 0.5), 0));
	h_kpi(o, "ρ with engagement", sfmt(&t, fmt_fixed, c.res, 2));
	sb_adds(o, "</div>\n<div class=\"cols\"><div><h3>Counts</h3>\n<table>\n"
		   "<tr><th>what</th><th class=\"n\">records</th><th class=\"n\">share</th></tr>\n");
	h_row_count(o, "input files", r->files, -1);
	h_row_count(o, "records read", r->records, -1);
	h_row_count(o, "notes", r->notes, r->records);
	h_row_count(o, "input problems (bad records)", r->bad, r->records);
	h_row_count(o, "raw notes labelled by the report", r->labelled_here, r->notes);
	h_row_count(o, "notes without text", r->no_text, r->notes);
	h_row_count(o, "notes without tokens", r->no_tokens, r->notes);
	h_row_count(o, "notes without note_type", r->no_type, r->notes);
	h_row_count(o, "notes without sentiment", r->no_sent, r->notes);
	h_row_count(o, "notes without resonance", r->no_res, r->notes);
	h_row_count(o, "notes without sips", r->no_sips, r->notes);
	h_row_count(o, "notes without engagement counts", r->no_eng, r->notes);
	sb_adds(o, "</table></div>\n<div><h3>Input problems</h3>\n");
	if (!r->nproblems) {
		sb_adds(o, "<p class=\"note-s\">None: every record was read.</p>\n");
	} else {
		sb_adds(o, "<table class=\"problems\"><tr><th>where</th><th>message</th></tr>\n");
		for (long i = 0; i < r->nproblems; i++) {
			sb_adds(o, "<tr><td>");
			html_escs(o, r->problems[i].source);
			sb_addf(o, ":%ld</td><td>", r->problems[i].line);
			html_escs(o, r->problems[i].message);
			sb_adds(o, "</td></tr>\n");
		}
		sb_adds(o, "</table>\n");
		if (r->bad > r->nproblems)
			sb_addf(o, "<p class=\"note-s\">… and %ld more.</p>\n", r->bad - r->nproblems);
	}
	sb_adds(o, "</div></div>\n</section>\n");
	sb_release(&t);
}

/* A small table of terms: rank, term, count of notes, share of the group. */
static void h_term_table(struct strbuf *o, const char *head, const char *color,
			 const struct report_term *t, size_t n, long ng)
{
	sb_adds(o, "<div><h3>");
	sb_adds(o, head);
	sb_addf(o, " <span class=\"zh\">(%ld notes)</span></h3>\n", ng);
	if (!n) {
		sb_adds(o, "<p class=\"note-s\">no terms</p></div>\n");
		return;
	}
	sb_adds(o, "<table><colgroup><col style=\"width:28px\"/><col/><col style=\"width:56px\"/>"
		   "<col style=\"width:50px\"/></colgroup>\n");
	for (size_t i = 0; i < n; i++) {
		double w = t[0].count ? 36.0 * (double)t[i].count / (double)t[0].count : 0;
		sb_addf(o, "<tr><td class=\"n\">%zu</td><td title=\"", i + 1);
		html_esc(o, t[i].term, t[i].len);
		sb_addf(o, "\"><span class=\"tb\" style=\"width:%.0fpx;background:%s\"></span>",
			w < 1 ? 1 : w, color);
		html_esc(o, t[i].term, t[i].len);
		sb_adds(o, "</td><td class=\"n\">");
		fmt_count(o, t[i].count);
		sb_adds(o, "</td><td class=\"n\">");
		fmt_pct(o, (double)t[i].count, (double)ng);
		sb_adds(o, "</td></tr>\n");
	}
	sb_adds(o, "</table></div>\n");
}

static void h_note_types(const struct report *r, struct strbuf *o)
{
	struct bar b[NTYPE_SLOTS];
	int nb = 0;
	char num[32];
	struct report_term *t = xmalloc(8 * sizeof(*t));

	sb_adds(o, "<section id=\"note-types\"><h2>Note types <span class=\"zh\">笔记类型</span></h2>\n");
	for (int i = 0; i < NTYPE_SLOTS; i++) {
		if (i == TYPE_NONE && !r->type[i].n)
			continue;
		b[nb].label = type_both[i];
		b[nb].value = (double)r->type[i].n;
		b[nb].color = type_color[i];
		snprintf(b[nb].text, sizeof(b[nb].text), "%s (%.1f%%)",
			 count_str(num, sizeof(num), r->type[i].n),
			 r->notes ? 100.0 * (double)r->type[i].n / (double)r->notes : 0.0);
		nb++;
	}
	svg_hbars(o, b, nb, 0, "notes per note type");
	sb_adds(o, "<h3>Cues that decided each type</h3>\n<table><tr><th>type</th><th class=\"n\">notes</th>"
		   "<th>most frequent deciding cues (notes)</th></tr>\n");
	for (int i = 0; i < NTYPES; i++) {
		size_t n = report_topk_list(r->cues_type[i], t, 8);
		sb_adds(o, "<tr><td>");
		type_label(o, i, 1);
		sb_adds(o, "</td><td class=\"n\">");
		fmt_count(o, r->type[i].n);
		sb_adds(o, "</td><td>");
		for (size_t j = 0; j < n; j++) {
			sb_adds(o, "<span class=\"chip\">");
			html_esc(o, t[j].term, t[j].len);
			sb_addf(o, " %ld</span>", t[j].count);
		}
		sb_adds(o, "</td></tr>\n");
	}
	sb_adds(o, "</table>\n</section>\n");
	free(t);
}

static void h_sentiment(const struct report *r, struct strbuf *o)
{
	const char *rows[REPORT_MAX_CATEGORIES + NTYPE_SLOTS + 1];
	long counts[(REPORT_MAX_CATEGORIES + NTYPE_SLOTS + 1) * 3];
	int nr = 0;
	const char *segs[3] = { "positive 正面", "neutral 中性", "negative 负面" };
	int order[REPORT_MAX_CATEGORIES + 1];

	sb_adds(o, "<section id=\"sentiment\"><h2>Sentiment <span class=\"zh\">情感</span></h2>\n"
		   "<h3>By note type</h3>\n");
	for (int i = 0; i < NTYPE_SLOTS; i++) {
		if (!r->type[i].n)
			continue;
		rows[nr] = type_both[i];
		for (int s = 0; s < 3; s++)
			counts[nr * 3 + s] = r->type[i].sent[s];
		nr++;
	}
	rows[nr] = "all notes";
	for (int s = 0; s < 3; s++)
		counts[nr * 3 + s] = r->all.sent[s];
	nr++;
	svg_stacked(o, rows, nr, counts, 3, segs, sent_color, "sentiment by note type");
	nr = 0;
	cat_order(r, order);
	for (int i = 0; i < r->ncat; i++) {
		rows[nr] = r->cat[order[i]].name;
		for (int s = 0; s < 3; s++)
			counts[nr * 3 + s] = r->cat[order[i]].sent[s];
		nr++;
	}
	sb_adds(o, "<h3>By category</h3>\n");
	if (nr)
		svg_stacked(o, rows, nr, counts, 3, segs, sent_color, "sentiment by category");
	sb_adds(o, "<table><tr><th>group</th><th class=\"n\">notes</th><th class=\"n\">positive</th>"
		   "<th class=\"n\">neutral</th><th class=\"n\">negative</th>"
		   "<th class=\"n\">mean score</th></tr>\n");
	for (int i = 0; i < NTYPE_SLOTS + r->ncat + 1; i++) {
		const struct group *g = i < NTYPE_SLOTS ? &r->type[i]
				       : i < NTYPE_SLOTS + r->ncat ? &r->cat[order[i - NTYPE_SLOTS]]
								   : &r->all;
		if (!g->n)
			continue;
		sb_adds(o, "<tr><td>");
		if (i < NTYPE_SLOTS) {
			type_label(o, i, 1);
		} else if (g == &r->all) {
			sb_adds(o, "<b>all notes</b>");
		} else {
			sb_adds(o, "category: ");
			html_escs(o, g->name);
		}
		sb_adds(o, "</td><td class=\"n\">");
		fmt_count(o, g->n);
		for (int s = 0; s < 3; s++) {
			sb_adds(o, "</td><td class=\"n\">");
			fmt_pct(o, (double)g->sent[s], (double)g->n);
		}
		sb_adds(o, "</td><td class=\"n\">");
		fmt_fixed(o, group_mean_sent(g), 2);
		sb_adds(o, "</td></tr>\n");
	}
	sb_adds(o, "</table>\n</section>\n");
}

static void h_resonance(const struct report *r, struct strbuf *o)
{
	long bins[10] = { 0 };
	struct bar b[NPARTS];
	long n = r->all.res_n;
	struct report_term *t = xmalloc(10 * sizeof(*t));

	for (int i = 0; i <= 100; i++)
		bins[i / 10 > 9 ? 9 : i / 10] += r->res_hist[i];
	sb_adds(o, "<section id=\"resonance\"><h2>Resonance <span class=\"zh\">共鸣</span></h2>\n");
	sb_adds(o, "<p class=\"note-s\">");
	fmt_count(o, n);
	sb_adds(o, " notes scored; mean ");
	fmt_fixed(o, ratio(r->all.res_sum, (double)n), 1);
	sb_adds(o, ", quartiles ");
	fmt_fixed(o, res_quantile(r, 0.25), 0);
	sb_adds(o, " / ");
	fmt_fixed(o, res_quantile(r, 0.5), 0);
	sb_adds(o, " / ");
	fmt_fixed(o, res_quantile(r, 0.75), 0);
	sb_adds(o, ", 90th percentile ");
	fmt_fixed(o, res_quantile(r, 0.9), 0);
	sb_adds(o, ".</p>\n<h3>Distribution of the score</h3>\n");
	svg_histogram(o, bins, 10, 0, 100, "#e0559a", "resonance score", "resonance histogram");
	sb_adds(o, "<h3>Mean of each part, and share of notes where it is above 0</h3>\n");
	for (int i = 0; i < NPARTS; i++) {
		double m = ratio(r->all.part_sum[i], (double)n);
		b[i].label = part_name[i];
		b[i].value = isnan(m) ? 0 : m;
		b[i].color = part_color[i];
		snprintf(b[i].text, sizeof(b[i].text), "%.2f · %.0f%% > 0", isnan(m) ? 0 : m,
			 n ? 100.0 * (double)r->part_pos[i] / (double)n : 0.0);
	}
	svg_hbars(o, b, NPARTS, 1, "mean resonance part");
	sb_adds(o, "<h3>By note type</h3>\n<table class=\"heat\"><tr><th>type</th>"
		   "<th class=\"n\">notes</th><th class=\"n\">score</th>");
	for (int i = 0; i < NPARTS; i++)
		sb_addf(o, "<th class=\"n\">%s <span class=\"zh\">%s</span></th>", part_name[i],
			part_zh[i]);
	sb_adds(o, "</tr>\n");
	for (int ti = 0; ti <= NTYPE_SLOTS; ti++) {
		const struct group *g = ti < NTYPE_SLOTS ? &r->type[ti] : &r->all;
		if (!g->res_n)
			continue;
		sb_adds(o, "<tr><td>");
		if (ti < NTYPE_SLOTS)
			type_label(o, ti, 1);
		else
			sb_adds(o, "<b>all notes</b>");
		sb_adds(o, "</td><td class=\"n\">");
		fmt_count(o, g->res_n);
		sb_adds(o, "</td><td class=\"n\">");
		fmt_fixed(o, g->res_sum / (double)g->res_n, 1);
		sb_adds(o, "</td>");
		for (int p = 0; p < NPARTS; p++) {
			double m = g->part_sum[p] / (double)g->res_n;
			sb_addf(o, "<td class=\"h\" style=\"background:rgba(224,85,154,%.2f)\">",
				0.06 + 0.5 * clamp(m, 0, 1));
			fmt_fixed(o, m, 2);
			sb_adds(o, "</td>");
		}
		sb_adds(o, "</tr>\n");
	}
	sb_adds(o, "</table>\n<h3>Why: most frequent evidence per part</h3>\n<div class=\"terms\">\n");
	for (int p = 0; p < NPARTS; p++) {
		size_t k = report_topk_list(r->cues_part[p], t, 10);
		struct strbuf head = STRBUF_INIT;
		sb_init(&head, 64);
		sb_addf(&head, "%s <span class=\"zh\">%s</span>", part_name[p], part_zh[p]);
		h_term_table(o, head.buf, part_color[p], t, k, n);
		sb_release(&head);
	}
	sb_adds(o, "</div>\n</section>\n");
	free(t);
}

static void h_sips(const struct report *r, struct strbuf *o)
{
	const char *rows[REPORT_MAX_CATEGORIES + 2];
	double vals[(REPORT_MAX_CATEGORIES + 2) * NSIPS];
	int nr = 0, order[REPORT_MAX_CATEGORIES + 1];
	struct report_term *t = xmalloc(12 * sizeof(*t));
	size_t k;

	sb_adds(o, "<section id=\"sips\"><h2>SIPS profile <span class=\"zh\">识别 · 参与 · 分享</span></h2>\n");
	rows[nr] = "all notes";
	for (int s = 0; s < NSIPS; s++)
		vals[nr * NSIPS + s] = ratio(r->all.sips_sum[s], (double)r->all.sips_n);
	nr++;
	cat_order(r, order);
	for (int i = 0; i < r->ncat; i++) {
		const struct group *g = &r->cat[order[i]];
		if (!g->sips_n)
			continue;
		rows[nr] = g->name;
		for (int s = 0; s < NSIPS; s++)
			vals[nr * NSIPS + s] = g->sips_sum[s] / (double)g->sips_n;
		nr++;
	}
	if (r->all.sips_n)
		svg_grouped(o, rows, nr, vals, NSIPS, sips_name, sips_color,
			    "mean SIPS scores by category");
	sb_adds(o, "<table><tr><th>category</th><th class=\"n\">notes</th><th class=\"n\">identify</th>"
		   "<th class=\"n\">participate</th><th class=\"n\">share</th>"
		   "<th class=\"n\">resonance</th></tr>\n");
	for (int i = -1; i < r->ncat; i++) {
		const struct group *g = i < 0 ? &r->all : &r->cat[order[i]];
		if (!g->sips_n)
			continue;
		sb_adds(o, "<tr><td>");
		if (i < 0)
			sb_adds(o, "<b>all notes</b>");
		else
			html_escs(o, g->name);
		sb_adds(o, "</td><td class=\"n\">");
		fmt_count(o, g->sips_n);
		for (int s = 0; s < NSIPS; s++) {
			sb_adds(o, "</td><td class=\"n\">");
			fmt_fixed(o, g->sips_sum[s] / (double)g->sips_n, 2);
		}
		sb_adds(o, "</td><td class=\"n\">");
		fmt_fixed(o, ratio(g->res_sum, (double)g->res_n), 1);
		sb_adds(o, "</td></tr>\n");
	}
	sb_adds(o, "</table>\n<h3>Audiences named</h3>\n<p>");
	k = report_topk_list(r->audience, t, 12);
	if (!k)
		sb_adds(o, "<span class=\"note-s\">none</span>");
	for (size_t j = 0; j < k; j++) {
		sb_adds(o, "<span class=\"chip\">");
		html_esc(o, t[j].term, t[j].len);
		sb_addf(o, " %ld</span>", t[j].count);
	}
	sb_adds(o, "</p>\n</section>\n");
	free(t);
}

static void h_terms(const struct report *r, struct strbuf *o)
{
	size_t top = (size_t)r->o.top, k;
	struct report_term *t = xmalloc(top * sizeof(*t));
	struct dterm *d = xmalloc(top * sizeof(*d));
	struct strbuf head = STRBUF_INIT;

	sb_init(&head, 64);
	sb_adds(o, "<section id=\"terms\"><h2>Top terms <span class=\"zh\">高频词</span></h2>\n"
		   "<p class=\"note-s\">Notes containing the term (each note counts once), from the "
		   "tokens, stop-words and pure numbers or punctuation left out.</p>\n"
		   "<h3>All notes</h3><div class=\"terms\">\n");
	k = report_topk_list(r->terms_all, t, top);
	h_term_table(o, "all notes", "#8c959f", t, k, r->notes);
	sb_adds(o, "</div>\n<h3>By note type</h3><div class=\"terms\">\n");
	for (int i = 0; i < NTYPES; i++) {
		if (!r->type[i].n)
			continue;
		k = report_topk_list(r->terms_type[i], t, top);
		sb_reset(&head);
		type_label(&head, i, 1);
		h_term_table(o, head.buf, type_color[i], t, k, r->type[i].n);
	}
	sb_adds(o, "</div>\n<h3>By sentiment</h3><div class=\"terms\">\n");
	for (int s = 0; s < 3; s++) {
		if (!r->all.sent[s])
			continue;
		k = report_topk_list(r->terms_sent[s], t, top);
		sb_reset(&head);
		sb_addf(&head, "%s <span class=\"zh\">%s</span>", sent_name[s], sent_zh[s]);
		h_term_table(o, head.buf, sent_color[s], t, k, r->all.sent[s]);
	}
	sb_adds(o, "</div>\n<h3>Distinctive terms</h3>\n<p class=\"note-s\">Terms over-represented "
		   "in a group: share of the group's notes that contain the term against the share "
		   "of the other notes.</p>\n<table><tr><th>group</th><th>terms (in group / elsewhere)</th></tr>\n");
	for (int g = 0; g < NTYPES + 3; g++) {
		const struct report_topk *tk = g < NTYPES ? r->terms_type[g] : r->terms_sent[g - NTYPES];
		long ng = g < NTYPES ? r->type[g].n : r->all.sent[g - NTYPES];
		size_t nd;
		if (!ng)
			continue;
		nd = distinctive(r, tk, ng, d, top < 10 ? top : 10);
		sb_adds(o, "<tr><td>");
		if (g < NTYPES)
			type_label(o, g, 1);
		else
			sb_addf(o, "%s <span class=\"zh\">%s</span>", sent_name[g - NTYPES],
				sent_zh[g - NTYPES]);
		sb_adds(o, "</td><td>");
		for (size_t j = 0; j < nd; j++) {
			sb_adds(o, "<span class=\"chip\">");
			html_esc(o, d[j].t.term, d[j].t.len);
			sb_addf(o, " %.0f%% / %.0f%%</span>", 100 * d[j].in, 100 * d[j].out);
		}
		sb_adds(o, "</td></tr>\n");
	}
	sb_adds(o, "</table>\n</section>\n");
	sb_release(&head);
	free(t);
	free(d);
}

static void h_note_card(const struct report *r, struct strbuf *o, const struct kept *k, int low)
{
	(void)r;
	sb_addf(o, "<div class=\"note\"><div class=\"nh\"><div class=\"score%s\">%.0f</div><div>"
		   "<div class=\"nt\">", low ? " low" : "", k->score);
	if (*k->title)
		highlight(o, k->title, k, 1);
	else
		sb_adds(o, "(no title)");
	sb_adds(o, "</div><div class=\"meta\">");
	type_label(o, k->type, 1);
	sb_addf(o, " · %s", sent_name[k->sent]);
	if (k->eng >= 0) {
		sb_adds(o, " · engagement ");
		fmt_count(o, (long)k->eng);
	}
	if (*k->id) {
		sb_adds(o, " · ");
		html_escs(o, k->id);
	}
	sb_adds(o, " · ");
	html_escs(o, k->source);
	sb_addf(o, ":%ld</div></div></div>\n<p>", k->line);
	if (*k->text)
		highlight(o, k->text, k, 1);
	sb_adds(o, "</p>\n<div class=\"parts\">");
	for (int p = 0; p < NPARTS; p++)
		sb_addf(o, "<span>%s %.2f<i><b style=\"width:%.0f%%;background:%s\"></b></i></span>",
			part_name[p], k->part[p], 100 * k->part[p], part_color[p]);
	sb_adds(o, "</div>\n");
	if (k->nev) {
		sb_adds(o, "<div>");
		for (int e = 0; e < k->nev; e++) {
			if (k->ev_part[e] >= 0)
				sb_addf(o, "<span class=\"chip p%d\" title=\"%s\">", k->ev_part[e],
					part_name[k->ev_part[e]]);
			else
				sb_adds(o, "<span class=\"chip\" title=\"note type cue\">");
			html_escs(o, k->ev[e]);
			sb_adds(o, "</span>");
		}
		sb_adds(o, "</div>\n");
	}
	sb_adds(o, "</div>\n");
}

static void h_notes(const struct report *r, struct strbuf *o)
{
	sb_adds(o, "<section id=\"most-resonant\"><h2>Most resonant notes <span class=\"zh\">"
		   "共鸣最强</span></h2>\n<p class=\"note-s\">Evidence is highlighted by part:");
	for (int p = 0; p < NPARTS; p++)
		sb_addf(o, " <mark class=\"p%d\">%s</mark>", p, part_name[p]);
	sb_adds(o, ".</p>\n");
	for (int i = 0; i < r->ntop; i++)
		h_note_card(r, o, &r->top[i], 0);
	if (!r->ntop)
		sb_adds(o, "<p class=\"note-s\">No note has a resonance score.</p>\n");
	sb_adds(o, "</section>\n<section id=\"least-resonant\"><h2>Least resonant notes "
		   "<span class=\"zh\">共鸣最弱</span></h2>\n");
	for (int i = 0; i < r->nbottom; i++)
		h_note_card(r, o, &r->bottom[i], 1);
	if (!r->nbottom)
		sb_adds(o, "<p class=\"note-s\">No note has a resonance score.</p>\n");
	sb_adds(o, "</section>\n");
}

static void h_engagement_groups(const struct report *r, struct strbuf *o)
{
	sb_adds(o, "<h3>Engagement by note type and sentiment (sampled notes)</h3>\n<table><tr>"
		   "<th>group</th><th class=\"n\">sampled notes</th><th class=\"n\">median engagement"
		   "</th><th class=\"n\">mean resonance</th></tr>\n");
	for (int g = 0; g < NTYPE_SLOTS + 3; g++) {
		int key = g < NTYPE_SLOTS ? g : -(g - NTYPE_SLOTS) - 1;
		double med, mres;
		size_t m = sample_group(r, key, &med, &mres);
		if (!m)
			continue;
		sb_adds(o, "<tr><td>");
		if (g < NTYPE_SLOTS)
			type_label(o, g, 1);
		else
			sb_addf(o, "%s <span class=\"zh\">%s</span>", sent_name[g - NTYPE_SLOTS],
				sent_zh[g - NTYPE_SLOTS]);
		sb_adds(o, "</td><td class=\"n\">");
		fmt_count(o, (long)m);
		sb_adds(o, "</td><td class=\"n\">");
		fmt_fixed(o, med, 0);
		sb_adds(o, "</td><td class=\"n\">");
		fmt_fixed(o, mres, 1);
		sb_adds(o, "</td></tr>\n");
	}
	sb_adds(o, "</table>\n");
}

static void h_engagement(const struct report *r, struct strbuf *o)
{
	struct corr c;

	sb_adds(o, "<section id=\"engagement\"><h2>Engagement vs resonance <span class=\"zh\">"
		   "互动与共鸣</span></h2>\n");
	if (r->nsmp < 3) {
		sb_adds(o, "<p class=\"note-s\">Not enough notes with engagement counts (likes, "
			   "collects, comments) to compare.</p>\n</section>\n");
		return;
	}
	correlations(r, &c);
	sb_addf(o, "<p class=\"note-s\">Spearman rank correlation with likes + collects + comments, "
		   "on %zu notes", c.n);
	if ((long)c.n < r->smp_seen) {
		sb_adds(o, " (a uniform sample of the ");
		fmt_count(o, r->smp_seen);
		sb_adds(o, " notes with counts)");
	}
	sb_adds(o, ". The line is the median engagement per tenth of the score.</p>\n");
	svg_scatter(o, r, 1500);
	sb_adds(o, "<table><tr><th>measure</th><th class=\"n\">ρ, all notes</th>"
		   "<th class=\"n\">ρ within creators</th></tr>\n"
		   "<tr><td><b>resonance score</b></td><td class=\"n\"><b>");
	fmt_fixed(o, c.res, 3);
	sb_adds(o, "</b></td><td class=\"n\"><b>");
	fmt_fixed(o, c.wres, 3);
	sb_adds(o, "</b></td></tr>\n<tr><td>text length (baseline)</td><td class=\"n\">");
	fmt_fixed(o, c.len, 3);
	sb_adds(o, "</td><td class=\"n\">");
	fmt_fixed(o, c.wlen, 3);
	sb_adds(o, "</td></tr>\n");
	for (int p = 0; p < NPARTS; p++) {
		sb_addf(o, "<tr><td>%s <span class=\"zh\">%s</span></td><td class=\"n\">", part_name[p],
			part_zh[p]);
		fmt_fixed(o, c.part[p], 3);
		sb_adds(o, "</td><td></td></tr>\n");
	}
	sb_adds(o, "</table>\n");
	h_engagement_groups(r, o);
	if (c.wcreators)
		sb_addf(o, "<p class=\"note-s\">Within creators: the rank correlation inside each "
			   "creator's notes (%ld creators with at least %d sampled notes, %ld notes), "
			   "averaged with the number of notes as weight.</p>\n", c.wcreators,
			CREATOR_MIN, c.wnotes);
	sb_adds(o, "</section>\n");
}

void report_write_html(const struct report *r, struct strbuf *o)
{
	sb_adds(o, "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\"/>\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
		   "<meta name=\"generator\" content=\"notemine report\"/>\n<title>");
	html_escs(o, r->o.title);
	sb_adds(o, "</title>\n<style>\n");
	for (size_t i = 0; i < NM_ARRAY_LEN(html_css); i++)
		sb_adds(o, html_css[i]);
	sb_adds(o, "</style>\n</head>\n<body>\n<main>\n<header><h1>");
	html_escs(o, r->o.title);
	sb_adds(o, "<small>小红书笔记分析</small></h1>\n<p class=\"sub\">");
	fmt_count(o, r->notes);
	sb_addf(o, " notes from %ld input%s", r->files, r->files == 1 ? "" : "s");
	if (r->bad) {
		sb_adds(o, ", ");
		fmt_count(o, r->bad);
		sb_adds(o, " bad records");
	}
	sb_adds(o, ". Sections: <a href=\"#note-types\">types</a> · <a href=\"#sentiment\">sentiment</a>"
		   " · <a href=\"#resonance\">resonance</a> · <a href=\"#sips\">SIPS</a> · "
		   "<a href=\"#terms\">terms</a> · <a href=\"#most-resonant\">notes</a> · "
		   "<a href=\"#engagement\">engagement</a></p>\n</header>\n");
	h_summary(r, o);
	h_note_types(r, o);
	h_sentiment(r, o);
	h_resonance(r, o);
	h_sips(r, o);
	h_terms(r, o);
	h_notes(r, o);
	h_engagement(r, o);
	sb_addf(o, "<footer>Generated by notemine report. Term counts come from space-saving "
		   "summaries of %zu counters (exact while a group has fewer distinct terms); "
		   "correlations from a reservoir sample of up to %zu notes (fixed seed).</footer>\n",
		r->o.capacity, r->o.sample);
	sb_adds(o, "</main>\n</body>\n</html>\n");
}

/* ------------------------------------------------------------------------------------------
 * Markdown writer: the same summary as GitHub-flavoured tables.
 */
static void m_row_count(struct strbuf *o, const char *label, long v, long whole)
{
	sb_adds(o, "| ");
	sb_adds(o, label);
	sb_adds(o, " | ");
	fmt_count(o, v);
	sb_adds(o, " | ");
	if (whole >= 0)
		fmt_pct(o, (double)v, (double)whole);
	sb_adds(o, " |\n");
}

static void m_terms(struct strbuf *o, const struct report_term *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_adds(o, ", ");
		md_esc(o, t[i].term, t[i].len);
		sb_addf(o, " (%ld)", t[i].count);
	}
	if (!n)
		sb_adds(o, "–");
}

static void m_group_name(struct strbuf *o, const struct report *r, const struct group *g, int ti)
{
	if (ti >= 0)
		type_label(o, ti, 0);
	else if (g == &r->all)
		sb_adds(o, "**all notes**");
	else
		md_escs(o, g->name);
}

static void m_notes(const struct report *r, struct strbuf *o, const struct kept *list, int n)
{
	(void)r;
	if (!n) {
		sb_adds(o, "No note has a resonance score.\n\n");
		return;
	}
	sb_adds(o, "| # | score | type | sentiment | engagement | note | evidence |\n"
		   "|---:|---:|---|---|---:|---|---|\n");
	for (int i = 0; i < n; i++) {
		const struct kept *k = &list[i];
		sb_addf(o, "| %d | %.0f | %s | %s | ", i + 1, k->score, type_name[k->type],
			sent_name[k->sent]);
		if (k->eng >= 0)
			fmt_count(o, (long)k->eng);
		else
			sb_adds(o, "–");
		sb_adds(o, " | ");
		if (*k->title) {
			highlight(o, k->title, k, 0);
			sb_adds(o, " — ");
		}
		highlight(o, k->text, k, 0);
		sb_adds(o, " (");
		md_escs(o, k->id && *k->id ? k->id : k->source);
		if (!(k->id && *k->id))
			sb_addf(o, ":%ld", k->line);
		sb_adds(o, ") | ");
		for (int e = 0; e < k->nev; e++) {
			if (e)
				sb_adds(o, ", ");
			md_escs(o, k->ev[e]);
			if (k->ev_part[e] >= 0)
				sb_addf(o, " (%s)", part_name[k->ev_part[e]]);
		}
		sb_adds(o, " |\n");
	}
	sb_addc(o, '\n');
}

void report_write_md(const struct report *r, struct strbuf *o)
{
	size_t top = (size_t)r->o.top, k;
	struct report_term *t = xmalloc((top > 12 ? top : 12) * sizeof(*t));
	struct dterm *d = xmalloc(10 * sizeof(*d));
	struct corr c;
	long n = r->all.res_n;
	int order[REPORT_MAX_CATEGORIES + 1];

	correlations(r, &c);
	cat_order(r, order);
	sb_adds(o, "# ");
	md_escs(o, r->o.title);
	sb_adds(o, "\n\n");
	fmt_count(o, r->notes);
	sb_addf(o, " notes from %ld input%s.\n\n", r->files, r->files == 1 ? "" : "s");

	sb_adds(o, "## Counts\n\n| what | records | share |\n|---|---:|---:|\n");
	m_row_count(o, "input files", r->files, -1);
	m_row_count(o, "records read", r->records, -1);
	m_row_count(o, "notes", r->notes, r->records);
	m_row_count(o, "input problems (bad records)", r->bad, r->records);
	m_row_count(o, "raw notes labelled by the report", r->labelled_here, r->notes);
	m_row_count(o, "notes without text", r->no_text, r->notes);
	m_row_count(o, "notes without tokens", r->no_tokens, r->notes);
	m_row_count(o, "notes without note\\_type", r->no_type, r->notes);
	m_row_count(o, "notes without sentiment", r->no_sent, r->notes);
	m_row_count(o, "notes without resonance", r->no_res, r->notes);
	m_row_count(o, "notes without sips", r->no_sips, r->notes);
	m_row_count(o, "notes without engagement counts", r->no_eng, r->notes);
	sb_adds(o, "\n## Input problems\n\n");
	if (!r->nproblems) {
		sb_adds(o, "None.\n\n");
	} else {
		sb_adds(o, "| where | message |\n|---|---|\n");
		for (long i = 0; i < r->nproblems; i++) {
			sb_adds(o, "| ");
			md_escs(o, r->problems[i].source);
			sb_addf(o, ":%ld | ", r->problems[i].line);
			md_escs(o, r->problems[i].message);
			sb_adds(o, " |\n");
		}
		if (r->bad > r->nproblems)
			sb_addf(o, "\n… and %ld more.\n", r->bad - r->nproblems);
		sb_addc(o, '\n');
	}

	sb_adds(o, "## Note types\n\n| type | notes | share | deciding cues (notes) |\n"
		   "|---|---:|---:|---|\n");
	for (int i = 0; i < NTYPE_SLOTS; i++) {
		if (i == TYPE_NONE && !r->type[i].n)
			continue;
		sb_adds(o, "| ");
		type_label(o, i, 0);
		sb_adds(o, " | ");
		fmt_count(o, r->type[i].n);
		sb_adds(o, " | ");
		fmt_pct(o, (double)r->type[i].n, (double)r->notes);
		sb_adds(o, " | ");
		k = i < NTYPES ? report_topk_list(r->cues_type[i], t, 8) : 0;
		m_terms(o, t, k);
		sb_adds(o, " |\n");
	}

	sb_adds(o, "\n## Sentiment by note type and category\n\n"
		   "| group | notes | positive | neutral | negative | mean score |\n"
		   "|---|---:|---:|---:|---:|---:|\n");
	for (int i = 0; i < NTYPE_SLOTS + r->ncat + 1; i++) {
		const struct group *g = i < NTYPE_SLOTS ? &r->type[i]
				       : i < NTYPE_SLOTS + r->ncat ? &r->cat[order[i - NTYPE_SLOTS]]
								   : &r->all;
		if (!g->n)
			continue;
		sb_adds(o, "| ");
		if (i >= NTYPE_SLOTS && g != &r->all)
			sb_adds(o, "category: ");
		m_group_name(o, r, g, i < NTYPE_SLOTS ? i : -1);
		sb_adds(o, " | ");
		fmt_count(o, g->n);
		for (int s = 0; s < 3; s++) {
			sb_adds(o, " | ");
			fmt_pct(o, (double)g->sent[s], (double)g->n);
		}
		sb_adds(o, " | ");
		fmt_fixed(o, group_mean_sent(g), 2);
		sb_adds(o, " |\n");
	}

	sb_adds(o, "\n## Resonance\n\n");
	fmt_count(o, n);
	sb_adds(o, " notes scored; mean ");
	fmt_fixed(o, ratio(r->all.res_sum, (double)n), 1);
	sb_adds(o, ", quartiles ");
	fmt_fixed(o, res_quantile(r, 0.25), 0);
	sb_adds(o, " / ");
	fmt_fixed(o, res_quantile(r, 0.5), 0);
	sb_adds(o, " / ");
	fmt_fixed(o, res_quantile(r, 0.75), 0);
	sb_adds(o, ", 90th percentile ");
	fmt_fixed(o, res_quantile(r, 0.9), 0);
	sb_adds(o, ".\n\n| score | notes | share |\n|---|---:|---:|\n");
	for (int b = 0; b < 10; b++) {
		long cnt = 0;
		for (int i = b * 10; i < (b == 9 ? 101 : b * 10 + 10); i++)
			cnt += r->res_hist[i];
		sb_addf(o, "| %d–%d | ", b * 10, b == 9 ? 100 : b * 10 + 9);
		fmt_count(o, cnt);
		sb_adds(o, " | ");
		fmt_pct(o, (double)cnt, (double)n);
		sb_adds(o, " |\n");
	}
	sb_adds(o, "\n| type | notes | score |");
	for (int p = 0; p < NPARTS; p++)
		sb_addf(o, " %s |", part_name[p]);
	sb_adds(o, "\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
	for (int ti = 0; ti <= NTYPE_SLOTS; ti++) {
		const struct group *g = ti < NTYPE_SLOTS ? &r->type[ti] : &r->all;
		if (!g->res_n)
			continue;
		sb_adds(o, "| ");
		m_group_name(o, r, g, ti < NTYPE_SLOTS ? ti : -1);
		sb_adds(o, " | ");
		fmt_count(o, g->res_n);
		sb_adds(o, " | ");
		fmt_fixed(o, g->res_sum / (double)g->res_n, 1);
		for (int p = 0; p < NPARTS; p++) {
			sb_adds(o, " | ");
			fmt_fixed(o, g->part_sum[p] / (double)g->res_n, 2);
		}
		sb_adds(o, " |\n");
	}
	sb_adds(o, "\n| part | notes with it | most frequent evidence (notes) |\n|---|---:|---|\n");
	for (int p = 0; p < NPARTS; p++) {
		sb_addf(o, "| %s | ", part_name[p]);
		fmt_pct(o, (double)r->part_pos[p], (double)n);
		sb_adds(o, " | ");
		k = report_topk_list(r->cues_part[p], t, 8);
		m_terms(o, t, k);
		sb_adds(o, " |\n");
	}

	sb_adds(o, "\n## SIPS profile\n\n| category | notes | identify | participate | share | "
		   "resonance |\n|---|---:|---:|---:|---:|---:|\n");
	for (int i = -1; i < r->ncat; i++) {
		const struct group *g = i < 0 ? &r->all : &r->cat[order[i]];
		if (!g->sips_n)
			continue;
		sb_adds(o, "| ");
		m_group_name(o, r, g, -1);
		sb_adds(o, " | ");
		fmt_count(o, g->sips_n);
		for (int s = 0; s < NSIPS; s++) {
			sb_adds(o, " | ");
			fmt_fixed(o, g->sips_sum[s] / (double)g->sips_n, 2);
		}
		sb_adds(o, " | ");
		fmt_fixed(o, ratio(g->res_sum, (double)g->res_n), 1);
		sb_adds(o, " |\n");
	}
	sb_adds(o, "\nAudiences named: ");
	k = report_topk_list(r->audience, t, 12);
	m_terms(o, t, k);
	sb_adds(o, "\n\n## Top terms\n\nNotes containing the term (each note counts once); "
		   "stop-words, numbers and punctuation left out.\n\n| group | notes | top terms (notes) |\n"
		   "|---|---:|---|\n| **all notes** | ");
	fmt_count(o, r->notes);
	sb_adds(o, " | ");
	k = report_topk_list(r->terms_all, t, top);
	m_terms(o, t, k);
	sb_adds(o, " |\n");
	for (int g = 0; g < NTYPES + 3; g++) {
		const struct report_topk *tk = g < NTYPES ? r->terms_type[g] : r->terms_sent[g - NTYPES];
		long ng = g < NTYPES ? r->type[g].n : r->all.sent[g - NTYPES];
		if (!ng)
			continue;
		sb_adds(o, "| ");
		if (g < NTYPES)
			type_label(o, g, 0);
		else
			sb_addf(o, "%s %s", sent_name[g - NTYPES], sent_zh[g - NTYPES]);
		sb_adds(o, " | ");
		fmt_count(o, ng);
		sb_adds(o, " | ");
		k = report_topk_list(tk, t, top);
		m_terms(o, t, k);
		sb_adds(o, " |\n");
	}
	sb_adds(o, "\nDistinctive terms (share of the group's notes / of the other notes):\n\n"
		   "| group | terms |\n|---|---|\n");
	for (int g = 0; g < NTYPES + 3; g++) {
		const struct report_topk *tk = g < NTYPES ? r->terms_type[g] : r->terms_sent[g - NTYPES];
		long ng = g < NTYPES ? r->type[g].n : r->all.sent[g - NTYPES];
		size_t nd;
		if (!ng)
			continue;
		nd = distinctive(r, tk, ng, d, top < 10 ? top : 10);
		sb_adds(o, "| ");
		if (g < NTYPES)
			type_label(o, g, 0);
		else
			sb_addf(o, "%s %s", sent_name[g - NTYPES], sent_zh[g - NTYPES]);
		sb_adds(o, " | ");
		for (size_t j = 0; j < nd; j++) {
			if (j)
				sb_adds(o, ", ");
			md_esc(o, d[j].t.term, d[j].t.len);
			sb_addf(o, " (%.0f%% / %.0f%%)", 100 * d[j].in, 100 * d[j].out);
		}
		if (!nd)
			sb_adds(o, "–");
		sb_adds(o, " |\n");
	}

	sb_adds(o, "\n## Most resonant notes\n\n");
	m_notes(r, o, r->top, r->ntop);
	sb_adds(o, "## Least resonant notes\n\n");
	m_notes(r, o, r->bottom, r->nbottom);

	sb_adds(o, "## Engagement vs resonance\n\n");
	if (r->nsmp < 3) {
		sb_adds(o, "Not enough notes with engagement counts to compare.\n");
	} else {
		sb_addf(o, "Spearman rank correlation with likes + collects + comments on %zu notes", c.n);
		if ((long)c.n < r->smp_seen) {
			sb_adds(o, " (a uniform sample of the ");
			fmt_count(o, r->smp_seen);
			sb_adds(o, " notes with counts)");
		}
		sb_adds(o, ".\n\n| measure | ρ, all notes | ρ within creators |\n|---|---:|---:|\n"
			   "| **resonance score** | ");
		fmt_fixed(o, c.res, 3);
		sb_adds(o, " | ");
		fmt_fixed(o, c.wres, 3);
		sb_adds(o, " |\n| text length (baseline) | ");
		fmt_fixed(o, c.len, 3);
		sb_adds(o, " | ");
		fmt_fixed(o, c.wlen, 3);
		sb_adds(o, " |\n");
		for (int p = 0; p < NPARTS; p++) {
			sb_addf(o, "| %s | ", part_name[p]);
			fmt_fixed(o, c.part[p], 3);
			sb_adds(o, " | |\n");
		}
		sb_adds(o, "\n| group | sampled notes | median engagement | mean resonance |\n"
			   "|---|---:|---:|---:|\n");
		for (int g = 0; g < NTYPE_SLOTS + 3; g++) {
			int key = g < NTYPE_SLOTS ? g : -(g - NTYPE_SLOTS) - 1;
			double med, mres;
			size_t m = sample_group(r, key, &med, &mres);
			if (!m)
				continue;
			sb_adds(o, "| ");
			if (g < NTYPE_SLOTS)
				type_label(o, g, 0);
			else
				sb_addf(o, "%s %s", sent_name[g - NTYPE_SLOTS], sent_zh[g - NTYPE_SLOTS]);
			sb_adds(o, " | ");
			fmt_count(o, (long)m);
			sb_adds(o, " | ");
			fmt_fixed(o, med, 0);
			sb_adds(o, " | ");
			fmt_fixed(o, mres, 1);
			sb_adds(o, " |\n");
		}
		if (c.wcreators)
			sb_addf(o, "\nWithin creators: %ld creators with at least %d sampled notes "
				   "(%ld notes), weighted by notes.\n", c.wcreators, CREATOR_MIN,
				c.wnotes);
	}
	free(t);
	free(d);
}
