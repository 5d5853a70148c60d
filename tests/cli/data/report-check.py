#!/usr/bin/env python3
"""Checks for the report tests (standard library only).

  report-check.py html FILE   the page is self-contained and well-formed: it parses as XML
                              (the writer keeps it XML-compatible) and every HTML element
                              opened is closed in order; no script, no external resource
                              (src/href to another origin, @import, url(), <link>, <img>,
                              <iframe>, <object>); lang="zh", UTF-8, a print style sheet
  report-check.py png FILE    the PNG decodes and is not blank: enough distinct colours and
                              enough pixels that are not the background
Exits 1 with a message on the first failed check.
"""
import re
import struct
import sys
import xml.etree.ElementTree as ET
import zlib
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


def fail(msg):
    print("report-check: " + msg)
    sys.exit(1)


class Balance(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            fail("</%s> at line %d closes nothing" % (tag, self.getpos()[0]))
        open_tag, pos = self.stack.pop()
        if open_tag != tag:
            fail("</%s> at line %d closes <%s> of line %d" % (tag, self.getpos()[0], open_tag, pos[0]))


def check_html(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("not UTF-8: %s" % e)
    if not text.startswith("<!DOCTYPE html>"):
        fail("no <!DOCTYPE html>")
    if '<html lang="zh">' not in text:
        fail('no <html lang="zh">')
    if '<meta charset="utf-8"/>' not in text:
        fail("no UTF-8 charset declaration")
    if "@media print" not in text:
        fail("no print style sheet")
    if '"Noto Sans CJK SC"' not in text and "&quot;Noto Sans CJK SC&quot;" not in text:
        fail("no CJK font stack")
    # well-formed XML (only the five XML entities, void elements self-closed)
    try:
        ET.fromstring(text[len("<!DOCTYPE html>"):])
    except ET.ParseError as e:
        fail("not well-formed: %s" % e)
    b = Balance()
    b.feed(text)
    b.close()
    if b.stack:
        fail("unclosed elements: %s" % ", ".join("<%s> line %d" % (t, p[0]) for t, p in b.stack))
    for bad in ("script", "link", "img", "iframe", "object", "embed", "base", "form"):
        if bad in b.tags:
            fail("<%s> element present" % bad)
    # external references: src/href to another origin or a non-fragment URL, CSS imports
    for m in re.finditer(r'\b(src|href|xlink:href|action|srcset|poster)\s*=\s*"([^"]*)"', text):
        if m.group(1) != "href" or not m.group(2).startswith("#"):
            fail("external reference %s=\"%s\"" % (m.group(1), m.group(2)))
    style = "".join(re.findall(r"<style>(.*?)</style>", text, re.S))
    style += "".join(re.findall(r'style="([^"]*)"', text))
    if "@import" in style or "url(" in style or "@font-face" in style:
        fail("style sheet loads a resource")
    if re.search(r"(?i)\bon[a-z]+\s*=", re.sub(r">[^<]*<", "><", text)):
        fail("event handler attribute present")
    if "<svg" not in text:
        fail("no SVG chart")


def png_pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                fail("unsupported PNG (depth %d, colour type %d, interlace %d)" % (depth, ctype, interlace))
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def check_png(path):
    width, height, bpp, rows = png_pixels(path)
    colours = {}
    for y in range(0, height, 2):
        line = rows[y]
        for x in range(0, width, 2):
            px = line[x * bpp:x * bpp + 3]
            colours[px] = colours.get(px, 0) + 1
    total = sum(colours.values())
    background = max(colours.values())
    distinct = len(colours)
    ink = 1 - background / total
    print("png: %dx%d, %d distinct colours, %.1f%% not background" % (width, height, distinct, 100 * ink))
    if distinct < 50:
        fail("blank page: only %d distinct colours" % distinct)
    if ink < 0.05:
        fail("blank page: %.1f%% of the pixels differ from the background" % (100 * ink))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("html", "png"):
        fail("usage: report-check.py html|png FILE")
    (check_html if sys.argv[1] == "html" else check_png)(sys.argv[2])
