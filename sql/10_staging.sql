-- Staging: one view per raw table of the data contract, with explicit columns,
-- trimmed text and normalised codes. Metric views read these, never raw_*.

create or replace view stg_accounts as
select
    trim(account_id) as account_id,
    account_name,
    nullif(trim(industry), '') as industry,
    nullif(trim(region), '') as region,
    nullif(trim(segment), '') as segment,
    nullif(lower(trim(cs_model)), '') as cs_model,
    nullif(trim(csm), '') as csm,
    nullif(trim(business_unit), '') as business_unit,
    created_on
from raw_accounts;

create or replace view stg_subscriptions as
select
    trim(subscription_id) as subscription_id,
    trim(account_id) as account_id,
    trim(product) as product,
    start_date,
    end_date,  -- last day of service, inclusive; null = open-ended
    mrr,
    seats
from raw_subscriptions;

create or replace view stg_usage as
select trim(account_id) as account_id, date as usage_date, trim(metric) as metric, value
from raw_usage;

create or replace view stg_touchpoints as
select trim(account_id) as account_id, date as touch_date, lower(trim(type)) as touch_type,
    lower(trim(channel)) as channel, lower(trim(department)) as department
from raw_touchpoints;

create or replace view stg_tickets as
select trim(ticket_id) as ticket_id, trim(account_id) as account_id, opened_on, closed_on,
    lower(trim(severity)) as severity, csat
from raw_tickets;

create or replace view stg_nps as
select trim(account_id) as account_id, date as response_date, score
from raw_nps;

create or replace view stg_journey_events as
select trim(account_id) as account_id, trim(stage) as stage, entered_on
from raw_journey_events;

create or replace view stg_maturity_assessments as
select trim(assessment_id) as assessment_id, assessed_on, trim(business_unit) as business_unit,
    lower(trim(department)) as department, nullif(trim(respondent), '') as respondent, level
from raw_maturity_assessments;

create or replace view stg_culture_survey as
select trim(response_id) as response_id, answered_on, trim(business_unit) as business_unit,
    lower(trim(department)) as department, trim(item) as item, score
from raw_culture_survey;

create or replace view stg_programs as
select trim(account_id) as account_id, trim(program) as program, started_on
from raw_programs;
