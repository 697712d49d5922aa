-- The global filters (cs_lib/filters.py). Every metric macro takes the same
-- scope parameters: one list per dimension, null meaning "no filter". Values
-- arrive as bound parameters; dimension names are fixed here (the allow-list).
-- Without a product filter the materialised all-products tables are read; with
-- one, the same definitions are computed for the chosen products. DuckDB skips
-- the union branch whose guard on the parameter is false.

-- Whether an account with these attributes is in scope: the one definition of the filters.
create or replace macro account_in_scope(
    segment, industry, region, business_unit, cs_model, csm,
    f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm
) as
    (f_segment is null or list_contains(f_segment, segment))
    and (f_industry is null or list_contains(f_industry, industry))
    and (f_region is null or list_contains(f_region, region))
    and (f_business_unit is null or list_contains(f_business_unit, business_unit))
    and (f_cs_model is null or list_contains(f_cs_model, cs_model))
    and (f_csm is null or list_contains(f_csm, csm));

create or replace macro scoped_accounts(f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm) as table
select account_id
from stg_accounts
where account_in_scope(
    segment, industry, region, business_unit, cs_model, csm,
    f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm
);

-- METRICS.md §1: MRR(a, m) within the filter; one row per account and month with MRR > 0.
create or replace macro scoped_account_month_mrr(
    as_of_month, f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
) as table
with all_products as (
    select account_id, month, mrr, segment, industry, region, business_unit, cs_model, csm
    from account_month_mrr
    where f_product is null
),

chosen_products as (
    select account_id, month, mrr, segment, industry, region, business_unit, cs_model, csm
    from account_month_mrr_for_products(f_product)
    where f_product is not null
),

either as (
    select account_id, month, mrr, segment, industry, region, business_unit, cs_model, csm from all_products
    union all
    select account_id, month, mrr, segment, industry, region, business_unit, cs_model, csm from chosen_products
)

select account_id, month, mrr
from either
where month <= as_of_month
    and account_in_scope(
        segment, industry, region, business_unit, cs_model, csm,
        f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm
    );
