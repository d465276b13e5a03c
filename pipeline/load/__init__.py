"""Loading: validation against the schemas, the warehouse DDL and writer, the dictionary."""
