"""Sign-in, the roles, and the registry of access rules every feature registers with."""
