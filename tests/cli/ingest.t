# ingest through the real coder (any input `sukien clean` reads), usage errors, help.
source "$FIXTURES/store/lib.sh"
expect_exit 0 "$SUKIEN" ingest --help
contains out "usage: sukien ingest"
expect_exit 2 "$SUKIEN" ingest --jobs 0 x.jsonl
SUKIEN_DATA="$FIXTURES/lexicon" "$SUKIEN" ingest --db k.db --jobs 2 "$STORE_FIX/articles.jsonl" 2>err
contains err "5 articles (5 added"
[ "$(sqlite3 k.db 'select count(*) from articles')" = 5 ]
SUKIEN_DATA="$FIXTURES/lexicon" "$SUKIEN" ingest --db k.db "$STORE_FIX/articles.jsonl" 2>err
contains err "0 added, 0 replaced, 5 unchanged"
# Unreadable store target.
expect_exit 3 "$SUKIEN" ingest --db /nonexistent/dir/x.db --coded "$STORE_FIX/coded.jsonl" "$STORE_FIX/articles.jsonl"
# Progress bar only when asked (stderr is not a terminal here).
"$SUKIEN" ingest --db p.db --progress --coded "$STORE_FIX/coded.jsonl" "$STORE_FIX/articles.jsonl" 2>err
contains err "articles/s"
contains err "100%"
"$SUKIEN" ingest --db p2.db --coded "$STORE_FIX/coded.jsonl" "$STORE_FIX/articles.jsonl" 2>err
lacks err "ETA"
