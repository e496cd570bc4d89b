# The five seed pages (../shared/corpus/seeds) against their gold events in
# ../shared/gold/dev.jsonl: every occurred gold event found with the right roles,
# countries and titles, and no extra events (issue 4). scripts/check-seeds.py does
# the pairing with the shared scorer.
command -v python3 >/dev/null || { echo "skipped: python3 not present"; exit 77; }
need_shared
[ -f "$SHARED/gold/dev.jsonl" ] || { echo "skipped: $SHARED/gold/dev.jsonl not present"; exit 77; }
check="$FIXTURES/../../scripts/check-seeds.py"

expect_exit 0 python3 "$check" --shared "$SHARED" --sukien "$SUKIEN"
cat out
contains out "seeds: 16 of 16 gold events found with right roles, countries and titles"
lacks out "EXTRA"
