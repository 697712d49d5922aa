-- Staging: raw_journey_events, one row per row of the imported file, with explicit columns,
-- trimmed text and normalised codes. Metric views read staging views, never raw_* tables.

create or replace view stg_journey_events as
select trim(account_id) as account_id, trim(stage) as stage, entered_on
from raw_journey_events;
