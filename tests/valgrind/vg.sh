#!/bin/sh
# vg.sh PROGRAM [ARGS...]: run PROGRAM under valgrind memcheck the way
# `make check VALGRIND=1` does (docs/ROBUSTNESS.md). Exit 99 on any memory
# error or definite leak. Reports go to $VG_LOG_DIR/<pid>.log when it is set
# (the CLI tests compare stderr), else to stderr.
here=$(cd "$(dirname "$0")" && pwd)
log=
if [ -n "${VG_LOG_DIR:-}" ]; then
  mkdir -p "$VG_LOG_DIR"
  log="--log-file=$VG_LOG_DIR/%p.log"
fi
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
  --show-leak-kinds=definite --errors-for-leak-kinds=definite \
  --num-callers=30 --suppressions="$here/sukien.supp" $log "$@"
