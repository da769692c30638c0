"""Outgoing e-mail (arrives with issue 4)."""
