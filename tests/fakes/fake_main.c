/* fake_main.c — `sukien-fake serve ...`: the serve command over the fake
 * store (tests/fakes/store_fake.c), for HTTP tests that need no database. */
#include <stdio.h>
#include <string.h>

#include "commands.h"

int main(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "serve")) {
        fprintf(stderr, "usage: sukien-fake serve [options]\n");
        return SK_EXIT_USAGE;
    }
    return cmd_serve(argc - 1, argv + 1);
}
