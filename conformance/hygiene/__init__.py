"""hygiene."""
