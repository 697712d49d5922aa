-- METRICS.md §2: MRR movements. One row per account and month with a movement.
-- Works on the sparse account-month rows: a gap between two active months is a
-- churn (the month after the last active one) and, later, a reactivation.
-- The first active month of an account is "new" (so in the first month of the
-- range every active account is new).

create or replace macro scoped_account_mrr_movements(
    as_of_month, f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
) as table
with account_months as (
    select account_id, month, mrr
    from scoped_account_month_mrr(
        as_of_month, f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
    )
),

with_neighbours as (
    select
        account_id,
        month,
        mrr,
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
    select account_id, add_months(month, 1) as month, 'churn' as movement, -mrr as amount
    from with_neighbours
    where (next_active_month is null or next_active_month > add_months(month, 1))
        and add_months(month, 1) <= as_of_month
)

select account_id, month, movement, amount from arrivals_and_changes where movement is not null
union all
select account_id, month, movement, amount from churns;

-- One row per month of the range up to the as-of month: MRR, active accounts and
-- the five movements. Identity: mrr = previous mrr + new + reactivation
-- + expansion + contraction + churn.
create or replace macro scoped_monthly_mrr_movements(
    as_of_month, f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
) as table
with month_totals as (
    select month, sum(mrr) as mrr, count(*) as active_accounts
    from scoped_account_month_mrr(
        as_of_month, f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
    )
    group by month
),

movement_totals as (
    select
        month,
        sum(amount) filter (where movement = 'new') as new_mrr,
        sum(amount) filter (where movement = 'reactivation') as reactivation_mrr,
        sum(amount) filter (where movement = 'expansion') as expansion_mrr,
        sum(amount) filter (where movement = 'contraction') as contraction_mrr,
        sum(amount) filter (where movement = 'churn') as churn_mrr,
        count(*) filter (where movement = 'churn') as churned_accounts
    from scoped_account_mrr_movements(
        as_of_month, f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
    )
    group by month
)

select
    months.month,
    coalesce(month_totals.mrr, 0) as mrr,
    coalesce(month_totals.active_accounts, 0) as active_accounts,
    coalesce(movement_totals.new_mrr, 0) as new,
    coalesce(movement_totals.reactivation_mrr, 0) as reactivation,
    coalesce(movement_totals.expansion_mrr, 0) as expansion,
    coalesce(movement_totals.contraction_mrr, 0) as contraction,
    coalesce(movement_totals.churn_mrr, 0) as churn,
    coalesce(movement_totals.churned_accounts, 0) as churned_accounts
from months
left join month_totals on month_totals.month = months.month
left join movement_totals on movement_totals.month = months.month
where months.month <= as_of_month;
