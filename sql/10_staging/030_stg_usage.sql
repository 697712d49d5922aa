-- Staging: raw_usage, one row per row of the imported file, with explicit columns,
-- trimmed text and normalised codes. Metric views read staging views, never raw_* tables.

create or replace view stg_usage as
select trim(account_id) as account_id, date as usage_date, trim(metric) as metric, value
from raw_usage;
