/* report-terms.c - the report's term statistics: the stop-word table, the space-saving top-k
 * summary and Spearman's rank correlation (contracts in report.h). */
#include "report-impl.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

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
 * Distinctive terms of a group (report-impl.h).
 */
static int dterm_cmp(const void *pa, const void *pb)
{
	const struct dterm *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return term_cmp(&a->t, &b->t);
}

size_t rp_distinctive(const struct report *r, const struct report_topk *g, long ng,
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
