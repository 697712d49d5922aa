-- METRICS.md §11: business-unit maturity (the unweighted mean of its department levels)
-- beside the unit's ARR at the as-of month within the filters (its weight in the company
-- maturity). One row per unit that has an assessment or ARR in scope; maturity is null
-- for a unit without assessments. Accounts without a business unit are one row with a
-- null unit: their ARR counts in the total, never as covered.
-- change = mean of the department changes over departments that have a previous round.

create or replace macro maturity_business_units(as_of_month, scope) as table
with departments as (
    select business_unit, department, level, level_change, assessed_on
    from maturity_department_rounds(as_of_month, scope)
),

unit_maturity as (
    select
        business_unit,
        avg(level) as maturity,
        count(*) as departments,
        avg(level_change) as maturity_change,
        min(assessed_on) as oldest_assessed_on,
        max(assessed_on) as latest_assessed_on
    from departments
    group by business_unit
),

unit_arr as (
    select accounts.business_unit, 12 * sum(mrr.mrr) as arr, count(*) as active_accounts
    from scoped_account_month_mrr(as_of_month, scope) as mrr
    inner join stg_accounts as accounts using (account_id)
    where mrr.month = as_of_month
    group by accounts.business_unit
)

select
    coalesce(unit_maturity.business_unit, unit_arr.business_unit) as business_unit,
    unit_maturity.maturity,
    coalesce(unit_maturity.departments, 0) as departments,
    unit_maturity.maturity_change,
    unit_maturity.oldest_assessed_on,
    unit_maturity.latest_assessed_on,
    coalesce(unit_arr.arr, 0) as arr,
    coalesce(unit_arr.active_accounts, 0) as active_accounts
from unit_maturity
full outer join unit_arr on unit_maturity.business_unit is not distinct from unit_arr.business_unit;
