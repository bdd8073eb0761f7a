"""lexdocs: versioned legal documents from typed sources, dated by git."""
