"""Value parsing and name resolution: counts, dates, contacts, labels, subdivisions."""
