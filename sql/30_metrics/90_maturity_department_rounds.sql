-- METRICS.md §11: each department's latest assessment round at the as-of month, and the
-- round before it. One row per business unit and department with an assessment dated on
-- or before the last day of the as-of month. The latest round is the assessments dated
-- L - 14 .. L (both included), L = the department's latest date; the level is their mean,
-- the spread their sample standard deviation (n - 1; null under 2 answers). The previous
-- round ends at P, the department's latest date before L - 14, and spans P - 14 .. P.
-- Only the business-unit filter applies: assessments describe units, not accounts.

create or replace macro scope_business_units(scope) as scope.business_unit;

create or replace macro maturity_department_rounds(as_of_month, scope) as table
with assessments as (
    select business_unit, department, assessed_on, level
    from stg_maturity_assessments
    where assessed_on <= last_day(as_of_month)
        and (scope_business_units(scope) is null or list_contains(scope_business_units(scope), business_unit))
),

latest_dates as (
    select business_unit, department, max(assessed_on) as latest_on
    from assessments
    group by business_unit, department
),

previous_dates as (
    select assessments.business_unit, assessments.department, max(assessments.assessed_on) as previous_on
    from assessments
    inner join latest_dates using (business_unit, department)
    where assessments.assessed_on < latest_dates.latest_on - interval 14 day
    group by assessments.business_unit, assessments.department
),

latest_round as (
    select
        latest_dates.business_unit, latest_dates.department, latest_dates.latest_on,
        avg(assessments.level) as level,
        stddev_samp(assessments.level) as spread,
        count(*) as respondents
    from latest_dates
    inner join assessments using (business_unit, department)
    where assessments.assessed_on between latest_dates.latest_on - interval 14 day and latest_dates.latest_on
    group by latest_dates.business_unit, latest_dates.department, latest_dates.latest_on
),

previous_round as (
    select
        previous_dates.business_unit, previous_dates.department, previous_dates.previous_on,
        avg(assessments.level) as previous_level,
        count(*) as previous_respondents
    from previous_dates
    inner join assessments using (business_unit, department)
    where assessments.assessed_on between previous_dates.previous_on - interval 14 day and previous_dates.previous_on
    group by previous_dates.business_unit, previous_dates.department, previous_dates.previous_on
)

select
    latest_round.business_unit,
    latest_round.department,
    latest_round.level,
    latest_round.spread,
    latest_round.respondents,
    cast(latest_round.latest_on as date) as assessed_on,
    previous_round.previous_level,
    cast(previous_round.previous_on as date) as previous_assessed_on,
    latest_round.level - previous_round.previous_level as level_change
from latest_round
left join previous_round using (business_unit, department);
