# Golden facts for the recognition layer and the event coder: every fixture
# article under tests/fixtures/coder/ is coded and its expected facts checked
# (tests/coder/check_facts.py; known failures are listed and counted, not fatal).
command -v python3 >/dev/null || { echo "skipped: python3 not present"; exit 77; }
root="$FIXTURES/../.."
check="$root/tests/coder/check_facts.py"

expect_exit 0 python3 "$check" --sukien "$SUKIEN" "$FIXTURES"/coder/*.facts.json
cat out
contains out "coder facts: "
contains out ", 0 failed"
lacks out "FAIL    "

# The runner itself: deliberately wrong facts are reported one by one, with
# expected and got; known failures and unexpected passes are told apart.
expect_exit 1 python3 "$check" --sukien "$SUKIEN" "$FIXTURES"/coder-selftest/selftest.facts.json
contains out 'FAIL    self-01: MEET[host=Phạm Minh Chính guest=Mark Rutte] subtype'
contains out 'expected "receive"'
contains out 'got      "talks"'
contains out 'FAIL    self-01: MEET[host=Phạm Minh Chính guest=Mark Rutte] date'
contains out 'FAIL    self-01: CALL[caller=Phạm Minh Chính] exists'
contains out 'KNOWN FAILURE self-01: VISIT[guest=Mark Rutte] exists: selftest: a missing event marked known'
contains out 'FAIL    self-01: n_events (occurred)'
contains out 'FAIL    self-01: person Hà Lan'
contains out 'KNOWN FAILURE self-01: not a person: Phạm Minh Chính'
contains out 'UNEXPECTED PASS self-01: not a person: Hà Nội'
contains out 'FAIL    self-01: titles of Mark Rutte'
lacks out 'guest_country'
lacks out 'person Mark Rutte'
contains out 'coder facts: 1 articles'
expect_exit 1 python3 "$check" --strict --sukien "$SUKIEN" "$FIXTURES"/coder-selftest/selftest.facts.json
