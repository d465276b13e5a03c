"""The end-of-build summary: rows per table, rejects by reason, failures."""

from __future__ import annotations

from pathlib import Path

from pipeline.build import BuildResult


def summary(result: BuildResult, target: Path) -> str:
    """A short human-readable report of a build."""
    lines = ["", "Rows per table:"]
    width = max(len(name) for name in result.tables)
    lines += [f"  {name:<{width}}  {len(frame):>6}" for name, frame in result.tables.items()]
    rejects = result.rejects
    if len(rejects):
        lines.append(f"\nRejected rows ({len(rejects)}), by table and reason:")
        counts = rejects.groupby(["table_name", "reason"]).size().sort_values(ascending=False)
        lines += [f"  {count:>5}  {table}: {reason}" for (table, reason), count in counts.items()]
    if result.warnings:
        lines.append(f"\nWarnings ({len(result.warnings)}):")
        lines += [f"  ! {warning.describe()}" for warning in result.warnings]
    if result.failures:
        lines.append(f"\nFailed ({len(result.failures)}):")
        lines += [f"  - {failure.describe()}" for failure in result.failures]
    state = f"written to {target}" if result.written else f"NOT written; {target} left as it was"
    lines.append(f"\nWarehouse {state}.")
    return "\n".join(lines)
