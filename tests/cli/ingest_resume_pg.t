# Interrupted ingest against PostgreSQL, resumed, equals a clean run (and the SQLite one).
source "$FIXTURES/store/lib.sh"
u1=$(pg_url t_resume_clean)
u2=$(pg_url t_resume_killed)
u3=$(pg_url t_resume_killed2)
resume_suite "$u1" "$u2" "$u3"
"$SUKIEN" ingest -q --db lite.db --batch 50 --coded coded.jsonl articles.jsonl
dump lite.db >lite.dump
cmp clean.dump lite.dump
