-- The global filters (cs_lib/filters.py), the one definition. Every metric macro takes
-- one `scope` argument: a struct with one list per dimension (segment, industry,
-- region, business_unit, cs_model, csm, product), null meaning "no filter". Values
-- arrive as a bound parameter; dimension names are fixed here (the allow-list), so
-- adding a dimension is a change to this file and to cs_lib/filters.py.

-- Whether an account with these attributes is in scope (the product filter is applied
-- where products are: see scoped_account_month_mrr).
create or replace macro account_in_scope(segment, industry, region, business_unit, cs_model, csm, scope) as
    (scope.segment is null or list_contains(scope.segment, segment))
    and (scope.industry is null or list_contains(scope.industry, industry))
    and (scope.region is null or list_contains(scope.region, region))
    and (scope.business_unit is null or list_contains(scope.business_unit, business_unit))
    and (scope.cs_model is null or list_contains(scope.cs_model, cs_model))
    and (scope.csm is null or list_contains(scope.csm, csm));

-- The chosen products (null: all). A table macro reads struct fields through scalar macros
-- like this one: inside a query, `scope.product` would name a table.
-- How the product filter is read: all products, exactly one (read from the per-product
-- materialised tables), or several (computed at query time). DuckDB skips the union
-- branches whose guard on the bound parameter is false.
create or replace macro scope_products(scope) as scope.product;

create or replace macro scope_product_count(scope) as coalesce(len(scope.product), 0);
