-- METRICS.md §11: what each business unit's data says beside its self-assessment, at the
-- as-of month within the filters. One row per business unit with active accounts:
-- GRR and NRR (TTM, §4) with the accounts they rest on (A), ARR, and the signals a
-- mature CS organisation leaves in the data, over the accounts active at the as-of month,
-- beside the unit's self-assessed maturity (null when it has no assessment):
--   journey_coverage    share with a journey event on or before the as-of month's last day
--   touchpoint_coverage share with a touchpoint in the 90 days ending on that day (D - 89 .. D)
--   tech_touch_share    share whose CS model is tech_touch

create or replace macro business_unit_evidence(as_of_month, scope) as table
with active as (
    select mrr.account_id, mrr.mrr, accounts.business_unit, accounts.cs_model
    from scoped_account_month_mrr(as_of_month, scope) as mrr
    inner join stg_accounts as accounts using (account_id)
    where mrr.month = as_of_month
),

journey as (
    select distinct account_id
    from stg_journey_events
    where entered_on <= last_day(as_of_month)
),

touched as (
    select distinct account_id
    from stg_touchpoints
    where touch_date between last_day(as_of_month) - interval 89 day and last_day(as_of_month)
),

signals as (
    select
        active.business_unit,
        12 * sum(active.mrr) as arr,
        count(*) as active_accounts,
        avg(case when journey.account_id is not null then 1.0 else 0.0 end) as journey_coverage,
        avg(case when touched.account_id is not null then 1.0 else 0.0 end) as touchpoint_coverage,
        avg(case when active.cs_model = 'tech_touch' then 1.0 else 0.0 end) as tech_touch_share
    from active
    left join journey using (account_id)
    left join touched using (account_id)
    group by active.business_unit
),

retention as (
    select
        accounts.business_unit,
        count(*) as retention_accounts,
        cast(sum(least(pairs.mrr_end, pairs.mrr_start)) as double) / sum(pairs.mrr_start) as grr_ttm,
        cast(sum(pairs.mrr_end) as double) / sum(pairs.mrr_start) as nrr_ttm
    from scoped_retention_pairs(as_of_month, as_of_month, 12, scope) as pairs
    inner join stg_accounts as accounts using (account_id)
    group by accounts.business_unit
),

self_assessed as (
    select business_unit, maturity
    from maturity_business_units(as_of_month, scope)
    where business_unit is not null
)

select
    signals.business_unit, self_assessed.maturity, signals.arr, signals.active_accounts,
    signals.journey_coverage, signals.touchpoint_coverage, signals.tech_touch_share,
    coalesce(retention.retention_accounts, 0) as retention_accounts,
    retention.grr_ttm, retention.nrr_ttm
from signals
left join retention on signals.business_unit is not distinct from retention.business_unit
left join self_assessed on signals.business_unit = self_assessed.business_unit
where signals.business_unit is not null;
