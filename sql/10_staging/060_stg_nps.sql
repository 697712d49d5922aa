-- Staging: raw_nps, one row per row of the imported file, with explicit columns,
-- trimmed text and normalised codes. Metric views read staging views, never raw_* tables.

create or replace view stg_nps as
select trim(account_id) as account_id, date as response_date, score
from raw_nps;
