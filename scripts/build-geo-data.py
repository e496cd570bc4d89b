#!/usr/bin/env python3
"""Regenerate data/countries.tsv and the generated block of data/places.tsv.

Facts only: country codes and CLDR Vietnamese names from the shared gazetteers
(umpirsky/country-list, MIT; ISO 3166-1 alpha-3 from Debian's iso-codes when
present, else from the table below), Vietnamese provinces from
thanglequoc/vietnamese-provinces-database (MIT). Press spellings and
transliterations are typed by hand from general knowledge.

Usage: scripts/build-geo-data.py [SHARED_DIR]   (default ../shared)
"""
import csv
import json
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

def nfc(s):
    return unicodedata.normalize("NFC", s.strip())

# iso2 -> (press canonical or None to keep CLDR, [aliases], extra attrs)
# Flags: tones=exact for short names that fold onto common words; ambiguous=1
# where the name is also a personal name or a common syllable in names, so
# later stages should want context (a title before it, "nước", "tại", ...).
PRESS = {
    "VN": ("Việt Nam", ["Cộng hòa Xã hội Chủ nghĩa Việt Nam", "CHXHCN Việt Nam", "nước CHXHCN Việt Nam", "Vietnam", "Viet Nam"], ""),
    "US": ("Mỹ", ["Hoa Kỳ", "Hợp chủng quốc Hoa Kỳ", "Hợp chúng quốc Hoa Kỳ", "Hợp chủng quốc Mỹ"], "tones=exact;ambiguous=1"),
    "GB": ("Anh", ["Vương quốc Anh", "Liên hiệp Vương quốc Anh", "Liên hiệp Vương quốc Anh và Bắc Ai-len",
                   "Liên hiệp Vương quốc Anh và Bắc Ireland", "Vương quốc Liên hiệp Anh và Bắc Ireland", "Anh quốc"],
           "tones=exact;ambiguous=1"),
    "AU": ("Australia", ["Úc", "Ô-xtrây-li-a", "Ôxtrâylia", "Australia"], ""),
    "KR": ("Hàn Quốc", ["Đại Hàn Dân Quốc", "Đại Hàn", "Nam Hàn", "Cộng hòa Hàn Quốc", "Hàn"], ""),
    "KP": ("Triều Tiên", ["CHDCND Triều Tiên", "Cộng hòa Dân chủ Nhân dân Triều Tiên", "Bắc Triều Tiên", "Bắc Hàn", "CHDCNDTT"], ""),
    "LA": ("Lào", ["CHDCND Lào", "Cộng hòa Dân chủ Nhân dân Lào", "nước CHDCND Lào"], "tones=exact"),
    "KH": ("Campuchia", ["Cam-pu-chia", "Vương quốc Campuchia", "Vương quốc Cam-pu-chia", "Cam Bốt"], ""),
    "RU": ("Nga", ["Liên bang Nga", "LB Nga", "LBN", "Nước Nga"], "tones=exact"),
    "CN": ("Trung Quốc", ["Cộng hòa Nhân dân Trung Hoa", "CHND Trung Hoa", "Trung Hoa"], ""),
    "FR": ("Pháp", ["Cộng hòa Pháp", "Nước Pháp"], "tones=exact"),
    "DE": ("Đức", ["Cộng hòa Liên bang Đức", "CHLB Đức", "Liên bang Đức"], "tones=exact;ambiguous=1"),
    "JP": ("Nhật Bản", ["Nhật", "Nước Nhật"], ""),
    "CZ": ("Séc", ["Cộng hòa Séc", "CH Séc", "Czech", "Cộng hòa Czech", "Czechia"], "tones=exact"),
    "SG": ("Singapore", ["Xinh-ga-po", "Xin-ga-po", "Xingapo", "Cộng hòa Singapore"], ""),
    "IN": ("Ấn Độ", ["Cộng hòa Ấn Độ"], ""),
    "ID": ("Indonesia", ["In-đô-nê-xi-a", "Inđônêxia", "Cộng hòa Indonesia"], ""),
    "MY": ("Malaysia", ["Ma-lai-xi-a", "Malaixia"], ""),
    "PH": ("Philippines", ["Phi-líp-pin", "Philíppin", "Cộng hòa Philippines"], ""),
    "MM": ("Myanmar", ["Mi-an-ma", "Mianma", "Miến Điện", "Myanma"], ""),
    "BN": ("Brunei", ["Bru-nây", "Brunây", "Brunei Darussalam", "Bru-nây Đa-rút-xa-lam"], ""),
    "TH": ("Thái Lan", ["Vương quốc Thái Lan"], ""),
    "TL": ("Timor-Leste", ["Đông Timor", "Ti-mo Lex-te", "Timor Leste", "Đông Ti-mo"], ""),
    "IT": ("Italy", ["Italia", "I-ta-li-a", "Ý"], ""),
    "UA": ("Ukraine", ["Ukraina", "U-crai-na", "Ucraina"], ""),
    "CU": ("Cuba", ["Cu-ba", "Cu Ba", "Cộng hòa Cuba"], ""),
    "CA": ("Canada", ["Ca-na-đa", "Canađa"], ""),
    "MX": ("Mexico", ["Mê-hi-cô", "Mêhicô", "Mexicô"], ""),
    "BR": ("Brazil", ["Bra-xin", "Braxin", "Brasil"], ""),
    "AR": ("Argentina", ["Ác-hen-ti-na", "Áchentina"], ""),
    "KZ": ("Kazakhstan", ["Ca-dắc-xtan", "Cadắcxtan", "Kazakstan"], ""),
    "HU": ("Hungary", ["Hung-ga-ry", "Hunggari"], ""),
    "BG": ("Bulgaria", ["Bun-ga-ri", "Bungari"], ""),
    "RO": ("Romania", ["Ru-ma-ni", "Rumani", "Rumania"], ""),
    "NZ": ("New Zealand", ["Niu Di-lân", "Niu Dilân"], ""),
    "SE": ("Thụy Điển", [], ""),
    "NO": ("Na Uy", [], ""),
    "IL": ("Israel", ["I-xra-en", "Ixraen"], ""),
    "IR": ("Iran", ["I-ran"], ""),
    "IQ": ("Iraq", ["I-rắc", "Irắc"], ""),
    "EG": ("Ai Cập", [], ""),
    "ZA": ("Nam Phi", [], ""),
    "VE": ("Venezuela", ["Vê-nê-xu-ê-la", "Vênêxuêla"], ""),
    "CL": ("Chile", ["Chi-lê", "Chilê"], ""),
    "PE": ("Peru", ["Pê-ru", "Pêru"], ""),
    "KW": ("Kuwait", ["Cô-oét", "Côoét"], ""),
    "QA": ("Qatar", ["Ca-ta", "Cata"], ""),
    "AE": ("UAE", ["Các Tiểu Vương quốc Ả Rập Thống nhất", "Các Tiểu vương quốc Ả-rập Thống nhất", "Các Tiểu vương quốc Arab Thống nhất",
                   "Tiểu vương quốc Ả Rập Thống nhất", "Tiểu vương quốc Ả-rập Thống nhất", "Các Tiểu vương quốc A-rập Thống nhất"], ""),
    "MN": ("Mông Cổ", [], ""),
    "BY": ("Belarus", ["Bê-la-rút", "Bêlarút"], ""),
    "LK": ("Sri Lanka", ["Xri Lan-ca", "Xrilanca"], ""),
    "PK": ("Pakistan", ["Pa-ki-xtan", "Pakixtan"], ""),
    "BD": ("Bangladesh", ["Băng-la-đét", "Bănglađét"], ""),
    "TR": ("Thổ Nhĩ Kỳ", ["Türkiye", "Thổ"], ""),
    "ES": ("Tây Ban Nha", [], ""),
    "PT": ("Bồ Đào Nha", [], ""),
    "NL": ("Hà Lan", [], ""),
    "BE": ("Bỉ", ["Vương quốc Bỉ"], "tones=exact"),
    "CH": ("Thụy Sĩ", ["Thụy Sỹ"], ""),
    "AT": ("Áo", ["Cộng hòa Áo"], "tones=exact;ambiguous=1"),
    "DK": ("Đan Mạch", [], ""),
    "FI": ("Phần Lan", [], ""),
    "IE": ("Ireland", ["Ai-len", "Ailen", "Ai-rơ-len", "Cộng hòa Ireland"], ""),
    "GR": ("Hy Lạp", [], ""),
    "SK": ("Slovakia", ["Xlô-va-ki-a", "Xlôvakia"], ""),
    "SI": ("Slovenia", ["Xlô-ve-ni-a", "Xlôvênia"], ""),
    "MZ": ("Mozambique", ["Mô-dăm-bích", "Môdămbích"], ""),
    "AO": ("Angola", ["Ăng-gô-la", "Ănggôla"], ""),
    "DZ": ("Algeria", ["An-giê-ri", "Angiêri"], ""),
    "NG": ("Nigeria", ["Ni-giê-ri-a", "Nigiêria"], ""),
    "ET": ("Ethiopia", ["Ê-ti-ô-pi-a", "Êtiôpia"], ""),
    "SD": ("Sudan", ["Xu-đăng", "Xuđăng"], ""),
    "SA": ("Saudi Arabia", ["Ả Rập Xê-út", "Ả-rập Xê-út", "Ả Rập Saudi", "Arab Saudi", "Saudi", "A-rập Xê-út"], ""),
    "SY": ("Syria", ["Xy-ri", "Xyri", "Xi-ri"], ""),
    "LB": ("Lebanon", ["Li-băng", "Libăng"], ""),
    "JO": ("Jordan", ["Gioóc-đa-ni", "Gioócđani"], "ambiguous=1"),
    "PS": ("Palestine", ["Pa-le-xtin", "Palextin", "Nhà nước Palestine", "Lãnh thổ Palestine"], ""),
    "OM": ("Oman", ["Ô-man"], ""),
    "BH": ("Bahrain", ["Ba-ranh", "Baranh"], ""),
    "MA": ("Morocco", ["Ma-rốc", "Marốc", "Maroc"], ""),
    "TN": ("Tunisia", ["Tuy-ni-di", "Tuynidi"], ""),
    "EC": ("Ecuador", ["Ê-cu-a-đo", "Êcuađo"], ""),
    "CO": ("Colombia", ["Cô-lôm-bi-a", "Côlômbia"], ""),
    "PA": ("Panama", ["Pa-na-ma"], ""),
    "NI": ("Nicaragua", ["Ni-ca-ra-goa", "Nicaragoa"], ""),
    "PG": ("Papua New Guinea", ["Pa-pua Niu Ghi-nê", "Papua Niu Ghinê"], ""),
    "FJ": ("Fiji", ["Phi-gi", "Phigi"], ""),
    "TW": ("Đài Loan", [], ""),
    "HK": ("Hồng Kông", ["Hong Kong", "Hồng Kông, Trung Quốc", "Hương Cảng"], ""),
    "MO": ("Ma Cao", ["Macao", "Macau", "Ma Cao, Trung Quốc", "Áo Môn"], ""),
    "LT": ("Litva", ["Lít-va", "Lithuania"], ""),
    "LV": ("Latvia", ["Lát-vi-a", "Látvia"], ""),
    "EE": ("Estonia", ["E-xtô-ni-a", "Ê-xtô-ni-a", "Extônia"], ""),
    "RS": ("Serbia", ["Xéc-bi-a", "Xécbia", "Séc-bi-a"], ""),
    "HR": ("Croatia", ["Crô-a-ti-a", "Crôatia"], ""),
    "GE": ("Gruzia", ["Gru-di-a", "Grudia", "Georgia"], ""),
    "AM": ("Armenia", ["Ác-mê-ni-a", "Ácmênia", "Ac-mê-ni-a"], ""),
    "AZ": ("Azerbaijan", ["A-déc-bai-gian", "Adécbaigian", "Azerbaizan"], ""),
    "UZ": ("Uzbekistan", ["U-dơ-bê-ki-xtan", "Udơbêkixtan"], ""),
    "TJ": ("Tajikistan", ["Tát-gi-ki-xtan", "Tátgikixtan"], ""),
    "TM": ("Turkmenistan", ["Tuốc-mê-ni-xtan", "Tuốcmênixtan"], ""),
    "KG": ("Kyrgyzstan", ["Cư-rơ-gư-xtan", "Cưrơgưxtan", "Kyrgyzstan"], ""),
    "AF": ("Afghanistan", ["Áp-ga-ni-xtan", "Ápganixtan"], ""),
    "NP": ("Nepal", ["Nê-pan", "Nêpan"], ""),
    "BT": ("Bhutan", ["Bu-tan", "Butan"], ""),
    "MV": ("Maldives", ["Man-đi-vơ", "Manđivơ"], ""),
    "SN": ("Senegal", ["Xê-nê-gan", "Xênêgan"], ""),
    "GH": ("Ghana", ["Ga-na"], ""),
    "KE": ("Kenya", ["Kê-ni-a", "Kênia"], ""),
    "TZ": ("Tanzania", ["Tan-da-ni-a", "Tandania"], ""),
    "MD": ("Moldova", ["Môn-đô-va", "Mônđôva"], ""),
    "LU": ("Luxembourg", ["Luých-xăm-bua", "Lúc-xăm-bua", "Lúcxămbua"], ""),
    "MC": ("Monaco", ["Mô-na-cô", "Mônacô"], ""),
    "VA": ("Vatican", ["Tòa Thánh Vatican", "Tòa Thánh", "Va-ti-căng", "Thành Vatican", "Thành quốc Vatican"], ""),
    "PL": ("Ba Lan", ["Cộng hòa Ba Lan"], ""),
    "CY": ("Síp", ["Cyprus", "Đảo Síp"], "tones=exact"),
    "AL": ("Albania", ["An-ba-ni", "Anbani"], ""),
    "MK": ("Bắc Macedonia", ["Macedonia", "Ma-xê-đô-ni-a", "Bắc Ma-xê-đô-ni-a"], ""),
    "BA": ("Bosnia và Herzegovina", ["Bô-xni-a Héc-dê-gô-vi-na", "Bosnia-Herzegovina", "Bosnia"], ""),
    "ME": ("Montenegro", ["Môn-tê-nê-grô", "Mônênêgrô"], ""),
    "IS": ("Iceland", ["Ai-xơ-len", "Aixơlen"], ""),
    "LY": ("Libya", ["Li-bi", "Libi"], ""),
    "YE": ("Yemen", ["Y-ê-men", "Yêmen"], ""),
    "NE": ("Niger", ["Ni-giê", "Nigiê"], ""),
    "ML": ("Mali", ["Ma-li"], ""),
    "CM": ("Cameroon", ["Ca-mơ-run", "Camơrun"], ""),
    "CD": ("Congo - Kinshasa", ["Cộng hòa Dân chủ Congo", "CHDC Congo", "Cộng hòa Dân chủ Công-gô", "CHDC Công-gô"], ""),
    "CG": ("Congo - Brazzaville", ["Cộng hòa Congo", "Cộng hòa Công-gô"], ""),
    "CI": ("Côte d’Ivoire", ["Bờ Biển Ngà", "Cốt Đi-voa", "Côte d'Ivoire"], ""),
    "ZW": ("Zimbabwe", ["Dim-ba-bu-ê", "Dimbabuê"], ""),
    "ZM": ("Zambia", ["Dăm-bi-a", "Dămbia"], ""),
    "UG": ("Uganda", ["U-gan-đa", "Ugan-đa"], ""),
    "RW": ("Rwanda", ["Ru-an-đa", "Ruanđa"], ""),
    "NA": ("Namibia", ["Na-mi-bi-a", "Namibia"], ""),
    "MG": ("Madagascar", ["Ma-đa-ga-xca", "Mađagaxca"], ""),
    "GN": ("Guinea", ["Ghi-nê", "Ghinê"], ""),
    "GW": ("Guinea-Bissau", ["Ghi-nê Bít-xao", "Ghinê Bítxao"], ""),
    "GQ": ("Guinea Xích Đạo", ["Ghi-nê Xích Đạo"], ""),
    "TD": ("Chad", ["Sát"], ""),
    "SO": ("Somalia", ["Xô-ma-li", "Xômali"], ""),
    "ER": ("Eritrea", ["Ê-ri-tơ-ri-a"], ""),
    "DJ": ("Djibouti", ["Gi-bu-ti", "Gibuti"], ""),
    "BI": ("Burundi", ["Bu-run-đi"], ""),
    "BJ": ("Benin", ["Bê-nanh", "Bênanh"], ""),
    "TG": ("Togo", ["Tô-gô"], ""),
    "BF": ("Burkina Faso", ["Buốc-ki-na Pha-xô"], ""),
    "LR": ("Liberia", ["Li-bê-ri-a", "Libêria"], ""),
    "SL": ("Sierra Leone", ["Xi-ê-ra Lê-ôn"], ""),
    "MR": ("Mauritania", ["Mô-ri-ta-ni", "Môritani"], ""),
    "MU": ("Mauritius", ["Mô-ri-xơ", "Môrixơ"], ""),
    "SC": ("Seychelles", ["Xây-sen", "Xâysen"], ""),
    "CV": ("Cape Verde", ["Cabo Verde", "Cáp Ve", "Cáp-ve"], ""),
    "ST": ("São Tomé và Príncipe", ["Sao Tome và Principe", "Xao Tô-mê và Prin-xi-pê"], ""),
    "GA": ("Gabon", ["Ga-bông", "Gabông"], ""),
    "CF": ("Cộng hòa Trung Phi", ["Trung Phi"], ""),
    "SS": ("Nam Sudan", ["Nam Xu-đăng"], ""),
    "SZ": ("Eswatini", ["Swaziland", "Xoa-di-len"], ""),
    "LS": ("Lesotho", ["Lê-xô-thô"], ""),
    "BW": ("Botswana", ["Bốt-xoa-na", "Bốtxoana"], ""),
    "MW": ("Malawi", ["Ma-la-uy", "Malauy"], ""),
    "KM": ("Comoros", ["Cô-mo", "Cômo"], ""),
    "BO": ("Bolivia", ["Bô-li-vi-a", "Bôlivia"], ""),
    "PY": ("Paraguay", ["Pa-ra-goay", "Paragoay"], ""),
    "UY": ("Uruguay", ["U-ru-goay", "Urugoay"], ""),
    "GT": ("Guatemala", ["Goa-tê-ma-la", "Goatêmala"], ""),
    "HN": ("Honduras", ["Hôn-đu-rát", "Hônđurát"], ""),
    "SV": ("El Salvador", ["En Xan-va-đo", "En Xanvađo"], ""),
    "CR": ("Costa Rica", ["Cốt-xta Ri-ca", "Côxta Rica"], ""),
    "DO": ("Cộng hòa Dominica", ["Cộng hòa Đô-mi-ni-ca", "Cộng hòa Dominicana"], ""),
    "DM": ("Dominica", ["Đô-mi-ni-ca", "Khối thịnh vượng chung Dominica"], ""),
    "HT": ("Haiti", ["Ha-i-ti", "Haiti"], ""),
    "JM": ("Jamaica", ["Gia-mai-ca", "Giamaica"], ""),
    "TT": ("Trinidad và Tobago", ["Tri-ni-đát và Tô-ba-gô"], ""),
    "GY": ("Guyana", ["Guy-a-na", "Guyana"], ""),
    "SR": ("Suriname", ["Xu-ri-nam", "Xurinam"], ""),
    "BS": ("Bahamas", ["Ba-ha-mát", "Bahamát"], ""),
    "BB": ("Barbados", ["Bác-ba-đốt", "Bácbađốt"], ""),
    "BZ": ("Belize", ["Bê-li-xê", "Bêlixê"], ""),
    "VU": ("Vanuatu", ["Va-nu-a-tu"], ""),
    "WS": ("Samoa", ["Xa-moa"], ""),
    "TO": ("Tonga", ["Tông-ga"], ""),
    "SB": ("Quần đảo Solomon", ["Solomon", "Xô-lô-môn"], ""),
    "FM": ("Micronesia", ["Mi-crô-nê-xi-a", "Liên bang Micronesia"], ""),
    "MH": ("Quần đảo Marshall", ["Marshall", "Mác-san"], ""),
    "PW": ("Palau", ["Pa-lau"], ""),
    "NR": ("Nauru", ["Na-u-ru"], ""),
    "KI": ("Kiribati", ["Ki-ri-ba-ti"], ""),
    "TV": ("Tuvalu", ["Tu-va-lu"], ""),
    "MT": ("Malta", ["Man-ta"], ""),
    "LI": ("Liechtenstein", ["Lích-ten-xtên"], ""),
    "SM": ("San Marino", ["Xan Ma-ri-nô"], ""),
    "AD": ("Andorra", ["An-đô-ra"], ""),
    "EH": ("Tây Sahara", ["Tây Xa-ha-ra"], ""),
}

# Former states that background passages still name (ISO 3166-3 codes).
HISTORICAL = [
    ("Liên Xô", ["Liên bang Xô viết", "Liên bang Cộng hòa Xã hội Chủ nghĩa Xô viết", "Liên Xô cũ"], "SUN", "SU"),
    ("Đông Đức", ["Cộng hòa Dân chủ Đức", "CHDC Đức"], "DDR", "DD"),
    ("Tiệp Khắc", ["Cộng hòa Xã hội Chủ nghĩa Tiệp Khắc"], "CSK", "CS"),
    ("Nam Tư", ["Liên bang Nam Tư"], "YUG", "YU"),
]

# Alpha-3 codes come from Debian's iso-codes (apt-get install iso-codes).
def load_iso3():
    p = "/usr/share/iso-codes/json/iso_3166-1.json"
    with open(p, encoding="utf-8") as f:
        return {d["alpha_2"]: d["alpha_3"] for d in json.load(f)["3166-1"]}

def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return " ".join(s.lower().split())

def dedupe(canon, aliases):
    out, seen = [], {fold(canon)}
    for a in aliases:
        if fold(a) not in seen:
            seen.add(fold(a))
            out.append(a)
    return out

def build_countries(shared):
    src = os.path.join(shared, "data", "umpirsky-country-list", "vi_country.csv")
    with open(src, encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    iso3 = load_iso3()
    out = []
    for iso2, cldr in sorted(rows, key=lambda r: r[0]):
        cldr = nfc(cldr)
        canon, aliases, flags = PRESS.get(iso2, (None, [], ""))
        canon = nfc(canon) if canon else cldr
        al = []
        for a in [cldr] + aliases:
            a = nfc(a)
            if fold(a) != fold(canon) and fold(a) not in [fold(x) for x in al]:
                al.append(a)
        attrs = "iso3=%s;iso2=%s;case=all" % (iso3[iso2], iso2)
        if flags:
            attrs += ";" + flags
        out.append((canon, al, attrs))
    for canon, aliases, i3, i2 in HISTORICAL:
        out.append((canon, aliases, "iso3=%s;iso2=%s;case=all;historical=1" % (i3, i2)))
    path = os.path.join(DATA, "countries.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# countries.tsv — countries and territories (ISO 3166-1), canonical = usual Vietnamese press name.\n")
        f.write("# Columns: canonical<TAB>aliases (|)<TAB>attrs. attrs: iso3, iso2, case, tones, ambiguous, historical.\n")
        f.write("# Sources: ISO 3166-1 codes; Vietnamese CLDR names via umpirsky/country-list (MIT, names from Unicode CLDR)\n")
        f.write("#   kept as aliases; press spellings and transliterations typed from general knowledge. Licence: MIT.\n")
        f.write("# Generated by scripts/build-geo-data.py — edit the script, not this file.\n")
        f.write("# This file is also the list of valid ISO3 codes for the other data files (see scripts/check-data.py).\n")
        for canon, al, attrs in out:
            f.write("%s\t%s\t%s\n" % (canon, "|".join(al), attrs))
    return len(out)

# Province short name -> (canonical override, extra aliases). "Hồ Chí Minh"
# alone is the person, so the city is only matched in its city forms.
PROVINCE_EXTRA = {
    "Hà Nội": (None, ["Thủ đô Hà Nội", "TP Hà Nội", "TP. Hà Nội", "Hà Thành"]),
    "Hồ Chí Minh": ("Thành phố Hồ Chí Minh", ["TP Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.Hồ Chí Minh", "TP.HCM", "TP. HCM",
                                             "TP HCM", "TPHCM", "Tp.HCM", "Sài Gòn", "Sài Gòn - Chợ Lớn"]),
    "Hải Phòng": (None, ["TP Hải Phòng", "TP. Hải Phòng"]),
    "Đà Nẵng": (None, ["TP Đà Nẵng", "TP. Đà Nẵng"]),
    "Cần Thơ": (None, ["TP Cần Thơ", "TP. Cần Thơ"]),
    "Huế": (None, ["Thừa Thiên Huế", "Thừa Thiên - Huế", "Tỉnh Thừa Thiên Huế", "TP Huế", "Cố đô Huế"]),
    "Đồng Nai": (None, ["Tỉnh Đồng Nai"]),
    "Thanh Hoá": (None, ["Thanh Hóa", "Tỉnh Thanh Hóa"]),
    "Khánh Hoà": (None, ["Khánh Hòa", "Tỉnh Khánh Hòa"]),
    "Đắk Lắk": (None, ["Đắc Lắc", "Daklak", "Đăk Lăk", "Đắk Lăk"]),
    "Đắk Nông": (None, ["Đắc Nông", "Đăk Nông", "Daknong"]),
    "Kon Tum": (None, ["Kontum"]),
    "Bà Rịa - Vũng Tàu": (None, ["Bà Rịa-Vũng Tàu", "BR-VT", "Bà Rịa Vũng Tàu"]),
    "Bắc Kạn": (None, ["Bắc Cạn"]),
    "Hoà Bình": (None, ["Hòa Bình"]),
}

def build_places(shared):
    base = os.path.join(shared, "data", "thanglequoc-vietnamese-provinces-database")
    def read(name):
        with open(os.path.join(base, name), encoding="utf-8") as f:
            r = list(csv.reader(f, delimiter="\t"))
        return r[1:]
    new = read("provinces_2026_34.tsv")
    old = read("provinces_pre2025_63.tsv")
    merge = {r[0]: (r[2], nfc(r[3])) for r in read("province_merge_2025_old63_to_new34.tsv") if r and r[0] != "old_code"}
    new_short = {r[0]: nfc(r[2]) for r in new}
    lines = []
    seen = set()
    def kind(full):
        return "city" if full.startswith("Thành phố") else "province"
    for code, full, short, _ in new:
        full, short = nfc(full), nfc(short)
        canon, extra = PROVINCE_EXTRA.get(short, (None, []))
        canon = canon or short
        al = dedupe(canon, [full] + [nfc(x) for x in extra])
        lines.append((canon, al, "type=%s;country=VNM;code=%s;status=current;case=all" % (kind(full), code)))
        seen.add(fold(short))
    for code, full, short, _ in old:
        full, short = nfc(full), nfc(short)
        if fold(short) in seen:
            continue
        tgt = new_short[merge[code][0]]
        tgt = (PROVINCE_EXTRA.get(tgt, (None,))[0]) or tgt
        canon, extra = PROVINCE_EXTRA.get(short, (None, []))
        al = dedupe(short, [full] + [nfc(x) for x in extra])
        lines.append((short, al, "type=%s;country=VNM;code=%s;status=pre2025;merged_into=%s;case=all" % (kind(full), code, tgt)))
    return lines

def build_locality_bodies(places):
    """Tỉnh ủy/Thành ủy, UBND and HĐND of every province, old and new."""
    out = []
    prefixes = ("Tỉnh ", "Thành phố ", "Thủ đô ", "Cố đô ", "TP", "Tp")
    for canon, aliases, attrs in places:
        a = dict(kv.split("=", 1) for kv in attrs.split(";"))
        short = canon if not canon.startswith("Thành phố ") else canon[len("Thành phố "):]
        names = [short] + [x for x in aliases if not x.startswith(prefixes)]
        city_abbr = [x for x in aliases if x.startswith(("TP", "Tp"))]
        is_city = a["type"] == "city"
        was_province = any(x.startswith("Tỉnh ") for x in aliases) and is_city
        hist = ";historical=1" if a.get("status") == "pre2025" else ""
        base = "country=VNM;place=%s%s;case=first" % (canon, hist)
        committee = "Thành ủy" if is_city else "Tỉnh ủy"
        al = ["%s %s" % (committee, n) for n in names[1:]]
        if is_city:
            al += ["Thành ủy %s" % x for x in city_abbr + ["Thành phố " + short, "TP " + short]]
        if was_province:
            al += ["Tỉnh ủy %s" % x[len("Tỉnh "):] for x in aliases if x.startswith("Tỉnh ")]
        head = canon if canon != short else names[0]  # "Thành phố Hồ Chí Minh", not the person
        out.append(("%s %s" % (committee, head), dedupe("%s %s" % (committee, head), al + ["%s %s" % (committee, names[0])]),
                    "type=locality-body;level=party;" + base))
        unit = "thành phố" if is_city else "tỉnh"
        abbr = ["TP"] if is_city else []
        for full, short_form, lvl in (("Ủy ban nhân dân", "UBND", "local"), ("Hội đồng nhân dân", "HĐND", "local")):
            c = "%s %s" % (full, head) if head != names[0] else "%s %s %s" % (full, unit, names[0])
            al = ["%s %s %s" % (short_form, unit, n) for n in names] + ["%s %s" % (short_form, n) for n in names]
            al += ["%s %s %s" % (short_form, u, n) for u in abbr for n in names]
            al += ["%s %s" % (short_form, x) for x in city_abbr]
            out.append((c, dedupe(c, al), "type=locality-body;level=%s;" % lvl + base))
    return out

def write_block(path, lines, tag):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    begin, end = "# BEGIN GENERATED %s\n" % tag, "# END GENERATED %s\n" % tag
    i, j = text.index(begin) + len(begin), text.index(end)
    body = "".join("%s\t%s\t%s\n" % (c, "|".join(a), at) for c, a, at in lines)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:i] + body + text[j:])

def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared")
    n = build_countries(shared)
    places = build_places(shared)
    write_block(os.path.join(DATA, "places.tsv"), places, "provinces")
    bodies = build_locality_bodies(places)
    write_block(os.path.join(DATA, "organizations.tsv"), bodies, "localities")
    print("countries: %d, provinces: %d, provincial bodies: %d" % (n, len(places), len(bodies)))

if __name__ == "__main__":
    main()
