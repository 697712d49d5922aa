-- METRICS.md §11: company maturity = the business-unit maturities weighted by each unit's
-- ARR at the as-of month (within the filters). Units without an assessment are left out;
-- covered_share = their ARR's share of all ARR in scope. Maturity is null when no weight
-- remains (no assessed unit has ARR). One row.

create or replace macro maturity_company(as_of_month, scope) as table
select
    sum(maturity * arr) filter (where maturity is not null and arr > 0)
        / nullif(sum(arr) filter (where maturity is not null and arr > 0), 0) as maturity,
    coalesce(sum(arr) filter (where maturity is not null), 0) as covered_arr,
    coalesce(sum(arr), 0) as total_arr,
    coalesce(sum(arr) filter (where maturity is not null), 0) / nullif(sum(arr), 0) as covered_share,
    count(*) filter (where maturity is not null) as assessed_units
from maturity_business_units(as_of_month, scope);
