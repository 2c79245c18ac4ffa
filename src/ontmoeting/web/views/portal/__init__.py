"""Public pages for experts and students, and the coordinator pages that feed them."""
