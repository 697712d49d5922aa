-- METRICS.md §4 growth rates over the trailing window, per end month m1 in
-- [from_end_month, as_of_month], with the contraction rate the Growth page adds:
--   contraction rate = Σ over accounts of A still active at m1 of max(MRR(a,m0) − MRR(a,m1), 0)
--                      / Σ_A MRR(a,m0)
-- (revenue lost by accounts that stayed; churned accounts' loss is churn, not contraction,
-- as in §2). GRR = 1 − contraction rate − revenue share of churned accounts.

create or replace macro scoped_growth_rates(as_of_month, from_end_month, window_months, scope) as table
select
    end_month as month,
    count(*) as accounts_start,
    cast(sum(greatest(mrr_end - mrr_start, 0)) as double) / sum(mrr_start) as expansion_rate,
    count(*) filter (where mrr_end > mrr_start) / count(*) as upsell_rate,
    count(*) filter (where cross_sold) / count(*) as cross_sell_rate,
    cast(sum(greatest(mrr_start - mrr_end, 0)) filter (where mrr_end > 0) as double) / sum(mrr_start)
        as contraction_rate
from scoped_retention_pairs(as_of_month, from_end_month, window_months, scope)
group by end_month
order by end_month;
