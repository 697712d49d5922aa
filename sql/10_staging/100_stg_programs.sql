-- Staging: raw_programs, one row per row of the imported file, with explicit columns,
-- trimmed text and normalised codes. Metric views read staging views, never raw_* tables.

create or replace view stg_programs as
select trim(account_id) as account_id, trim(program) as program, started_on
from raw_programs;
