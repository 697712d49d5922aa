-- METRICS.md §14: the KPIs at an as-of month, one row, columns named by their
-- machine names. Built only from the metric macros above, so the numbers the
-- CLI prints and the pages show come from the same definitions.
-- §5 LTV = ARPA x gross margin / mean monthly gross MRR churn rate over the 12
-- months ending at the as-of month (months whose rate is undefined are left out).

create or replace macro scoped_kpis(
    as_of_month, window_months, gross_margin, grace_days,
    f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
) as table
with rates as (
    select month, mrr, active_accounts, logo_churn_rate, gross_mrr_churn_rate, grr, nrr, quick_ratio
    from scoped_monthly_rates(
        as_of_month, f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
    )
),

as_of_rates as (
    select month, mrr, active_accounts, logo_churn_rate, gross_mrr_churn_rate, grr, nrr, quick_ratio
    from rates
    where month = as_of_month
),

recent_churn as (
    select avg(gross_mrr_churn_rate) as mean_gross_mrr_churn_rate
    from rates
    where month > add_months(as_of_month, -12)
),

retention as (
    select grr, nrr, logo_retention, upsell_rate, expansion_rate, cross_sell_rate
    from scoped_trailing_retention(
        as_of_month, as_of_month, window_months,
        f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
    )
),

renewals as (
    select
        avg(case when renewed then 1.0 else 0.0 end) as renewal_rate,
        avg(case when renewed then 1.0 else 0.0 end) filter (where is_first_expiring_line) as first_renewal_rate
    from scoped_expiring_lines(
        add_months(as_of_month, -11), last_day(as_of_month), grace_days,
        f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
    )
),

arpa as (
    select cast(mrr as double) / nullif(active_accounts, 0) as arpa
    from as_of_rates
)

select
    strftime(as_of_rates.month, '%Y-%m') as as_of,
    cast(as_of_rates.mrr as double) as mrr,
    cast(12 * as_of_rates.mrr as double) as arr,
    as_of_rates.active_accounts,
    arpa.arpa,
    as_of_rates.logo_churn_rate as logo_churn_rate_month,
    as_of_rates.gross_mrr_churn_rate as gross_mrr_churn_rate_month,
    as_of_rates.grr as grr_month,
    as_of_rates.nrr as nrr_month,
    as_of_rates.quick_ratio as quick_ratio_month,
    retention.grr as grr_ttm,
    retention.nrr as nrr_ttm,
    retention.logo_retention as logo_retention_ttm,
    retention.upsell_rate as upsell_rate_ttm,
    retention.expansion_rate as expansion_rate_ttm,
    retention.cross_sell_rate as cross_sell_rate_ttm,
    arpa.arpa * gross_margin / nullif(recent_churn.mean_gross_mrr_churn_rate, 0) as ltv,
    cast(renewals.renewal_rate as double) as renewal_rate_ttm,
    cast(renewals.first_renewal_rate as double) as first_renewal_rate_ttm
from as_of_rates
cross join arpa
cross join recent_churn
cross join renewals
left join retention on true;
