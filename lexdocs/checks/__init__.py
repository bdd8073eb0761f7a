"""Checks: compliance rules and readability, run on rendered documents for `lexdocs check`."""
