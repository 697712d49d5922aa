-- METRICS.md §14: the KPIs at each as-of month of [from_month, as_of_month],
-- one row per month, columns named by their machine names. Built only from
-- the metric macros above, so the CLI and the pages share one definition.
-- Each macro is referenced once (inlining one twice doubles planning time).
-- §5 LTV = ARPA x gross margin / mean monthly gross MRR churn rate over the 12
-- months ending at the month (undefined months are left out of the mean).
-- §7 at as-of month t, "the period" is end_date in [first day of t-11, last day
-- of t]. A line of the period is counted when its outcome is known,
-- end_date + grace <= last_day(t); renewal_rate_ttm = renewed / counted paid
-- lines; first_renewal_rate_ttm = the same over counted paid lines that are
-- their account's first paid expiring line (see 70_scoped_expiring_lines.sql);
-- pilot_conversion_rate_ttm = converted / counted free lines; renewals_pending
-- = paid lines of the period with end_date + grace > last_day(t) (a count,
-- never folded into "not renewed"). Rates with nothing counted are null.

create or replace macro scoped_kpi_series(from_month, as_of_month, window_months, gross_margin, grace_days, scope)
as table
with rates as (
    select
        month, mrr, active_accounts, logo_churn_rate, gross_mrr_churn_rate, grr, nrr, quick_ratio,
        avg(gross_mrr_churn_rate) over (order by month rows between 11 preceding and current row)
            as mean_gross_mrr_churn_rate_12m
    from scoped_monthly_rates(as_of_month, scope)
),

retention as (
    select month, grr, nrr, logo_retention, upsell_rate, expansion_rate, cross_sell_rate
    from scoped_trailing_retention(as_of_month, from_month, window_months, scope)
),

expiring as (
    select end_date, outcome_known_on, is_paid, renewed, converted, is_first_expiring_line
    from scoped_expiring_lines(add_months(from_month, -11), last_day(as_of_month), grace_days, scope)
),

renewals as (
    select
        months.month,
        avg(case when expiring.renewed then 1.0 else 0.0 end)
            filter (where expiring.is_paid and expiring.outcome_known_on <= last_day(months.month))
            as renewal_rate,
        avg(case when expiring.renewed then 1.0 else 0.0 end)
            filter (
                where expiring.is_paid and expiring.is_first_expiring_line
                    and expiring.outcome_known_on <= last_day(months.month)
            )
            as first_renewal_rate,
        avg(case when expiring.converted then 1.0 else 0.0 end)
            filter (where not expiring.is_paid and expiring.outcome_known_on <= last_day(months.month))
            as pilot_conversion_rate,
        count(*) filter (where expiring.is_paid and expiring.outcome_known_on > last_day(months.month))
            as pending
    from months
    inner join expiring
        on expiring.end_date between add_months(months.month, -11) and last_day(months.month)
    where months.month between from_month and as_of_month
    group by months.month
)

select
    strftime(rates.month, '%Y-%m') as as_of,
    cast(rates.mrr as double) as mrr,
    cast(12 * rates.mrr as double) as arr,
    rates.active_accounts,
    cast(rates.mrr as double) / nullif(rates.active_accounts, 0) as arpa,
    rates.logo_churn_rate as logo_churn_rate_month,
    rates.gross_mrr_churn_rate as gross_mrr_churn_rate_month,
    rates.grr as grr_month,
    rates.nrr as nrr_month,
    rates.quick_ratio as quick_ratio_month,
    retention.grr as grr_ttm,
    retention.nrr as nrr_ttm,
    retention.logo_retention as logo_retention_ttm,
    retention.upsell_rate as upsell_rate_ttm,
    retention.expansion_rate as expansion_rate_ttm,
    retention.cross_sell_rate as cross_sell_rate_ttm,
    cast(rates.mrr as double) / nullif(rates.active_accounts, 0) * gross_margin
        / nullif(rates.mean_gross_mrr_churn_rate_12m, 0) as ltv,
    cast(renewals.renewal_rate as double) as renewal_rate_ttm,
    cast(renewals.first_renewal_rate as double) as first_renewal_rate_ttm,
    cast(renewals.pilot_conversion_rate as double) as pilot_conversion_rate_ttm,
    coalesce(renewals.pending, 0) as renewals_pending
from rates
left join retention on retention.month = rates.month
left join renewals on renewals.month = rates.month
where rates.month between from_month and as_of_month
order by rates.month;
