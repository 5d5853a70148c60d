/*
 * segdict.c - see segdict.h.
 *
 * Build steps: load the sources into a hash map of folded keys (struct entry), apply the
 * granularity rules to base words, give lexicon and user words their costs, number the
 * characters by weight, sort the keys as id sequences, place them into the double array,
 * derive the character model, fill the code-point table, and write the blob. Loading from
 * the cache is one open + mmap + header check: nothing is parsed.
 */
#include "segdict.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "hmap.h"
#include "lexicon.h"
#include "normalize.h"
#include "utf8.h"
#include "util.h"

#define SEGDICT_MAGIC "NMSEGDIC"
/* Bump on any change of what compile() produces (format or rules): the version is part of
 * the fingerprint, so caches of older rules are never used. */
#define SEGDICT_VERSION 18u
#define DEFAULT_DICT "/usr/lib/python3/dist-packages/jieba/dict.txt"
#define NPAGES (SEGDICT_CPMAX >> 8)
/* jieba's dictionary lists many multi-word phrases (改革开放, 结构调整) at this floor
 * frequency; words that frequent are not phrases */
#define PHRASE_FREQ 3
#define MAXKEY 64 /* characters; longer entries are ignored */

/* ---- the blob ---- */

struct blob_header {
	char magic[8];
	uint32_t version;
	uint32_t header_size;
	uint64_t fingerprint;
	uint64_t size;
	uint32_t n_nodes, n_chars, n_words, n_cells;
	uint32_t off_node, off_page, off_cell, off_emit; /* byte offsets from the blob start */
	float trans[4][4];
	float start[4];
	float unk_cost, min_cost, lex_cost;
	uint32_t flags; /* HF_ICU_WORDS */
};

#define HF_ICU_WORDS 1u

/* Costs when there is no base dictionary (ICU words carry the text, see segdict.h). */
#define ICU_LEX_COST 8.0f    /* a lexicon or user word */
#define ICU_SINGLE_COST 11.0f /* a character alone */

struct segdict {
	struct segdict_view v;
	const struct blob_header *h;
	void *mem;      /* malloc'ed blob, or NULL when mapped */
	void *map;      /* mmap'ed blob */
	size_t map_len;
	int from_cache;
};

/* ---- entries while building ---- */

enum {
	SRC_BASE = 1,
	SRC_LEX = 2,
	SRC_USER = 4,
	F_IDIOM = 8,  /* tag i or l */
	F_NAME = 16,  /* tag nr */
	F_DROP = 32,  /* left out by a granularity rule */
	F_DEL = 64,   /* deleted by a user dictionary (freq 0) */
};

struct entry {
	uint32_t koff, klen; /* folded key in the key pool */
	double freq;         /* < 0: no frequency given (lexicon/user default) */
	unsigned flags;
	uint32_t nchars;
};

struct builder {
	struct hmap map; /* folded key -> entry index */
	struct entry *e;
	size_t n, cap;
	struct strbuf keys;
	struct strbuf tmp;
};

static size_t count_chars(const char *s, size_t n)
{
	size_t i, c = 0;
	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Add or update the entry for the (unfolded) word w. Returns the entry index or -1 when the
 * word is empty, too long or holds white space. */
static long add_word(struct builder *b, const char *w, size_t n, double freq, unsigned flags)
{
	uint32_t idx;
	size_t i, nc;
	struct entry *e;
	sb_reset(&b->tmp);
	norm_append(&b->tmp, w, n);
	if (!b->tmp.len)
		return -1;
	for (i = 0; i < b->tmp.len; i++) {
		char c = b->tmp.buf[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			return -1;
	}
	nc = count_chars(b->tmp.buf, b->tmp.len);
	if (nc > MAXKEY)
		return -1;
	if (hmap_get(&b->map, b->tmp.buf, b->tmp.len, &idx)) {
		e = &b->e[idx];
		if (flags & SRC_BASE) {
			/* duplicate base line (e.g. two widths folding together): add up */
			if (freq > 0)
				e->freq = e->freq < 0 ? freq : e->freq + freq;
			e->flags |= flags;
			return idx;
		}
		/* a lexicon or user word is never left out by a granularity rule */
		e->flags = (e->flags & ~(unsigned)(F_DEL | F_DROP)) | flags;
		if (freq >= 0)
			e->freq = freq;
		return idx;
	}
	NM_GROW(b->e, b->cap, b->n + 1);
	e = &b->e[b->n];
	e->koff = (uint32_t)b->keys.len;
	e->klen = (uint32_t)b->tmp.len;
	sb_add(&b->keys, b->tmp.buf, b->tmp.len);
	e->freq = freq;
	e->flags = flags;
	e->nchars = (uint32_t)nc;
	hmap_put(&b->map, b->tmp.buf, b->tmp.len, (uint32_t)b->n);
	return (long)b->n++;
}

static int tag_flags(const char *tag, size_t n)
{
	if ((n == 1 && (tag[0] == 'i' || tag[0] == 'l')))
		return F_IDIOM;
	if (n == 2 && tag[0] == 'n' && tag[1] == 'r') /* not nrt (transliterated), nrfg */
		return F_NAME;
	return 0;
}

/* Load a jieba-format file. base: the base dictionary (freq required, default 1). */
static int load_jieba(struct builder *b, const char *path, int base)
{
	struct strbuf sb = STRBUF_INIT;
	size_t pos = 0;
	int line = 0, rc = 0;
	if (nm_read_file(path, &sb) < 0)
		return -1;
	while (pos < sb.len) {
		char *s = sb.buf + pos, *nl = memchr(s, '\n', sb.len - pos);
		size_t n = nl ? (size_t)(nl - s) : sb.len - pos;
		const char *f[3] = {0};
		size_t fl[3] = {0};
		int nf = 0;
		size_t i = 0;
		double freq = base ? 1 : -1;
		unsigned flags = base ? SRC_BASE : SRC_USER;
		pos += n + 1;
		line++;
		if (line == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
			s += 3, n -= 3;
		while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		while (i < n && nf < 3) {
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
			if (i >= n)
				break;
			f[nf] = s + i;
			while (i < n && s[i] != ' ' && s[i] != '\t')
				i++;
			fl[nf] = (size_t)(s + i - f[nf]);
			nf++;
		}
		if (!nf || f[0][0] == '#')
			continue;
		for (int k = 1; k < nf; k++) {
			char num[32], *end;
			int isnum = fl[k] < sizeof num &&
				    ((f[k][0] >= '0' && f[k][0] <= '9') || f[k][0] == '.');
			if (isnum) {
				memcpy(num, f[k], fl[k]);
				num[fl[k]] = 0;
				errno = 0;
				freq = strtod(num, &end);
				if (*end || errno || freq < 0) {
					rc = error("%s:%d: bad frequency '%s'", path, line, num);
					break;
				}
			} else {
				flags |= (unsigned)tag_flags(f[k], fl[k]);
			}
		}
		if (!base && freq == 0) {
			long idx = add_word(b, f[0], fl[0], -1, SRC_USER);
			if (idx >= 0)
				b->e[idx].flags |= F_DEL;
			continue;
		}
		add_word(b, f[0], fl[0], freq, flags);
	}
	sb_release(&sb);
	return rc;
}

/* Does ls hold any plain term? */
static int lexset_has_terms(const struct lexset *ls)
{
	if (!ls)
		return 0;
	for (size_t k = 0; k < ls->nkinds; k++)
		for (size_t r = 0; r < ls->kind[k].n; r++)
			if (!ls->kind[k].row[r].is_pattern)
				return 1;
	return 0;
}

/* Function characters (particles, pronouns, negators, adverbs, copula...). A cue term of
 * the analysers' kinds that holds one and is no base word is a phrase (很舒服, 用了,
 * 不踩雷, 告诉我): it is matched over tokens by the analysers and not made a word. */
static const char function_chars[] = "的了着过吗呢吧啊呀哦嘛很太超最更不没别也都还就再又才"
				     "我你他她它们是在有和跟说这那个一能会要想可让被把给来去到得地";

/* Productive suffixes that form one word with the two-character word before them
 * (幸福感, 颜值控, 上班族, 熬夜党, 按摩仪, 眼影盘, 重要性, 国际化, 参与者, 成功率, 学术界,
 * 开放式, 中小型). 党 is kept for Xiaohongshu's 学生党 / 熬夜党 although news text then
 * joins a verb with its object now and then (支持 党); not 金, 家, 期, 机: too often words of
 * their own. */
static const char suffix_chars[] = "感党控族仪盘性化者员率界型式";

/* Is key k (n bytes, folded) a concatenation of two or more base words of which at least
 * one has two or more characters (自己做 = 自己 + 做, 颜值在线 = 颜值 + 在线)? */
static int compositional(const struct builder *b, const char *k, size_t n)
{
	unsigned char ok[MAXKEY + 1][2];
	size_t pos[MAXKEY + 1], np = 0, i, j, l;
	uint32_t idx;
	for (i = 0; i < n && np < MAXKEY; i += l) {
		utf8_decode(k + i, n - i, &l);
		pos[np++] = i;
	}
	if (i < n)
		return 0;
	pos[np] = n;
	memset(ok, 0, sizeof ok);
	ok[0][0] = 1;
	for (i = 0; i < np; i++) {
		if (!ok[i][0] && !ok[i][1])
			continue;
		for (j = i + 1; j <= np; j++) {
			const struct entry *e;
			if (i == 0 && j == np)
				continue;
			if (!hmap_get(&b->map, k + pos[i], pos[j] - pos[i], &idx))
				continue;
			e = &b->e[idx];
			if (!(e->flags & SRC_BASE) || (e->flags & (F_DROP | F_DEL)))
				continue;
			ok[j][1] |= ok[i][1] | (j - i >= 2 && ok[i][0]);
			ok[j][0] |= ok[i][0];
		}
	}
	return ok[np][1];
}

/* Is a cue term of the analysers' kinds a phrase rather than a word? It is when it is no
 * base word and holds a function character (很舒服, 告诉我), or is a base word that a
 * granularity rule left out (五分钟), or is made of base words one of which has two or
 * more characters (自己做, 颜值在线). Single-character compounds (拉满, 亲测) are words. */
static int is_phrase(const struct builder *b, const char *term)
{
	size_t i = 0, l, n = strlen(term);
	uint32_t idx;
	struct strbuf key = STRBUF_INIT;
	int known = 0, phrase = 0;
	norm_append(&key, term, n);
	if (key.len && hmap_get(&b->map, key.buf, key.len, &idx) && (b->e[idx].flags & SRC_BASE))
		known = b->e[idx].flags & F_DROP ? -1 : 1;
	if (known == 0) {
		while (i < n && !phrase) {
			int32_t cp = utf8_decode(term + i, n - i, &l);
			phrase = utf8_in_set(cp, function_chars);
			i += l;
		}
		if (!phrase)
			phrase = compositional(b, key.buf, key.len);
	}
	sb_release(&key);
	return known < 0 || phrase;
}

static void add_lexicons(struct builder *b, const struct lexset *ls)
{
	size_t k, r;
	for (k = 0; k < ls->nkinds; k++) {
		const struct lex_kind *kd = &ls->kind[k];
		int is_seg = kd->spec && !strcmp(kd->spec->kind, "segment");
		int vocab = is_seg || (kd->spec && !strcmp(kd->spec->kind, "categories"));
		for (r = 0; r < kd->n; r++) {
			const struct lex_row *row = &kd->row[r];
			double freq = -1;
			if (row->is_pattern || !row->term)
				continue;
			if (!vocab && is_phrase(b, row->term))
				continue;
			if (is_seg && row->ncol > 1 && row->col[1] && *row->col[1])
				lex_weight(row->col[1], -1, &freq);
			add_word(b, row->term, strlen(row->term), freq, SRC_LEX);
		}
	}
}

/* ---- granularity rules (base words only) ---- */

/* Numerals that combine with a measure word, and measure words that are left apart from
 * them (segmentation standards: 一 个, 三 年, 第一 次). Not 点/分/时 (十分, 一点), not
 * 起/度/成/代/口/头 (一起, 一度, 一成, 一代) and not the date units (handled as dates). */
static const char numerals[] = "一二三四五六七八九十百千万亿两几多数";
static const char measures[] = "个位种次年天条批项名件片支家份场届期道座所间部本张把只层类岁"
			       "元米斤周回遍番句声步股套双对群辆架艘台根块封篇首幅棵颗粒枚匹户"
			       "笔桩轮节段章集倍吨亩斤克桌圈杯碗盒瓶袋顿趟款";
/* measure words of two characters (五 分钟, 三 个月 -> 三 个 月 via 个) */
static const char *const measures2[] = {"分钟", "小时", "公里", "公斤", "厘米", "毫米", "千米",
					"平米", "星期", "礼拜", "个月", "周年", NULL};
static const char surnames[] = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭"
			       "曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖"
			       "贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
			       "覃武戴莫孔向汤李常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟"
			       "殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成"
			       "苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆"
			       "农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
			       "全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘"
			       "池查麻苑迟邝";

/* jieba tags many rare entries nr that are no person names (万圣节 9, 米其林 41); names of
 * people that news text mentions often are frequent (江泽民 2415, 朱镕基 144). Rarer real
 * names stay whole: on Xiaohongshu a broken brand or festival costs more. */
#define NAME_MIN_FREQ 100

/* Characters of transliterated foreign names and places, rare in Chinese given names: a
 * "name" holding one (夏威夷, 桑默斯) is not split after its "surname". */
static const char transliteration[] = "夷斯尔特诺奇夫姆顿普布格巴塔埃奥乌伊索欧什赫瓦茨弗坦迪拿"
				      "耶默哈莱洛纳蒂萨";

/* Does s[0..n) hold a character of set? */
static int has_any(const char *s, size_t n, const char *set)
{
	size_t i = 0, l;
	while (i < n) {
		if (utf8_in_set(utf8_decode(s + i, n - i, &l), set))
			return 1;
		i += l;
	}
	return 0;
}

static int numeral_measure(const char *k, size_t n)
{
	size_t i = 0, l, nn = 0;
	int32_t cp = utf8_decode(k, n, &l);
	if (cp == 0x7B2C) /* 第 */
		i += l;
	else if (n > 6 && !memcmp(k, "好几", 6)) /* 好几次 */
		i += 3;
	while (i < n) {
		cp = utf8_decode(k + i, n - i, &l);
		if (!utf8_in_set(cp, numerals))
			break;
		/* 百年, 千万, 万人: a leading multiplier makes a lexical word */
		if (!nn && utf8_in_set(cp, "百千万亿"))
			return 0;
		nn++;
		i += l;
	}
	if (!nn || i >= n)
		return 0;
	/* 一个 is lexicalised (an indefinite article) */
	if (n == 6 && !memcmp(k, "一个", 6))
		return 0;
	for (int m = 0; measures2[m]; m++)
		if (n - i == strlen(measures2[m]) && !memcmp(k + i, measures2[m], n - i))
			return 1;
	cp = utf8_decode(k + i, n - i, &l);
	return i + l == n && utf8_in_set(cp, measures);
}

/* Is key k (n bytes) a concatenation of >= 2 base words of >= 2 characters each? */
static int decomposable(const struct builder *b, const char *k, size_t n)
{
	/* ok[i]: k[0..i) splits into such words; byte positions */
	unsigned char ok[MAXKEY * 4 + 1];
	size_t pos[MAXKEY + 1], np = 0, i, j, l;
	uint32_t idx;
	if (n > MAXKEY * 4)
		return 0;
	for (i = 0; i < n; i += l) {
		utf8_decode(k + i, n - i, &l);
		pos[np++] = i;
	}
	pos[np] = n;
	memset(ok, 0, sizeof ok);
	ok[0] = 1;
	for (i = 0; i < np; i++) {
		if (!ok[i])
			continue;
		for (j = i + 2; j <= np; j++) {
			if (i == 0 && j == np)
				continue;
			if (hmap_get(&b->map, k + pos[i], pos[j] - pos[i], &idx) &&
			    (b->e[idx].flags & SRC_BASE) && b->e[idx].freq >= 1)
				ok[j] = 1;
		}
	}
	return ok[np];
}

static void apply_granularity(struct builder *b)
{
	size_t i, n0 = b->n;
	for (i = 0; i < n0; i++) {
		struct entry *e = &b->e[i];
		const char *k = b->keys.buf + e->koff;
		if (!(e->flags & SRC_BASE) || (e->flags & (SRC_LEX | SRC_USER)))
			continue;
		if (e->nchars >= 2 && numeral_measure(k, e->klen)) {
			e->flags |= F_DROP;
		} else if (e->nchars >= 3 && e->klen >= 3 && !memcmp(k + e->klen - 3, "们", 3)) {
			e->flags |= F_DROP;
		} else if (e->nchars == 3 && (e->flags & F_NAME) && e->freq >= NAME_MIN_FREQ) {
			size_t l;
			int32_t cp = utf8_decode(k, e->klen, &l);
			if (utf8_in_set(cp, surnames) && !has_any(k + l, e->klen - l, transliteration)) {
				double f = e->freq;
				char given[16], sur[8];
				size_t gl = e->klen - l;
				long g;
				memcpy(given, k + l, gl);
				memcpy(sur, k, l);
				e->flags |= F_DROP;
				g = add_word(b, given, gl, -1, 0);
				if (g >= 0 && !(b->e[g].flags & (SRC_BASE | SRC_LEX | SRC_USER))) {
					b->e[g].flags |= SRC_BASE;
					b->e[g].freq = f;
				}
				/* make sure the surname is a word */
				add_word(b, sur, l, 0, SRC_BASE);
			}
		} else if (e->nchars >= 4 && e->freq <= PHRASE_FREQ &&
			   decomposable(b, k, e->klen)) {
			e->flags |= F_DROP;
		}
	}
}

/* ---- double array ---- */

struct key {
	const uint32_t *id;
	uint32_t len;
	float cost;
};

/* A cell while building (packed into struct segdict_node when written). */
struct da_node {
	int32_t base;
	int32_t check; /* parent; -1 free, -2 the root */
	float cost;    /* < 0: no word */
};

struct da {
	struct da_node *node;
	size_t cap, used_max;
	/* free cells as a doubly linked list in index order (cell index + 1; 0 ends) */
	uint32_t *nxt, *prv;
	uint8_t *fails;     /* failed placements starting at a free cell */
	uint32_t head, tail;
};

/* A free cell that failed this often as a first child's place leaves the candidate list
 * (it stays free and may still hold a later sibling): keeps placement near-linear. */
#define DA_MAX_FAILS 8

static void da_reserve(struct da *da, size_t need)
{
	size_t old = da->cap, i, c2;
	if (need <= da->cap)
		return;
	c2 = da->cap;
	NM_GROW(da->node, da->cap, need);
	NM_GROW(da->nxt, c2, need);
	c2 = old;
	NM_GROW(da->prv, c2, need);
	c2 = old;
	NM_GROW(da->fails, c2, need);
	for (i = old; i < da->cap; i++) {
		da->node[i].base = 0;
		da->node[i].check = -1;
		da->node[i].cost = -1;
		da->fails[i] = 0;
		/* append cell i to the free list */
		da->nxt[i] = 0;
		da->prv[i] = da->tail;
		if (da->tail)
			da->nxt[da->tail - 1] = (uint32_t)i + 1;
		else
			da->head = (uint32_t)i + 1;
		da->tail = (uint32_t)i + 1;
	}
}

static void da_take(struct da *da, size_t t)
{
	uint32_t n = da->nxt[t], p = da->prv[t];
	if (da->fails[t] > DA_MAX_FAILS)
		return; /* already out of the list */
	if (p)
		da->nxt[p - 1] = n;
	else
		da->head = n;
	if (n)
		da->prv[n - 1] = p;
	else
		da->tail = p;
}

static int key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	uint32_t i, n = x->len < y->len ? x->len : y->len;
	for (i = 0; i < n; i++)
		if (x->id[i] != y->id[i])
			return x->id[i] < y->id[i] ? -1 : 1;
	return x->len < y->len ? -1 : x->len > y->len;
}

struct da_child {
	uint32_t code;
	size_t lo, hi;
};

struct da_stack {
	struct da_child *v;
	size_t top, cap;
};

/* Place the children of node s (keys k[lo..hi) share their first depth ids) and recurse.
 * Children are pushed on a shared stack, so building allocates nothing per node. */
static void da_build(struct da *da, const struct key *k, size_t lo, size_t hi, uint32_t depth,
		     int32_t s, struct da_stack *st)
{
	size_t i, nc = 0, first = st->top, pos;
	uint32_t f;
	int32_t bse;
	struct da_child *ch;
	if (lo < hi && k[lo].len == depth) {
		da->node[s].cost = k[lo].cost;
		lo++;
	}
	if (lo >= hi)
		return;
	for (i = lo; i < hi;) {
		size_t j = i + 1;
		while (j < hi && k[j].id[depth] == k[i].id[depth])
			j++;
		NM_GROW(st->v, st->cap, first + nc + 1);
		st->v[first + nc].code = k[i].id[depth];
		st->v[first + nc].lo = i;
		st->v[first + nc].hi = j;
		nc++;
		i = j;
	}
	st->top = first + nc;
	ch = st->v + first;
	/* first fit over the free cells */
	da_reserve(da, ch[nc - 1].code + 2);
	for (f = da->head;; f = da->nxt[f - 1]) {
		if (!f) {
			/* no room: grow and continue from the new cells */
			size_t old = da->cap;
			da_reserve(da, da->cap + ch[nc - 1].code + 1);
			f = (uint32_t)old + 1;
		}
		pos = f - 1;
		if (pos < ch[0].code + 1)
			continue;
		bse = (int32_t)(pos - ch[0].code);
		da_reserve(da, (size_t)bse + ch[nc - 1].code + 1);
		for (i = 1; i < nc; i++)
			if (da->node[bse + (int32_t)ch[i].code].check != -1)
				break;
		if (i == nc)
			break;
		if (++da->fails[pos] > DA_MAX_FAILS) {
			da->fails[pos] = DA_MAX_FAILS;
			da_take(da, pos);
			da->fails[pos] = DA_MAX_FAILS + 1;
		}
	}
	da->node[s].base = bse;
	for (i = 0; i < nc; i++) {
		size_t t = (size_t)bse + ch[i].code;
		da->node[t].check = s;
		da_take(da, t);
		if (t + 1 > da->used_max)
			da->used_max = t + 1;
	}
	for (i = 0; i < nc; i++) {
		struct da_child c = st->v[first + i]; /* the stack may have moved */
		da_build(da, k, c.lo, c.hi, depth + 1, bse + (int32_t)c.code, st);
	}
	st->top = first;
}

/* ---- character classes ---- */

int segdict_class_of(int32_t cp)
{
	if (cp < 0x80) {
		if (cp == ' ' || (cp >= 9 && cp <= 13))
			return SEGC_SPACE;
		if ((cp | 32) >= 'a' && (cp | 32) <= 'z')
			return SEGC_ALPHA;
		if (cp >= '0' && cp <= '9')
			return SEGC_DIGIT;
		if (cp < 32 || cp == 127)
			return SEGC_SPACE;
		return SEGC_PUNCT;
	}
	if (utf8_is_han(cp))
		return SEGC_HAN;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		if (cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0xFF21 && cp <= 0xFF5A))
			return SEGC_ALPHA;
		return SEGC_OTHER;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return SEGC_MARK;
	case UTF8PROC_CATEGORY_ND:
		return SEGC_DIGIT;
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_CN:
	case UTF8PROC_CATEGORY_CS:
		return SEGC_SPACE;
	default:
		return SEGC_PUNCT;
	}
}

/* ---- building ---- */

struct charw {
	int32_t cp;
	double w;
};

static int charw_cmp(const void *a, const void *b)
{
	const struct charw *x = a, *y = b;
	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return x->cp < y->cp ? -1 : x->cp > y->cp;
}

static void blob_align(struct strbuf *sb)
{
	while (sb->len % 8)
		sb_addc(sb, 0);
}

/* How much cheaper than its best split into base words a lexicon word without frequency
 * is, per character after the first (nats). Scaling with the length makes a longer lexicon
 * word beat any split into shorter lexicon words (绝绝子 over 绝绝 + 子). */
#define LEX_MARGIN 1.0f

/* Cost of the cheapest split of key k into two or more base words (unknown characters at
 * unk each). */
static float split_cost(const struct builder *b, const char *k, size_t n, double total,
			float unk)
{
	double best[MAXKEY + 1];
	size_t pos[MAXKEY + 1], np = 0, i, j, l;
	uint32_t idx;
	for (i = 0; i < n && np < MAXKEY; i += l) {
		utf8_decode(k + i, n - i, &l);
		pos[np++] = i;
	}
	pos[np] = n;
	best[0] = 0;
	for (j = 1; j <= np; j++)
		best[j] = INFINITY;
	for (i = 0; i < np; i++) {
		best[i + 1] = fmin(best[i + 1], best[i] + unk);
		for (j = i + 1; j <= np; j++) {
			const struct entry *e;
			if (i == 0 && j == np)
				continue;
			if (!hmap_get(&b->map, k + pos[i], pos[j] - pos[i], &idx))
				continue;
			e = &b->e[idx];
			if (!(e->flags & SRC_BASE) || (e->flags & (F_DROP | F_DEL)) || e->freq <= 0)
				continue;
			best[j] = fmin(best[j], best[i] - log(e->freq / total));
		}
	}
	return (float)best[np];
}

/* Compile the entries of b into a blob (appended to out). */
static int compile(struct builder *b, uint64_t fp, int has_base, struct strbuf *out)
{
	int rc = 0;
	uint32_t *cpid = xcalloc(0x110000, sizeof *cpid);
	double *cw = xcalloc(0x110000, sizeof *cw);
	double total = 0, maxf = 0, len_w[5] = {0}, single_w = 0, multi_w = 0;
	struct charw *chars;
	size_t nchars = 0, i, nk = 0, nidpool = 0;
	struct key *keys;
	uint32_t *idpool;
	struct da da = {0};
	struct da_stack stack = {0};
	double (*emit_w)[4];
	struct blob_header h;
	float lex_cost, unk_cost, min_cost;
	uint32_t *pages, *cells;
	size_t ncells = 0;
	struct hmap pagemap;

	/* totals and character weights */
	for (i = 0; i < b->n; i++) {
		struct entry *e = &b->e[i];
		if (e->flags & (F_DROP | F_DEL))
			continue;
		if (e->freq > 0)
			total += e->freq;
		if (e->freq > maxf)
			maxf = e->freq;
	}
	if (total < 1)
		total = 1;
	if (maxf < 1)
		maxf = 1;
	min_cost = (float)-log(maxf / total);
	/* a lexicon term without frequency: as cheap as a word 1/8 as frequent as the most
	 * frequent one, so it beats any split of itself into two or more pieces */
	lex_cost = (float)(min_cost + log(8.0));
	unk_cost = (float)(-log(0.5 / total) + 2.0);
	for (i = 0; i < b->n; i++) {
		struct entry *e = &b->e[i];
		const char *k = b->keys.buf + e->koff;
		size_t p = 0, l;
		double w = e->freq > 0 ? e->freq : 1;
		if (e->flags & F_DEL)
			continue;
		while (p < e->klen) {
			int32_t cp = utf8_decode(k + p, e->klen - p, &l);
			if (cw[cp] == 0) {
				nchars++;
				cw[cp] = 1e-9;
			}
			cw[cp] += w;
			p += l;
		}
	}
	chars = xmalloc((nchars + 1) * sizeof *chars);
	nchars = 0;
	for (int32_t cp = 0; cp < 0x110000; cp++)
		if (cw[cp] > 0) {
			chars[nchars].cp = cp;
			chars[nchars++].w = cw[cp];
		}
	qsort(chars, nchars, sizeof *chars, charw_cmp);
	for (i = 0; i < nchars; i++)
		cpid[chars[i].cp] = (uint32_t)(i + 1);

	/* keys as id sequences */
	keys = xmalloc((b->n + 1) * sizeof *keys);
	{
		size_t total_chars = 0;
		for (i = 0; i < b->n; i++)
			total_chars += b->e[i].nchars;
		idpool = xmalloc((total_chars + 1) * sizeof *idpool);
	}
	emit_w = xcalloc(nchars + 1, sizeof *emit_w);
	for (i = 0; i < b->n; i++) {
		struct entry *e = &b->e[i];
		const char *k = b->keys.buf + e->koff;
		size_t p = 0, l, c = 0;
		double f, w;
		if (e->flags & (F_DROP | F_DEL))
			continue;
		f = e->freq;
		keys[nk].id = idpool + nidpool;
		keys[nk].len = e->nchars;
		if (f > 0)
			keys[nk].cost = (float)-log(f / total);
		else
			keys[nk].cost = (float)-log(1.0 / total);
		/* lexicon and user words without a frequency of their own: the base
		 * dictionary's cost when it knows the word, else just cheaper than the best
		 * split of the word into dictionary words (jieba's suggested frequency), so
		 * the word stays whole on its own but context can still decide */
		if ((e->flags & (SRC_LEX | SRC_USER)) && f < 0)
			keys[nk].cost = split_cost(b, k, e->klen, total, unk_cost) -
					LEX_MARGIN * (float)(e->nchars > 1 ? e->nchars - 1 : 1);
		if (!has_base)
			keys[nk].cost = ICU_LEX_COST;
		while (p < e->klen) {
			int32_t cp = utf8_decode(k + p, e->klen - p, &l);
			idpool[nidpool++] = cpid[cp];
			p += l;
		}
		/* character model from base words */
		if ((e->flags & SRC_BASE) && f > 0) {
			w = f;
			p = 0;
			while (p < e->klen) {
				int32_t cp = utf8_decode(k + p, e->klen - p, &l);
				int tag = 1; /* B 0, M 1, E 2, S 3 */
				if (e->nchars == 1)
					tag = 3;
				else if (c == 0)
					tag = 0;
				else if (c + 1 == e->nchars)
					tag = 2;
				emit_w[cpid[cp]][tag] += w;
				p += l;
				c++;
			}
			if (e->nchars == 1)
				single_w += w;
			else {
				multi_w += w;
				len_w[e->nchars >= 4 ? 4 : e->nchars] += w;
			}
		}
		nk++;
	}
	qsort(keys, nk, sizeof *keys, key_cmp);

	/* double array */
	da_reserve(&da, nchars + 1024);
	da.node[0].check = -2;
	da_take(&da, 0);
	da.used_max = 1;
	{
		/* keys with equal id sequences (distinct folded keys never collide, but keep
		 * the cheapest if they do) */
		size_t w = 0;
		for (i = 0; i < nk; i++) {
			if (w && !key_cmp(&keys[w - 1], &keys[i])) {
				if (keys[i].cost < keys[w - 1].cost)
					keys[w - 1].cost = keys[i].cost;
				continue;
			}
			keys[w++] = keys[i];
		}
		nk = w;
	}
	if (nk)
		da_build(&da, keys, 0, nk, 0, 0, &stack);
	if (da.used_max > SEGDICT_MAX_NODES)
		rc = error("dictionary too large: %zu double-array cells (at most %u)", da.used_max,
			   (unsigned)SEGDICT_MAX_NODES);

	/* code-point table: pages of 256 cells, identical pages shared */
	pages = xmalloc(NPAGES * sizeof *pages);
	cells = NULL;
	{
		size_t cap = 0;
		uint32_t page[256];
		hmap_init(&pagemap);
		for (size_t pg = 0; pg < NPAGES; pg++) {
			uint32_t at;
			for (int j = 0; j < 256; j++) {
				int32_t cp = (int32_t)(pg << 8 | (size_t)j);
				char f[20];
				size_t fl = 0, l;
				uint32_t id = 0;
				int cls = segdict_class_of(cp);
				if (cls != SEGC_SPACE && !(cp >= 0xD800 && cp <= 0xDFFF)) {
					fl = norm_fold_cp(cp, f);
					if (fl && utf8_valid_len(f, fl) == fl) {
						int32_t fc = utf8_decode(f, fl, &l);
						id = cpid[fc];
					}
				}
				page[j] = id << SEGDICT_ID_SHIFT | (uint32_t)cls;
				if (fl && utf8_valid_len(f, fl) == fl) {
					int32_t fc = utf8_decode(f, fl, &l);
					if (fc == 0x25CB || fc == 0x3007 ||
					    utf8_in_set(fc, "零一二三四五六七八九十百千万亿两"))
						page[j] |= SEGDICT_F_NUMERAL;
					if (utf8_in_set(fc, "这那哪"))
						page[j] |= SEGDICT_F_DEMONSTR;
					if (utf8_in_set(fc, function_chars) || utf8_in_set(fc, "每各某其该本此"))
						page[j] |= SEGDICT_F_FUNC;
					if (utf8_in_set(fc, suffix_chars))
						page[j] |= SEGDICT_F_SUFFIX;
					if (utf8_in_set(fc, "村乡镇县"))
						page[j] |= SEGDICT_F_PLACE;
					if (utf8_in_set(fc, measures))
						page[j] |= SEGDICT_F_MEASURE;
				}
			}
			if (hmap_get(&pagemap, (const char *)page, sizeof page, &at)) {
				pages[pg] = at;
				continue;
			}
			NM_GROW(cells, cap, ncells + 256);
			memcpy(cells + ncells, page, sizeof page);
			pages[pg] = (uint32_t)ncells;
			hmap_put(&pagemap, (const char *)page, sizeof page, (uint32_t)ncells);
			ncells += 256;
		}
		hmap_release(&pagemap);
	}

	/* header and character model */
	memset(&h, 0, sizeof h);
	memcpy(h.magic, SEGDICT_MAGIC, 8);
	h.version = SEGDICT_VERSION;
	h.header_size = sizeof h;
	h.fingerprint = fp;
	h.n_nodes = (uint32_t)da.used_max;
	h.n_chars = (uint32_t)nchars;
	h.n_words = (uint32_t)nk;
	h.n_cells = (uint32_t)ncells;
	h.unk_cost = unk_cost;
	h.min_cost = min_cost;
	h.lex_cost = lex_cost;
	if (!has_base) {
		h.flags |= HF_ICU_WORDS;
		h.unk_cost = ICU_SINGLE_COST;
		h.min_cost = ICU_LEX_COST - 1;
		h.lex_cost = ICU_LEX_COST;
	}
	{
		/* transitions from the word-length distribution (frequency weighted) */
		double all = single_w + multi_w, pm, pe, pmm;
		double ge3 = len_w[3] + len_w[4];
		if (all <= 0)
			all = 1;
		pm = multi_w > 0 ? ge3 / multi_w : 0.1;  /* B -> M */
		pe = 1 - pm;                              /* B -> E */
		pmm = ge3 > 0 ? len_w[4] / ge3 * 0.6 : 0.1; /* M -> M, roughly */
		double ps = single_w / all, pb = multi_w / all;
		for (int x = 0; x < 4; x++)
			for (int y = 0; y < 4; y++)
				h.trans[x][y] = -INFINITY;
		h.trans[0][1] = (float)log(pm + 1e-6);
		h.trans[0][2] = (float)log(pe + 1e-6);
		h.trans[1][1] = (float)log(pmm + 1e-6);
		h.trans[1][2] = (float)log(1 - pmm + 1e-6);
		h.trans[2][0] = h.trans[3][0] = (float)log(pb + 1e-6);
		h.trans[2][3] = h.trans[3][3] = (float)log(ps + 1e-6);
		h.start[0] = (float)log(pb + 1e-6);
		h.start[3] = (float)log(ps + 1e-6);
		h.start[1] = h.start[2] = -INFINITY;
	}
	{
		double tagsum[4] = {0}, all = 0;
		float *em = xmalloc((nchars + 1) * 4 * sizeof *em);
		for (i = 0; i <= nchars; i++)
			for (int t = 0; t < 4; t++)
				tagsum[t] += emit_w[i][t], all += emit_w[i][t];
		for (i = 0; i <= nchars; i++) {
			double s = 0;
			for (int t = 0; t < 4; t++)
				s += emit_w[i][t];
			for (int t = 0; t < 4; t++) {
				/* ln (P(t|c) / P(t)), add-0.5 smoothing toward the prior */
				double pt = (tagsum[t] + 1) / (all + 4);
				double pc = (emit_w[i][t] + 0.5 * pt * 4) / (s + 2);
				em[i * 4 + t] = (float)(log(pc) - log(pt));
			}
		}
		if (rc)
			goto written;
		sb_add(out, &h, sizeof h);
		blob_align(out);
		((struct blob_header *)out->buf)->off_node = (uint32_t)out->len;
		for (i = 0; i < h.n_nodes; i++) {
			struct segdict_node cell;
			const struct da_node *dn = &da.node[i];
			uint32_t q = 0;
			if (dn->cost >= 0) {
				double x = floor(dn->cost / SEGDICT_COST_STEP + 0.5) + 1;
				q = x > 1023 ? 1023 : (uint32_t)x;
			}
			cell.base = dn->base;
			cell.pc = (dn->check == -1   ? SEGDICT_NO_PARENT :
				   dn->check == -2 ? SEGDICT_NO_PARENT - 1 :
						     (uint32_t)dn->check) |
				  q << SEGDICT_PARENT_BITS;
			sb_add(out, &cell, sizeof cell);
		}
		blob_align(out);
		((struct blob_header *)out->buf)->off_page = (uint32_t)out->len;
		sb_add(out, pages, NPAGES * sizeof *pages);
		blob_align(out);
		((struct blob_header *)out->buf)->off_cell = (uint32_t)out->len;
		sb_add(out, cells, ncells * sizeof *cells);
		blob_align(out);
		((struct blob_header *)out->buf)->off_emit = (uint32_t)out->len;
		sb_add(out, em, (nchars + 1) * 4 * sizeof *em);
		blob_align(out);
		((struct blob_header *)out->buf)->size = out->len;
	written:
		free(em);
	}
	free(cpid);
	free(cw);
	free(chars);
	free(keys);
	free(idpool);
	free(emit_w);
	free(da.node);
	free(da.nxt);
	free(da.prv);
	free(da.fails);
	free(stack.v);
	free(pages);
	free(cells);
	return rc;
}

/* ---- fingerprint, cache ---- */


static uint64_t fp_mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static int fp_file(uint64_t *h, const char *path)
{
	struct stat st;
	int64_t v[3];
	if (stat(path, &st) < 0)
		return -1;
	*h = fp_mix(*h, path, strlen(path) + 1);
	v[0] = (int64_t)st.st_size;
	v[1] = (int64_t)st.st_mtim.tv_sec;
	v[2] = (int64_t)st.st_mtim.tv_nsec;
	*h = fp_mix(*h, v, sizeof v);
	return 0;
}

static void cache_dir_of(const struct segdict_opts *o, struct strbuf *dir)
{
	const char *x;
	sb_reset(dir);
	if (o->cache_dir) {
		sb_adds(dir, o->cache_dir);
		return;
	}
	x = getenv("XDG_CACHE_HOME");
	if (x && *x == '/') {
		sb_adds(dir, x);
		sb_adds(dir, "/notemine");
		return;
	}
	x = getenv("HOME");
	if (x && *x == '/') {
		sb_adds(dir, x);
		sb_adds(dir, "/.cache/notemine");
	}
}

static void set_view(struct segdict *d, const void *blob)
{
	const struct blob_header *h = blob;
	const char *p = blob;
	d->h = h;
	d->v.node = (const struct segdict_node *)(p + h->off_node);
	d->v.n_nodes = h->n_nodes;
	d->v.cp_page = (const uint32_t *)(p + h->off_page);
	d->v.cp_cell = (const uint32_t *)(p + h->off_cell);
	d->v.emit = (const float *)(p + h->off_emit);
	d->v.n_chars = h->n_chars;
	memcpy(d->v.trans, h->trans, sizeof h->trans);
	memcpy(d->v.start, h->start, sizeof h->start);
	d->v.unk_cost = h->unk_cost;
	d->v.min_cost = h->min_cost;
	d->v.lex_cost = h->lex_cost;
	d->v.icu_words = (h->flags & HF_ICU_WORDS) != 0;
}

static int blob_ok(const void *p, size_t n, uint64_t fp)
{
	const struct blob_header *h = p;
	if (n < sizeof *h || memcmp(h->magic, SEGDICT_MAGIC, 8) || h->version != SEGDICT_VERSION ||
	    h->header_size != sizeof *h || h->fingerprint != fp || h->size != n)
		return 0;
	if ((uint64_t)h->off_node + (uint64_t)h->n_nodes * sizeof(struct segdict_node) > n ||
	    (uint64_t)h->off_page + NPAGES * 4 > n ||
	    (uint64_t)h->off_cell + h->n_cells * 4ull > n ||
	    (uint64_t)h->off_emit + (h->n_chars + 1ull) * 16 > n)
		return 0;
	return 1;
}

static int try_map(struct segdict *d, const char *path, uint64_t fp)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	void *m;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || st.st_size <= 0) {
		close(fd);
		return -1;
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -1;
	if (!blob_ok(m, (size_t)st.st_size, fp)) {
		munmap(m, (size_t)st.st_size);
		return -1;
	}
	d->map = m;
	d->map_len = (size_t)st.st_size;
	set_view(d, m);
	return 0;
}

static void mkdirs(const char *dir)
{
	char tmp[4096];
	size_t n = strlen(dir);
	if (n >= sizeof tmp)
		return;
	memcpy(tmp, dir, n + 1);
	for (size_t i = 1; i <= n; i++)
		if (tmp[i] == '/' || tmp[i] == 0) {
			char c = tmp[i];
			tmp[i] = 0;
			mkdir(tmp, 0755);
			tmp[i] = c;
		}
}

/* Keep the cache small: at most CACHE_KEEP compiled dictionaries (each build or source
 * change makes a new one), the least recently used ones go. */
#define CACHE_KEEP 6

static void prune_cache(const char *dir)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	struct {
		char name[64];
		time_t t;
	} f[64];
	size_t n = 0, i, j;
	if (!dh)
		return;
	while ((de = readdir(dh)) && n < NM_ARRAY_LEN(f)) {
		size_t l = strlen(de->d_name);
		struct stat st;
		char full[4096];
		if (l >= sizeof f[0].name || strncmp(de->d_name, "segdict-", 8) ||
		    l < 4 || strcmp(de->d_name + l - 4, ".bin"))
			continue;
		if ((size_t)snprintf(full, sizeof full, "%s/%s", dir, de->d_name) >= sizeof full ||
		    stat(full, &st) < 0)
			continue;
		memcpy(f[n].name, de->d_name, l + 1);
		f[n].t = st.st_atime > st.st_mtime ? st.st_atime : st.st_mtime;
		n++;
	}
	closedir(dh);
	while (n > CACHE_KEEP) {
		char full[4096];
		for (i = 0, j = 0; i < n; i++)
			if (f[i].t < f[j].t)
				j = i;
		if ((size_t)snprintf(full, sizeof full, "%s/%s", dir, f[j].name) < sizeof full)
			unlink(full);
		f[j] = f[--n];
	}
}

static void write_cache(const char *dir, const char *path, const struct strbuf *blob)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd;
	size_t off = 0;
	mkdirs(dir);
	sb_addf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		sb_release(&tmp);
		return;
	}
	while (off < blob->len) {
		ssize_t w = write(fd, blob->buf + off, blob->len - off);
		if (w <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			break;
		}
		off += (size_t)w;
	}
	if (close(fd) < 0 || off != blob->len || rename(tmp.buf, path) < 0)
		unlink(tmp.buf);
	else
		prune_cache(dir);
	sb_release(&tmp);
}

int segdict_open(struct segdict **out, const struct segdict_opts *o)
{
	const char *base = o->dict_path;
	uint64_t fp = 0xcbf29ce484222325ULL;
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT, blob = STRBUF_INIT;
	struct segdict *d;
	struct builder b;
	uint32_t v = SEGDICT_VERSION;
	size_t i;
	int rc = 0;

	*out = NULL;
	if (base && !strcmp(base, "none")) {
		base = NULL;
	} else if (!base) {
		if (access(DEFAULT_DICT, R_OK) < 0)
			warning("no segmentation dictionary (%s not found, try --dict PATH): "
				"using ICU word breaks",
				DEFAULT_DICT);
		else
			base = DEFAULT_DICT;
	}
	if (!base && !o->n_user_dicts && !lexset_has_terms(o->ls))
		return 0; /* nothing to look up: plain ICU word breaks */
	if (!base)
		fp = fp_mix(fp, "none", 5);
	else if (fp_file(&fp, base) < 0)
		return error("%s: %s", base, strerror(errno));
	for (i = 0; i < o->n_user_dicts; i++)
		if (fp_file(&fp, o->user_dicts[i]) < 0)
			return error("%s: %s", o->user_dicts[i], strerror(errno));
	fp = fp_mix(fp, &v, sizeof v);
	fp = fp_mix(fp, &o->t2s, sizeof o->t2s);
	if (o->ls) { /* only the kinds whose terms become words */
		static const char *const word_kinds[] = { "segment", "categories" };
		for (size_t k = 0; k < sizeof word_kinds / sizeof word_kinds[0]; k++) {
			const struct lex_kind *lk = lexset_kind(o->ls, word_kinds[k]);
			if (lk)
				fp = fp_mix(fp, &lk->fingerprint, sizeof lk->fingerprint);
		}
	}

	d = xcalloc(1, sizeof *d);
	cache_dir_of(o, &dir);
	if (dir.len) {
		sb_addf(&path, "%s/segdict-%016llx.bin", dir.buf, (unsigned long long)fp);
		if (try_map(d, path.buf, fp) == 0) {
			d->from_cache = 1;
			if (o->verbose)
				fprintf(stderr, "notemine: dictionary from %s\n", path.buf);
			goto done;
		}
	}

	memset(&b, 0, sizeof b);
	hmap_init(&b.map);
	if (base && load_jieba(&b, base, 1) < 0)
		rc = -1;
	if (!rc)
		apply_granularity(&b);
	if (!rc && o->ls)
		add_lexicons(&b, o->ls);
	for (i = 0; !rc && i < o->n_user_dicts; i++)
		if (load_jieba(&b, o->user_dicts[i], 0) < 0)
			rc = -1;
	if (!rc) {
		rc = compile(&b, fp, base != NULL, &blob);
	}
	if (!rc) {
		if (path.len)
			write_cache(dir.buf, path.buf, &blob);
		if (o->verbose)
			fprintf(stderr, "notemine: compiled dictionary %s (%zu entries)%s%s\n",
				base ? base : "(ICU words + lexicons)", b.n,
				path.len ? " to " : "", path.len ? path.buf : "");
		d->mem = blob.buf;
		blob.buf = NULL;
		set_view(d, d->mem);
	}
	hmap_release(&b.map);
	free(b.e);
	sb_release(&b.keys);
	sb_release(&b.tmp);
done:
	sb_release(&dir);
	sb_release(&path);
	sb_release(&blob);
	if (rc) {
		free(d);
		return -1;
	}
	*out = d;
	return 0;
}

void segdict_free(struct segdict *d)
{
	if (!d)
		return;
	if (d->map)
		munmap(d->map, d->map_len);
	free(d->mem);
	free(d);
}

const struct segdict_view *segdict_view(const struct segdict *d)
{
	return &d->v;
}

double segdict_cost(const struct segdict *d, const char *w, size_t n)
{
	size_t i = 0, l;
	int32_t s = 0;
	const struct segdict_view *v = &d->v;
	if (!n)
		return -1;
	while (i < n) {
		int32_t cp = utf8_decode(w + i, n - i, &l);
		uint32_t id = cp < SEGDICT_CPMAX ?
				      segdict_cpinfo(v->cp_page, v->cp_cell, cp) >> SEGDICT_ID_SHIFT : 0;
		int32_t t;
		if (!id || v->node[s].base <= 0)
			return -1;
		t = v->node[s].base + (int32_t)id;
		if ((uint32_t)t >= v->n_nodes || segdict_parent(&v->node[t]) != (uint32_t)s)
			return -1;
		s = t;
		i += l;
	}
	return segdict_word_cost(&v->node[s]);
}

size_t segdict_nwords(const struct segdict *d)
{
	return d->h->n_words;
}

int segdict_from_cache(const struct segdict *d)
{
	return d->from_cache;
}
