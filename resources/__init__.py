"""Run-time resources, installed as finqr_desktop.resources."""
