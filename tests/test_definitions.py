"""The Dagster code location: it loads, has an asset per landing source, and its lineage runs
from every landing asset through staging and intermediate models to the marts."""

import pytest
from dagster import AssetKey, AssetSelection, Definitions, build_resources

from orchestration.contract import LOAD_ORDER
from orchestration.definitions import defs
from orchestration.defs.resources import LandingResource, WarehouseResource

RAW = {name: AssetKey(["raw", name]) for name in (*LOAD_ORDER, "local_factor_seeds")}

# Which raw sources each mart reads (METHOD: 5.2-5.19 need the grid, statistics and activity
# data; every model joins regions and the factor seeds, which local overrides replace).
MART_SOURCES = {
    "fct_emissions": [
        "regions",
        "local_factor_seeds",
        "energy_balance",
        "power_heat_inputs",
        "power_supply",
        "electricity_consumption",
        "heat_consumption",
        "industry_energy",
        "industry_value_added",
        "other_activity",
    ],
    "fct_emission_factors_derived": [
        "regions",
        "local_factor_seeds",
        "power_heat_inputs",
        "power_supply",
    ],
    "rpt_region_totals": [
        "regions",
        "local_factor_seeds",
        "energy_balance",
        "power_supply",
        "industry_energy",
        "other_activity",
        "economy",
    ],
}


@pytest.fixture(scope="module")
def graph():
    return defs.resolve_asset_graph()


def upstream(graph, key: AssetKey) -> set[AssetKey]:
    return AssetSelection.assets(key).upstream().resolve(graph) - {key}


def test_definitions_load():
    Definitions.validate_loadable(defs)
    assert defs.resolve_job_def("build_all") is not None


def test_every_contract_source_has_a_landing_asset_with_its_check(graph):
    for name, key in RAW.items():
        node = graph.get(key)
        assert node.group_name == "landing", name
        assert any(c.name == "landing_files_accepted" for c in node.check_keys), name


def test_raw_sources_depend_on_regions_and_local_factor_seeds(graph):
    assert graph.get(RAW["regions"]).parent_keys == set()
    for name in LOAD_ORDER:
        if name == "regions":
            continue
        assert {RAW["regions"], RAW["local_factor_seeds"]} <= graph.get(RAW[name]).parent_keys


def test_staging_reads_the_landing_assets(graph):
    for name in LOAD_ORDER:
        staging = graph.get(AssetKey(["carbon", f"stg_{name}"]))
        assert staging.group_name == "staging"
        assert RAW[name] in staging.parent_keys, name
    # The four raw.local_<seed> sources are one asset upstream of the seed staging models.
    assert RAW["local_factor_seeds"] in graph.get(AssetKey(["carbon", "stg_fuels"])).parent_keys


@pytest.mark.parametrize("mart", sorted(MART_SOURCES))
def test_marts_reach_back_to_their_landing_sources(graph, mart):
    key = AssetKey(["carbon", mart])
    assert graph.has(key), f"mart {mart} is missing from the code location"
    assert graph.get(key).group_name == "marts"
    closure = upstream(graph, key)
    missing = [name for name in MART_SOURCES[mart] if RAW[name] not in closure]
    assert not missing, f"{mart} does not depend on {missing}"
    groups = {graph.get(k).group_name for k in closure}
    assert {"landing", "staging", "intermediate", "factor_seeds"} <= groups


def _resolved(resource):
    """The resource with its EnvVar fields read, as in a run."""
    with build_resources({"it": resource}) as resources:
        return resources.it


def test_resources_from_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("CARBON_POSTGRES_URL", raising=False)
    monkeypatch.setenv("CARBON_DUCKDB_PATH", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("CARBON_SCHEMA", "elsewhere")
    warehouse = _resolved(WarehouseResource.from_env()).get_warehouse()
    assert (warehouse.kind, warehouse.path, warehouse.schema) == (
        "duckdb",
        str(tmp_path / "w.duckdb"),
        "elsewhere",
    )
    monkeypatch.setenv("CARBON_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/x")
    warehouse = _resolved(WarehouseResource.from_env()).get_warehouse()
    assert (warehouse.kind, warehouse.url) == ("postgres", "postgresql://postgres@127.0.0.1:5432/x")
    monkeypatch.setenv("CARBON_LANDING_DIR", str(tmp_path / "landing"))
    assert _resolved(LandingResource.from_env()).path == tmp_path / "landing"
