-- METRICS.md §10: the journey events of the accounts in scope dated on or before D (the last day
-- of the as-of month), each with its stage's position and target days, the account's CSM and
-- whether the account is active in the as-of month. Stage names were matched to stage ids in
-- staging (case-insensitively); events naming no defined stage are left out. A product filter
-- keeps the accounts that have ever had a line of a chosen product.
-- One row per journey event (account, stage, entered_on).

create or replace macro scoped_journey_events(as_of_month, scope) as table
select distinct
    events.account_id,
    events.stage,
    stages.position,
    events.entered_on,
    stages.target_days,
    stages.owner_department,
    accounts.csm,
    accounts.account_name,
    active.account_id is not null as is_active
from stg_journey_events as events
inner join journey_stages as stages on stages.stage = events.stage
inner join stg_accounts as accounts on accounts.account_id = events.account_id
left join account_month_mrr as active on active.account_id = events.account_id and active.month = as_of_month
where events.entered_on <= cast(last_day(as_of_month) as date)
    and account_in_scope(
        accounts.segment, accounts.industry, accounts.region, accounts.business_unit, accounts.cs_model,
        accounts.csm, scope
    )
    and (
        scope_products(scope) is null
        or events.account_id in (
            select account_id from subscription_lines where list_contains(scope_products(scope), product)
        )
    );
