"""Data-quality configuration shared by dbt (consistency models) and Great Expectations."""
