#!/usr/bin/env bash
# CLI tests: each tests/cli/*.t is a shell snippet run with $SUKIEN set; it
# passes when it exits 0. Snippets use `expect_exit CODE cmd...` and friends.
set -u
here=$(cd "$(dirname "$0")" && pwd)
export FIXTURES="$here/../fixtures"
export SHARED="${SHARED:-$here/../../../shared}"
: "${SUKIEN:?set SUKIEN to the sukien binary}"
# VALGRIND=1: every sukien (and sukien-fake) the tests run goes through
# tests/valgrind/vg.sh; its reports land in one log per process, and any
# report fails the run (a test may not look at every exit code). Waits in the
# tests are scaled by SUKIEN_TEST_SLOW.
vglogs=
if [ "${VALGRIND:-0}" != 0 ]; then
  vgbin=$(mktemp -d)
  vglogs=$vgbin/logs
  real=$(cd "$(dirname "$SUKIEN")" && pwd)
  for b in sukien sukien-fake; do
    printf '#!/bin/sh\nVG_LOG_DIR=%s exec %s %s "$@"\n' "$vglogs" "$here/../valgrind/vg.sh" \
      "$real/$b" >"$vgbin/$b"
    chmod +x "$vgbin/$b"
  done
  export SUKIEN=$vgbin/sukien SUKIEN_TEST_SLOW=${SUKIEN_TEST_SLOW:-30}
  echo "cli tests under valgrind (reports in $vglogs)"
fi
pass=0 fail=0 skip=0
# CLI_TESTS='ingest* store*' runs a subset (globs over the test names).
set -f; pats=(${CLI_TESTS:-*}); set +f
tests=()
for g in "${pats[@]}"; do tests+=("$here"/$g.t); done
for t in "${tests[@]}"; do
  [ -e "$t" ] || continue
  name=$(basename "$t" .t)
  out=$(mktemp -d)
  ( cd "$out" && bash -eu -o pipefail -c "source '$here/lib.sh'; source '$t'" ) >"$out/.log" 2>&1
  rc=$?
  if [ $rc -eq 0 ]; then pass=$((pass+1)); echo "cli $name: ok"
  elif [ $rc -eq 77 ]; then skip=$((skip+1)); echo "cli $name: SKIP ($(tail -1 "$out/.log"))"
  else fail=$((fail+1)); echo "cli $name: FAIL"; sed 's/^/    /' "$out/.log" | tail -30; fi
  rm -rf "$out"
done
echo "cli tests: $pass passed, $fail failed, $skip skipped"
if [ -n "$vglogs" ]; then
  nlog=$(find "$vglogs" -name '*.log' 2>/dev/null | wc -l)
  bad=$(find "$vglogs" -name '*.log' -size +0 2>/dev/null)
  if [ -n "$bad" ]; then
    fail=$((fail+1))
    echo "valgrind: reports from $(echo "$bad" | wc -l) of $nlog processes:"
    for f in $bad; do echo "== $f"; head -60 "$f"; done
  else
    echo "valgrind: $nlog processes, no report"
    rm -rf "$vgbin"
  fi
fi
[ $fail -eq 0 ]
