/* commands.h — the sukien subcommands. Each returns an exit code (see main.c). */
#ifndef SK_COMMANDS_H
#define SK_COMMANDS_H

/* Exit codes, fixed and documented in `sukien help`. */
enum {
    SK_EXIT_OK = 0,      /* everything processed */
    SK_EXIT_PARTIAL = 1, /* finished, but some input was skipped or repaired (see stderr) */
    SK_EXIT_USAGE = 2,   /* bad command line */
    SK_EXIT_FAIL = 3,    /* could not run: missing data, unreadable store, I/O failure */
};

int cmd_clean(int argc, char **argv);
int cmd_mentions(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_person(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
