-- METRICS.md §8: the five health components of every account active at every month-end,
-- each on 0-100 (null = absent), computed once for the whole warehouse: ranks are
-- warehouse-wide, and filters only choose which rows are shown. D = the last day of
-- the month; rows dated after D are ignored. Usage is read from the aggregate
-- account_day_usage, never from the raw events. Weights, bands and scores are applied
-- in cs_lib/metrics/health.py (they are settings and change without a rebuild).
-- One row per (month, account_id) of account_month_mrr.

create or replace macro health_components(adoption_metric) as table
with month_ends as (
    select month, cast(last_day(month) as date) as d from months
),

active as (
    select month_ends.month, month_ends.d, mrr.account_id, mrr.mrr, accounts.segment
    from account_month_mrr as mrr
    inner join month_ends on month_ends.month = mrr.month
    inner join stg_accounts as accounts on accounts.account_id = mrr.account_id
),

-- Adoption: usage of the chosen metric over [D-89, D], per seat (seats of the lines active
-- on D) or per account where the seats are 0 or blank. Present only when the account has a
-- usage row of any metric on or before D.
first_usage as (
    select account_id, min(usage_date) as first_day from account_day_usage group by account_id
),

window_usage as (
    select active.month, active.account_id, sum(usage.value) as total
    from active
    inner join account_day_usage as usage
        on usage.account_id = active.account_id
        and usage.metric = adoption_metric
        and usage.usage_date between active.d - 89 and active.d
    group by active.month, active.account_id
),

seats as (
    select active.month, active.account_id, sum(lines.seats) as seats
    from active
    inner join stg_subscriptions as lines
        on lines.account_id = active.account_id
        and lines.start_date <= active.d
        and (lines.end_date is null or active.d <= lines.end_date)
    group by active.month, active.account_id
),

adoption_values as (
    select
        active.month, active.account_id, coalesce(active.segment, '') as segment_group,
        coalesce(seats.seats, 0) > 0 as per_seat,
        coalesce(window_usage.total, 0) / case when coalesce(seats.seats, 0) > 0 then seats.seats else 1 end
            as adoption_value
    from active
    inner join first_usage on first_usage.account_id = active.account_id and first_usage.first_day <= active.d
    left join window_usage on window_usage.month = active.month and window_usage.account_id = active.account_id
    left join seats on seats.month = active.month and seats.account_id = active.account_id
),

-- Percentile rank = (strictly lower + 1/2 x the others equal) / (n - 1) x 100; 50 for a group of one.
-- A blank segment is its own group (coalesced to '' above); the segment null and '' never both occur
-- because staging turns '' into null.
adoption as (
    select
        month, account_id, adoption_value,
        case when group_size = 1 then 50.0
            else (lower_count + 0.5 * (equal_count - 1)) / (group_size - 1) * 100 end as adoption
    from (
        select
            month, account_id, adoption_value,
            count(*) over (partition by month, segment_group, per_seat) as group_size,
            rank() over (partition by month, segment_group, per_seat order by adoption_value) - 1 as lower_count,
            count(*) over (partition by month, segment_group, per_seat, adoption_value) as equal_count
        from adoption_values
    )
),

-- Engagement: 100 at 0 days since the last touchpoint on or before D, 0 at 180 days and beyond;
-- 0 when never touched; absent only when the table has no row on or before D.
touch_start as (select min(touch_date) as first_day from stg_touchpoints),

last_touch as (
    select active.month, active.account_id, max(touches.touch_date) as last_touch
    from active
    inner join stg_touchpoints as touches
        on touches.account_id = active.account_id and touches.touch_date <= active.d
    group by active.month, active.account_id
),

-- Support: 100 - 20 per high-severity ticket open at D, floored at 0; averaged with the mean
-- CSAT (1 -> 0, 5 -> 100) of tickets closed in [D-89, D] when there is one; 100 with no tickets;
-- absent only when the table has no row (opened) on or before D.
ticket_start as (select min(opened_on) as first_day from stg_tickets),

ticket_facts as (
    select
        active.month, active.account_id,
        count(*) filter (
            where tickets.severity = 'high' and (tickets.closed_on is null or tickets.closed_on > active.d)
        ) as open_high,
        avg(tickets.csat) filter (
            where tickets.closed_on between active.d - 89 and active.d
        ) as mean_csat
    from active
    inner join stg_tickets as tickets
        on tickets.account_id = active.account_id and tickets.opened_on <= active.d
    group by active.month, active.account_id
),

-- Sentiment: the latest NPS response on or before D (the mean of that date's responses) x 10.
nps_days as (
    select account_id, response_date, avg(score) as score
    from stg_nps
    group by account_id, response_date
),

sentiment as (
    select month, account_id, score * 10.0 as sentiment, response_date as last_response
    from (
        select
            active.month, active.account_id, nps_days.score, nps_days.response_date,
            row_number() over (partition by active.month, active.account_id order by nps_days.response_date desc)
                as recency
        from active
        inner join nps_days on nps_days.account_id = active.account_id and nps_days.response_date <= active.d
    )
    where recency = 1
)

select
    active.month,
    active.account_id,
    active.mrr,
    adoption.adoption_value,
    adoption.adoption,
    last_touch.last_touch,
    case
        when touch_start.first_day is null or touch_start.first_day > active.d then null
        when last_touch.last_touch is null then 0.0
        else greatest(0.0, 100.0 * (1 - (active.d - last_touch.last_touch) / 180.0))
    end as engagement,
    case
        when ticket_start.first_day is null or ticket_start.first_day > active.d then null
        when ticket_facts.mean_csat is null then greatest(0.0, 100.0 - 20.0 * coalesce(ticket_facts.open_high, 0))
        else (greatest(0.0, 100.0 - 20.0 * ticket_facts.open_high) + (ticket_facts.mean_csat - 1) / 4.0 * 100.0) / 2
    end as support,
    sentiment.sentiment,
    -- Growth: 50 + 50 x clamp((MRR(m) - MRR(m-3)) / MRR(m-3), -1, 1); absent when MRR(m-3) = 0.
    case when previous.mrr > 0
        then 50.0 + 50.0 * greatest(-1.0, least(1.0, (active.mrr - previous.mrr) / previous.mrr))
    end as growth
from active
cross join touch_start
cross join ticket_start
left join adoption on adoption.month = active.month and adoption.account_id = active.account_id
left join last_touch on last_touch.month = active.month and last_touch.account_id = active.account_id
left join ticket_facts on ticket_facts.month = active.month and ticket_facts.account_id = active.account_id
left join sentiment on sentiment.month = active.month and sentiment.account_id = active.account_id
left join account_month_mrr as previous
    on previous.account_id = active.account_id and previous.month = add_months(active.month, -3);
