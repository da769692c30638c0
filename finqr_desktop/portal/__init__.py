"""The static customer portal (arrives with issue 6)."""
