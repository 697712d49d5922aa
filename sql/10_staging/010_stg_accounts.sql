-- Staging: raw_accounts, one row per row of the imported file, with explicit columns,
-- trimmed text and normalised codes. Metric views read staging views, never raw_* tables.

create or replace view stg_accounts as
select
    trim(account_id) as account_id,
    account_name,
    nullif(trim(industry), '') as industry,
    nullif(trim(region), '') as region,
    nullif(trim(segment), '') as segment,
    nullif(lower(trim(cs_model)), '') as cs_model,
    nullif(trim(csm), '') as csm,
    nullif(trim(business_unit), '') as business_unit,
    created_on
from raw_accounts;
