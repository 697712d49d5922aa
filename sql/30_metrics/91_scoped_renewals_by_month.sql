-- METRICS.md §7 by month of expiry: one row per month from the data's first month to
-- the as-of month in which a line of the scope ends. Counts read at the as-of month:
-- a line is counted once end_date + grace <= last_day(as_of_month); a paid line still
-- inside its grace is pending (a count, never "not renewed"). `expiring`/`renewed`:
-- counted paid lines; `first_*`: the counted paid lines that are their account's first
-- paid expiring line (70_scoped_expiring_lines.sql); `pilots`/`pilots_converted`:
-- counted free lines. Rates with nothing counted are null.

create or replace macro scoped_renewals_by_month(as_of_month, grace_days, scope) as table
with lines as (
    select month_of(end_date) as month, is_paid, renewed, converted, is_first_expiring_line,
        outcome_known_on <= last_day(as_of_month) as is_counted
    from scoped_expiring_lines((select first_month from data_range), last_day(as_of_month), grace_days, scope)
),

counts as (
    select
        month,
        count(*) filter (where is_paid and is_counted) as expiring,
        count(*) filter (where is_paid and is_counted and renewed) as renewed,
        count(*) filter (where is_paid and is_counted and is_first_expiring_line) as first_expiring,
        count(*) filter (where is_paid and is_counted and is_first_expiring_line and renewed) as first_renewed,
        count(*) filter (where not is_paid and is_counted) as pilots,
        count(*) filter (where not is_paid and is_counted and converted) as pilots_converted,
        count(*) filter (where is_paid and not is_counted) as pending
    from lines
    group by month
)

select
    month, expiring, renewed, cast(renewed as double) / nullif(expiring, 0) as renewal_rate,
    first_expiring, first_renewed, cast(first_renewed as double) / nullif(first_expiring, 0) as first_renewal_rate,
    pilots, pilots_converted, cast(pilots_converted as double) / nullif(pilots, 0) as pilot_conversion_rate,
    pending
from counts
order by month;
