-- METRICS.md §8: usage events aggregated once, at import, to one row per account, day and
-- metric. Usage is the table that outgrows one machine; every health query reads this
-- aggregate instead. Plain SQL on purpose (no macros, no DuckDB-only functions), so the
-- same statement can run on a distributed engine (Spark SQL) unchanged.

create or replace table account_day_usage as
select
    account_id,
    usage_date,
    metric,
    sum(value) as value
from stg_usage
where account_id is not null and usage_date is not null and metric is not null
group by account_id, usage_date, metric;
