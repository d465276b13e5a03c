"""Structure: the layout-independent outline recovered from a parsed document."""
