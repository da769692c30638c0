"""The desktop GUI (Qt Widgets). The only layer that imports Qt; it calls services."""
