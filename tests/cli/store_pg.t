# The same store suite against a real PostgreSQL server ($SUKIEN_TEST_PG), and
# the resulting knowledge compared row by row with the SQLite store's.
source "$FIXTURES/store/lib.sh"
url=$(pg_url t_store_pg)
store_suite "$url"
ingest_fixture lite.db
dump lite.db >lite.dump
dump "$url" >pg.dump
cmp lite.dump pg.dump
# Read-only opening of a database without a store fails cleanly.
empty=$(pg_url t_store_pg_empty)
expect_exit 3 "$SUKIEN" events --db "$empty"
contains err "no sukien store"
