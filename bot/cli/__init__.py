"""Command-line groups; each module has register(app)."""
