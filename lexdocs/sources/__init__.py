"""Sources: the only place that knows the layout of `policy_src/`: YAML, sections, variables."""
