"""newsprism."""
