"""`python -m lexdocs` runs the CLI."""

from lexdocs.cli import main

main()
