"""The outreach review's thresholds, in one place: the rules (`findings`, `pressure`,
`chasing`) and the second reader (`reader`) read the same numbers.

The reasoning behind each: docs/algorithms/outreach.md.
"""

from __future__ import annotations

LONG_SILENCE_DAYS = 365  # over a year without contact: the silence needs saying
RECENT_DAYS = 30  # in touch within a month: a small favour needs no opening about them
# A message to a few people that asks nothing (a thank-you to the friends who helped, a double
# opt-in introduction, a party) is a note, not a broadcast; one to more is (session 10:
# frozen8's writer called a thank-you to five ready, frozen2's and frozen7's a greeting to 40+
# a broadcast).
SMALL_GROUP = 12
BALANCE_AGAINST = -0.2  # core.reciprocity's "you receive more" (its LEANING)
ME_CENTRED_SENTENCES = 3  # me-centred needs at least this many sentences about "I"
ME_CENTRED_SHARE = 0.8  # ... and this share of the sentences that mention either side
ME_CENTRED_PROBLEM_SENTENCES = 5  # a problem from this many, when the draft also asks
UP_FRONT_SENTENCES = 2  # a big ask among the first this many body sentences is up front
UP_FRONT_KINDS = ("job", "contacts", "introduction", "reference", "money")
FOLLOW_UP_DAYS = 7  # writing again within a week of an unanswered message is pressing
PRESSING_UNANSWERED = 3  # a fourth message after three unanswered ones is a problem
# The second reader may not add a warning to a letter the rules pass when the writer asked at
# least this many questions about the reader before the first ask (and nothing presses).
INTEREST_QUESTIONS = 2
MIN_SENTENCES_TO_ADD = 2  # ... nor to a message of fewer body sentences (one has no shape)
