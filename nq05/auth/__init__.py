"""Sign-in, users and their roles."""
