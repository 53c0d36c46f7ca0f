"""Progress: this week against the weekly goals, the streak, a chart of the last 12 weeks per
goal (with its table beside it), and the "choose your goals" form with the defaults filled in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from mutuals.core.charts_svg import goal_chart
from mutuals.core.progress import (
    COUNTS_WORDS,
    DEFAULT_CHOSEN,
    DEFAULT_TARGETS,
    GOAL_KINDS,
    GOAL_WORDS,
    MAX_TARGET,
    MIN_TARGET,
    current_goals,
)
from mutuals.progress import selectors, services
from mutuals.web.forms import add_service_errors


@login_required
def progress_page(request: HttpRequest) -> HttpResponse:
    result = selectors.progress(owner=request.user, today=timezone.localdate())
    charts = [
        {
            "goal": goal,
            "svg": mark_safe(goal_chart(goal, chart_id=f"chart-{goal.kind}")),
            "counts": COUNTS_WORDS[goal.kind],
            "weeks": list(reversed(goal.weeks)),
        }
        for goal in result.goals
    ]
    context: dict[str, Any] = {"progress": result, "charts": charts}
    return render(request, "web/progress/progress.html", context)


class GoalsForm(forms.Form):
    """A checkbox and a weekly target per kind, in GOAL_KINDS order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for kind in GOAL_KINDS:
            self.fields[f"{kind}_chosen"] = forms.BooleanField(
                label=GOAL_WORDS[kind], required=False, help_text=COUNTS_WORDS[kind]
            )
            self.fields[f"{kind}_target"] = forms.IntegerField(
                label="Weekly target",
                min_value=MIN_TARGET,
                max_value=MAX_TARGET,
                required=False,
                widget=forms.NumberInput(attrs={"class": "narrow-number"}),
            )

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"{kind}_chosen"], self[f"{kind}_target"]) for kind in GOAL_KINDS]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for kind in GOAL_KINDS:
            field = f"{kind}_target"
            if data.get(f"{kind}_chosen") and data.get(field) is None and field not in self.errors:
                self.add_error(f"{kind}_target", f"{GOAL_WORDS[kind]}: say how many a week.")
        return data

    def targets(self) -> dict[str, int]:
        data = self.cleaned_data
        return {k: data[f"{k}_target"] for k in GOAL_KINDS if data.get(f"{k}_chosen")}


def _initial(request: HttpRequest) -> dict[str, Any]:
    """The owner's goals, or the suggested ones when none were ever chosen."""
    settings = selectors.goal_settings(owner=request.user)
    current = current_goals(settings)
    initial: dict[str, Any] = {}
    for kind in GOAL_KINDS:
        goal = current.get(kind)
        initial[f"{kind}_target"] = goal.target if goal else DEFAULT_TARGETS[kind]
        initial[f"{kind}_chosen"] = goal.active if goal else not settings and kind in DEFAULT_CHOSEN
    return initial


@login_required
def goals_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = GoalsForm(request.POST)
        if form.is_valid():
            try:
                services.choose_goals(
                    owner=request.user, targets=form.targets(), today=timezone.localdate()
                )
            except ValidationError as error:
                add_service_errors(form, error, aliases={k: f"{k}_target" for k in GOAL_KINDS})
            else:
                chosen = len(form.targets())
                messages.success(
                    request,
                    f"Saved: {chosen} weekly goal{'s' if chosen != 1 else ''}, from this week.",
                )
                return redirect("progress")
    else:
        form = GoalsForm(initial=_initial(request))
    first_time = not selectors.goal_settings(owner=request.user)
    return render(request, "web/progress/goals.html", {"form": form, "first_time": first_time})
