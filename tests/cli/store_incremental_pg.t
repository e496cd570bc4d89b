# store_incremental.t against PostgreSQL: versions of a synthetic corpus
# ingested in several batchings (pairs read both ways) end with the rows of
# one clean SQLite ingest of the last version.
source "$FIXTURES/store/lib.sh"
u1=$(pg_url t_incr_a)
u2=$(pg_url t_incr_b)
mkdir v0 v1 v2
python3 "$STORE_FIX/gen.py" 300 22 v0
python3 "$STORE_FIX/mutate.py" v0 1 v1
python3 "$STORE_FIX/mutate.py" v1 2 v2
ing() { (cd "$2" && "$SUKIEN" ingest -q --db "$1" --batch "$3" --coded coded.jsonl articles.jsonl); }
ing "$PWD/clean.db" v2 100000
dump clean.db >clean.dump
ing "$u1" v0 11; ing "$u1" v1 5; ing "$u1" v2 40
dump "$u1" >a.dump
cmp clean.dump a.dump
export SUKIEN_TEST_PAIR_SCAN=0
ing "$u2" v1 17; ing "$u2" v0 3; ing "$u2" v2 8
dump "$u2" >b.dump
cmp clean.dump b.dump
