-- Staging: raw_tickets, one row per row of the imported file, with explicit columns,
-- trimmed text and normalised codes. Metric views read staging views, never raw_* tables.

create or replace view stg_tickets as
select trim(ticket_id) as ticket_id, trim(account_id) as account_id, opened_on, closed_on,
    lower(trim(severity)) as severity, csat
from raw_tickets;
