"""Bank files and payment matching (arrives with issue 5)."""
