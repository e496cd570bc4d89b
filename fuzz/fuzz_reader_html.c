/* fuzz_reader_html.c — fuzz_reader for the HTML reader only (libxml2's parser, charset sniffing,
 * boilerplate removal, metadata): every execution goes to one format, so it runs several times as
 * fast as the all-formats target. */
#define FUZZ_READER_FORMATS SK_FORMAT_HTML
#include "fuzz_reader.c"
