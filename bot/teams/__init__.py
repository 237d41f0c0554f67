"""bot/teams."""
