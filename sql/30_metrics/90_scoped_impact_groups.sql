-- METRICS.md §12: treated and untreated accounts over the 12-month window m0 -> m1 = as_of_month,
-- within the scope. One row per account of A (active in m0 = as_of_month - 12) with its segment
-- (the stratum; '' when it has none), its group and its §4 facts (MRR at m0 and at m1).
--   treatment_kind 'program': treated = started the programme (earliest start) on or before the
--     last day of m0; started in (m0, last day of m1] = 'left_out'; later or never = untreated.
--   treatment_kind 'journey_stage': the same with the first entry into that stage or a later one
--     ("reached stage X": the funnel's reach of §10); the stage is matched case-insensitively.
--   treatment_kind 'cs_model': no history, the current value against the rest.
-- `started_on` is the treatment's start (null for a CS model, or never started).

create or replace macro impact_treatment_starts(treatment_kind, treatment_value) as table
select account_id, min(started_on) as started_on
from stg_programs
where treatment_kind = 'program' and program = treatment_value
group by account_id
union all
select events.account_id, min(events.entered_on) as started_on
from stg_journey_events as events
inner join journey_stages as stages on lower(stages.stage) = lower(events.stage)
where treatment_kind = 'journey_stage'
    and stages.position >= (select position from journey_stages where lower(stage) = lower(treatment_value))
group by events.account_id;

create or replace macro scoped_impact_groups(as_of_month, treatment_kind, treatment_value, scope) as table
with pairs as (
    select account_id, start_month, end_month, mrr_start, mrr_end
    from scoped_retention_pairs(as_of_month, as_of_month, 12, scope)
),

starts as (
    select account_id, started_on from impact_treatment_starts(treatment_kind, treatment_value)
)

select
    pairs.account_id,
    coalesce(accounts.segment, '') as segment,
    case
        when treatment_kind = 'cs_model' then
            case when accounts.cs_model = lower(treatment_value) then 'treated' else 'untreated' end
        when starts.started_on <= last_day(pairs.start_month) then 'treated'
        when starts.started_on <= last_day(pairs.end_month) then 'left_out'
        else 'untreated'
    end as treatment_group,
    starts.started_on,
    pairs.mrr_start,
    pairs.mrr_end
from pairs
inner join stg_accounts as accounts on accounts.account_id = pairs.account_id
left join starts on starts.account_id = pairs.account_id;
