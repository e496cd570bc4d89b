/* fuzz_reader_warc.c — fuzz_reader for the WARC reader only (records, gzip members, HTTP framing,
 * chunked and gzip bodies): every execution goes to one format, so it runs several times as fast as
 * the all-formats target. */
#define FUZZ_READER_FORMATS SK_FORMAT_WARC
#include "fuzz_reader.c"
