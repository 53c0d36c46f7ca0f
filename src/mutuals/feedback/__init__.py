"""Feedback on drafts: a client sends a draft to a coach linked at plan level or above, the coach
comments on passages and suggests wording, the client accepts or ignores each, and both write
in the thread."""
