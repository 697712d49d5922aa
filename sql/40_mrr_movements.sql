-- METRICS.md §2: MRR movements. One row per account and month with a movement.
-- Works on the sparse account-month rows: a gap between two active months is a
-- churn (the month after the last active one) and, later, a reactivation.
-- The first active month of an account is "new" (so in the first month of the
-- range every active account is new). A movement in month m depends only on
-- months up to m, so rows can be computed once and cut at any as-of month.

create or replace macro account_mrr_movements_for_products(products) as table
with account_months as (
    select account_id, month, mrr, segment, industry, region, business_unit, cs_model, csm
    from account_month_mrr_for_products(products)
),

with_neighbours as (
    select
        account_id,
        month,
        mrr,
        segment, industry, region, business_unit, cs_model, csm,
        lag(month) over by_account as previous_active_month,
        lag(mrr) over by_account as previous_active_mrr,
        lead(month) over by_account as next_active_month
    from account_months
    window by_account as (partition by account_id order by month)
),

arrivals_and_changes as (
    select
        account_id,
        month,
        segment, industry, region, business_unit, cs_model, csm,
        case
            when previous_active_month is null then 'new'
            when previous_active_month < add_months(month, -1) then 'reactivation'
            when mrr > previous_active_mrr then 'expansion'
            when mrr < previous_active_mrr then 'contraction'
        end as movement,
        case
            when previous_active_month = add_months(month, -1) then mrr - previous_active_mrr
            else mrr
        end as amount
    from with_neighbours
),

churns as (
    select
        account_id, add_months(month, 1) as month,
        segment, industry, region, business_unit, cs_model, csm,
        'churn' as movement, -mrr as amount
    from with_neighbours
    where (next_active_month is null or next_active_month > add_months(month, 1))
        and add_months(month, 1) <= (select max(month) from months)
)

select account_id, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
from arrivals_and_changes
where movement is not null
union all
select account_id, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
from churns;

-- All products, materialised (see account_month_mrr).
create or replace table account_mrr_movements as
select account_id, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
from account_mrr_movements_for_products((select list(distinct product) from account_product_month_mrr))
order by month, account_id;
