/* reader_html.c — main text and metadata of a news page, from the DOM.
 *
 * Metadata: title (og:title, h1, <title>), publication date
 * (article:published_time and similar meta tags, JSON-LD datePublished,
 * <time datetime>), canonical URL, outlet (og:site_name, else the host).
 *
 * Main text: the page is parsed by libxml2's forgiving HTML parser. Subtrees
 * that are never article text are skipped: scripts, styles, forms, nav,
 * footer, aside, and elements whose class, id or role names navigation,
 * menus, related news, comments, share bars, ads or widgets. The container
 * holding the most paragraph text is the article body; when it sits inside
 * an <article>, that element is used so the headline and lead come along.
 * Headline and lead outside the body are added in front. Each block element
 * (p, h1-h6, li, blockquote, figcaption, a div with its own text) becomes one
 * line; blocks made mostly of links (lists of other stories) are dropped. */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "reader_impl.h"

/* ---- a growable byte buffer ------------------------------------------------ */

typedef struct {
    char *p;
    size_t n, cap;
    int oom;
} buf_t;

static void buf_put(buf_t *b, const char *s, size_t n) {
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *np = realloc(b->p, cap);
        if (!np) {
            b->oom = 1;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

/* ---- element tests ------------------------------------------------------------- */

static int name_is(const xmlNode *n, const char *name) {
    return n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, name);
}

static int name_in(const xmlNode *n, const char *const *names) {
    for (; *names; names++)
        if (name_is(n, *names)) return 1;
    return 0;
}

static const char *const SKIP_TAGS[] = {
    "script", "style",  "noscript", "iframe", "form",     "nav",      "footer", "aside",
    "svg",    "button", "select",   "input",  "textarea", "template", "menu",   "object",
    "embed",  "canvas", "video",    "audio",  "map",      "head",     "dialog", NULL};
static const char *const BLOCK_TAGS[] = {
    "p",          "h1",         "h2",     "h3",   "h4",    "h5",     "h6",     "li",
    "blockquote", "figcaption", "pre",    "dd",   "dt",    "tr",     "td",     "article",
    "section",    "div",        "ul",     "ol",   "table", "figure", "header", "main",
    "caption",    "address",    "center", "body", NULL};
/* Substrings of class/id that mark page furniture. */
static const char *const SKIP_ATTR[] = {
    "related",       "relate-",         "lienquan",   "lien-quan", "lien_quan", "comment",
    "binhluan",      "binh-luan",       "share",      "social",    "sidebar",   "side-bar",
    "footer",        "breadcrumb",      "menu",       "navbar",    "nav-",      "banner",
    "advert",        "quangcao",        "quang-cao",  "ads-",      "-ads",      "_ads",
    "newsletter",    "subscribe",       "cookie",     "popup",     "modal",     "tag-list",
    "tags",          "keyword",         "widget",     "most-read", "mostread",  "docnhieu",
    "doc-nhieu",     "xemnhieu",        "xem-nhieu",  "tin-khac",  "tinkhac",   "other-news",
    "more-news",     "readmore",        "read-more",  "recommend", "toolbar",   "pagination",
    "site-header",   "top-header",      "header-top", "copyright", "rating",    "login",
    "cungchuyenmuc", "cung-chuyen-muc", "box-tin",    "tin-moi",   NULL};

static int attr_has(const xmlNode *n, const char *attr, const char *const *pats) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    if (!v) return 0;
    for (xmlChar *c = v; *c; c++)
        if (*c >= 'A' && *c <= 'Z') *c = (xmlChar)(*c + 32);
    int hit = 0;
    for (const char *const *p = pats; *p && !hit; p++)
        if (strstr((const char *)v, *p)) hit = 1;
    xmlFree(v);
    return hit;
}

static int attr_eq(const xmlNode *n, const char *attr, const char *value) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    if (!v) return 0;
    int eq = !strcasecmp((const char *)v, value);
    xmlFree(v);
    return eq;
}

static int holds_main(const xmlNode *n, int depth) {
    if (depth > 40) return 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (name_is(c, "h1") || name_is(c, "article") || attr_eq(c, "itemprop", "articleBody"))
            return 1;
        if (holds_main(c, depth + 1)) return 1;
    }
    return 0;
}

static int is_skipped(const xmlNode *n, int in_article) {
    if (n->type != XML_ELEMENT_NODE) return 0;
    if (name_in(n, SKIP_TAGS)) return 1;
    if (name_is(n, "header") && !in_article) return 1;
    static const char *const ROLES[] = {"navigation", "complementary", "banner", "contentinfo",
                                        "menu",       "search",        NULL};
    static const char *const HIDDEN[] = {"display:none", "display: none", NULL};
    if (attr_has(n, "role", ROLES) || attr_eq(n, "aria-hidden", "true") ||
        xmlHasProp(n, (const xmlChar *)"hidden") || attr_has(n, "style", HIDDEN))
        return 1;
    /* Class names are a weak signal ("sidebar-1" can be the main column):
     * never drop an element that holds the headline or the article. */
    return (attr_has(n, "class", SKIP_ATTR) || attr_has(n, "id", SKIP_ATTR)) && !holds_main(n, 0);
}

/* ---- text of a subtree ------------------------------------------------------------ */

typedef struct {
    buf_t out;  /* all lines */
    buf_t line; /* the block being built */
    size_t link_bytes;
    int space; /* last byte written to line was a space */
    int in_article;
} walk_t;

static void line_text(walk_t *w, const char *s, int in_link) {
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            if (!w->space && w->line.n) {
                buf_put(&w->line, " ", 1);
                w->space = 1;
            }
            continue;
        }
        buf_put(&w->line, s, 1);
        w->space = 0;
        if (in_link) w->link_bytes++;
    }
}

static void flush_line(walk_t *w) {
    size_t n = w->line.n;
    while (n && w->line.p[n - 1] == ' ')
        n--;
    /* Mostly links and short: a list of other stories. */
    int linky = n && w->link_bytes * 10 >= n * 7 && n < 300;
    if (n && !linky) {
        buf_put(&w->out, w->line.p, n);
        buf_put(&w->out, "\n", 1);
    }
    w->line.n = 0;
    w->link_bytes = 0;
    w->space = 0;
}

static void walk(walk_t *w, xmlNode *n, int in_link) {
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) line_text(w, (const char *)n->content, in_link);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE) continue;
        int was_article = w->in_article;
        if (name_is(n, "article")) w->in_article = 1;
        if (is_skipped(n, w->in_article)) {
            w->in_article = was_article;
            continue;
        }
        if (name_is(n, "br")) {
            flush_line(w);
            continue;
        }
        int block = name_in(n, BLOCK_TAGS);
        if (block) flush_line(w);
        walk(w, n->children, in_link || name_is(n, "a"));
        if (block) flush_line(w);
        w->in_article = was_article;
    }
}

/* Walk n alone, not its following siblings. */
static void walk_one(walk_t *w, xmlNode *n) {
    xmlNode *next = n->next;
    n->next = NULL;
    walk(w, n, 0);
    n->next = next;
    flush_line(w);
}

/* Bytes of text directly under n (outside links), for scoring. */
static size_t own_text(const xmlNode *n, int depth) {
    size_t t = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            for (const xmlChar *s = c->content; *s; s++)
                if (*s > ' ') t++;
        } else if (c->type == XML_ELEMENT_NODE && depth < 3 && !name_is(c, "a") &&
                   !name_in(c, SKIP_TAGS) && !name_in(c, BLOCK_TAGS)) {
            t += own_text(c, depth + 1); /* <b>, <span>, <em> inside the paragraph */
        }
    }
    return t;
}

/* Find the element whose paragraph children hold the most text. */
static void score(xmlNode *n, int in_article, xmlNode **best, size_t *best_score) {
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        int art = in_article || name_is(n, "article");
        if (is_skipped(n, art)) continue;
        size_t s = 0;
        for (xmlNode *c = n->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE) continue;
            if (name_is(c, "p") || name_is(c, "blockquote") || name_is(c, "h2") ||
                name_is(c, "h3") || name_is(c, "div") || name_is(c, "figure")) {
                if (is_skipped(c, art)) continue;
                size_t t = own_text(c, 0);
                if (t >= 25 || !name_is(c, "div")) s += t;
            }
        }
        s += own_text(n, 0) / 2;
        if (s > *best_score) {
            *best_score = s;
            *best = n;
        }
        score(n->children, art, best, best_score);
    }
}

/* ---- metadata --------------------------------------------------------------------- */

typedef struct {
    xmlChar *og_title, *title, *h1, *site, *url, *canonical, *published, *time_dt, *ld_date;
    xmlNode *h1_node, *sapo;
} meta_t;

static void set_once(xmlChar **dst, xmlChar *v) {
    if (!*dst && v && *v)
        *dst = v;
    else
        xmlFree(v);
}

static int is_date_like(const xmlChar *v) {
    return v && v[0] >= '0' && v[0] <= '9' && v[1] >= '0' && v[2] >= '0' && v[3] >= '0' &&
           v[4] == '-';
}

static const char *const SAPO_ATTR[] = {"sapo",        "lead",    "chapeau", "summary",
                                        "description", "excerpt", NULL};

static void collect_meta(xmlNode *n, meta_t *m, int skipped) {
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        int skip_here = skipped || is_skipped(n, 1);
        if (name_is(n, "meta")) {
            xmlChar *key = xmlGetProp(n, (const xmlChar *)"property");
            if (!key) key = xmlGetProp(n, (const xmlChar *)"name");
            if (!key) key = xmlGetProp(n, (const xmlChar *)"itemprop");
            if (key) {
                const char *k = (const char *)key;
                xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
                if (!strcasecmp(k, "og:title"))
                    set_once(&m->og_title, content);
                else if (!strcasecmp(k, "og:site_name"))
                    set_once(&m->site, content);
                else if (!strcasecmp(k, "og:url"))
                    set_once(&m->url, content);
                else if ((!strcasecmp(k, "article:published_time") ||
                          !strcasecmp(k, "datePublished") || !strcasecmp(k, "pubdate") ||
                          !strcasecmp(k, "publishdate") || !strcasecmp(k, "dc.date.issued") ||
                          !strcasecmp(k, "article:published") ||
                          !strcasecmp(k, "og:published_time")) &&
                         is_date_like(content))
                    set_once(&m->published, content);
                else
                    xmlFree(content);
                xmlFree(key);
            }
        } else if (name_is(n, "link") && attr_eq(n, "rel", "canonical")) {
            set_once(&m->canonical, xmlGetProp(n, (const xmlChar *)"href"));
        } else if (name_is(n, "title") && !m->title) {
            set_once(&m->title, xmlNodeGetContent(n));
        } else if (name_is(n, "script")) {
            if (attr_eq(n, "type", "application/ld+json") && !m->ld_date) {
                xmlChar *js = xmlNodeGetContent(n);
                const char *p = js ? strstr((const char *)js, "\"datePublished\"") : NULL;
                if (p) {
                    p = strchr(p + 15, '"');
                    const char *e = p ? strchr(p + 1, '"') : NULL;
                    if (e && e - p > 10)
                        set_once(&m->ld_date, xmlStrndup((const xmlChar *)p + 1, (int)(e - p - 1)));
                    if (m->ld_date && !is_date_like(m->ld_date)) {
                        xmlFree(m->ld_date);
                        m->ld_date = NULL;
                    }
                }
                xmlFree(js);
            }
            continue;
        } else if (name_is(n, "time") && !m->time_dt) {
            xmlChar *dt = xmlGetProp(n, (const xmlChar *)"datetime");
            if (is_date_like(dt))
                set_once(&m->time_dt, dt);
            else
                xmlFree(dt);
        } else if (name_is(n, "h1") && !m->h1_node && !skip_here) {
            m->h1_node = n;
        } else if (!m->sapo && !name_is(n, "body") && !name_is(n, "html") && !skip_here &&
                   attr_has(n, "class", SAPO_ATTR)) {
            m->sapo = n;
        }
        if (name_in(n, SKIP_TAGS) && !name_is(n, "head")) continue;
        collect_meta(n->children, m, skip_here);
    }
}

static void meta_free(meta_t *m) {
    xmlFree(m->og_title);
    xmlFree(m->title);
    xmlFree(m->h1);
    xmlFree(m->site);
    xmlFree(m->url);
    xmlFree(m->canonical);
    xmlFree(m->published);
    xmlFree(m->time_dt);
    xmlFree(m->ld_date);
}

static int is_ancestor(const xmlNode *anc, const xmlNode *n) {
    for (; n; n = n->parent)
        if (n == anc) return 1;
    return 0;
}

/* Collapse whitespace of a metadata string into the arena. */
static const char *tidy_meta(sk_article_t *a, const xmlChar *v) {
    if (!v) return NULL;
    size_t len = strlen((const char *)v);
    char *out = sk_arena_alloc(a->arena, len + 1);
    if (!out) return NULL;
    size_t o = 0;
    int space = 1;
    for (const xmlChar *s = v; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            if (!space) out[o++] = ' ';
            space = 1;
        } else {
            out[o++] = (char)*s;
            space = 0;
        }
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return o ? out : NULL;
}

static const char *host_of(sk_article_t *a, const char *url) {
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p) return NULL;
    p += 3;
    size_t n = strcspn(p, "/:?#");
    if (n > 4 && !strncmp(p, "www.", 4)) {
        p += 4;
        n -= 4;
    }
    return n ? sk_arena_strndup(a->arena, p, n) : NULL;
}

/* "Headline - Báo X" / "Headline | x.vn": drop the site name from a <title>.
 * Only a suffix naming the outlet or looking like a site goes: headlines use
 * " - " themselves ("Việt Nam - Lào ký kết"). */
static void strip_site_suffix(char *t, const char *outlet) {
    char *cut = NULL;
    for (char *p = t; (p = strstr(p, " - ")); p += 3)
        cut = p;
    char *bar = strrchr(t, '|');
    if (bar && bar > t && bar[-1] == ' ' && (!cut || bar - 1 > cut)) cut = bar - 1;
    if (!cut || cut == t) return;
    const char *suffix = cut + 3;
    if (*suffix == ' ') suffix++;
    char key[128];
    size_t k = sk_fold_str(suffix, strlen(suffix), key, sizeof key);
    int site = (outlet && !strcasecmp(suffix, outlet)) || memchr(key, '.', k) ||
               !strncmp(key, "bao ", 4) || !strncmp(key, "tap chi ", 8) ||
               !strncmp(key, "cong thong tin", 14) || strstr(key, "online") ||
               strstr(key, "news") || !strncmp(key, "truyen hinh", 11);
    if (site && strlen(suffix) < 60) *cut = '\0';
}

/* ---- error counting ------------------------------------------------------------------ */

typedef struct {
    int mismatched;
    int first_line;
    int fatal_line; /* libxml2 stopped parsing here (0: it did not) */
    char fatal[96];
} errs_t;

static void on_error(void *ctx, xmlErrorPtr err) {
    errs_t *e = ctx;
    if (!e || !err) return;
    /* Even in recover mode libxml2 gives up on some pages, e.g. nesting
     * deeper than 256 elements (a bound we keep: the tree walks below
     * recurse on depth); the rest of the page is lost, so say so. */
    if (err->level == XML_ERR_FATAL && !e->fatal_line) {
        e->fatal_line = err->line > 0 ? err->line : 1;
        snprintf(e->fatal, sizeof e->fatal, "%s", err->message ? err->message : "parse error");
        size_t n = strlen(e->fatal);
        while (n && (e->fatal[n - 1] == '\n' || e->fatal[n - 1] == ' '))
            e->fatal[--n] = 0;
    }
    if (err->code == XML_ERR_TAG_NAME_MISMATCH || err->code == XML_ERR_TAG_NOT_FINISHED ||
        err->code == XML_ERR_LTSLASH_REQUIRED || err->code == XML_ERR_GT_REQUIRED) {
        if (!e->mismatched) e->first_line = err->line;
        e->mismatched++;
    }
}

/* libxml2 reads an HTML page without a charset declaration as Latin-1; a page
 * that declares nothing but decodes as UTF-8 is UTF-8. */
static const char *guess_encoding(const char *html, size_t len) {
    size_t n = len < 4096 ? len : 4096;
    char head[4097];
    for (size_t i = 0; i < n; i++) {
        char c = html[i];
        head[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    head[n] = '\0';
    if (memmem(head, n, "charset", 7) || memmem(head, n, "encoding=", 9)) return NULL;
    size_t bad = 0, high = 0;
    for (size_t i = 0; i < len;) {
        if ((unsigned char)html[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        int k = sk_utf8_decode(html + i, len - i, &cp);
        high++;
        if (k < 0) {
            bad++;
            i++;
        } else {
            i += (size_t)k;
        }
    }
    return bad * 20 <= high ? "UTF-8" : NULL;
}

int sk_html_extract(sk_article_t *a, const char *html, size_t len, const char *encoding,
                    const char *base_url, sk_diag_fn diag, void *diag_ctx, int *repaired) {
    *repaired = 0;
    if (len > INT32_MAX) return SK_ETOOBIG;
    if (!encoding) encoding = guess_encoding(html, len);
    htmlParserCtxtPtr pc = htmlNewParserCtxt();
    if (!pc) return SK_ENOMEM;
    errs_t errs = {0};
    /* libxml2 keeps the structured error handler per thread. */
    xmlSetStructuredErrorFunc(&errs, on_error);
    htmlDocPtr doc =
        htmlCtxtReadMemory(pc, html, (int)len, base_url, encoding,
                           HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOBLANKS);
    xmlSetStructuredErrorFunc(NULL, NULL);
    int rc = SK_OK;
    buf_t text = {0};
    meta_t m = {0};
    if (!doc) {
        rc = SK_EEMPTY;
        goto cleanup;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root) {
        rc = SK_EEMPTY;
        goto cleanup;
    }
    collect_meta(root, &m, 0);

    /* Metadata. */
    if (!a->title) a->title = tidy_meta(a, m.og_title);
    if (!a->title && m.h1_node) {
        xmlChar *h = xmlNodeGetContent(m.h1_node);
        a->title = tidy_meta(a, h);
        xmlFree(h);
    }
    int title_from_head = 0;
    if (!a->title) title_from_head = (a->title = tidy_meta(a, m.title)) != NULL;
    if (!a->published)
        a->published = tidy_meta(a, m.published ? m.published : m.ld_date ? m.ld_date : m.time_dt);
    if (!a->url) a->url = tidy_meta(a, m.canonical ? m.canonical : m.url);
    if (!a->outlet) a->outlet = tidy_meta(a, m.site);
    if (!a->outlet) a->outlet = host_of(a, a->url ? a->url : base_url);
    if (title_from_head) strip_site_suffix((char *)a->title, a->outlet);

    /* Body container. */
    xmlNode *body = root;
    for (xmlNode *c = root->children; c; c = c->next)
        if (name_is(c, "body")) body = c;
    xmlNode *best = NULL;
    size_t best_score = 0;
    score(body, 0, &best, &best_score);
    if (!best) best = body;
    for (xmlNode *p = best; p && p != body; p = p->parent)
        if (name_is(p, "article") || attr_eq(p, "itemprop", "articleBody")) {
            if (name_is(p, "article")) best = p;
        }

    walk_t w = {0};
    w.in_article = 1;
    if (m.h1_node && !is_ancestor(best, m.h1_node)) walk_one(&w, m.h1_node);
    if (!m.h1_node && a->title) {
        buf_put(&w.out, a->title, strlen(a->title));
        buf_put(&w.out, "\n", 1);
    }
    if (m.sapo && !is_ancestor(best, m.sapo) && !is_ancestor(m.sapo, best)) walk_one(&w, m.sapo);
    walk_one(&w, best);
    text = w.out;
    free(w.line.p);
    if (text.oom) {
        rc = SK_ENOMEM;
        goto cleanup;
    }
    if (!text.n) {
        rc = SK_EEMPTY;
        goto cleanup;
    }
    if (errs.mismatched) {
        sk_diag_report(diag, diag_ctx, SK_DIAG_WARNING, SK_EFORMAT, a->source, a->source_line,
                       a->doc,
                       "broken HTML nesting repaired (%d mismatched tag(s), first at HTML line %d)",
                       errs.mismatched, errs.first_line);
        *repaired = 1;
    }
    if (errs.fatal_line) {
        sk_diag_report(diag, diag_ctx, SK_DIAG_WARNING, SK_EFORMAT, a->source, a->source_line,
                       a->doc,
                       "HTML parsing stopped at HTML line %d (%s); the rest of the page is dropped",
                       errs.fatal_line, errs.fatal);
        *repaired = 1;
    }
    int r;
    if (sk_text_is_normal(text.p, text.n)) {
        a->raw = sk_arena_strndup(a->arena, text.p, text.n);
        a->raw_len = text.n;
        r = a->raw ? SK_OK : SK_ENOMEM;
    } else {
        r = sk_article_set_raw(a, text.p, text.n, diag, diag_ctx);
    }
    if (r < 0) {
        rc = r;
        goto cleanup;
    }
    if (r > 0) *repaired = 1;
    a->main_text_extracted = 1;
cleanup:
    meta_free(&m);
    free(text.p);
    if (doc) xmlFreeDoc(doc);
    htmlFreeParserCtxt(pc);
    return rc;
}
