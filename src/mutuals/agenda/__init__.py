"""Today's agenda: reads across people and promises, ranked by core.agenda."""
