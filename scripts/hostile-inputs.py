#!/usr/bin/env python3
"""Hostile inputs at scale: generate them, run `sukien clean|code|ingest` on
each under /usr/bin/time -v, and print one Markdown row per run (peak RSS,
wall time, exit code, first stderr line). docs/ROBUSTNESS.md has the results.

    scripts/hostile-inputs.py [--dir build/hostile] [--only CASE,...] [--cmds clean,code,ingest]

The inputs (about 700 MB in all) are written under --dir and not committed;
each is generated once and reused. Text is our own: a few sentences written
for this script, repeated. Every command runs under `nice -n 10`.
"""
import argparse
import gzip
import json
import os
import random
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Written for this script (not taken from any news source).
SENTENCES = [
    "Sáng 7/10, tại Hà Nội, Chủ tịch nước Lê Văn An tiếp Đại sứ Pháp Jean Martin.",
    "Hai bên nhất trí tăng cường hợp tác kinh tế, giáo dục và văn hóa.",
    "Chiều cùng ngày, Thủ tướng Trần Minh Bình điện đàm với Thủ tướng Nhật Bản Taro Sato.",
    "Bộ trưởng Ngoại giao Nguyễn Thị Hoa thăm chính thức Lào từ ngày 3 đến 5/12.",
    "Thời tiết miền Bắc chuyển lạnh, nhiệt độ thấp nhất 12 độ C.",
]


def para(n_bytes):
    """About n_bytes of text: the sentences repeated, a paragraph break every 8."""
    out, size, i = [], 0, 0
    while size < n_bytes:
        s = SENTENCES[i % len(SENTENCES)] + (" " if i % 8 != 7 else "\n\n")
        out.append(s)
        size += len(s.encode())
        i += 1
    return "".join(out)


SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Minh Bình", "Thị Hoa", "Quốc Cường", "Thanh Dũng", "Hữu Giang", "Đức Hải",
         "Ngọc Lan", "Xuân Mai", "Công Nam", "Bảo Phúc", "Kim Quy"]
FOREIGN = [("Pháp", "Jean Martin"), ("Nhật Bản", "Taro Sato"), ("Lào", "Somphone Keo"),
           ("Đức", "Anna Weber"), ("Ấn Độ", "Ravi Kumar"), ("Úc", "Jane Miller")]


def varied(n_bytes, i=0):
    """About n_bytes of text in which no paragraph repeats (the cleaner drops
    repeated lines, so a repeated text never reaches the coder at size)."""
    out, size = [], 0
    while size < n_bytes:
        vn = "%s %s" % (SURNAMES[i % 10], GIVEN[(i // 10) % 12])
        country, fn = FOREIGN[(i // 120) % 6]
        d, m = 1 + i % 28, 1 + (i // 28) % 12
        p = ("Sáng %d/%d, tại Hà Nội, Bộ trưởng %s tiếp Đại sứ %s %s. Hai bên trao đổi về hợp tác "
             "lần thứ %d trong lĩnh vực kinh tế và giáo dục. Chiều cùng ngày, Thứ trưởng %s điện đàm "
             "với Thứ trưởng %s về kế hoạch số %d.\n\n"
             % (d, m, vn, country, fn, i, vn, country, i * 7 + 3))
        out.append(p)
        size += len(p.encode())
        i += 1
    return "".join(out), i


def gen_varied_text(path, mb):
    i = 0
    with open(path, "w") as f:
        for _ in range(mb):
            text, i = varied(1 << 20, i)
            f.write(text)


def gen_giant_jsonl(path, mb):
    chunk = para(1 << 20)
    with open(path, "w") as f:
        f.write('{"id": "giant", "published": "2024-10-07", "title": "Bài rất dài", "text": "')
        enc = json.dumps(chunk, ensure_ascii=False)[1:-1]
        for _ in range(mb):
            f.write(enc)
        f.write('"}\n')
        f.write(json.dumps({"id": "after", "published": "2024-10-07", "text": SENTENCES[0]},
                           ensure_ascii=False) + "\n")


def gen_giant_text(path, mb):
    chunk = para(1 << 20)
    with open(path, "w") as f:
        for _ in range(mb):
            f.write(chunk)


def gen_nested_html(path, depth, tag="div"):
    with open(path, "w") as f:
        f.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Lồng sâu</title></head><body>")
        f.write("<article><p>%s</p>" % SENTENCES[0])
        f.write(("<%s>" % tag) * depth)
        f.write("<p>%s</p>" % SENTENCES[2])
        f.write(("</%s>" % tag) * depth)
        f.write("</article></body></html>\n")


def gen_unclosed_html(path, n):
    with open(path, "w") as f:
        f.write("<html><body>")
        for i in range(n):
            f.write("<p><b><i>%s" % SENTENCES[i % len(SENTENCES)])
        f.write("\n")


def gen_tiny(path, n):
    with open(path, "w") as f:
        for i in range(n):
            f.write('{"id":"t%d","text":"%s"}\n' % (i, SENTENCES[i % 3] if i % 2 else "Ông A gặp ông B."))


def warc_record(i):
    html = ("<html><head><meta charset=\"utf-8\"><title>Tin %d</title></head><body><article>"
            "<h1>Tin %d</h1><p>%s</p><p>%s</p></article></body></html>"
            % (i, i, SENTENCES[i % 5], SENTENCES[(i + 1) % 5])).encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(html) + html
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.invalid/tin-%d\r\n"
            "WARC-Date: 2024-10-07T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>\r\n"
            "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % (i, i, len(http))).encode()
    return head + http + b"\r\n\r\n"


def gen_truncated_warc(path, n):
    """n records, one gzip member each, cut in the middle of the last member."""
    with open(path, "wb") as f:
        for i in range(n):
            member = gzip.compress(warc_record(i))
            f.write(member if i < n - 1 else member[: len(member) // 2])


def gen_truncated_warc_whole(path, n):
    """n records in a single gzip stream, cut at 60%."""
    data = gzip.compress(b"".join(warc_record(i) for i in range(n)))
    with open(path, "wb") as f:
        f.write(data[: len(data) * 6 // 10])


def gen_garbage(path, mb):
    rnd = random.Random(20261203)
    with open(path, "wb") as f:
        for _ in range(mb):
            f.write(rnd.randbytes(1 << 20))


CASES = [
    # name, file, generator, format flag (None = auto)
    ("giant-line-200MB", "giant-200mb.jsonl", lambda p: gen_giant_jsonl(p, 200), None),
    ("giant-line-30MB", "giant-30mb.jsonl", lambda p: gen_giant_jsonl(p, 30), None),
    ("giant-text-100MB", "giant-100mb.txt", lambda p: gen_giant_text(p, 100), None),
    ("giant-text-30MB", "giant-30mb.txt", lambda p: gen_giant_text(p, 30), None),
    ("varied-text-1MB", "varied-1mb.txt", lambda p: gen_varied_text(p, 1), None),
    ("varied-text-4MB", "varied-4mb.txt", lambda p: gen_varied_text(p, 4), None),
    ("varied-text-30MB", "varied-30mb.txt", lambda p: gen_varied_text(p, 30), None),
    ("nested-div-100k", "nested-100k.html", lambda p: gen_nested_html(p, 100000), None),
    ("nested-b-100k", "nested-b-100k.html", lambda p: gen_nested_html(p, 100000, "b"), None),
    ("unclosed-p-b-i-100k", "unclosed-100k.html", lambda p: gen_unclosed_html(p, 100000), None),
    ("tiny-2M", "tiny-2m.jsonl", lambda p: gen_tiny(p, 2000000), None),
    ("tiny-1M", "tiny-1m.jsonl", lambda p: gen_tiny(p, 1000000), None),
    ("warc-gz-truncated-20k", "trunc-20k.warc.gz", lambda p: gen_truncated_warc(p, 20000), None),
    ("warc-gz-1stream-truncated", "trunc-1stream.warc.gz", lambda p: gen_truncated_warc_whole(p, 20000), None),
    ("garbage-50MB", "garbage-50mb.bin", lambda p: gen_garbage(p, 50), None),
    ("garbage-50MB-as-jsonl", "garbage-50mb.bin", None, "jsonl"),
    ("garbage-50MB-as-html", "garbage-50mb.bin", None, "html"),
    ("garbage-50MB-as-warc", "garbage-50mb.bin", None, "warc"),
]


def run(cmd, cwd):
    t = subprocess.run(["/usr/bin/time", "-v", "-o", "time.out", "nice", "-n", "10"] + cmd,
                       cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tv = open(os.path.join(cwd, "time.out")).read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", tv).group(1)
    parts = [float(x) for x in wall.split(":")]
    secs = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
    sig = re.search(r"Command terminated by signal (\d+)", tv)
    err = t.stderr.decode("utf-8", "replace").splitlines()
    return rss, secs, (-int(sig.group(1)) if sig else t.returncode), err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=os.path.join(ROOT, "build", "hostile"))
    ap.add_argument("--only", default="")
    ap.add_argument("--cmds", default="clean,code,ingest")
    ap.add_argument("--sukien", default=os.path.join(ROOT, "build", "sukien"))
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    only = set(a.only.split(",")) if a.only else None
    env_data = os.environ.setdefault("SUKIEN_DATA", os.path.join(ROOT, "data"))
    print("| case | input | command | exit | peak RSS | wall | stderr (first line; count) |")
    print("|---|---|---|---|---|---|---|")
    for name, fname, gen, fmt in CASES:
        if only and name not in only:
            continue
        path = os.path.join(a.dir, fname)
        if not os.path.exists(path):
            t0 = time.time()
            gen(path + ".tmp")
            os.rename(path + ".tmp", path)
            print("generated %s (%.0f MB) in %.0f s" % (fname, os.path.getsize(path) / 1e6, time.time() - t0),
                  file=sys.stderr)
        size = os.path.getsize(path)
        cmds = [c for c in a.cmds.split(",") if c]
        # ingest of 2 million articles takes ~20 min here: the 1-million file
        # stands for it, and is ingested a second time (all unchanged: the
        # memory of the table of stored hashes)
        if name == "tiny-2M":
            cmds = [c for c in cmds if c != "ingest"]
        if name == "tiny-1M":
            cmds = [c for c in cmds if c == "ingest"] + (["reingest"] if "ingest" in cmds else [])
        for c in cmds:
            cmd = [a.sukien, "ingest" if c == "reingest" else c]
            if fmt:
                cmd += ["--format", fmt]
            if c in ("ingest", "reingest"):
                db = os.path.join(a.dir, name + ".db")
                for ext in ("", "-wal", "-shm"):
                    if c == "ingest" and os.path.exists(db + ext):
                        os.remove(db + ext)
                cmd += ["--db", db, "--no-progress"]
            cmd.append(path)
            rss, secs, rc, err = run(cmd, a.dir)
            first = next((l for l in err if l.strip()), "")
            if len(first) > 110:
                first = first[:107] + "..."
            print("| %s | %.0f MB | %s | %s | %.0f MB | %.1f s | `%s` (%d) |"
                  % (name, size / 1e6, c, rc, rss / 1024, secs, first.replace("|", "\\|"), len(err)),
                  flush=True)


if __name__ == "__main__":
    main()
