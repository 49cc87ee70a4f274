"""Baseline (a): one hand-written DuckDB SQL script over the landing CSVs, the practical floor.

It reads the CSV folders directly with ``read_csv`` (no ingestion, no validation, no dbt)
and implements the province models of METHOD.md as directly as SQL allows, down to the day
rows, then sums them to the compared totals of ``orchestration.bench.scope``. It uses
DuckDB-only SQL (ASOF joins, ``read_csv`` globs) on purpose: it is the fastest thing a
user could write on this machine, not a portable model.
"""

from pathlib import Path

import duckdb
import pandas as pd

from orchestration.bench.scope import seed_path

SCRIPT = """
create temp table regions as
select * from read_csv('{landing}/regions/*.csv', header = true, all_varchar = true);

create temp table provinces as
select region_code, parent_code from regions where level = 'province';

create temp table fuels as
select fuel_code, cast(std_coal_coeff as double) as c, cast(valid_from as date) as valid_from
from read_csv('{fuels}', header = true, all_varchar = true);

create temp table efs as
select fuel_code, cast(co2_per_tce as double) as e, cast(valid_from as date) as valid_from
from read_csv('{emission_factors}', header = true, all_varchar = true);

create temp table energy_industries as
select industry_code from read_csv('{industries}', header = true, all_varchar = true)
where sector = 'energy';

-- grid day rows of the provinces
create temp table supply_days as
select s.region_code, s.period_start as day, date_trunc('month', s.period_start) as month,
       s.generation_mwh as gen, s.imported_mwh as imp, s.heat_supply_gj as heat
from read_csv('{landing}/power_supply/*.csv', header = true,
              types = {{'region_code': 'varchar'}}) as s
semi join provinces using (region_code)
where s.period_type = 'day';

create temp table elec_days as
select e.region_code, e.period_start as day, e.sector_code, e.industry_code, e.mwh
from read_csv('{landing}/electricity_consumption/*.csv', header = true,
              types = {{'region_code': 'varchar', 'industry_code': 'varchar'}}) as e
semi join provinces using (region_code)
where e.period_type = 'day';

-- energy sector (5.2, 5.3, 5.4): fuel of reported months, years from the energy balance
create temp table balance as
select b.region_code, make_date(b.year, 1, 1) as year, b.fuel_code, b.flow_code, b.quantity
from read_csv('{landing}/energy_balance/*.csv', header = true,
              types = {{'region_code': 'varchar'}}) as b
semi join provinces using (region_code)
where b.fuel_code not in ('electricity', 'heat');

create temp table energy_months as
select i.region_code, i.period_start as month, i.use as subsector, i.fuel_code,
       sum(i.quantity) as q
from read_csv('{landing}/power_heat_inputs/*.csv', header = true,
              types = {{'region_code': 'varchar'}}) as i
semi join provinces using (region_code)
where i.period_type = 'month' and i.fuel_code not in ('electricity', 'heat')
group by all;

create temp table energy_quarters as
with complete as (
    select region_code, date_trunc('quarter', month) as quarter from energy_months
    group by all having count(distinct month) = 3
)
select m.region_code, c.quarter, m.subsector, m.fuel_code, sum(m.q) as q
from energy_months as m
join complete as c
    on m.region_code = c.region_code and date_trunc('quarter', m.month) = c.quarter
group by all;

create temp table month_drivers as
select region_code, month, sum(gen) as gen, sum(heat) as heat, count(heat) as heat_days,
       count(*) as days
from supply_days group by all;

create temp table energy_day_fuel as
select d.region_code, d.day, m.subsector, m.fuel_code,
       m.q * case
           when m.subsector = 'power' and md.gen > 0 then d.gen / md.gen
           when m.subsector = 'heat' and md.heat_days > 0 and md.heat > 0
               then coalesce(d.heat, 0) / md.heat
           else 1.0 / md.days
       end as q
from energy_months as m
join supply_days as d on d.region_code = m.region_code and d.month = m.month
join month_drivers as md on md.region_code = m.region_code and md.month = m.month;

-- import rows: every period with fuel figures, and days also where a nowcast covers them
create temp table first_reported as
select region_code, min(month) as first_month from energy_months group by all;

create temp table energy_rows as
select region_code, 'year' as period_type, year as period_start,
       case when flow_code = 'power_generation_input' then 'power' else 'heat' end as subsector,
       fuel_code, quantity as q
from balance where flow_code in ('power_generation_input', 'heat_supply_input')
union all
select region_code, 'quarter', quarter, subsector, fuel_code, q from energy_quarters
union all
select region_code, 'month', month, subsector, fuel_code, q from energy_months
union all
select region_code, 'day', day, subsector, fuel_code, q from energy_day_fuel
union all
select region_code, 'year', year, 'import', 'electricity_import', imp
from (select distinct region_code, year from balance
      where flow_code in ('power_generation_input', 'heat_supply_input')) as y
join (select region_code, date_trunc('year', day) as year, sum(imp) as imp
      from supply_days group by all) using (region_code, year)
union all
select region_code, 'quarter', quarter, 'import', 'electricity_import', imp
from (select distinct region_code, quarter from energy_quarters) as q
join (select region_code, date_trunc('quarter', day) as quarter, sum(imp) as imp
      from supply_days group by all) using (region_code, quarter)
union all
select region_code, 'month', month, 'import', 'electricity_import', imp
from (select distinct region_code, month from energy_months) as m
join (select region_code, month, sum(imp) as imp from supply_days group by all)
    using (region_code, month)
union all
select d.region_code, 'day', d.day, 'import', 'electricity_import', d.imp
from supply_days as d
join first_reported as f on d.region_code = f.region_code and d.month >= f.first_month;

-- industry (5.5, 5.6, 5.7): Q = (consumption + conversion + recycling) * k
create temp table industry_raw as
select i.region_code, i.period_type, i.period_start, i.industry_code, i.fuel_code, i.quantity
from read_csv('{landing}/industry_energy/*.csv', header = true,
              types = {{'region_code': 'varchar', 'industry_code': 'varchar'}}) as i
semi join provinces using (region_code)
where i.fuel_code != 'electricity'
  and i.industry_code not in (select industry_code from energy_industries);

create temp table value_added as
select v.region_code, v.industry_code, v.period_start as va_start,
       coalesce(v.value_added_total / nullif(v.value_added_above_scale, 0), 1.0) as k
from read_csv('{landing}/industry_value_added/*.csv', header = true,
              types = {{'region_code': 'varchar', 'industry_code': 'varchar'}}) as v
semi join provinces using (region_code)
where v.period_type = 'year';

create temp table industry_periods as
select region_code, period_type, period_start, industry_code, fuel_code, sum(quantity) as q
from industry_raw where period_type in ('year', 'quarter', 'month') group by all;

create temp table industry_months_complete as
select region_code, date_trunc('quarter', period_start) as quarter from industry_periods
where period_type = 'month' group by all having count(distinct period_start) = 3;

create temp table industry_whole as
with periods as (
    select * from industry_periods
    union all
    select m.region_code, 'quarter', c.quarter, m.industry_code, m.fuel_code, sum(m.q)
    from industry_periods as m
    join industry_months_complete as c
        on m.region_code = c.region_code and date_trunc('quarter', m.period_start) = c.quarter
    where m.period_type = 'month'
      and not exists (select 1 from industry_periods as o
                      where o.region_code = m.region_code and o.period_type = 'quarter'
                        and o.period_start = c.quarter)
    group by all
)
select p.region_code, p.period_type, p.period_start, p.industry_code, p.fuel_code,
       p.q * coalesce(v.k, 1.0) as q
from periods as p
asof left join value_added as v
    on p.region_code = v.region_code and p.industry_code = v.industry_code
   and p.period_start >= v.va_start;

create temp table industry_elec as
select region_code, day, date_trunc('month', day) as month, industry_code, mwh
from elec_days where sector_code = 'industry' and industry_code is not null;

create temp table industry_days as
select distinct region_code, day, month from (
    select region_code, day, month from supply_days
    union all select region_code, day, month from industry_elec);

create temp table industry_day_fuel as
with months as (
    select * from industry_whole where period_type = 'month' and fuel_code != 'heat'
),
elec_month as (
    select region_code, month, industry_code, sum(mwh) as mwh, count(*) as n
    from industry_elec group by all
),
day_count as (select region_code, month, count(*) as n from industry_days group by all)
select m.region_code, e.day, m.industry_code, m.fuel_code,
       m.q * case when em.mwh > 0 then e.mwh / em.mwh else 1.0 / em.n end as q
from months as m
join elec_month as em
    on em.region_code = m.region_code and em.month = m.period_start
   and em.industry_code = m.industry_code
join industry_elec as e
    on e.region_code = m.region_code and e.month = m.period_start
   and e.industry_code = m.industry_code
union all
select m.region_code, d.day, m.industry_code, m.fuel_code, m.q / dc.n
from months as m
join industry_days as d on d.region_code = m.region_code and d.month = m.period_start
join day_count as dc on dc.region_code = m.region_code and dc.month = m.period_start
where not exists (select 1 from elec_month as em
                  where em.region_code = m.region_code and em.month = m.period_start
                    and em.industry_code = m.industry_code);

-- other sectors (5.8-5.11): the year's fuel cascaded by the subsector's electricity
create temp table other_years as
select region_code, year, flow_code as subsector, fuel_code, sum(quantity) as q
from balance
where flow_code in ('agriculture', 'construction', 'transport', 'commercial', 'residential')
group by all;

create temp table other_drivers as
with split as (
    select distinct region_code from elec_days
    where industry_code is null
      and sector_code in ('agriculture', 'construction', 'transport', 'commercial', 'residential')
),
subsectors as (
    select unnest(['agriculture', 'construction', 'transport', 'commercial', 'residential'])
        as subsector
)
select e.region_code, e.day, e.sector_code as subsector, e.mwh
from elec_days as e semi join split using (region_code)
where e.industry_code is null
  and e.sector_code in ('agriculture', 'construction', 'transport', 'commercial', 'residential')
union all
select e.region_code, e.day, s.subsector, e.mwh
from elec_days as e cross join subsectors as s
where e.industry_code is null and e.sector_code = 'other'
  and e.region_code not in (select region_code from split);

create temp table other_day_fuel as
with driver_year as (
    select region_code, date_trunc('year', day) as year, subsector, sum(mwh) as mwh,
           count(*) as n
    from other_drivers group by all
)
select y.region_code, d.day, y.subsector, y.fuel_code,
       y.q * case when dy.mwh > 0 then d.mwh / dy.mwh else 1.0 / dy.n end as q
from other_years as y
join driver_year as dy
    on dy.region_code = y.region_code and dy.year = y.year and dy.subsector = y.subsector
join other_drivers as d
    on d.region_code = y.region_code and d.subsector = y.subsector
   and date_trunc('year', d.day) = y.year;

-- every compared row with its period, then c(f) and e(f) valid at the period's start
create temp table quantities as
select 'energy' as sector, region_code, period_type, period_start, fuel_code, q
from energy_rows
union all
select 'industry', region_code, period_type, period_start, fuel_code, q
from industry_whole where fuel_code != 'heat'
union all
select 'industry', region_code, 'day', day, fuel_code, q from industry_day_fuel
union all
select 'other', region_code, 'year', year, fuel_code, q from other_years
union all
select 'other', region_code, 'quarter', date_trunc('quarter', day), fuel_code, sum(q)
from other_day_fuel group by all
union all
select 'other', region_code, 'month', date_trunc('month', day), fuel_code, sum(q)
from other_day_fuel group by all
union all
select 'other', region_code, 'day', day, fuel_code, q from other_day_fuel;

create temp table province_totals as
select q.region_code, q.period_type, year(q.period_start) as year, q.sector,
       sum(q.q * f.c * e.e) as emissions_tco2
from quantities as q
asof join fuels as f on q.fuel_code = f.fuel_code and q.period_start >= f.valid_from
asof join efs as e on q.fuel_code = e.fuel_code and q.period_start >= e.valid_from
group by all;

select region_code, period_type, year, sector, emissions_tco2 from province_totals
union all
select p.parent_code, t.period_type, t.year, t.sector, sum(t.emissions_tco2)
from province_totals as t join provinces as p using (region_code)
group by all
order by 1, 2, 3, 4;
"""


def render(landing_dir: Path) -> str:
    """The script with the landing dir and the factor seeds a build would use filled in."""
    landing = Path(landing_dir).resolve()
    return SCRIPT.format(
        landing=landing.as_posix(),
        fuels=seed_path(landing, "fuels").as_posix(),
        emission_factors=seed_path(landing, "emission_factors").as_posix(),
        industries=seed_path(landing, "industries").as_posix(),
    )


def totals(landing_dir: Path) -> pd.DataFrame:
    """Run the script in an in-memory DuckDB and return the compared totals."""
    con = duckdb.connect()
    try:
        con.execute("set enable_progress_bar = false")
        statements = [s for s in render(landing_dir).split(";") if s.strip()]
        for statement in statements[:-1]:
            con.execute(statement)
        return con.execute(statements[-1]).df()
    finally:
        con.close()
