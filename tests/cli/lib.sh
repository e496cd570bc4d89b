# Helpers for CLI test snippets (sourced by run.sh).
expect_exit() { # expect_exit CODE cmd args... (stdout to ./out, stderr to ./err)
  local want=$1; shift
  set +e; "$@" >out 2>err; local got=$?; set -e
  if [ "$got" != "$want" ]; then echo "exit $got, want $want: $*"; cat err; return 1; fi
}
need_shared() { # skip (exit 77) when ../shared is absent
  if [ ! -d "$SHARED/corpus" ]; then echo "skipped: ../shared not present"; exit 77; fi
}
contains() { grep -qF -- "$2" "$1" || { echo "$1 lacks: $2"; return 1; }; }
lacks() { if grep -qF -- "$2" "$1"; then echo "$1 should not contain: $2"; return 1; fi; }
