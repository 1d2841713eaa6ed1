"""Access policies for meetings (placeholder, completed below)."""
