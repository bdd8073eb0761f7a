"""Render: sandboxed Jinja2 → Markdown → the canonical HTML a reader sees."""
