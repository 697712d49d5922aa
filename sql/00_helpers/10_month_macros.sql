-- Small scalar macros shared by the views. Named like Spark SQL's built-ins
-- where one exists (add_months), so the definitions transpile cleanly.

create or replace macro month_of(d) as cast(date_trunc('month', d) as date);

create or replace macro add_months(month_start, months) as cast(month_start + to_months(months) as date);

-- Whole months from one month start to another (2024-11 → 2025-02 = 3).
create or replace macro months_between_starts(from_month, to_month) as
    (year(to_month) - year(from_month)) * 12 + (month(to_month) - month(from_month));
