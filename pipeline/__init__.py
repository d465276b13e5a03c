"""Turn residency ("internat") guides into a validated DuckDB warehouse."""

__version__ = "0.2.0"
