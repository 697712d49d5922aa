-- The accounts whose attributes are in scope: one row per account.

create or replace macro scoped_accounts(scope) as table
select account_id
from stg_accounts
where account_in_scope(segment, industry, region, business_unit, cs_model, csm, scope);
