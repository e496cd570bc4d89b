#!/usr/bin/env python3
"""Regenerate data/surnames.tsv and data/given_names.tsv.

Vietnamese surnames: strathausen/vietname (MIT) and the surname counts derived
from duyet/vietnamese-namedb (MIT), cleaned of mis-encoded and non-surname
entries; Sino-Vietnamese readings of Chinese surnames and romanised Korean
surnames seen in the press are typed here from general knowledge.
Given names: duyet/vietnamese-namedb boy/girl lists (MIT).

Usage: scripts/build-name-data.py [SHARED_DIR]   (default ../shared)
"""
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

# Entries of the forum-derived count list that are not surnames (misspellings,
# VNI mojibake, given names, English words).
NOT_SURNAMES = {"Student", "Le", "Y", "Ánh", "Hoà", "Hùynh", "Trinh", "Ất", "Hồng", "Văn", "Thảo", "Quang",
                "Vĩnh", "Thủy", "Thân:屍", "Laâm", "Ngoâ", "Vuõ", "BĂši", "Döông", "Ñinh", "Ñoã", "Buøi", "Huøynh"}
# Sino-Vietnamese readings of Chinese surnames common in the press (Tập Cận Bình, Lý Khắc Cường, Ôn Gia Bảo ...).
ZH = ["Tập", "Lý", "Vương", "Hồ", "Ôn", "Giang", "Tôn", "Dương", "Lưu", "Trương", "Triệu", "Hàn", "Uông", "Lật",
      "Thái", "Đinh", "Mao", "Ngụy", "Tần", "Đổng", "Dịch", "Tống", "Đặng", "Chu", "Bạc", "Lệnh", "Hứa", "Hoàng",
      "Trần", "Lâm", "Quách", "Khổng", "Tưởng", "Viên", "Phùng", "Mã", "Hoa", "Cảnh", "Lục", "Tiền", "Hạ", "Khương",
      "Bành", "Kiều", "Diệp", "Thẩm", "Tạ", "Đường", "Cố", "Mạnh", "Hách", "Nhậm", "Vu", "Từ", "Lữ", "Chung"]
# Romanised Korean surnames (Moon Jae-in, Kim Jong Un, Ri Yong Ho ...).
KO = ["Kim", "Lee", "Park", "Moon", "Choi", "Choe", "Ri", "Yoon", "Kang", "Jung", "Chung", "Han", "Ban", "Roh",
      "Shin", "Cho", "Jang", "Lim", "Oh", "Seo", "Yoo", "Song", "Hwang", "Ahn", "Chun"]
# Vietnamese surnames the lists miss but politics uses (Tô Lâm, Vưu Quyền, Lò, Hầu, Giàng, Sùng ...).
VI_EXTRA = ["Lò", "Hầu", "Giàng", "Sùng", "Vàng", "Thào", "Mùa", "Điểu", "Ksor", "Rơ Châm", "Niê", "Vi", "Hoàng",
            "Khuất", "Ninh", "Bế", "Hứa", "Nông", "Lục", "Sầm", "Mè", "Tòng", "Quàng", "Vừ", "Triệu"]


def nfc(s):
    # some lists use Latin eth (Ð U+00D0) for Vietnamese Đ (U+0110)
    return unicodedata.normalize("NFC", s.strip().replace("Ð", "Đ").replace("ð", "đ"))


def plausible(s):
    # mojibake from VNI/TCVN encodings and Latin-1 artefacts
    return s and not any(c in s for c in "øöñÑš:") and s[0].isupper()


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared")
    counts = {}
    with open(os.path.join(shared, "data", "duyet-vietnamese-namedb", "surname_counts_from_uit_member.tsv"),
              encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            name, n = line.split("\t")
            counts[nfc(name)] = int(n)
    vi = []
    with open(os.path.join(shared, "data", "strathausen-vietname", "surnames.tsv"), encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            cols = line.split("\t")
            vi.append(nfc(cols[0].split(":")[0]))
            if len(cols) > 1 and "|" in cols[1]:
                v = nfc(cols[1].split("|")[0])
                if v and v[0].isupper() and v.isalpha():
                    vi.append(v)  # listed variants: Huỳnh/Hoàng, Vũ/Võ, Thái/Sái
    vi += [s for s in counts if counts[s] >= 2]
    vi += [nfc(s) for s in VI_EXTRA]
    entries = {}
    for s in vi:
        if s in NOT_SURNAMES or not plausible(s):
            continue
        entries.setdefault(s, set()).add("vi")
    for s in ZH:
        entries.setdefault(nfc(s), set()).add("zh")
    for s in KO:
        entries.setdefault(nfc(s), set()).add("ko")
    with open(os.path.join(DATA, "surnames.tsv"), "w", encoding="utf-8") as f:
        f.write("# surnames.tsv — family names that open a person's name in Vietnamese news.\n")
        f.write("# Columns: surname<TAB>(no aliases)<TAB>attrs: origin=vi|zh|ko (comma list; zh = Sino-Vietnamese\n")
        f.write("#   reading of a Chinese surname, ko = romanised Korean); count= frequency in a sample of 8,757\n")
        f.write("#   Vietnamese names (higher = commoner); case=first; tones=exact (Lê/le, Hà/ha, Hồ/ho ...).\n")
        f.write("# Sources: strathausen/vietname (MIT) and duyet/vietnamese-namedb (MIT) surname lists, cleaned;\n")
        f.write("#   Chinese, Korean and minority surnames typed from general knowledge. Licence: MIT.\n")
        f.write("# Regenerate with scripts/build-name-data.py.\n")
        order = sorted(entries, key=lambda s: (-counts.get(s, 0), s))
        for s in order:
            attrs = ["origin=" + ",".join(sorted(entries[s], key=["vi", "zh", "ko"].index))]
            if s in counts:
                attrs.append("count=%d" % counts[s])
            attrs.append("case=first")
            attrs.append("tones=exact")  # also keeps Korean Han apart from Hàn
            f.write("%s\t\t%s\n" % (s, ";".join(attrs)))
    given = {}
    base = os.path.join(shared, "data", "duyet-vietnamese-namedb")
    for fn, g in (("given_names_boy.txt", "m"), ("given_names_girl.txt", "f")):
        with open(os.path.join(base, fn), encoding="utf-8") as f:
            for line in f:
                n = nfc(line)
                if n and plausible(n):
                    given.setdefault(n, set()).add(g)
    # one line per folded form (the lists hold tone-placement variants: Hoà/Hòa)
    def fold(s):
        s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
        return " ".join("".join(c for c in s if unicodedata.category(c) != "Mn").lower().split())
    byfold = {}
    for n in sorted(given):
        byfold.setdefault(fold(n), []).append(n)
    with open(os.path.join(DATA, "given_names.tsv"), "w", encoding="utf-8") as f:
        f.write("# given_names.tsv — Vietnamese given names (middle + given syllables, as listed), for telling a\n")
        f.write("#   person's name from other capitalised words; not matched on their own.\n")
        f.write("# Columns: name<TAB>(no aliases)<TAB>attrs: gender=m|f when the name is listed for one sex only;\n")
        f.write("#   tones=exact when names differing only in tones are listed.\n")
        f.write("# Source: duyet/vietnamese-namedb boy.txt/girl.txt (MIT). Regenerate with scripts/build-name-data.py.\n")
        for key in sorted(byfold):
            names = byfold[key]
            for n in names:
                attrs = []
                gs = given[n]
                if len(gs) == 1:
                    attrs.append("gender=" + next(iter(gs)))
                attrs.append("case=first")
                if len(names) > 1:
                    attrs.append("tones=exact")
                f.write("%s\t\t%s\n" % (n, ";".join(attrs)))
    print("surnames: %d, given names: %d" % (len(entries), len(given)))


if __name__ == "__main__":
    main()
