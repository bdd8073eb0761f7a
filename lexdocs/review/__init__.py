"""Review: redlines between versions, their materiality, and the notice rules."""
