# Each reader on fixtures we wrote: HTML page, WARC (plain, gzip, truncated),
# JSON Lines, plain-text page; and standard input.

# HTML: metadata from meta tags, main text without menus, related box, comments, footer.
expect_exit 0 "$SUKIEN" clean "$FIXTURES/html/tiep-dai-su.html"
contains out '"doc":"tiep-dai-su","title":"Chủ tịch UBND tỉnh tiếp Đại sứ Nhật Bản","published":"2024-11-05T16:20:00+07:00","url":"https://baomiennui.example.vn/chinh-tri/chu-tich-tiep-dai-su-1234.html","outlet":"Báo Miền Núi"'
contains out '"text":"Chủ tịch UBND tỉnh tiếp Đại sứ Nhật Bản\nChiều 5/11, tại trụ sở UBND tỉnh'
contains out 'Chủ tịch UBND tỉnh Lê Văn Minh tiếp Đại sứ Ito Naoki.\n'
contains out 'để hai bên tăng cường hợp tác trong thời gian tới.'
contains out 'do Cơ quan Hợp tác Quốc tế Nhật Bản (JICA) tài trợ'
for junk in 'Trang chủ' 'Thời sự' 'Facebook' 'Zalo' 'Tin liên quan' 'Tỉnh đón đoàn doanh nghiệp' \
    'Ảnh: Hoàng Anh' 'Từ khóa' 'Bình luận' 'Đọc nhiều' 'Giá lúa' 'Giấy phép' 'analytics' \
    'dataLayer' 'display:flex' '16:20"' ; do
  lacks out "$junk"
done
[ "$(wc -l <out)" = 1 ]

# Broken nesting is repaired, reported as a warning (exit 1), and the text kept.
expect_exit 1 "$SUKIEN" clean "$FIXTURES/bad/broken-nesting.html"
contains err 'broken-nesting.html:1: warning'
contains err 'broken HTML nesting repaired'
contains out 'Hai bên nhất trí mở rộng hợp tác trong nhiều lĩnh vực.'
contains out 'Hai bên ký kết ba văn kiện hợp tác quan trọng.'
contains out 'Chiều cùng ngày, đoàn thăm một khu công nghiệp ở ngoại thành.'

# WARC: three HTML responses (chunked; windows-1258; gzip-encoded); request,
# warcinfo, image and redirect records are passed over.
for f in crawl.warc crawl.warc.gz; do
  expect_exit 0 "$SUKIEN" clean "$FIXTURES/warc/$f"
  [ "$(wc -l <out)" = 3 ]
  contains out '"doc":"urn:uuid:22222222-2222-2222-2222-222222222222","title":"Thủ tướng hội đàm với Thủ tướng Thái Lan","published":"2024-05-16T10:05:00+07:00","url":"https://tinnhanh.example.vn/the-gioi/hoi-dam.html","outlet":"Tin Nhanh"'
  contains out 'Sau hội đàm, hai bên đã ký Bản ghi nhớ về hợp tác nông nghiệp'
  lacks out 'Thái Lan mở rộng đường bay'
  lacks out 'Bản quyền'
  # windows-1258 page, converted; no date in the page, so WARC-Date
  contains out '"doc":"urn:uuid:44444444-4444-4444-4444-444444444444","title":"Đoàn đại biểu tỉnh thăm Lào","published":"2024-05-21T01:00:00Z","url":"http://baotinh.example.vn/doan-dai-bieu-tham-lao.html","outlet":"baotinh.example.vn"'
  contains out 'Đoàn đại biểu tỉnh do Bí thư Tỉnh ủy Trần Văn Hòa dẫn đầu đã thăm và làm việc tại tỉnh Champasak.'
  lacks out 'Mưa lớn'
  # gzip content-encoding, JSON-LD date
  contains out '"published":"2024-06-02T08:00:00+07:00"'
  contains out 'Chiều 1/6, Bộ trưởng Ngoại giao Lê Thị Thu điện đàm với Ngoại trưởng Úc Jane Miller'
  lacks out 'JFIF'
  lacks out 'moved'
done
# Format is recognised from content too (stdin).
expect_exit 0 "$SUKIEN" clean - <"$FIXTURES/warc/crawl.warc"
[ "$(wc -l <out)" = 3 ]
expect_exit 0 "$SUKIEN" clean --format warc - <"$FIXTURES/warc/crawl.warc.gz"
[ "$(wc -l <out)" = 3 ]

# Truncated gzip WARC: the records before the cut come out, the cut is reported
# with its record number, exit 1.
expect_exit 1 "$SUKIEN" clean "$FIXTURES/warc/truncated.warc.gz"
[ "$(wc -l <out)" = 2 ]
contains out 'urn:uuid:44444444-4444-4444-4444-444444444444'
contains err 'truncated.warc.gz:6: error'
contains err 'record 6'

# JSON Lines: fields, numeric id, null title; credit-only line dropped.
expect_exit 0 "$SUKIEN" clean "$FIXTURES/jsonl/articles.jsonl"
contains out '{"doc":"a1","title":"Bộ trưởng Ngoại giao gặp Đại sứ Pháp","published":"2025-03-12","url":"https://vidu.example.vn/a1.html","outlet":"Báo Ví Dụ","text":"Bộ trưởng Ngoại giao gặp Đại sứ Pháp\nNgày 12/3,'
contains out 'Bộ trưởng Trần Văn Bình và Đại sứ Marie Dupont."'
lacks out 'Ảnh: Bộ Ngoại giao'
contains out '{"doc":"42","title":null,"published":null,"url":null,"outlet":null,"text":"Sáng 7.10.2024, PGS. TS. Lê Văn C phát biểu tại TP. HCM. Hội thảo thu hút 1.000 đại biểu.","sentences":[[0,64],[65,107]]}'

# Plain-text page: doc id from the file name, headline as title, boilerplate gone.
expect_exit 0 "$SUKIEN" clean "$FIXTURES/text/trang-tin.txt"
contains out '"doc":"trang-tin","title":"Phó Chủ tịch Quốc hội tiếp Đoàn nghị sĩ Hữu nghị Campuchia - Việt Nam"'
contains out 'Phó Chủ tịch Quốc hội Nguyễn Thị Lan tiếp ông Sok Dara.\nPhó Chủ tịch Quốc hội khẳng định'
contains out 'phát triển vùng biên giới."'
for junk in 'Google News' '![]()' 'Minh Châu' 'Tin liên quan' 'nghị quyết về thí điểm' \
    'chuyên trách' '\nnull' 'fb yt' 'Tin khác' 'Thời tiết' 'Giá vàng' '20:15'; do
  lacks out "$junk"
done

# A dateline at the top of a plain-text page gives the publication date.
printf 'Tiêu đề bài viết\nThứ Ba, 05/11/2024 16:20\nNội dung bài viết.\n' >dateline.txt
expect_exit 0 "$SUKIEN" clean dateline.txt
contains out '"title":"Tiêu đề bài viết","published":"2024-11-05"'
contains out '"text":"Tiêu đề bài viết\nNội dung bài viết."'

# A page whose main column has a furniture-like class ("sidebar-1") and no
# <article>: headline and lead outside the body container are put in front.
expect_exit 0 "$SUKIEN" clean "$FIXTURES/html/cot-chinh.html"
contains out '"title":"Thủ tướng tiếp Tổng giám đốc WHO","published":"2024-09-18T09:00:00+07:00","url":"https://mau.example.vn/thu-tuong-tiep-tong-giam-doc-who-456.html","outlet":"mau.example.vn"'
contains out '"text":"Thủ tướng tiếp Tổng giám đốc WHO\nThủ tướng Đỗ Minh Quang đề nghị Tổ chức Y tế Thế giới'
contains out 'tại trụ sở Chính phủ.\nBà Anna Berg cho biết'
contains out 'đào tạo nhân lực.\nHai bên cũng thảo luận kế hoạch hợp tác giai đoạn 2025-2030.'
for junk in 'Mới nhất' 'GMT+7' 'Nhật Minh' 'tiêm chủng' 'Chia sẻ' 'Ý kiến bạn đọc' 'Xem nhiều' \
    'Giá xăng' 'Bản quyền'; do
  lacks out "$junk"
done

# No charset declared anywhere: UTF-8 bytes are read as UTF-8, not Latin-1.
printf '<html><body><p>Chủ tịch nước tiếp Đại sứ Pháp tại Phủ Chủ tịch.</p></body></html>' >nometa.html
expect_exit 0 "$SUKIEN" clean nometa.html
contains out '"text":"Chủ tịch nước tiếp Đại sứ Pháp tại Phủ Chủ tịch."'

# Title from <title>: a site-name suffix goes, a dash inside the headline stays.
printf '<html><head><title>Hai nước ký hiệp định - Báo Mẫu</title></head><body><p>Hai nước đã ký hiệp định thương mại tự do tại Hà Nội hôm nay.</p></body></html>' >t1.html
printf '<html><head><title>Việt Nam - Lào ký kết</title></head><body><p>Hai nước đã ký hiệp định thương mại tự do tại Hà Nội hôm nay.</p></body></html>' >t2.html
expect_exit 0 "$SUKIEN" clean t1.html t2.html
contains out '"title":"Hai nước ký hiệp định",'
contains out '"title":"Việt Nam - Lào ký kết",'

# WET (Common Crawl extracted text): conversion records are plain-text pages.
body='Chủ tịch nước tiếp Đại sứ Ấn Độ
Sáng 9/4, tại Phủ Chủ tịch, Chủ tịch nước đã tiếp Đại sứ Ấn Độ đến chào từ biệt.
Tin liên quan
Một tin khác ngắn'
len=$(printf '%s' "$body" | wc -c)
{ printf 'WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://x.example.vn/a\r\nWARC-Date: 2025-04-09T05:00:00Z\r\nWARC-Record-ID: <urn:uuid:77777777-7777-7777-7777-777777777777>\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n' "$len"
  printf '%s\r\n\r\n' "$body"; } >page.warc.wet
expect_exit 0 "$SUKIEN" clean --format warc page.warc.wet
contains out '{"doc":"urn:uuid:77777777-7777-7777-7777-777777777777","title":null,"published":"2025-04-09T05:00:00Z","url":"https://x.example.vn/a","outlet":null,"text":"Chủ tịch nước tiếp Đại sứ Ấn Độ\nSáng 9/4, tại Phủ Chủ tịch, Chủ tịch nước đã tiếp Đại sứ Ấn Độ đến chào từ biệt."'
lacks out 'Một tin khác'
