# Extra check against the published BKEE corpus (../shared/corpus/bkee, CC BY-NC,
# never copied into the repo): scripts/check-bkee.py codes the dev split and
# fails when the trigger recall of BKEE Meet + Phone-write mentions (sukien event
# of a compatible type whose evidence sentence holds the trigger) drops below
# the floor. Measured 10.0% on 2026-12-03 (docs/EVALUATION.md); floor 5 points under.
command -v python3 >/dev/null || { echo "skipped: python3 not present"; exit 77; }
need_shared
[ -d "$SHARED/corpus/bkee/dev" ] || { echo "skipped: $SHARED/corpus/bkee/dev not present"; exit 77; }
check="$FIXTURES/../../scripts/check-bkee.py"

expect_exit 0 python3 "$check" --bkee "$SHARED/corpus/bkee" --sukien "$SUKIEN" --split dev --min-recall 5.0
cat out
contains out "BKEE dev: 223 documents"
contains out "1799 read as annotated, 0 differ"   # the conversion keeps every trigger span
contains out ", 0 not found"                       # every evidence sentence was placed
contains out "recall Meet+Phone-write (compatible): "

# The floor does bite, and an absent corpus is a skip (77), not a failure.
expect_exit 1 python3 "$check" --bkee "$SHARED/corpus/bkee" --sukien "$SUKIEN" --split dev --min-recall 100
contains out "below the floor 100.0%"
expect_exit 77 python3 "$check" --bkee "$PWD/no-bkee-here" --sukien "$SUKIEN"
contains out "skipped"
