"""Persistence: SQLAlchemy models, the database engine and migrations."""
