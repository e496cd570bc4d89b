#!/usr/bin/env bash
# CLI tests: each tests/cli/*.t is a shell snippet run with $SUKIEN set; it
# passes when it exits 0. Snippets use `expect_exit CODE cmd...` and friends.
set -u
here=$(cd "$(dirname "$0")" && pwd)
export FIXTURES="$here/../fixtures"
export SHARED="${SHARED:-$here/../../../shared}"
: "${SUKIEN:?set SUKIEN to the sukien binary}"
pass=0 fail=0 skip=0
for t in "$here"/*.t; do
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
[ $fail -eq 0 ]
