"""Drafts sent to a coach for review.

The client's side: "Send to my coach" from Compose or an introduction's draft (`draft_send`),
their reviews (`/drafts/`), and one review (`/drafts/<id>/`): the text with the coach's
passages highlighted, the outreach review beside it, each comment with Accept and Ignore, and
the thread. The coach's side: the drafts sent to them (`/coach/drafts/`) and one draft
(`/coach/drafts/<id>/`): comment on a passage (selected, or typed without JavaScript), suggest
wording, write in the thread. A coach whose link ended or is below plan gets a 404 everywhere.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mutuals.core.drafts import PURPOSE_LABELS, Purpose
from mutuals.feedback import selectors, services
from mutuals.feedback.models import COMMENT_MAX, TEXT_MAX, DraftComment, DraftReview
from mutuals.people.selectors import get_person, resolve_person
from mutuals.web.forms import Form, IdField, add_service_errors
from mutuals.web.views.common import first_message, or_404

PURPOSES = {purpose.value: PURPOSE_LABELS[purpose] for purpose in Purpose}


class SendForm(Form):
    coach = forms.TypedChoiceField(label="Send to", coerce=int, choices=[])
    to = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    person = IdField(required=False, widget=forms.HiddenInput)
    subject = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    purpose = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    text = forms.CharField(
        label="Your draft",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": services.EMPTY_TEXT},
    )

    def __init__(self, *args: Any, coaches: tuple[Any, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coach"].choices = [(c.pk, _name(c)) for c in coaches]
        self.fields["coach"].error_messages["invalid_choice"] = services.NOT_LINKED
        if len(coaches) == 1:
            self.fields["coach"].initial = coaches[0].pk


class CommentForm(Form):
    passage = forms.CharField(
        label="The passage",
        max_length=TEXT_MAX,
        strip=False,
        help_text="Select words in the draft, or type them here exactly as they are written.",
        error_messages={"required": "Select or type the passage you are commenting on."},
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    comment = forms.CharField(
        label="Your comment",
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": services.EMPTY_COMMENT},
    )
    suggestion = forms.CharField(
        label="Suggested wording (optional)",
        required=False,
        strip=False,
        max_length=COMMENT_MAX,
        help_text="What the client could write instead of the passage; Accept puts it in place.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReplyForm(Form):
    text = forms.CharField(
        label="Write in the thread",
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": services.EMPTY_COMMENT},
    )


def _name(user: Any) -> str:
    return str(user.get_full_name().strip() or user.get_username())


# The client's side ------------------------------------------------------------------------


@login_required
@require_POST
def draft_send(request: HttpRequest) -> HttpResponse:
    """Send the posted draft to a coach (the only one at plan level, or the one chosen); the
    form again, saying what went wrong or asking which coach, otherwise."""
    found = selectors.draft_coaches(client=request.user)
    data = request.POST.copy()
    if not data.get("coach") and len(found.coaches) == 1:
        data["coach"] = str(found.coaches[0].pk)
    form = SendForm(data, coaches=found.coaches)
    if form.is_valid():
        try:
            review = services.send_for_review(
                client=request.user,
                coach_id=form.cleaned_data["coach"],
                text=form.cleaned_data["text"],
                subject=form.cleaned_data["subject"],
                purpose=form.cleaned_data["purpose"],
                recipient_id=_recipient_id(request, form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Sent to {_name(review.coach)} for review.")
            return redirect("draft_detail", review.pk)
    return render(request, "web/drafts_send.html", {"form": form, "found": found}, status=400)


def _recipient_id(request: HttpRequest, form: SendForm) -> int | None:
    """The person the draft is for: the page's own when it is still the client's, else whoever
    the name alone means (no one when it is unclear: the draft goes without)."""
    person_id = form.cleaned_data.get("person")
    if person_id is not None:
        try:
            return get_person(owner=request.user, person_id=person_id).pk
        except ObjectDoesNotExist:
            pass
    name = form.cleaned_data.get("to", "").strip()
    if not name:
        return None
    match = resolve_person(owner=request.user, query=name)
    return match.person_id if match.status == "found" else None


@login_required
def drafts_list(request: HttpRequest) -> HttpResponse:
    reviews = selectors.reviews_for_client(client=request.user).prefetch_related("comments")
    context = {
        "reviews": [(review, _open_comments(review)) for review in reviews],
        "found": selectors.draft_coaches(client=request.user),
    }
    return render(request, "web/drafts.html", context)


def _open_comments(review: DraftReview) -> int:
    return sum(1 for c in review.comments.all() if c.state == DraftComment.OPEN and c.on_span)


@login_required
def draft_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    review = or_404(selectors.review_for_client, client=request.user, review_id=review_id)
    context = _detail_context(review)
    context["outreach"] = selectors.outreach_review(review=review, today=timezone.localdate())
    context["reply_form"] = ReplyForm()
    context["purpose"] = PURPOSES.get(review.purpose, "")
    return render(request, "web/drafts_detail.html", context)


def _detail_context(review: DraftReview) -> dict[str, Any]:
    """The review, its comments numbered in order (the numbers the highlights say), the open
    passages to highlight and the thread."""
    comments = selectors.thread(review)
    numbered = [c for c in comments if c.on_span]
    numbers = {c.pk: index for index, c in enumerate(numbered, start=1)}
    return {
        "review": review,
        "comments": [(numbers[c.pk], c) for c in numbered],
        "marks": [(numbers[c.pk], c.start, c.end) for c in numbered if c.state == c.OPEN],
        "thread": comments,
        "numbers": numbers,
        "is_open": review.state == DraftReview.OPEN,
    }


def _client_action(request: HttpRequest, comment_id: int, act: Any, done: str) -> HttpResponse:
    try:
        found = act(client=request.user, comment_id=comment_id)
    except ObjectDoesNotExist:
        raise Http404("Not found.") from None
    except ValidationError as error:
        messages.error(request, first_message(error))
        review_id = or_404(selectors.comment_review_id, client=request.user, comment_id=comment_id)
        return redirect(reverse("draft_detail", args=[review_id]) + "#comments")
    messages.success(request, done)
    return redirect(reverse("draft_detail", args=[found.review_id]) + f"#comment-{found.pk}")


@login_required
@require_POST
def comment_accept(request: HttpRequest, comment_id: int) -> HttpResponse:
    return _client_action(
        request, comment_id, services.accept, "Accepted: the draft now reads as suggested."
    )


@login_required
@require_POST
def comment_ignore(request: HttpRequest, comment_id: int) -> HttpResponse:
    return _client_action(request, comment_id, services.ignore, "Ignored: the draft is unchanged.")


@login_required
@require_POST
def comment_undo(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Undo Accept: the draft reads as it did before, the comments as they were."""
    return _client_action(
        request, comment_id, services.undo_accept, "Undone: the draft reads as it did before."
    )


@login_required
@require_POST
def draft_reply(request: HttpRequest, review_id: int) -> HttpResponse:
    """Write in the thread: the client's reply (the coach's has its own address)."""
    review = or_404(selectors.review_for_client, client=request.user, review_id=review_id)
    return _reply(request, review, reverse("draft_detail", args=[review.pk]))


@login_required
@require_POST
def draft_close(request: HttpRequest, review_id: int) -> HttpResponse:
    review = or_404(services.close, client=request.user, review_id=review_id)
    messages.success(request, "Closed: the review stays here to read; you can reopen it.")
    return redirect("draft_detail", review.pk)


@login_required
@require_POST
def draft_reopen(request: HttpRequest, review_id: int) -> HttpResponse:
    review = or_404(services.reopen, client=request.user, review_id=review_id)
    messages.success(request, "Reopened: your coach can comment again.")
    return redirect("draft_detail", review.pk)


def _reply(request: HttpRequest, review: DraftReview, back: str) -> HttpResponse:
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply(user=request.user, review_id=review.pk, text=form.cleaned_data["text"])
        except ObjectDoesNotExist:
            raise Http404("Not found.") from None
        except ValidationError as error:
            messages.error(request, first_message(error))
        else:
            messages.success(request, "Added to the thread.")
    else:
        messages.error(request, first_message(ValidationError(form.errors["text"])))
    return redirect(back + "#thread")


# The coach's side -------------------------------------------------------------------------


@login_required
def coach_drafts(request: HttpRequest) -> HttpResponse:
    reviews = selectors.reviews_for_coach(coach=request.user)
    return render(request, "web/coach_drafts.html", {"reviews": reviews})


@login_required
def coach_draft_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    review = or_404(selectors.review_for_coach, coach=request.user, review_id=review_id)
    return _coach_page(request, review, CommentForm(), ReplyForm())


def _coach_page(
    request: HttpRequest, review: DraftReview, form: CommentForm, reply_form: ReplyForm
) -> HttpResponse:
    context = _detail_context(review)
    context.update(form=form, reply_form=reply_form, purpose=PURPOSES.get(review.purpose, ""))
    status = 400 if form.errors else 200
    return render(request, "web/coach_drafts_detail.html", context, status=status)


@login_required
@require_POST
def coach_comment(request: HttpRequest, review_id: int) -> HttpResponse:
    """Comment on a passage: the selection's offsets when they still quote the passage typed
    or selected, else the first place the draft says it."""
    review = or_404(selectors.review_for_coach, coach=request.user, review_id=review_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        start, end = data["start"], data["end"]
        try:
            if start is not None and end is not None and review.text[start:end] == data["passage"]:
                services.comment(
                    coach=request.user,
                    review_id=review.pk,
                    start=start,
                    end=end,
                    comment=data["comment"],
                    suggestion=data["suggestion"],
                )
            else:
                services.comment_on_passage(
                    coach=request.user,
                    review_id=review.pk,
                    passage=data["passage"],
                    comment=data["comment"],
                    suggestion=data["suggestion"],
                )
        except ObjectDoesNotExist:
            raise Http404("Not found.") from None
        except ValidationError as error:
            add_service_errors(form, error, aliases={"start": "passage"})
        else:
            messages.success(request, "Comment added: your client sees it beside the draft.")
            return redirect(reverse("coach_draft_detail", args=[review.pk]) + "#comments")
    return _coach_page(request, review, form, ReplyForm())


@login_required
@require_POST
def coach_reply(request: HttpRequest, review_id: int) -> HttpResponse:
    review = or_404(selectors.review_for_coach, coach=request.user, review_id=review_id)
    return _reply(request, review, reverse("coach_draft_detail", args=[review.pk]))
