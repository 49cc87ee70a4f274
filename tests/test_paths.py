"""dbt's target dir: the project's by default, another one per process when asked."""

from orchestration.paths import DBT_PROJECT_DIR, dbt_target_path


def test_dbt_target_dir_defaults_to_the_project_and_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("CARBON_DBT_TARGET_DIR", raising=False)
    assert dbt_target_path("duckdb") == DBT_PROJECT_DIR / "target" / "duckdb"
    monkeypatch.setenv("CARBON_DBT_TARGET_DIR", str(tmp_path))
    assert dbt_target_path("postgres") == tmp_path / "postgres"
    monkeypatch.setenv("CARBON_DBT_TARGET_DIR", "")  # empty: as if unset
    assert dbt_target_path("postgres") == DBT_PROJECT_DIR / "target" / "postgres"
