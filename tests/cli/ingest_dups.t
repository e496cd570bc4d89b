# A doc repeated in one input (once unchanged, once edited) and re-runs, with
# and without --recode: the counts and the store are the same for SQLite and
# PostgreSQL (whose ingest does not look each article up: it knows what the
# store held when the run started, and looks up only repeated docs).
source "$FIXTURES/store/lib.sh"
{ cat "$STORE_FIX/articles.jsonl"; head -n 1 "$STORE_FIX/articles.jsonl"
  head -n 1 "$STORE_FIX/articles.jsonl" | sed 's/"title": "/"title": "Sửa: /'; } >dup.jsonl
run_dups() { # run_dups DB
  "$SUKIEN" ingest --no-progress --db "$1" dup.jsonl 2>err || [ $? = 1 ]
  contains err "7 articles (5 added, 1 replaced, 1 unchanged), 7 events"
  "$SUKIEN" ingest --no-progress --db "$1" dup.jsonl 2>err || [ $? = 1 ]
  contains err "7 articles (0 added, 2 replaced, 5 unchanged), 2 events"
  "$SUKIEN" ingest --no-progress --recode --db "$1" dup.jsonl 2>err || [ $? = 1 ]
  contains err "7 articles (0 added, 7 replaced, 0 unchanged), 8 events"
}
run_dups lite.db
dump lite.db >lite.dump
url=$(pg_url t_ingest_dups)
run_dups "$url"
dump "$url" >pg.dump
cmp lite.dump pg.dump
