"""Publish: site pages, URLs, feeds, versions.json and PDFs."""
