-- METRICS.md §7: renewals of expiring lines and conversion of free pilots.
-- One row per line of the scope whose end_date falls in [period_start, period_end]:
--   * paid lines (mrr > 0, is_paid) are the expiring lines. `renewed`: the same
--     account has a paid line of the same product active on some day of
--     (end_date, end_date + grace]. The expiring line itself never qualifies
--     (it is not active after its end_date); a free line never renews a paid one.
--   * free lines (mrr = 0: pilots, trials) are not renewals (`renewed` is null).
--     `converted`: the account has a paid line of any product active on some day
--     of (end_date, end_date + grace]. With a product filter, "any product" means
--     any of the chosen products, as every line here is read within the scope.
--     (An account already paying for another product while its free pilot ends
--     converts, by the letter of §7.)
-- `outcome_known_on` = end_date + grace: a line is counted at as-of month t only
-- when this is on or before last_day(t); before that it is pending, never "not
-- renewed". The caller applies that rule per as-of month (80_scoped_kpi_series.sql).
-- "First expiring line" of an account (`is_first_expiring_line`): its paid line
-- with the earliest end_date over ALL its paid lines in scope that have an
-- end_date (not only those of the period), ties broken by subscription_id, so
-- each account has at most one. It counts in the first-renewal rate only when it
-- is itself a counted expiring line of the period.
-- A line is active on day d when start_date <= d and (end_date is null or
-- d <= end_date): end_date is the last day of service, inclusive.

create or replace macro scoped_expiring_lines(period_start, period_end, grace_days, scope) as table
with lines as (
    select subscription_id, account_id, product, start_date, end_date, is_paid, is_free
    from subscription_lines
    where (scope_products(scope) is null or list_contains(scope_products(scope), product))
        and account_in_scope(segment, industry, region, business_unit, cs_model, csm, scope)
),

ending_lines as (
    select
        subscription_id, account_id, product, end_date, is_paid,
        end_date + cast(grace_days as integer) as outcome_known_on
    from lines
    where end_date between period_start and period_end
        and (is_paid or is_free)
),

-- Paid lines active on some day of (end_date, end_date + grace]: the later of
-- their start and end_date + 1 is on or before the earlier of their end and end_date + grace.
followed_by_paid as (
    select
        ending_lines.subscription_id,
        bool_or(following.product = ending_lines.product) as same_product,
        true as any_product
    from ending_lines
    inner join lines as following
        on following.account_id = ending_lines.account_id
        and following.is_paid
        and greatest(following.start_date, ending_lines.end_date + 1)
            <= least(coalesce(following.end_date, ending_lines.outcome_known_on), ending_lines.outcome_known_on)
    group by ending_lines.subscription_id
),

first_expiring_lines as (
    select subscription_id
    from lines
    where is_paid and end_date is not null
    qualify row_number() over (partition by account_id order by end_date, subscription_id) = 1
)

select
    ending_lines.subscription_id,
    ending_lines.account_id,
    ending_lines.product,
    ending_lines.end_date,
    ending_lines.outcome_known_on,
    ending_lines.is_paid,
    case when ending_lines.is_paid then coalesce(followed_by_paid.same_product, false) end as renewed,
    case when not ending_lines.is_paid then coalesce(followed_by_paid.any_product, false) end as converted,
    first_expiring_lines.subscription_id is not null as is_first_expiring_line
from ending_lines
left join followed_by_paid on followed_by_paid.subscription_id = ending_lines.subscription_id
left join first_expiring_lines on first_expiring_lines.subscription_id = ending_lines.subscription_id;
