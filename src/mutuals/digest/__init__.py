"""The morning e-mail digest of today's plan (issue 13): opt-in per user, sent once a day."""
