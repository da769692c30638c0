"""The `finqr` command: the app's work for scripts, on the same services as the UI."""
