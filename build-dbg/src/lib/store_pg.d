build-dbg/src/lib/store_pg.o: src/lib/store_pg.c \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h src/lib/store_int.h \
 src/lib/store.h src/lib/article.h src/lib/arena.h src/lib/common.h \
 src/lib/normalize.h src/lib/coder.h src/lib/event.h src/lib/lexicon.h
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
src/lib/store_int.h:
src/lib/store.h:
src/lib/article.h:
src/lib/arena.h:
src/lib/common.h:
src/lib/normalize.h:
src/lib/coder.h:
src/lib/event.h:
src/lib/lexicon.h:
