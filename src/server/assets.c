/* assets.c — the web page, embedded at build time (scripts/embed-assets.sh
 * writes web_assets.inc from the files in web/). Served by exact name only: there is no
 * file system path to traverse. */
#include <string.h>

#include "server_int.h"

#include "web_assets.inc"

const srv_asset_t *srv_asset_find(const char *path) {
    if (!strcmp(path, "/")) path = "/index.html";
    for (size_t i = 0; i < SK_ARRAY_LEN(ASSETS); i++)
        if (!strcmp(ASSETS[i].path, path)) return &ASSETS[i];
    return NULL;
}

const char *srv_asset_type(const char *path) {
    static const struct {
        const char *ext, *type;
    } T[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".json", "application/json; charset=utf-8"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < SK_ARRAY_LEN(T); i++)
        if (!strcmp(dot, T[i].ext)) return T[i].type;
    return "application/octet-stream";
}
