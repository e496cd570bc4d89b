/* sukien code — placeholder until the event coder lands. */
#include <stdio.h>

#include "commands.h"

int cmd_code(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fputs("sukien code: not built yet\n", stderr);
    return SK_EXIT_FAIL;
}

int cmd_mentions(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fputs("sukien mentions: not built yet\n", stderr);
    return SK_EXIT_FAIL;
}
