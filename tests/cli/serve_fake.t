# `sukien serve` HTTP layer over the fake store (tests/fakes/): routes, limits,
# hostile inputs, and store failures as 500s.
source "$FIXTURES/../cli/serve_lib.sh"
[ -x "$FAKE" ] || { echo "skipped: $FAKE not built"; exit 77; }
: >fake.db
start_server "$FAKE" fake.db
hostile_suite
# Store failures are 500 with a generic message (details only in the log).
for p in '/api/events?person=__fail__' '/api/timeline?person=__fail__' \
         '/api/network?person=__fail__' '/api/export?person=__fail__&format=csv' \
         '/api/search?q=__fail__' '/api/persons/__fail__'; do
  expect_status 500 "$p"
  json 'o["error"] == "store error"'
  lacks body 'fake failure'
done
contains server.log 'store error'
# Shapes passed through.
expect_status 200 '/api/events?type=meet&limit=1'
json 'o["total"] == 1 and o["events"][0]["type"] == "MEET"'
expect_status 200 '/api/network?max_nodes=2'
json 'len(o["nodes"]) == 2 and o["truncated"] and o["total_nodes"] == 3'
json 'all(e["source"] in ("c:VNM","c:FRA") and e["target"] in ("c:VNM","c:FRA") for e in o["edges"])'
expect_status 200 '/api/export?format=csv'
grep -qi '^content-disposition: attachment; filename="sukien-events.csv"' headers
expect_status 200 '/api/export?format=json'
json 'isinstance(o, list) and len(o) == 3'
# Command line.
expect_exit 2 "$FAKE" serve --port 70000
expect_exit 2 "$FAKE" serve --threads 0
expect_exit 2 "$FAKE" serve extra
expect_exit 3 "$FAKE" serve --db missing.db --port 0
contains err 'cannot open store missing.db'
expect_exit 0 "$FAKE" serve --help
contains out 'usage: sukien serve'
# SIGTERM stops it cleanly.
kill -TERM $SPID
wait $SPID
contains server.log 'stopping (SIGTERM)'
