#!/bin/sh
# Do two sukien binaries give the same bytes? Used to check that a speed
# change leaves the coder's output untouched.
#
#   bench/same-output.sh OLD_BINARY NEW_BINARY
#
# Compares `code -q` on the four shared corpora in one run, the dev set, the
# seed pages and the BKEE dev texts; `code --no-persons` on examples/;
# `mentions` on the dev set and the seeds; and stdout, stderr and exit code
# of `code` on every test fixture file (readers, bad input). Needs ../shared
# for everything but the fixtures. Exit 0 when all agree; each difference is
# listed with the command that shows it.
set -u
old=$1 new=$2
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# compare NAME ARGS...: run both binaries with ARGS, compare stdout, stderr, rc
compare() {
    name=$1
    shift
    "$old" "$@" >"$tmp/o.out" 2>"$tmp/o.err"
    echo $? >"$tmp/o.rc"
    "$new" "$@" >"$tmp/n.out" 2>"$tmp/n.err"
    echo $? >"$tmp/n.rc"
    sed "s#$old#BIN#g" "$tmp/o.err" >"$tmp/o.err2"
    sed "s#$new#BIN#g" "$tmp/n.err" >"$tmp/n.err2"
    for part in out err2 rc; do
        if ! cmp -s "$tmp/o.$part" "$tmp/n.$part"; then
            echo "DIFFERENT ($part): $name: sukien $*"
            fails=$((fails + 1))
            return
        fi
    done
    echo "same: $name"
}

corpora=""
for f in vietnews baomoi2017 dantri2020 headlines2025; do
    [ -f "$shared/corpus/$f.jsonl" ] && corpora="$corpora $shared/corpus/$f.jsonl"
done
if [ -n "$corpora" ]; then
    # shellcheck disable=SC2086
    compare corpora code -q $corpora
else
    echo "skip: no shared corpora at $shared/corpus"
fi
if [ -f "$shared/gold/dev_articles.jsonl" ]; then
    compare dev code -q "$shared/gold/dev_articles.jsonl"
    compare dev-mentions mentions "$shared/gold/dev_articles.jsonl"
fi
if [ -d "$shared/corpus/seeds" ]; then
    compare seeds code -q "$shared/corpus/seeds"/*
    compare seeds-mentions mentions "$shared/corpus/seeds"/*
fi
if [ -d "$shared/corpus/bkee/dev" ]; then
    compare bkee-dev code -q "$shared/corpus/bkee/dev"/*.txt
fi
compare examples code -q --no-persons "$root/examples/articles.jsonl"
for f in "$root"/tests/fixtures/html/* "$root"/tests/fixtures/jsonl/* \
    "$root"/tests/fixtures/text/* "$root"/tests/fixtures/warc/* \
    "$root"/tests/fixtures/bad/* "$root"/tests/fixtures/coder/*.jsonl; do
    [ -f "$f" ] || continue
    compare "fixture ${f#"$root"/}" code "$f"
done
if [ "$fails" -gt 0 ]; then
    echo "$fails difference(s)"
    exit 1
fi
echo "all outputs the same"
