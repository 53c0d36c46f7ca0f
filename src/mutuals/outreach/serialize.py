"""Plain-dict forms of a review and a draft, shared by the JSON API and the CLI's --json.

{"to": {"id", "name"} | null, "verdict", "score",
 "findings": [{"code", "severity", "message", "start", "end", "principle", "suggestion",
               "replacement"}, ...]}

`start` and `end` are offsets into the reviewed text (text[start:end] is what a finding is
about); `replacement` is text that can replace that span, or null. A draft adds `purpose`,
`subject`, `text`, `forwardable` (the note an introducer can pass on, or null), `uses` (what it
drew on, in words) and `review` (the review of its text, in the recipient's context).
"""

from __future__ import annotations

from typing import Any

from mutuals.core.drafts import Draft
from mutuals.core.outreach import Finding, Review
from mutuals.people.models import Person
from mutuals.people.serialize import person_ref


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": str(finding.severity),
        "message": finding.message,
        "start": finding.start,
        "end": finding.end,
        "principle": finding.principle,
        "suggestion": finding.suggestion,
        "replacement": finding.replacement,
    }


def review_to_dict(review: Review, to: Person | None = None) -> dict[str, Any]:
    return {
        "to": person_ref(to),
        "verdict": review.verdict,
        "score": review.score,
        "findings": [finding_to_dict(finding) for finding in review.findings],
    }


def draft_to_dict(draft: Draft, review: Review, to: Person) -> dict[str, Any]:
    return {
        "to": person_ref(to),
        "purpose": str(draft.purpose),
        "subject": draft.subject,
        "text": draft.text,
        "forwardable": draft.forwardable,
        "uses": list(draft.uses),
        "review": review_to_dict(review),
    }
