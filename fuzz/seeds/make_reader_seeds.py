#!/usr/bin/env python3
"""Write hand-made HTML and WARC seeds for fuzz_reader into fuzz/corpus/reader/
(run from the repository root). Each seed aims at one awkward corner: deep
nesting, broken entities, scripts and styles, huge attributes, odd charsets;
WARC gzip members, truncated records, bad or missing Content-Length, chunked
and gzip-encoded HTTP bodies. Sizes stay under -max_len=8192."""
import gzip
import os

OUT = "fuzz/corpus/reader"
P = "<p>Sáng 7/10, Tổng Bí thư Tô Lâm tiếp Bí thư Đảng Cộng sản Pháp Fabien Roussel tại Hà Nội.</p>"


def w(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    assert len(data) <= 8192, (name, len(data))
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def page(body, head="<meta charset=\"utf-8\"><title>Tin</title>"):
    return "<!DOCTYPE html><html lang=\"vi\"><head>" + head + "</head><body>" + body + "</body></html>"


html = {
    "html-deep-div.html": page("<div>" * 700 + P + "</div>" * 700),
    "html-deep-unclosed.html": page("<article>" + "<div><span><b>" * 400 + P),
    "html-entities.html": page("<h1>T&ocirc; L&acirc;m &amp &#x1F600; &#0; &#xD800; &#99999999; &#; &amp;amp; &unknown; &lt&gt</h1>" + P + "<p>&#x110000;&#1114111;&Aacute&aacute;</p>"),
    "html-script-style.html": page("<script>var s='</p><p>Tô Lâm</p>';document.write('<script>x<\\/script>')</script><style>p{}</style><noscript>" + P + "</noscript>" + P + "<script>unterminated"),
    "html-ldjson.html": page(P, "<meta charset=utf-8><title>A - B - C</title><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-99-99T\",\"headline\":\"\\ud800\"}</script><script type=\"application/ld+json\">[[[[[[{\"datePublished\":1}]]]]]]</script>"),
    "html-huge-attr.html": page("<div class=\"" + "content " * 500 + "\" data-x='" + "é" * 800 + "'>" + P + "</div>"),
    "html-meta-odd.html": page(P, "<meta http-equiv=Content-Type content=\"text/html; charset=windows-1258\"><meta property=article:published_time content=\"\"><meta property=og:site_name><title></title><title>Hai</title>"),
    "html-charset-bogus.html": page(P, "<meta charset=\"x-no-such-charset\">"),
    "html-comments-cdata.html": page("<!-- " + P + " --><![CDATA[" + P + "]]><!--unterminated" + P),
    "html-table-pre.html": page("<table><tr><td>" + P + "<td><pre>\n\n  a\tb\n</pre><br><br/><hr></table><ul><li>a<li>b</ul>"),
    "html-only-tags.html": "<" * 300 + ">" * 300 + "</</</<!<?<![",
    "html-bom-nul.html": b"\xef\xbb\xbf<html><body><p>T\x00\xf4 L\xe2m\xff\xfe</p><p>" + "Hà Nội".encode() + b"\x01\x1b</p></body></html>",
    "html-utf16.html": "<html><body><p>Tô Lâm tiếp đoàn</p></body></html>".encode("utf-16"),
    "html-many-p.html": page("".join("<p>Câu số %d về Hà Nội.</p>" % i for i in range(180))),
}
for k, v in html.items():
    w(k, v)


def http(body, ctype=b"text/html; charset=utf-8", extra=b"", clen=None):
    n = len(body) if clen is None else clen
    return (b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype + b"\r\n" + extra +
            b"Content-Length: " + str(n).encode() + b"\r\n\r\n" + body)


def record(block, rtype="response", uri="https://vnexpress.net/a1", clen=None,
           ctype="application/http; msgtype=response", extra=""):
    n = len(block) if clen is None else clen
    h = ("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: 2024-10-07T03:10:00Z\r\n"
         "WARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: %s\r\n%s"
         "Content-Type: %s\r\nContent-Length: %s\r\n\r\n" % (rtype, uri, extra, ctype, n))
    return h.encode() + block + b"\r\n\r\n"


body = page(P).encode()
good = record(http(body))
info = record(b"software: x\r\n", rtype="warcinfo", ctype="application/warc-fields")
warc = {
    "warc-plain.warc": info + good,
    "warc-members.warc.gz": b"".join(gzip.compress(r) for r in (info, good, good)),
    "warc-one-member.warc.gz": gzip.compress(info + good + good),
    "warc-truncated-record.warc": (info + good)[:-60],
    "warc-truncated-member.warc.gz": (gzip.compress(info) + gzip.compress(good))[:-25],
    "warc-clen-huge.warc": record(http(body), clen="99999999999999999999"),
    "warc-clen-negative.warc": record(http(body), clen="-5") + good,
    "warc-clen-short.warc": record(http(body), clen=40) + good,
    "warc-clen-long.warc": record(http(body), clen=len(http(body)) + 500),
    "warc-clen-missing.warc": good.replace(b"Content-Length", b"X-Length", 1),
    "warc-clen-junk.warc": record(http(body), clen="12abc") + good,
    "warc-http-clen-bad.warc": record(http(body, clen=999999)) + record(http(body, clen=3)),
    "warc-chunked.warc": record(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + b"%x\r\n" % 100 + body[:100] + b"\r\nzz\r\n" + body[100:] + b"\r\n0\r\n\r\n"),
    "warc-gzip-body.warc": record(http(gzip.compress(body), extra=b"Content-Encoding: gzip\r\n")),
    "warc-gzip-body-bad.warc": record(http(gzip.compress(body)[:-30] + b"junk", extra=b"Content-Encoding: gzip\r\n")),
    "warc-wet.warc": record(("Sáng 7/10, Tổng Bí thư Tô Lâm tiếp đoàn Pháp.\n").encode(), rtype="conversion", ctype="text/plain"),
    "warc-revisit-resource.warc": record(b"", rtype="revisit") + record(body, rtype="resource", ctype="text/html"),
    "warc-header-garbage.warc": b"WARC/1.0\r\n" + b"X: " + b"a" * 3000 + b"\r\nNoColonHere\r\n: empty\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n" + good,
    "warc-bad-version.warc": b"WARC/9.9\r\nContent-Length: 0\r\n\r\n\r\n\r\n" + good,
    "warc-not-http.warc": record(b"GARBAGE\r\n\r\n" + body) + record(b"HTTP/1.1 200\r\n" + b"X: y\r\n" * 200 + b"\r\n" + body),
    "warc-gzip-garbage-between.warc.gz": gzip.compress(good) + b"\x1f\x8b\x08\x00garbage" + gzip.compress(good),
}
for k, v in warc.items():
    w(k, v)
