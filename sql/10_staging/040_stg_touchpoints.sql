-- Staging: raw_touchpoints, one row per row of the imported file, with explicit columns,
-- trimmed text and normalised codes. Metric views read staging views, never raw_* tables.

create or replace view stg_touchpoints as
select trim(account_id) as account_id, date as touch_date, lower(trim(type)) as touch_type,
    lower(trim(channel)) as channel, lower(trim(department)) as department
from raw_touchpoints;
