"""doithoai: direct dialogue between an agency's head and its staff."""
