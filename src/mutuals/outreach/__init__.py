"""The outreach coach's reads: what mutuals knows about a recipient, for reviews and drafts."""
