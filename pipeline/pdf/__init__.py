"""PDF parsing: each page read once into the document model, cached and parallel."""
