-- Staging: raw_subscriptions, one row per row of the imported file, with explicit columns,
-- trimmed text and normalised codes. Metric views read staging views, never raw_* tables.

create or replace view stg_subscriptions as
select
    trim(subscription_id) as subscription_id,
    trim(account_id) as account_id,
    trim(product) as product,
    start_date,
    end_date,  -- last day of service, inclusive; null = open-ended
    mrr,
    seats
from raw_subscriptions;
