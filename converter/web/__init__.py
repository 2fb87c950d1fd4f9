"""web: publishing the converted graphs as linked open data — dataset description, server, static site."""
