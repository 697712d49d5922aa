-- METRICS.md §4: GRR, NRR, logo retention, upsell, expansion and cross-sell rates over
-- a window. One row per end month m1 in [from_end_month, as_of_month] with a non-empty
-- A; a missing row means "undefined".

create or replace macro scoped_trailing_retention(as_of_month, from_end_month, window_months, scope) as table
select
    end_month as month,
    start_month,
    count(*) as accounts_start,
    sum(mrr_start) as mrr_start,
    sum(mrr_end) as mrr_end,
    cast(sum(least(mrr_end, mrr_start)) as double) / sum(mrr_start) as grr,
    cast(sum(mrr_end) as double) / sum(mrr_start) as nrr,
    count(*) filter (where mrr_end > 0) / count(*) as logo_retention,
    count(*) filter (where mrr_end > mrr_start) / count(*) as upsell_rate,
    cast(sum(greatest(mrr_end - mrr_start, 0)) as double) / sum(mrr_start) as expansion_rate,
    count(*) filter (where cross_sold) / count(*) as cross_sell_rate
from scoped_retention_pairs(as_of_month, from_end_month, window_months, scope)
group by start_month, end_month;
