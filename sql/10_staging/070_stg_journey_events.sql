-- Staging: raw_journey_events, one row per row of the imported file, with explicit columns,
-- trimmed text and normalised codes. Metric views read staging views, never raw_* tables.
-- METRICS.md §10: a stage in a file is matched case-insensitively against the stage id
-- or its English or Japanese name in journey_stages, and stored as the stage id.

create or replace view stg_journey_events as
select
    trim(events.account_id) as account_id,
    coalesce(stages.stage, trim(events.stage)) as stage,
    events.entered_on
from raw_journey_events as events
left join journey_stages as stages
    on lower(trim(events.stage)) in (lower(stages.stage), lower(stages.label_en), lower(stages.label_ja));
