# The store on SQLite: ingest, re-ingest, cross-article merge, filters, person, search.
source "$FIXTURES/store/lib.sh"
store_suite kb.db
[ "$(sqlite3 kb.db 'PRAGMA integrity_check')" = ok ]
[ "$(sqlite3 kb.db 'PRAGMA journal_mode')" = wal ]
# Default store is ./sukien.db; read-only commands do not create one.
expect_exit 3 "$SUKIEN" events
contains err "sukien ingest"
[ ! -e sukien.db ]
expect_exit 0 ingest_fixture sukien.db
expect_exit 0 "$SUKIEN" events
contains out "Fabien Roussel"
# Other tools can read it (plain tables, ISO dates as text).
python3 -c '
import sqlite3; db = sqlite3.connect("sukien.db")
assert db.execute("select count(*) from events").fetchone()[0] == 3
assert db.execute("select date from events where type = ?", ("MEET",)).fetchone()[0] == "2024-10-07"'
