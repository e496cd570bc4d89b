# The JSON API over a real store built by `sukien ingest` from the web
# fixtures: shapes, folded search, filters, exports, and SQL injection
# attempts in every parameter (the store binds values; nothing changes).
source "$FIXTURES/../cli/serve_lib.sh"
make_store
start_server "$SUKIEN" web.db --threads 3
expect_status 200 /api/stats
json 'o["events"] >= 5 and o["articles"] == 7'
n_events=$(python3 -c 'import json; print(json.load(open("body"))["events"])')

expect_status 200 '/api/search?q=to%20lam'
json 'o["persons"]["total"] >= 1 and o["persons"]["items"][0]["name"] == "Tô Lâm"'
json 'o["events"]["total"] >= 2 and o["articles"]["total"] >= 2'
expect_status 200 '/api/search?q=dang%20cong%20san%20phap'
json 'o["articles"]["total"] >= 1'

expect_status 200 '/api/events?type=MEET&person=to%20lam&sort=-date'
json 'o["total"] >= 2 and all(e["type"] == "MEET" for e in o["events"])'
json '[e["date"] for e in o["events"]] == sorted([e["date"] for e in o["events"]], reverse=True)'
expect_status 200 '/api/events?country=fra&since=2025-03&until=2025-03-31'
json 'o["total"] >= 1 and all("FRA" in [s["country"] for s in e["sides"]] for e in o["events"])'
expect_status 200 '/api/events?limit=2&offset=1'
json 'len(o["events"]) == 2 and o["offset"] == 1 and o["limit"] == 2'
expect_status 200 '/api/events?type=CALL'
json 'o["total"] == 1'
id=$(python3 -c 'import json; print(json.load(open("body"))["events"][0]["id"])')
expect_status 200 "/api/events/$id"
json 'o["cameo"] == "041" and o["plover"]["mode"] == "phone" and len(o["sides"]) == 2'
json 'o["reports"][0]["url"].startswith("https://") and o["reports"][0]["evidence"]["end"] > o["reports"][0]["evidence"]["start"]'
json '"Phạm Minh Chính" in o["reports"][0]["evidence"]["sentence"]'

expect_status 200 '/api/persons/to%20lam'
json 'o["name"] == "Tô Lâm" and o["n_events"] >= 2 and len(o["offices"]) >= 1 and len(o["contacts"]) >= 1'
expect_status 200 "/api/persons/T%C3%B4%20L%C3%A2m"
json 'o["name"] == "Tô Lâm"'
expect_status 200 '/api/persons?q=lam'
json 'o["total"] >= 1'
expect_status 200 '/api/timeline?by=type'
json 'o["by"] == "type" and "2025-03" in o["months"] and sum(sum(s["counts"]) for s in o["series"]) >= 5'
expect_status 200 '/api/timeline?by=country'
json 'any(s["key"] == "FRA" for s in o["series"])'
expect_status 200 '/api/network?level=country'
json 'any(n["id"] == "c:VNM" for n in o["nodes"]) and len(o["edges"]) >= 3'
expect_status 200 '/api/network?level=person&min_weight=1'
json 'len(o["nodes"]) >= 2'
expect_status 200 '/api/export?format=csv&type=MEET'
grep -qi '^content-type: text/csv' headers
[ "$(wc -l <body)" -ge 3 ]
expect_status 200 '/api/export?format=json&limit=2'
json 'isinstance(o, list) and len(o) == 2'
expect_status 200 '/api/export?format=jsonl&limit=1'
python3 -c 'import json; [json.loads(l) for l in open("body")]'

hostile_suite

# SQL injection attempts in every text and code parameter: 200 with nothing
# found, or 400 for values that are not codes/dates/numbers; never 500.
payloads=("' OR '1'='1" "x\" OR 1=1 --" "'; DROP TABLE events; --"
          "1) UNION SELECT name, sql FROM sqlite_master --" "*" "NEAR(a b) OR NOT c")
for ep in events timeline network export; do
  for k in type country person org since until q doc with sort planned limit offset; do
    [ "$ep" = timeline ] || [ "$ep" = network ] && case $k in sort|limit|offset) continue ;; esac
    for v in "${payloads[@]}"; do
      extra=; [ $k = with ] && extra='&person=to%20lam'
      get "/api/$ep?$k=$(urlencode "$v")$extra"
      case $CODE in
        200) if [ $ep = events ]; then grep -q '^{"total":0,' body || { echo "$k=$v matched"; exit 1; }; fi ;;
        400) ;;
        *) echo "/api/$ep $k=$v: status $CODE"; cat body; exit 1 ;;
      esac
    done
  done
done
for v in "${payloads[@]}"; do
  e=$(urlencode "$v")
  get "/api/search?q=$e"; case $CODE in 200|400) ;; *) echo "search $v: $CODE"; exit 1 ;; esac
  get "/api/persons?q=$e"; case $CODE in 200|400) ;; *) echo "persons $v: $CODE"; exit 1 ;; esac
  get "/api/persons/$e"; case $CODE in 404|400) ;; *) echo "person $v: $CODE"; exit 1 ;; esac
  get "/api/events/$e"; [ "$CODE" = 404 ] || { echo "event $v: $CODE"; exit 1; }
done
# The store is unchanged and was opened read-only.
expect_status 200 /api/stats
json "o[\"events\"] == $n_events"
lacks server.log 'store error'
