"""Staff sign-in: lockout page, second factor, password change and reset, session limits."""
