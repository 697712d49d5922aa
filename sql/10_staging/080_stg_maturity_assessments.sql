-- Staging: raw_maturity_assessments, one row per row of the imported file, with explicit columns,
-- trimmed text and normalised codes. Metric views read staging views, never raw_* tables.

create or replace view stg_maturity_assessments as
select trim(assessment_id) as assessment_id, assessed_on, trim(business_unit) as business_unit,
    lower(trim(department)) as department, nullif(trim(respondent), '') as respondent, level
from raw_maturity_assessments;
