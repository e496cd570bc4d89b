# Helpers for the serve*.t tests (sourced after lib.sh); not a test itself.
# start_server BIN DB [ARGS...]: start `BIN serve` on a free port; sets PORT, SPID, BASE.
start_server() {
  local bin=$1 db=$2; shift 2
  # The log exists before the server starts: the background job opens it
  # itself, maybe after the first read below (a failed sed under set -e).
  : >server.log
  "$bin" serve --db "$db" --port 0 "$@" 2>server.log &
  SPID=$!
  trap 'kill $SPID 2>/dev/null || true' EXIT
  for _ in $(seq 1 $((100 * ${SUKIEN_TEST_SLOW:-1}))); do
    PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' server.log)
    [ -n "$PORT" ] && break
    kill -0 $SPID 2>/dev/null || { cat server.log; return 1; }
    sleep 0.1
  done
  [ -n "$PORT" ] || { echo "server did not start"; cat server.log; return 1; }
  BASE="http://127.0.0.1:$PORT"
}
# get [CURL ARGS...] PATH: status in $CODE, body in ./body, headers in ./headers.
get() {
  local path=${!#}
  local n=$(($# - 1))
  CODE=$(curl -s --path-as-is -o body -D headers -w '%{http_code}' "${@:1:$n}" "$BASE$path")
}
# expect_status CODE [CURL ARGS...] PATH: the status, and a JSON error body for errors.
expect_status() {
  local want=$1; shift
  get "$@"
  if [ "$CODE" != "$want" ]; then echo "status $CODE, want $want: ${!#}"; head -c 400 body; echo; return 1; fi
  if [ "$want" -ge 400 ] && [ -s body ] && grep -qi '^content-type: application/json' headers; then
    grep -q '^{"error":".*","status":'"$want"'}$' body \
      || { echo "bad error body for ${!#}"; cat body; return 1; }
  fi
}
# json EXPR: evaluate a Python expression over the JSON body as `o`; fail if false.
json() {
  python3 -c 'import json,sys; o=json.load(open("body")); sys.exit(0 if ('"$1"') else 1)' \
    || { echo "json check failed: $1"; head -c 600 body; echo; return 1; }
}
# urlencode STRING: percent-encode every byte but [A-Za-z0-9._~-].
urlencode() {
  local LC_ALL=C s=$1 out= c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in [A-Za-z0-9._~-]) out+=$c ;; *) out+=$(printf '%%%02X' "'$c") ;; esac
  done
  printf '%s' "$out"
}
# The store for API tests: a real one built by `sukien ingest` from the web fixtures.
make_store() {
  if ! "$SUKIEN" ingest --help >/dev/null 2>&1; then
    echo "skipped: this build has no \`sukien ingest\` (store not merged yet)"; exit 77
  fi
  "$SUKIEN" ingest --db web.db --quiet "$FIXTURES/web/articles.jsonl" >/dev/null 2>ingest.err || {
    rc=$?; [ $rc = 1 ] || { cat ingest.err; return 1; }; }
}
FAKE=$(dirname "$SUKIEN")/sukien-fake

# Errors and hostile inputs: the same answers whatever the store.
hostile_suite() {
  # Unknown routes, and the page's assets by exact name only.
  expect_status 404 /api/nope
  expect_status 404 /api
  expect_status 404 /api/events/
  expect_status 404 /nope.html
  expect_status 200 /
  grep -qi '^content-type: text/html' headers
  expect_status 200 /app.js
  grep -qi '^content-type: text/javascript' headers
  expect_status 200 /style.css
  # Path traversal, raw and encoded, never reaches the file system.
  for p in /../../../etc/passwd /%2e%2e/%2e%2e/etc/passwd /..%2f..%2f..%2fetc%2fpasswd \
           /%2E%2E%2F%2E%2E%2Fetc%2Fpasswd /app.js/../../etc/passwd //etc/passwd /web/app.js \
           /./app.js/.. /index.html%00.js /%252e%252e/etc/passwd /api/../../etc/passwd \
           '/api/events/..%2f..%2fetc%2fpasswd' '/api/persons/..%2f..%2fetc%2fpasswd' \
           '/api/persons/%2e%2e' /src/server/server.c /Makefile /.git/config '/..\..\etc\passwd'; do
    get "$p"
    case $CODE in 400|403|404) ;; *) echo "traversal $p: status $CODE"; return 1 ;; esac
    if grep -q 'root:' body; then echo "traversal $p leaked a file"; return 1; fi
  done
  # Methods: only GET and HEAD.
  for m in POST PUT DELETE PATCH OPTIONS TRACE; do
    expect_status 405 -X $m /api/events
    grep -qi '^allow: GET, HEAD' headers
  done
  expect_status 405 -X POST --data 'type=MEET' /api/events
  expect_status 405 -X POST -H 'Content-Type: application/json' --data-binary @/dev/null /
  get -I /api/stats   # HEAD: headers only (curl -I writes them to ./body)
  [ "$CODE" = 200 ] && ! grep -q '"articles"' body
  # Oversized requests: bodies, URLs, values, parameter counts, headers.
  expect_status 413 -X GET --data 'x=1' /api/events
  expect_status 413 -X GET -H 'Transfer-Encoding: chunked' --data 'x=1' /api/events
  expect_status 414 "/api/events?q=$(printf 'a%.0s' $(seq 1 5000))"
  get "/api/events?q=$(head -c 120000 /dev/zero | tr '\0' a)"
  case $CODE in 413|414|431) ;; *) echo "120 KB URL: status $CODE"; return 1 ;; esac
  expect_status 400 "/api/events?q=$(printf 'a%.0s' $(seq 1 300))"
  expect_status 400 "/api/events?$(for i in $(seq 1 30); do printf 'p%d=1&' $i; done)"
  get -H "X-Big: $(head -c 100000 /dev/zero | tr '\0' a)" /api/stats
  case $CODE in 413|431|400) ;; *) echo "100 KB header: status $CODE"; return 1 ;; esac
  # Bad parameters: 400 with a message naming the parameter.
  for q in limit=abc limit=-1 limit=0 limit=1001 limit=99999999999999999999 'limit=1%20' \
           offset=-5 offset=1e3 offset=99999999 type=FOO 'type=MEET%27' country=F1 country=X \
           'country=VNM%27--' since=2024-13 since=20240101 'since=2024-01-01%27' until=2024-1 \
           since=2025\&until=2024 sort=bogus 'sort=date;drop' planned=yes foo=1 'type=MEET&type=CALL' \
           'person=%ff%fe' 'person=a%01b' 'q=%c3%28' \
           'person=%C2%A0' 'org=%CC%81' 'with=%E2%80%8B&country=FRA' 'org=%C2%B7%E2%80%94'; do
    expect_status 400 "/api/events?$q"
    grep -q '"error"' body
  done
  expect_status 400 "/api/timeline?by=month"
  expect_status 400 "/api/network?level=planet"
  expect_status 400 "/api/network?min_weight=0"
  expect_status 400 "/api/network?max_nodes=5000"
  expect_status 400 "/api/export?format=exe"
  expect_status 400 "/api/export?limit=10001"
  expect_status 400 "/api/search"
  expect_status 400 "/api/search?q=x&limit=0"
  expect_status 400 "/api/persons/to%20lam?limit=x"
  expect_status 400 "/api/stats?x=1"
  expect_status 400 "/api/events?with=to%20lam"
  # Unknown ids.
  expect_status 404 /api/events/ev_ffffffffffffffff
  expect_status 404 /api/events/not-an-id
  expect_status 404 "/api/events/ev_ffffffffffffffff'%20OR%20'1'='1"
  expect_status 404 /api/persons/khong%20co%20ai%20ten%20nay
  # Only local Host names reach a loopback server (DNS rebinding).
  expect_status 403 -H 'Host: evil.example' /api/stats
  expect_status 200 -H 'Host: localhost:1234' /api/stats
  # Security headers on pages, data and errors.
  for p in / /api/stats /api/nope; do
    get "$p"
    grep -qi "^content-security-policy: default-src 'self'" headers
    grep -qi '^x-content-type-options: nosniff' headers
    grep -qi '^x-frame-options: DENY' headers
  done
}
