-- METRICS.md §1: one row per calendar month of the data's range (data_range), up to the
-- latest month an explicit as-of may name: the spine that makes gaps visible.

create or replace table months as
select cast(month_start as date) as month
from data_range,
    range(data_range.first_month, add_months(data_range.spine_end_month, 1), interval 1 month) as spine(month_start)
where data_range.first_month is not null;
