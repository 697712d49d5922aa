-- METRICS.md §7: every subscription line with its account's filter attributes, built at
-- import so that renewal queries filter by column instead of joining accounts each time.
-- One row per subscription line. Paid = mrr > 0; free (pilots, trials) = mrr = 0.

create or replace table subscription_lines as
select
    lines.subscription_id, lines.account_id, lines.product, lines.start_date, lines.end_date,
    lines.mrr > 0 as is_paid, lines.mrr = 0 as is_free,
    accounts.segment, accounts.industry, accounts.region, accounts.business_unit, accounts.cs_model, accounts.csm
from stg_subscriptions as lines
inner join stg_accounts as accounts on accounts.account_id = lines.account_id
order by lines.account_id, lines.end_date;
