"""Forms of the staff web app, one module per area; they validate input, services write."""
