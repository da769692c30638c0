"""Translation catalogues, installed as finqr_desktop.translations."""
