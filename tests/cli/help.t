# `sukien help` lists commands and exit codes; unknown commands exit 2.
expect_exit 0 "$SUKIEN" help
contains out "clean"
contains out "exit codes"
expect_exit 2 "$SUKIEN" frobnicate
contains err "unknown command"
expect_exit 0 "$SUKIEN" clean --help
contains out "usage: sukien clean"
