"""Adopting lexdocs: import an existing policy, start a new site."""
