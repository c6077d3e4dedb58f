// libpq, PostgreSQL's own client library (Debian: libpq-dev). Its headers live in
// /usr/include/postgresql; libpq-fe.h finds postgres_ext.h beside itself.
#include <postgresql/libpq-fe.h>
