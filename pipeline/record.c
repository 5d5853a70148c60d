/*
 * record.c - see record.h.
 *
 * One input buffer per reader, refilled with read(2) and grown only when a single record is
 * larger than it. JSON Lines and text split on '\n' (a trailing '\r' is dropped). JSON arrays
 * are scanned element by element (depth, strings and escapes tracked), each element parsed
 * alone. CSV follows RFC 4180 with a state machine that may span buffer refills.
 */
#include "record.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "utf8.h"

#define CHUNK (1u << 20)
#define SNIFF (64u << 10) /* bytes checked for the encoding */
#define RAWCAP (64u << 10)
#define PIVOT 1024

struct reader {
	int fd;               /* -1: reading from mem */
	const char *mem;
	size_t memlen, mempos;
	int eof;
	char *name;
	enum input_format fmt;
	char *buf;
	size_t cap, pos, end; /* unread bytes are buf[pos..end) */
	size_t consumed;      /* bytes before buf[0] that were already consumed */
	size_t size;
	long line;            /* lines fully consumed so far */
	cJSON *obj;
	struct strbuf elem;   /* current JSON array element / CSV row text / error text */
	struct strbuf msg;
	/* JSON array state */
	int array_started, array_done;
	/* CSV state */
	char **hdr;
	size_t nhdr;
	struct strbuf *fields;
	size_t nfields_cap;
	int deferred;
	/* --encoding: raw bytes -> UTF-8 */
	UConverter *src_cnv, *utf8_cnv;
	char *raw;
	size_t rawpos, rawend, raw_consumed;
	int raw_eof, conv_reset;
	UChar pivot[PIVOT], *pivot_src, *pivot_tgt;
};

int input_format_parse(const char *name)
{
	if (!strcmp(name, "auto"))
		return INPUT_AUTO;
	if (!strcmp(name, "jsonl") || !strcmp(name, "ndjson"))
		return INPUT_JSONL;
	if (!strcmp(name, "json"))
		return INPUT_JSON;
	if (!strcmp(name, "csv"))
		return INPUT_CSV;
	if (!strcmp(name, "text") || !strcmp(name, "txt"))
		return INPUT_TEXT;
	return -1;
}

/* read(2) up to n bytes into dst, retrying on EINTR: bytes read, 0 at eof, -1 after error(). */
static ssize_t read_fd(struct reader *r, char *dst, size_t n)
{
	ssize_t got;
	if (r->fd < 0) {
		size_t k = r->memlen - r->mempos < n ? r->memlen - r->mempos : n;
		memcpy(dst, r->mem + r->mempos, k);
		r->mempos += k;
		return (ssize_t)k;
	}
	do
		got = read(r->fd, dst, n);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return error("%s: read error: %s", r->name, strerror(errno));
	return got;
}

/* Convert raw input into dst[0..n) (n > 0) through the source converter. Returns the number of
 * UTF-8 bytes produced (> 0), 0 at end of input, -1 after error(). */
static ssize_t read_converted(struct reader *r, char *dst, size_t n)
{
	for (;;) {
		UErrorCode ec = U_ZERO_ERROR;
		char *t = dst;
		const char *src;
		if (r->rawpos == r->rawend && !r->raw_eof) {
			ssize_t got = read_fd(r, r->raw, RAWCAP);
			if (got < 0)
				return -1;
			r->raw_consumed += (size_t)got;
			r->rawpos = 0;
			r->rawend = (size_t)got;
			if (got == 0)
				r->raw_eof = 1;
		}
		src = r->raw + r->rawpos;
		ucnv_convertEx(r->utf8_cnv, r->src_cnv, &t, dst + n, &src, r->raw + r->rawend,
			       r->pivot, &r->pivot_src, &r->pivot_tgt, r->pivot + PIVOT,
			       (UBool)r->conv_reset, (UBool)r->raw_eof, &ec);
		r->conv_reset = 0;
		r->rawpos = (size_t)(src - r->raw);
		if (U_FAILURE(ec) && ec != U_BUFFER_OVERFLOW_ERROR)
			return error("%s: cannot convert from %s: %s", r->name,
				     ucnv_getName(r->src_cnv, &ec), u_errorName(ec));
		if (t > dst)
			return t - dst;
		if (r->raw_eof && r->rawpos == r->rawend)
			return 0;
	}
}

/* Read more bytes; returns 1 when some arrived, 0 at end of input, -1 on error. */
static int fill(struct reader *r)
{
	ssize_t got;
	if (r->eof)
		return 0;
	if (r->pos > 0 && r->pos == r->end) {
		r->consumed += r->pos;
		r->pos = r->end = 0;
	}
	if (r->end == r->cap) {
		if (r->pos > 0) {
			memmove(r->buf, r->buf + r->pos, r->end - r->pos);
			r->consumed += r->pos;
			r->end -= r->pos;
			r->pos = 0;
		} else {
			r->cap *= 2;
			r->buf = xrealloc(r->buf, r->cap + 1);
		}
	}
	if (r->src_cnv)
		got = read_converted(r, r->buf + r->end, r->cap - r->end);
	else
		got = read_fd(r, r->buf + r->end, r->cap - r->end);
	if (got < 0)
		return -1;
	if (got == 0) {
		r->eof = 1;
		return 0;
	}
	r->end += (size_t)got;
	return 1;
}

/* Make at least one byte available; 1 ok, 0 eof, -1 error. */
static int need(struct reader *r)
{
	while (r->pos == r->end) {
		int f = fill(r);
		if (f <= 0)
			return f;
	}
	return 1;
}

/* Next line without its '\n' (and trailing '\r'). Returns 1, 0 at eof, -1 on error. The
 * line stays valid until the next read. */
static int next_line(struct reader *r, const char **line, size_t *len)
{
	size_t scan = r->pos;
	for (;;) {
		char *nl = memchr(r->buf + scan, '\n', r->end - scan);
		if (nl) {
			size_t l = (size_t)(nl - (r->buf + r->pos));
			*line = r->buf + r->pos;
			r->pos += l + 1;
			if (l && (*line)[l - 1] == '\r')
				l--;
			*len = l;
			r->line++;
			return 1;
		}
		scan = r->end - r->pos; /* relative: fill() may move the buffer */
		{
			int f = fill(r);
			if (f < 0)
				return -1;
			if (f == 0) {
				size_t l = r->end - r->pos;
				if (!l)
					return 0;
				*line = r->buf + r->pos;
				r->pos = r->end;
				if ((*line)[l - 1] == '\r')
					l--;
				*len = l;
				r->line++;
				return 1;
			}
		}
		scan += r->pos;
	}
}

static int peek_format(struct reader *r, const char *path)
{
	size_t i;
	size_t pl = path ? strlen(path) : 0;
	for (;;) {
		for (i = r->pos; i < r->end; i++) {
			unsigned char c = (unsigned char)r->buf[i];
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
				continue;
			if (c == 0xEF && i + 2 < r->end && (unsigned char)r->buf[i + 1] == 0xBB &&
			    (unsigned char)r->buf[i + 2] == 0xBF) {
				i += 2;
				continue;
			}
			if (pl > 4 && !strcmp(path + pl - 4, ".csv"))
				return INPUT_CSV;
			if (pl > 4 && !strcmp(path + pl - 4, ".txt"))
				return INPUT_TEXT;
			if (c == '[')
				return INPUT_JSON;
			if (c == '{')
				return INPUT_JSONL;
			{
				/* a first line with commas and no JSON punctuation: CSV */
				const char *nl = memchr(r->buf + i, '\n', r->end - i);
				size_t l = nl ? (size_t)(nl - (r->buf + i)) : r->end - i;
				if (memchr(r->buf + i, ',', l) && !memchr(r->buf + i, '{', l))
					return INPUT_CSV;
			}
			return INPUT_JSONL;
		}
		if (r->end - r->pos > 65536 || fill(r) <= 0)
			return INPUT_JSONL;
	}
}

static int is_utf8_name(const char *e)
{
	return !strcasecmp(e, "utf-8") || !strcasecmp(e, "utf8");
}

int record_looks_foreign(const char *b, size_t n)
{
	const unsigned char *s = (const unsigned char *)b;
	size_t i = 0, good_seqs = 0, bad_bytes = 0, nul = 0;
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return 1;
	while (i < n) {
		size_t l;
		if (s[i] < 0x80) {
			nul += s[i] == 0;
			i++;
			continue;
		}
		l = utf8_valid_len(b + i, n - i);
		if (l) {
			good_seqs++;
			i += l;
			continue;
		}
		if (n - i < 4) {
			/* maybe a sequence cut by the end of the sample */
			size_t need = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : 2, k = 1;
			while (i + k < n && (s[i + k] & 0xC0) == 0x80)
				k++;
			if (s[i] >= 0xC2 && s[i] <= 0xF4 && i + k == n && k < need)
				break;
		}
		bad_bytes++;
		i++;
	}
	if (n >= 16 && nul * 4 >= n)
		return 1; /* UTF-16 or UTF-32 without a byte order mark */
	return bad_bytes >= 4 && bad_bytes >= good_seqs;
}

const char *record_guess_encoding(const char *bytes, size_t n)
{
	UErrorCode ec = U_ZERO_ERROR;
	UCharsetDetector *d = ucsdet_open(&ec);
	const UCharsetMatch *m;
	const char *name = NULL;
	if (U_FAILURE(ec))
		return NULL;
	if (n > SNIFF)
		n = SNIFF;
	ucsdet_setText(d, bytes, (int32_t)n, &ec);
	m = U_SUCCESS(ec) ? ucsdet_detect(d, &ec) : NULL;
	if (m && U_SUCCESS(ec)) {
		name = ucsdet_getName(m, &ec);
		/* the detector names a static string; GB2312 and GBK text decodes as GB18030 */
		if (U_FAILURE(ec))
			name = NULL;
		else if (!strcmp(name, "GB2312") || !strcmp(name, "GBK"))
			name = "GB18030";
	}
	ucsdet_close(d);
	return name;
}

/* Fill the buffer with the first SNIFF bytes (or all there is) from files and memory; from a
 * pipe or terminal only what the first read brings, so a live stream (tail -f | notemine)
 * is not held back waiting for 64 KB. 0, or -1 after error(). */
static int sniff_fill(struct reader *r)
{
	while (!r->eof && r->end - r->pos < SNIFF) {
		if (fill(r) < 0)
			return -1;
		if (!r->size && r->fd >= 0)
			break;
	}
	return 0;
}

static int open_converter(struct reader *r, const char *encoding)
{
	UErrorCode ec = U_ZERO_ERROR;
	r->src_cnv = ucnv_open(encoding, &ec);
	if (U_FAILURE(ec)) {
		r->src_cnv = NULL;
		return error("--encoding %s: unknown encoding (try GB18030, BIG5, UTF-16LE, "
			     "SHIFT_JIS)", encoding);
	}
	ec = U_ZERO_ERROR;
	r->utf8_cnv = ucnv_open("UTF-8", &ec);
	if (U_FAILURE(ec))
		return error("cannot open the UTF-8 converter: %s", u_errorName(ec));
	r->raw = xmalloc(RAWCAP);
	r->pivot_src = r->pivot_tgt = r->pivot;
	r->conv_reset = 1;
	return 0;
}

/* Common part of the two open functions: encoding, sniffing, format. */
static struct reader *reader_setup(struct reader *r, const char *path, enum input_format fmt,
				   const char *encoding)
{
	r->cap = CHUNK;
	if (r->fd < 0 && r->memlen < CHUNK / 4) /* small input in memory: a small buffer */
		r->cap = r->memlen < 4096 ? 4096 : r->memlen * 2;
	r->buf = xmalloc(r->cap + 1);
	if (encoding && *encoding && !is_utf8_name(encoding) && open_converter(r, encoding) < 0) {
		reader_close(r);
		return NULL;
	}
	if (sniff_fill(r) < 0) {
		reader_close(r);
		return NULL;
	}
	if (!encoding && record_looks_foreign(r->buf + r->pos, r->end - r->pos)) {
		const char *guess = record_guess_encoding(r->buf + r->pos, r->end - r->pos);
		if (guess && strncmp(guess, "UTF-8", 5))
			error("%s: not UTF-8 (looks like %s); use --encoding %s", r->name, guess,
			      guess);
		else
			error("%s: not UTF-8 (encoding not recognised); use --encoding NAME "
			      "(GB18030, BIG5, UTF-16LE, ...)", r->name);
		reader_close(r);
		return NULL;
	}
	r->fmt = fmt == INPUT_AUTO ? (enum input_format)peek_format(r, path) : fmt;
	return r;
}

struct reader *reader_open(const char *path, enum input_format fmt, const char *encoding)
{
	struct reader *r;
	struct stat st;
	int fd;
	if (!path || !strcmp(path, "-")) {
		fd = 0;
		path = NULL;
	} else {
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			error("%s: %s", path, strerror(errno));
			return NULL;
		}
	}
	r = xcalloc(1, sizeof *r);
	r->fd = fd;
	r->name = xstrdup(path ? path : "<stdin>");
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		r->size = (size_t)st.st_size;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		error("%s: is a directory", r->name);
		reader_close(r);
		return NULL;
	}
	return reader_setup(r, path, fmt, encoding);
}

struct reader *reader_open_mem(const char *bytes, size_t n, const char *name,
			       enum input_format fmt, const char *encoding)
{
	struct reader *r = xcalloc(1, sizeof *r);
	r->fd = -1;
	r->mem = bytes;
	r->memlen = n;
	r->size = n;
	r->name = xstrdup(name ? name : "<memory>");
	return reader_setup(r, name, fmt, encoding);
}

static void free_header(struct reader *r)
{
	for (size_t i = 0; i < r->nhdr; i++)
		free(r->hdr[i]);
	free(r->hdr);
	r->hdr = NULL;
	r->nhdr = 0;
}

void reader_close(struct reader *r)
{
	if (!r)
		return;
	if (r->fd > 0)
		close(r->fd);
	if (r->src_cnv)
		ucnv_close(r->src_cnv);
	if (r->utf8_cnv)
		ucnv_close(r->utf8_cnv);
	free(r->raw);
	cJSON_Delete(r->obj);
	free_header(r);
	for (size_t i = 0; i < r->nfields_cap; i++)
		sb_release(&r->fields[i]);
	free(r->fields);
	sb_release(&r->elem);
	sb_release(&r->msg);
	free(r->buf);
	free(r->name);
	free(r);
}

const char *reader_name(const struct reader *r)
{
	return r->name;
}

size_t reader_offset(const struct reader *r)
{
	if (r->src_cnv) /* input bytes, as reader_size() counts them */
		return r->raw_consumed - (r->rawend - r->rawpos);
	return r->consumed + r->pos;
}

int reader_would_block(const struct reader *r)
{
	struct pollfd pfd;
	if (r->fd < 0 || r->eof || r->size)
		return 0;
	if (r->pos < r->end && memchr(r->buf + r->pos, '\n', r->end - r->pos))
		return 0;
	if (r->src_cnv && r->rawpos < r->rawend)
		return 0;
	pfd.fd = r->fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	return poll(&pfd, 1, 0) == 0;
}

void reader_set_deferred(struct reader *r, int on)
{
	r->deferred = on;
}

struct cJSON *reader_detach(struct reader *r)
{
	cJSON *o = r->obj;
	r->obj = NULL;
	return o;
}

size_t reader_size(const struct reader *r)
{
	return r->size;
}

static int bad(struct reader *r, struct record *rec, const char *raw, size_t len, const char *fmt,
	       ...) NM_PRINTF(5, 6);
static int bad(struct reader *r, struct record *rec, const char *raw, size_t len, const char *fmt,
	       ...)
{
	va_list ap;
	char tmp[512];
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	sb_reset(&r->msg);
	sb_adds(&r->msg, tmp);
	rec->error = r->msg.buf;
	rec->bad = raw;
	rec->badlen = len;
	return REC_BAD;
}

/* Does text end inside a string or an unclosed object or array? *maxdepth: the deepest
 * nesting seen. */
static int json_truncated(const char *text, size_t len, long *maxdepth)
{
	int in_str = 0, esc = 0;
	long depth = 0;
	*maxdepth = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (in_str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > *maxdepth)
				*maxdepth = depth;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return in_str || depth > 0;
}

/* The first byte of text[0..len) below 0x20 other than tab, LF and CR (NUL included), or
 * NULL. Eight bytes at a time: a word with no byte below 0x20 is skipped whole. */
static const char *first_control(const char *text, size_t len)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t x;
		memcpy(&x, text + i, 8);
		/* some byte < 0x20 (exact for bytes < 0x80; bytes >= 0x80 never match) */
		if (((x - ones * 0x20) & ~x & highs) == 0)
			continue;
		for (size_t k = i; k < i + 8; k++) {
			unsigned char c = (unsigned char)text[k];
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return text + k;
		}
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return text + i;
	}
	return NULL;
}

int record_parse_json(const char *text, size_t len, struct cJSON **objp, char *msg, size_t msgsz)
{
	const char *ctl = first_control(text, len), *end = NULL;
	cJSON *obj;
	*objp = NULL;
	/* cJSON skips any byte <= 0x20 as white space and takes raw control characters inside
	 * strings; JSON allows neither (RFC 8259), and the line is passed through as it is, so
	 * such a record would come out as invalid JSON. */
	if (ctl && !*ctl) {
		snprintf(msg, msgsz, "NUL byte at byte %zu", (size_t)(ctl - text) + 1);
		return REC_BAD;
	}
	if (ctl) {
		snprintf(msg, msgsz, "invalid JSON: control character 0x%02X at byte %zu",
			 (unsigned char)*ctl, (size_t)(ctl - text) + 1);
		return REC_BAD;
	}
	/* return_parse_end, not cJSON_GetErrorPtr(): the global is not thread-safe */
	obj = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!obj) {
		size_t off = end && end >= text && end <= text + len ? (size_t)(end - text) : 0;
		long maxdepth;
		int trunc = json_truncated(text, len, &maxdepth);
		if (maxdepth > CJSON_NESTING_LIMIT)
			snprintf(msg, msgsz, "invalid JSON: nested deeper than %d levels",
				 CJSON_NESTING_LIMIT);
		else if (off >= len || trunc)
			snprintf(msg, msgsz, "invalid JSON: truncated");
		else
			snprintf(msg, msgsz, "invalid JSON at byte %zu", off + 1);
		return REC_BAD;
	}
	if (end && end >= text && end <= text + len) {
		size_t off = (size_t)(end - text);
		while (off < len && (text[off] == ' ' || text[off] == '\t' || text[off] == '\r' ||
				     text[off] == '\n'))
			off++;
		if (off < len) {
			cJSON_Delete(obj);
			snprintf(msg, msgsz, "invalid JSON: text after the value at byte %zu",
				 off + 1);
			return REC_BAD;
		}
	}
	if (!cJSON_IsObject(obj)) {
		cJSON_Delete(obj);
		snprintf(msg, msgsz, "not a JSON object");
		return REC_BAD;
	}
	*objp = obj;
	return REC_OK;
}

static int parse_object(struct reader *r, struct record *rec, const char *text, size_t len)
{
	char msg[256];
	if (record_parse_json(text, len, &r->obj, msg, sizeof msg) != REC_OK)
		return bad(r, rec, text, len, "%s", msg);
	rec->obj = r->obj;
	return REC_OK;
}

static int next_jsonl(struct reader *r, struct record *rec)
{
	const char *line;
	size_t len;
	for (;;) {
		int got = next_line(r, &line, &len);
		size_t i = 0;
		if (got <= 0)
			return got < 0 ? REC_IOERR : REC_EOF;
		if (r->line == 1 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3))
			line += 3, len -= 3;
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == len)
			continue; /* blank lines are not records */
		rec->line = r->line;
		rec->raw = line;
		rec->rawlen = len;
		if (r->deferred)
			return REC_OK;
		return parse_object(r, rec, line, len);
	}
}

static int next_text(struct reader *r, struct record *rec)
{
	const char *line;
	size_t len;
	int got = next_line(r, &line, &len);
	if (got <= 0)
		return got < 0 ? REC_IOERR : REC_EOF;
	if (r->line == 1 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3))
		line += 3, len -= 3;
	rec->line = r->line;
	sb_reset(&r->elem);
	utf8_repair(&r->elem, line, len);
	r->obj = cJSON_CreateObject();
	cJSON_AddItemToObject(r->obj, "text", cJSON_CreateString(r->elem.buf ? r->elem.buf : ""));
	rec->obj = r->obj;
	return REC_OK;
}

/* Copy the next JSON array element's text into r->elem. Returns 1 with an element, 0 when
 * the array ended, -1 on read error, 2 when the input ended inside the element. */
static int scan_element(struct reader *r, long *start_line)
{
	int depth = 0, in_str = 0, esc = 0, started = 0;
	sb_reset(&r->elem);
	for (;;) {
		int f = need(r);
		if (f < 0)
			return -1;
		if (f == 0)
			return started ? 2 : (r->array_done = 1, 0);
		while (r->pos < r->end) {
			char c = r->buf[r->pos];
			if (!started) {
				if (c == '\n')
					r->line++;
				if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') {
					r->pos++;
					continue;
				}
				if (!r->array_started) {
					if (c == '\xEF' || c == '\xBB' || c == '\xBF') {
						r->pos++;
						continue;
					}
					r->array_started = 1;
					if (c == '[') {
						r->pos++;
						continue;
					}
				}
				if (c == ']') {
					r->pos++;
					r->array_done = 1;
					return 0;
				}
				started = 1;
				*start_line = r->line + 1;
			}
			r->pos++;
			sb_addc(&r->elem, c);
			if (c == '\n')
				r->line++;
			if (in_str) {
				if (esc)
					esc = 0;
				else if (c == '\\')
					esc = 1;
				else if (c == '"') {
					in_str = 0;
					if (depth == 0)
						return 1;
				}
				continue;
			}
			if (c == '"')
				in_str = 1;
			else if (c == '{' || c == '[')
				depth++;
			else if (c == '}' || c == ']') {
				depth--;
				if (depth <= 0)
					return 1;
			} else if (depth == 0 && r->pos < r->end &&
				   (r->buf[r->pos] == ',' || r->buf[r->pos] == ']' ||
				    r->buf[r->pos] == '\n' || r->buf[r->pos] == ' ')) {
				return 1; /* end of a scalar element */
			}
		}
	}
}

static int next_json(struct reader *r, struct record *rec)
{
	long start = r->line + 1;
	int got;
	if (r->array_done)
		return REC_EOF;
	got = scan_element(r, &start);
	if (got < 0)
		return REC_IOERR;
	if (got == 0)
		return REC_EOF;
	rec->line = start;
	if (got == 2) {
		r->array_done = 1;
		return bad(r, rec, r->elem.buf, r->elem.len, "invalid JSON: truncated array element");
	}
	return parse_object(r, rec, r->elem.buf, r->elem.len);
}

/* Make r->fields[i] exist (initialised) and empty it. */
static void ensure_field(struct reader *r, size_t i)
{
	if (i >= r->nfields_cap) {
		size_t old = r->nfields_cap;
		NM_GROW(r->fields, r->nfields_cap, i + 1);
		memset(r->fields + old, 0, (r->nfields_cap - old) * sizeof *r->fields);
	}
	if (!r->fields[i].buf)
		sb_init(&r->fields[i], 64);
	sb_reset(&r->fields[i]);
}

/* Read one CSV row into r->fields[0..*nf). Returns 1, 0 at eof, -1 error, 2 unterminated. */
static int csv_row(struct reader *r, size_t *nf)
{
	int quoted = 0, after_quote = 0, any = 0;
	size_t n = 0;
	ensure_field(r, 0);
	for (;;) {
		int f = need(r);
		char c;
		if (f < 0)
			return -1;
		if (f == 0) {
			if (quoted) {
				*nf = n;
				return 2;
			}
			if (!any)
				return 0;
			*nf = n + 1;
			return 1;
		}
		c = r->buf[r->pos++];
		any = 1;
		if (quoted) {
			if (c == '"') {
				quoted = 0;
				after_quote = 1;
			} else {
				if (c == '\n')
					r->line++;
				sb_addc(&r->fields[n], c);
			}
			continue;
		}
		if (c == '"') {
			if (after_quote) /* "" inside a quoted field */
				sb_addc(&r->fields[n], '"');
			quoted = 1;
			after_quote = 0;
			continue;
		}
		after_quote = 0;
		if (c == ',') {
			ensure_field(r, ++n);
			continue;
		}
		if (c == '\n') {
			r->line++;
			*nf = n + 1;
			return 1;
		}
		if (c == '\r')
			continue;
		sb_addc(&r->fields[n], c);
	}
}

static int next_csv(struct reader *r, struct record *rec)
{
	size_t nf = 0;
	int got;
	if (!r->hdr) {
		got = csv_row(r, &nf);
		if (got != 1)
			return got < 0 ? REC_IOERR : REC_EOF;
		r->hdr = xcalloc(nf, sizeof *r->hdr);
		r->nhdr = nf;
		for (size_t i = 0; i < nf; i++) {
			const char *h = r->fields[i].buf;
			size_t l = r->fields[i].len;
			if (i == 0 && l >= 3 && !memcmp(h, "\xEF\xBB\xBF", 3))
				h += 3, l -= 3;
			r->hdr[i] = xstrndup(h, l);
		}
	}
	for (;;) {
		long start = r->line + 1;
		got = csv_row(r, &nf);
		if (got < 0)
			return REC_IOERR;
		if (got == 0)
			return REC_EOF;
		rec->line = start;
		if (got == 2) {
			r->eof = 1;
			return bad(r, rec, r->fields[nf].buf, r->fields[nf].len,
				   "unterminated quoted field");
		}
		if (nf == 1 && r->fields[0].len == 0)
			continue; /* blank line */
		if (nf != r->nhdr) {
			sb_reset(&r->elem);
			for (size_t i = 0; i < nf; i++) {
				if (i)
					sb_addc(&r->elem, ',');
				sb_add(&r->elem, r->fields[i].buf, r->fields[i].len);
			}
			return bad(r, rec, r->elem.buf, r->elem.len, "%zu fields, the header has %zu",
				   nf, r->nhdr);
		}
		r->obj = cJSON_CreateObject();
		for (size_t i = 0; i < nf; i++) {
			sb_reset(&r->elem);
			utf8_repair(&r->elem, r->fields[i].buf, r->fields[i].len);
			cJSON_AddItemToObject(r->obj, r->hdr[i],
					      cJSON_CreateString(r->elem.buf ? r->elem.buf : ""));
		}
		rec->obj = r->obj;
		return REC_OK;
	}
}

int reader_next(struct reader *r, struct record *rec)
{
	memset(rec, 0, sizeof *rec);
	cJSON_Delete(r->obj);
	r->obj = NULL;
	switch (r->fmt) {
	case INPUT_JSON: return next_json(r, rec);
	case INPUT_CSV: return next_csv(r, rec);
	case INPUT_TEXT: return next_text(r, rec);
	default: return next_jsonl(r, rec);
	}
}
