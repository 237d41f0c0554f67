"""The meeting database: models, queries and writes. Imports nothing else of ours."""
