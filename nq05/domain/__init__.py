"""Pure domain rules: codes, level order, dates of a person's life. No Flask, no database."""
