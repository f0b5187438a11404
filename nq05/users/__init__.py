"""User accounts: the admin's pages for users, their roles and their unit or centre."""
