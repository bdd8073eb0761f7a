"""`python -m lexdocs` runs the CLI."""

from .cli import main

main()
