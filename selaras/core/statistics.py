"""The query planner's statistics, refreshed after a bulk load.

PostgreSQL plans a query from sampled statistics that autovacuum refreshes
some time after a table changes, or never where autovacuum is off (as on the
test machines here). Right after a load of hundreds of thousands of rows the
planner still believes the tables empty and joins them row by row: the first
national check after `bench-data`, or the review page after a first national
run, ran several times slower than with fresh statistics. A bulk load
therefore refreshes the statistics of the tables it filled, as a database
administrator would after a restore. SQLite keeps statistics the same way
(`ANALYZE`, read by its planner from `sqlite_stat1`).
"""

from __future__ import annotations

from django.db import connections, router


def refresh_statistics(*models) -> None:
    """`ANALYZE` the tables of `models` (a sample: about a second for a
    million rows). Allowed inside a transaction on both databases."""
    for model in models:
        using = router.db_for_write(model)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
