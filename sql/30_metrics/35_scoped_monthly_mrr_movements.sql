-- METRICS.md §2 within the scope, per month.
-- One row per month of the range up to the as-of month: MRR, active accounts and
-- the five movements. Identity: mrr = previous mrr + new + reactivation
-- + expansion + contraction + churn.

create or replace macro scoped_monthly_mrr_movements(as_of_month, scope) as table
with month_totals as (
    select month, sum(mrr) as mrr, count(*) as active_accounts
    from scoped_account_month_mrr(as_of_month, scope)
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
    from scoped_account_mrr_movements(as_of_month, scope)
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
