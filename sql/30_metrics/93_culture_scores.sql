-- METRICS.md §11: culture score = mean of the answers (1-5) to an item over the 12 months
-- ending at the as-of month (first day of as-of - 11 months .. last day of the as-of
-- month); favourable = share of answers of 4 or 5. One row per grouping: `grain` says which
-- (item; item and unit; item, unit and department; unit; unit and department). A blank
-- unit or department reads "unspecified". Only the business-unit filter applies.

create or replace macro culture_scores(as_of_month, scope) as table
with answers as (
    select
        coalesce(nullif(business_unit, ''), 'unspecified') as business_unit,
        coalesce(nullif(department, ''), 'unspecified') as department,
        item, score, response_id
    from stg_culture_survey
    where answered_on between add_months(as_of_month, -11) and last_day(as_of_month)
        and (scope_business_units(scope) is null or list_contains(scope_business_units(scope), business_unit))
)

select
    case
        when grouping(item) = 0 and grouping(business_unit) = 1 then 'item'
        when grouping(item) = 0 and grouping(department) = 1 then 'item_unit'
        when grouping(item) = 0 then 'item_unit_department'
        when grouping(department) = 1 then 'unit'
        else 'unit_department'
    end as grain,
    item, business_unit, department,
    avg(score) as mean_score,
    avg(case when score >= 4 then 1.0 else 0.0 end) as favourable,
    count(*) as answers,
    count(distinct response_id) as respondents
from answers
group by grouping sets (
    (item), (item, business_unit), (item, business_unit, department), (business_unit), (business_unit, department)
);
