#!/usr/bin/env bash
# Crash test for `sukien ingest` (docs/CRASHTEST.md).
#
#   make crash-test                          # or: SUKIEN=build/sukien STORE_CHECK=... scripts/crash-test.sh
#   KILLS=40 SEED=12345 make crash-test      # more kills; replay a schedule
#   SUKIEN_TEST_PG=$(scripts/start-test-postgres.sh) make crash-test   # PostgreSQL too
#
# Ingests the shared corpus (../shared/corpus/*.jsonl, 13,119 articles) into a
# SQLite store and kills the process with SIGKILL after a random delay, again
# and again, restarting the same ingest each time. After every kill the store
# left behind (a copy of the file, its WAL and shm, as a crash leaves them) is
# checked: PRAGMA integrity_check and foreign_key_check, the invariants in
# tests/tools/store_invariants.sql (no duplicate articles or events, every
# event's reports and article present, counts agree), the FTS5 index
# ('integrity-check', one index row per article). Whenever an ingest finishes
# its store must equal a clean uninterrupted run (tests/fixtures/store/dump.py:
# every row of every table, sorted; and the `sukien export --format jsonl`
# bytes). Then a new round starts: a fresh store, or --recode over the full
# one (the first run of such a round replaces every article, so its kill lands
# mid-replacement; the restarts resume it without --recode, as a user would).
# Batch size and --jobs are drawn per run.
#
# The seed fixes the schedule (delays, batch sizes, jobs, round kinds); the
# exact point a kill lands still depends on the machine's load.
# Exit 0: all checks held (or ../shared is absent: skipped); 1: a check failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
SUKIEN=${SUKIEN:-$root/build/sukien}
STORE_CHECK=${STORE_CHECK:-$root/build/tests/tools/store_check}
SHARED=${SHARED:-$root/../shared}
KILLS=${KILLS:-20}
PG_KILLS=${PG_KILLS:-$KILLS}
SEED=${SEED:-$(( $(date +%s) % 100000 ))}
WORK=${WORK:-$root/build/crash-test}
INV=$root/tests/tools/store_invariants.sql
DUMP=$root/tests/fixtures/store/dump.py
NICE=${NICE:-nice -n 10}

shopt -s nullglob
corpus=("$SHARED"/corpus/*.jsonl)
if [ ${#corpus[@]} -eq 0 ]; then
  echo "crash-test: SKIPPED: no $SHARED/corpus/*.jsonl (the shared corpus is not present)"
  exit 0
fi
for x in "$SUKIEN" "$STORE_CHECK"; do
  [ -x "$x" ] || { echo "crash-test: $x not built (run make crash-test)" >&2; exit 3; }
done
n_articles=$(cat "${corpus[@]}" | wc -l)
export SUKIEN_DATA=${SUKIEN_DATA:-$root/data}

RANDOM=$SEED
echo "crash-test: seed $SEED, $KILLS kills, ${#corpus[@]} files, $n_articles articles, work dir $WORK"
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK" || exit 3
log() { echo "crash-test: $*"; }
ms() { date +%s%3N; }
failed=0
fail() { log "FAIL: $*"; failed=1; }

# ---- reference: one clean uninterrupted run
t0=$(ms)
$NICE "$SUKIEN" ingest --db clean.db --no-progress "${corpus[@]}" 2>clean.err
clean_rc=$?
t1=$(ms)
clean_ms=$((t1 - t0))
tail -1 clean.err
log "clean run: exit $clean_rc, $((clean_ms / 1000)).$((clean_ms % 1000 / 100)) s"
python3 "$DUMP" clean.db >clean.dump
"$SUKIEN" export --db clean.db --format jsonl >clean.export
"$STORE_CHECK" clean.db "$INV" || fail "the clean store fails its own checks"
log "clean store: $(grep -c . clean.dump) dump lines, $(wc -l <clean.export) events"

# ---- the kill loop
# Delays are drawn uniformly in [0, clean run time]: a resumed run has less
# left to do, so later kills land on lexicon loading, reading the stored
# hashes, coding, mid-batch writes, the per-batch recompute and COMMIT alike.
draw() { echo $(( (RANDOM * 32768 + RANDOM) % $1 )); }
batches=(1 7 50 200 1000)
kills=0 rounds=0 finished=0 checks=0 round_kind=fresh total_t0=$(ms)
max_kill_ms=0
start_round() {
  rounds=$((rounds + 1))
  if [ $rounds -gt 1 ] && [ $((RANDOM % 3)) = 0 ]; then round_kind=recode; else round_kind=fresh; fi
  [ $round_kind = fresh ] && rm -f live.db live.db-wal live.db-shm
  log "round $rounds: $round_kind"
}
check_snapshot() { # the files exactly as the crash left them, checked on a copy
  rm -rf snap && mkdir snap
  for f in live.db live.db-wal live.db-shm; do [ -e "$f" ] && cp "$f" snap/; done
  [ -e snap/live.db ] || return 0
  checks=$((checks + 1))
  if ! "$STORE_CHECK" snap/live.db "$INV" >check.out 2>&1; then
    fail "after kill $kills: store check failed"; cat check.out
    cp -r snap "fail-kill-$kills"
  fi
}
finish_round() { # the ingest exited by itself: compare with the clean run
  local rc=$1
  finished=$((finished + 1))
  [ "$rc" = "$clean_rc" ] || fail "round $rounds: ingest exit $rc, clean run exited $clean_rc"
  "$STORE_CHECK" live.db "$INV" >check.out 2>&1 || { fail "round $rounds: final check"; cat check.out; }
  python3 "$DUMP" live.db >live.dump
  "$SUKIEN" export --db live.db --format jsonl >live.export
  if cmp -s clean.dump live.dump && cmp -s clean.export live.export; then
    log "round $rounds complete: equal to the clean run"
  else
    fail "round $rounds: store differs from the clean run"
    diff clean.dump live.dump | head -20
    cp live.db "fail-round-$rounds.db"
  fi
}
start_round
while [ $kills -lt "$KILLS" ]; do
  delay=$(draw "$clean_ms")
  batch=${batches[$((RANDOM % ${#batches[@]}))]}
  jobs=$((1 + RANDOM % 2))
  extra=()
  [ $round_kind = recode ] && extra=(--recode)
  $NICE "$SUKIEN" ingest -q --db live.db --batch "$batch" --jobs "$jobs" "${extra[@]}" \
    "${corpus[@]}" 2>>live.err &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  if kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null
    rc=$?
    kills=$((kills + 1))
    [ $delay -gt $max_kill_ms ] && max_kill_ms=$delay
    stored=$(sqlite3 "file:live.db?mode=ro" 'SELECT count(*) FROM articles' 2>/dev/null || echo -)
    log "kill $kills: after ${delay} ms (batch $batch, jobs $jobs, ${extra[*]:-resume}), exit $rc, $stored articles committed"
    [ $rc = 137 ] || fail "kill $kills: exit $rc, want 137"
    check_snapshot
    [ $round_kind = recode ] && round_kind=resumed-recode
  else
    wait "$pid" 2>/dev/null
    rc=$?
    log "run finished before its kill at ${delay} ms (batch $batch, jobs $jobs)"
    finish_round $rc
    start_round
  fi
done
# ---- finish the interrupted round without a kill and compare
extra=()
[ $round_kind = recode ] && extra=(--recode)
$NICE "$SUKIEN" ingest --db live.db --no-progress "${extra[@]}" "${corpus[@]}" 2>final.err
rc=$?
tail -1 final.err
finish_round $rc
total_ms=$(( $(ms) - total_t0 ))
log "sqlite: seed $SEED: $kills kills, $checks crash states checked, $rounds rounds ($finished completed and compared), kill loop $((total_ms / 1000)) s"

# ---- PostgreSQL (when a test server is given): same loop, invariants via psql
if [ -n "${SUKIEN_TEST_PG:-}" ]; then
  pg() { psql "$SUKIEN_TEST_PG" -XAtq -v ON_ERROR_STOP=1 "$@"; }
  pg_url() {
    pg -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $1 CASCADE; CREATE SCHEMA $1" >/dev/null
    case "$SUKIEN_TEST_PG" in
      *\?*) echo "$SUKIEN_TEST_PG&options=-csearch_path%3D$1" ;;
      *) echo "$SUKIEN_TEST_PG?options=-csearch_path%3D$1" ;;
    esac
  }
  pg_check() { # psql over the invariants; prints violations
    local url=$1 bad=0 name sql n
    while IFS=$'\t' read -r name sql; do
      case "$name" in ''|--*) continue ;; esac
      n=$(psql "$url" -XAtq -c "$sql" 2>&1) || { echo "FAIL $name: $n"; bad=1; continue; }
      [ "$n" = 0 ] || { echo "FAIL $name: $n"; bad=1; }
    done <"$INV"
    return $bad
  }
  url=$(pg_url crash_pg)
  RANDOM=$((SEED + 1))
  pg_kills=0 pg_t0=$(ms) pg_rounds=1
  log "postgresql: $PG_KILLS kills"
  while [ $pg_kills -lt "$PG_KILLS" ]; do
    delay=$(draw "$clean_ms")
    batch=${batches[$((RANDOM % ${#batches[@]}))]}
    $NICE "$SUKIEN" ingest -q --db "$url" --batch "$batch" "${corpus[@]}" 2>>pg.err &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    if kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null
      pg_kills=$((pg_kills + 1))
      log "pg kill $pg_kills: after ${delay} ms (batch $batch), $(pg -c 'SELECT count(*) FROM crash_pg.articles' 2>/dev/null || echo -) articles committed"
      pg_check "$url" >check.out 2>&1 || { fail "pg kill $pg_kills: invariants"; cat check.out; }
    else
      wait "$pid" 2>/dev/null
      rc=$?
      python3 "$DUMP" "$url" >pg.dump
      if [ "$rc" = "$clean_rc" ] && cmp -s clean.dump pg.dump; then
        log "pg round $pg_rounds complete: equal to the clean SQLite run"
      else
        fail "pg round $pg_rounds: exit $rc or store differs"; diff clean.dump pg.dump | head -20
      fi
      pg_rounds=$((pg_rounds + 1))
      url=$(pg_url crash_pg)
    fi
  done
  $NICE "$SUKIEN" ingest -q --db "$url" "${corpus[@]}" 2>>pg.err
  rc=$?
  pg_check "$url" >check.out 2>&1 || { fail "pg final invariants"; cat check.out; }
  python3 "$DUMP" "$url" >pg.dump
  if [ "$rc" = "$clean_rc" ] && cmp -s clean.dump pg.dump; then
    log "pg final: equal to the clean SQLite run"
  else
    fail "pg final: exit $rc or store differs"; diff clean.dump pg.dump | head -20
  fi
  log "postgresql: seed $SEED: $pg_kills kills, $pg_rounds rounds, $(( ($(ms) - pg_t0) / 1000 )) s"
fi

if [ $failed = 0 ]; then log "PASS (seed $SEED)"; else log "FAILED (seed $SEED): evidence kept in $WORK"; fi
exit $failed
