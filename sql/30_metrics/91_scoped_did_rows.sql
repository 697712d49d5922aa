-- METRICS.md §12, before / after (difference in differences) for a programme, within the scope.
-- For each programme start month s with s + 12 <= as_of_month: treated = accounts whose earliest
-- start falls in s and that were active at s - 12 and at s; control = accounts active at s - 12
-- and at s that had not started by the last day of s + 12 (or never did). One row per account,
-- stack and role, with MRR at s - 12, s and s + 12 (before = s-12 -> s, after = s -> s+12). An
-- account may be a control of an early stack and treated in a later one. Stacks without controls
-- (or without treated accounts) are dropped by the caller, which also pools and resamples.

create or replace macro scoped_did_rows(as_of_month, program_name, scope) as table
with pairs as (
    select account_id, start_month, end_month, mrr_start, mrr_end
    from scoped_retention_pairs(as_of_month, (select min(month) from months), 12, scope)
),

starts as (
    select account_id, started_on from impact_treatment_starts('program', program_name)
),

before_pairs as (
    select account_id, start_month, end_month as stack_month, mrr_start, mrr_end
    from pairs
    where mrr_end > 0 and add_months(end_month, 12) <= as_of_month
)

select
    before_pairs.account_id,
    before_pairs.stack_month,
    case when starts.started_on is not null and month_of(starts.started_on) = before_pairs.stack_month
        then 'treated' else 'control' end as role,
    before_pairs.mrr_start as mrr_before,
    before_pairs.mrr_end as mrr_stack,
    after_pairs.mrr_end as mrr_after
from before_pairs
inner join pairs as after_pairs
    on after_pairs.account_id = before_pairs.account_id and after_pairs.start_month = before_pairs.stack_month
left join starts on starts.account_id = before_pairs.account_id
where starts.started_on is null
    or month_of(starts.started_on) = before_pairs.stack_month
    or starts.started_on > last_day(add_months(before_pairs.stack_month, 12));
