# Interrupted ingest against PostgreSQL, resumed, equals a clean run (and the SQLite one).
source "$FIXTURES/store/lib.sh"
resume_suite "$(pg_url t_resume_clean)" "$(pg_url t_resume_killed)" "$(pg_url t_resume_killed2)"
"$SUKIEN" ingest -q --db lite.db --batch 50 --coded coded.jsonl articles.jsonl
dump lite.db >lite.dump
cmp clean.dump lite.dump
