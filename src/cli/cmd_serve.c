/* sukien serve — the web page and JSON API over a store (read-only). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "commands.h"
#include "common.h"
#include "server.h"

static const char SERVE_USAGE[] =
    "usage: sukien serve [--db PATH|URL] [--port N] [--host ADDR] [--threads N] [--verbose]\n"
    "\n"
    "Serves a web page to explore the events of a store (timeline, network, people,\n"
    "evidence) and the JSON API it uses under /api/ (docs/API.md). The store is\n"
    "opened read-only; each worker thread has its own connection.\n"
    "\n"
    "  --db TARGET     SQLite file (default: sukien.db) or postgresql://... URL\n"
    "  -p, --port N    TCP port (default 8080; 0 picks a free one)\n"
    "  --host ADDR     address to bind (default 127.0.0.1, local access only)\n"
    "  -t, --threads N worker threads (default 4)\n"
    "  -v, --verbose   log every request to stderr\n"
    "Prints \"sukien serve: listening on http://HOST:PORT/\" to stderr when ready;\n"
    "stops on SIGINT or SIGTERM.\n";

static int parse_uint(const char *s, unsigned max, unsigned *out) {
    char *end = NULL;
    unsigned long v = strtoul(s, &end, 10);
    if (!s[0] || *end || s[0] == '-' || v > max) return -1;
    *out = (unsigned)v;
    return 0;
}

int cmd_serve(int argc, char **argv) {
    sk_server_config_t cfg = {.db = "sukien.db", .host = "127.0.0.1", .port = 8080, .threads = 4};
    static const struct option OPTS[] = {
        {"db", required_argument, NULL, 'd'},
        {"port", required_argument, NULL, 'p'},
        {"host", required_argument, NULL, 'H'},
        {"threads", required_argument, NULL, 't'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "d:p:t:vh", OPTS, NULL)) != -1) {
        switch (c) {
        case 'd':
            cfg.db = optarg;
            break;
        case 'H':
            cfg.host = optarg;
            break;
        case 'p':
            if (parse_uint(optarg, 65535, &cfg.port)) {
                fprintf(stderr, "sukien serve: --port must be 0..65535\n");
                return SK_EXIT_USAGE;
            }
            break;
        case 't':
            if (parse_uint(optarg, 64, &cfg.threads) || cfg.threads == 0) {
                fprintf(stderr, "sukien serve: --threads must be 1..64\n");
                return SK_EXIT_USAGE;
            }
            break;
        case 'v':
            cfg.verbose = 1;
            break;
        case 'h':
            fputs(SERVE_USAGE, stdout);
            return SK_EXIT_OK;
        default:
            fputs(SERVE_USAGE, stderr);
            return SK_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "sukien serve: unexpected argument '%s'\n", argv[optind]);
        return SK_EXIT_USAGE;
    }

    /* Workers inherit this mask: only the main thread takes the signals. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    sk_server_t *srv = NULL;
    char err[512] = "";
    int rc = sk_server_start(&cfg, &srv, err, sizeof err);
    if (rc != SK_OK) {
        fprintf(stderr, "sukien serve: %s\n", err[0] ? err : sk_strerror(rc));
        return rc == SK_EINVAL ? SK_EXIT_USAGE : SK_EXIT_FAIL;
    }
    const char *h = cfg.host;
    int v6 = strchr(h, ':') != NULL;
    fprintf(stderr, "sukien serve: listening on http://%s%s%s:%u/ (store %s)\n", v6 ? "[" : "", h,
            v6 ? "]" : "", sk_server_port(srv), cfg.db);
    fflush(stderr);
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "sukien serve: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    sk_server_stop(srv);
    return SK_EXIT_OK;
}
