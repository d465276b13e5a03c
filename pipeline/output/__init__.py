"""Outputs: query, report, diff, summary and notebooks over a built warehouse."""
