# The stored-hash table that lets ingest skip unchanged articles before coding
# (cmd_ingest.c known_*): unchanged, changed, new, and a doc repeated in one
# input with two versions (the later one is compared again and wins).
v1='{"id": "a", "published": "2024-10-07", "text": "Sáng 7/10, Chủ tịch nước Lê Văn An tiếp Đại sứ Pháp Jean Martin."}'
v2='{"id": "a", "published": "2024-10-07", "text": "Chiều 7/10, Thủ tướng Trần Minh Bình điện đàm với Thủ tướng Nhật Bản Taro Sato."}'
b='{"id": "b", "published": "2024-10-08", "text": "Hai bên nhất trí tăng cường hợp tác kinh tế."}'
printf '%s\n%s\n' "$v1" "$b" >one.jsonl
printf '%s\n%s\n%s\n' "$v1" "$b" "$v2" >two.jsonl
for i in $(seq 1 3000); do printf '{"id": "n%d", "text": "Tin số %d."}\n' "$i" "$i"; done >many.jsonl
"$SUKIEN" ingest --db k.db --no-progress one.jsonl 2>err
contains err "2 added, 0 replaced, 0 unchanged"
"$SUKIEN" ingest --db k.db --no-progress one.jsonl 2>err
contains err "0 added, 0 replaced, 2 unchanged"
# a: v1 unchanged, then v2 replaces it; b unchanged
"$SUKIEN" ingest --db k.db --no-progress two.jsonl 2>err
contains err "0 added, 1 replaced, 2 unchanged"
[ "$(sqlite3 k.db "SELECT text FROM articles WHERE doc = 'a'")" = "Chiều 7/10, Thủ tướng Trần Minh Bình điện đàm với Thủ tướng Nhật Bản Taro Sato." ]
# again: v1 differs from the stored v2 (replaced), then v2 is compared again (replaced back)
"$SUKIEN" ingest --db k.db --no-progress two.jsonl 2>err
contains err "0 added, 2 replaced, 1 unchanged"
[ "$(sqlite3 k.db "SELECT text FROM articles WHERE doc = 'a'")" = "Chiều 7/10, Thủ tướng Trần Minh Bình điện đàm với Thủ tướng Nhật Bản Taro Sato." ]
# many stored articles (the table grows several times), all found unchanged
"$SUKIEN" ingest --db k.db -q many.jsonl
"$SUKIEN" ingest --db k.db --no-progress many.jsonl two.jsonl 2>err
contains err "0 added, 2 replaced, 3001 unchanged"
