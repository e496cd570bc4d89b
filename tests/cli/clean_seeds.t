# The five raw scraped seed pages: every main paragraph is kept, no boilerplate
# survives, and every gold evidence sentence is one of the output sentences.
need_shared
S="$SHARED/corpus/seeds"

expect_exit 0 "$SUKIEN" clean "$S/000_d53a438e209e813f.txt"
contains out '"doc":"000_d53a438e209e813f","title":"Tổng Bí thư, Chủ tịch nước Tô Lâm tiếp Bí thư toàn quốc Đảng Cộng sản Pháp"'
contains out 'sáng 7/10 (theo giờ Paris), Tổng Bí thư, Chủ tịch nước Tô Lâm đã tiếp Bí thư toàn quốc'
contains out 'Đảng, Nhà nước và nhân dân Việt Nam luôn trân trọng, ghi nhớ sự ủng hộ'
contains out 'Đồng chí Fabien Roussel cũng đánh giá cao những thành tựu Việt Nam đạt được'
contains out 'Tổng Bí thư, Chủ tịch nước Tô Lâm tiếp Bí thư toàn quốc Đảng Cộng sản Pháp Fabien Roussel.\n'
lacks out 'Ảnh: Trí Dũng'
lacks out 'Có thể bạn quan tâm'
lacks out 'Tin cùng chuyên mục'
lacks out 'Bộ Nội vụ sẽ giải đáp'
lacks out 'Mường Khương và Phúc Lợi'
lacks out 'Thủ tướng Phạm Minh Chính gặp mặt nghệ sĩ'
lacks out 'fb yt zl tw'
[ "$(grep -o 'Tô Lâm tiếp Bí thư toàn quốc Đảng Cộng sản Pháp Fabien Roussel\.' out | wc -l)" = 1 ]

expect_exit 0 "$SUKIEN" clean "$S/001_c07c9daec931ddb1.txt"
contains out 'Bí thư Thành ủy Hà Nội Hoàng Trung Hải tiếp Đoàn đại biểu Đảng Cộng sản Pháp'
contains out 'Phát biểu tại buổi tiếp, Bí thư Thành ủy Hà Nội Hoàng Trung Hải chào mừng'
contains out '“Điều ấn tượng là hai bên đã trao đổi những nội dung thiết thực'
contains out 'đồng chí Jean Charles Negres cho rằng cuộc gặp tại Paris gần đây'
contains out 'hợp tác triển khai 1 số lĩnh vực hạ tầng thiết yếu, xây dựng cơ bản,...'
lacks out '![]()'
lacks out 'Bài liên quan'
lacks out 'Trao giải cuộc thi trắc nghiệm'
lacks out 'Hà Nội và Singapore tăng cường hợp tác'
lacks out 'Tin liên quan'
lacks out 'Đọc thêm'
lacks out 'Quốc hội xem xét việc xóa bỏ thanh tra sở, huyện'
lacks out 'cắp ô đi'

expect_exit 0 "$SUKIEN" clean "$S/002_36947e6ccaa99141.txt"
contains out 'Ngày 4/12, tại Trụ sở Trung ương Đảng, đồng chí Trần Cẩm Tú'
contains out 'Đồng chí Bounthong Chitmany đã thông báo với đồng chí Trần Cẩm Tú'
contains out 'Trao đổi về kết quả hợp tác cụ thể giữa hai Đảng, hai nước'
contains out '\nCùng ngày, đồng chí Lê Minh Hưng, Ủy viên Bộ Chính trị'
lacks out 'nhandan.vn'
lacks out 'Đại hội XIV sẽ tạo động lực'
lacks out 'Việt Nam sẵn sàng làm thành viên sáng lập'
lacks out 'Donald Trump'
lacks out 'Nối nhịp hợp tác, mở rộng không gian phát triển'
[ "$(grep -o 'Thường trực Ban Bí thư Trần Cẩm Tú hội đàm với đồng chí Bounthong Chitmany, Ủy viên' out | wc -l)" = 1 ]

expect_exit 0 "$SUKIEN" clean "$S/003_87f6f18621412115.txt"
contains out 'Bí thư Thành ủy Hà Nội Đinh Tiến Dũng cảm ơn đồng chí Tổng Bí thư'
contains out 'Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith chào đón Bí thư Thành ủy Hà Nội Đinh Tiến Dũng.\n'
contains out 'Quang cảnh buổi tiếp.'
contains out 'Tổng Bí thư, Chủ tịch nước Lào tin tưởng hai Thủ đô sẽ đưa quan hệ hợp tác hữu nghị'
lacks out ' |'
lacks out 'Nên xem'
lacks out 'Tin khác'
lacks out 'LĐLĐ huyện Chương Mỹ'
lacks out 'Sự kiện 23/01/2025'
lacks out 'Khai mạc Hội nghị Ban Chấp hành Trung ương Đảng khóa XIII'
lacks out 'Huỳnh Đắc Hương'

expect_exit 0 "$SUKIEN" clean "$S/004_573752eaa8a324fc.txt"
contains out 'Chiều 26-12, tại trụ sở Trung ương Đảng, Tổng Bí thư Nguyễn Phú Trọng đã tiếp đồng chí Shii Kazuo'
contains out 'sang thăm và làm việc tại Việt Nam.\n'
contains out 'Trong đáp từ, Chủ tịch Đảng Cộng sản Nhật Bản Shii Kazuo'
contains out 'đã có cuộc tọa đàm với đồng chí Shii Kazuo'
lacks out 'Google News'
lacks out 'TRÍ DŨNG'
lacks out 'Công an Gia Lai và các tỉnh Ratanakiri'
lacks out 'Nữ cựu chiến binh Gia Lai'
lacks out '(GLO)'
lacks out '\nnull'
[ "$(grep -o 'sang thăm và làm việc tại Việt Nam\.' out | wc -l)" = 1 ]

# Gold evidence for the seed events must be whole sentences of the cleaned text.
command -v python3 >/dev/null || { echo "skipped: python3 not present"; exit 77; }
"$SUKIEN" clean "$S"/*.txt >all
python3 - "$SHARED/gold/dev.jsonl" all <<'PY'
import json, sys
docs = {}
for line in open(sys.argv[2], encoding="utf-8"):
    o = json.loads(line)
    b = o["text"].encode()
    docs[o["doc"]] = {b[s:e].decode() for s, e in o["sentences"]}
bad = 0
for line in open(sys.argv[1], encoding="utf-8"):
    g = json.loads(line)
    if g["doc"] not in docs:
        continue
    for ev in g["events"]:
        if ev["evidence"] not in docs[g["doc"]]:
            bad += 1
            print("evidence not a sentence:", g["doc"], ev["evidence"][:80])
sys.exit(1 if bad else 0)
PY
