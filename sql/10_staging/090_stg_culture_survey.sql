-- Staging: raw_culture_survey, one row per row of the imported file, with explicit columns,
-- trimmed text and normalised codes. Metric views read staging views, never raw_* tables.

create or replace view stg_culture_survey as
select trim(response_id) as response_id, answered_on, trim(business_unit) as business_unit,
    lower(trim(department)) as department, trim(item) as item, score
from raw_culture_survey;
