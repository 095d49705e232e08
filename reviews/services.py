"""Case review workflow steps: each one function in a transaction, the actor first.

Every statutory date is computed by `reviews.rules` over `partnerships.deadlines.workingdays.england()` and
written to the deadline register with `upsert_deadline` here, in the service that changes the date
that starts the clock, so a changed awareness date moves every dependent due date at once.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerships.core import identity, signoff
from partnerships.core.choices import ActionSource, RapidReviewClock, RoleKind
from partnerships.core.models import Role
from partnerships.core.services import as_actor, create_action, notify
from partnerships.deadlines.register import deactivate_deadlines, upsert_deadline
from partnerships.deadlines.workingdays import england
from reviews import rules
from reviews.choices import (
    ContributionStatus,
    RapidReviewDecision,
    RapidReviewStatus,
    ReviewKind,
)
from reviews.models import (
    LCSPR,
    ChronologyEntry,
    ContributionRequest,
    Milestone,
    PartnerSignOff,
    RapidReview,
    Recommendation,
    ReviewReopening,
    SeriousIncidentNotification,
)

# Deadline kinds in the register (registered in ReviewsConfig.ready()).
PANEL_NOTIFICATION_KIND = "sin_panel_notification"
RAPID_REVIEW_KIND = "rapid_review"
CONTRIBUTION_KIND = "rapid_review_contribution"
LCSPR_PUBLICATION_KIND = "lcspr_publication"
LCSPR_SEND_KIND = "lcspr_send_to_panel"
AUTHORITY_S16C = "Children Act 2004 s16C; Working Together 2018 ch. 4 (2023 ch. 5)"
AUTHORITY_WT = "Working Together to Safeguard Children 2018 ch. 4 (2023 ch. 5)"
AUTHORITY_TRANSITION = "Working Together: transitional guidance (July 2018)"


# Serious incident notifications ------------------------------------------------------------


def _next_reference(model, partnership, prefix, year):
    stem = f"{prefix}-{year}-"
    taken = set(
        model.objects.filter(partnership=partnership, reference__startswith=stem).values_list(
            "reference", flat=True
        )
    )
    n = 1
    while f"{stem}{n:02d}" in taken:
        n += 1
    return f"{stem}{n:02d}"


@transaction.atomic
def _set_pseudonym(notification):
    """The child's reference travels where the name may not (lists, e-mails, the calendar): given
    by the product when left blank, else refused if it carries the child's or another child's
    identifiers or reads as a person's name (docs/threat-model.md)."""
    others = SeriousIncidentNotification.objects.filter(partnership=notification.partnership).exclude(
        pk=notification.pk
    )
    if not notification.child_reference.strip():
        notification.child_reference = identity.next_pseudonym(
            set(others.values_list("child_reference", flat=True))
        )
        return
    given, family = identity.split_name(notification.child_name)
    child = identity.ChildIdentity(
        "this notification",
        given_names=given,
        family_names=family,
        aliases=identity.other_names(notification.child_other_names),
        dates_of_birth=notification.child_date_of_birth,
    )
    problem = identity.pseudonym_problem(
        notification.child_reference, child, identity.child_identities(notification.partnership, public=False)
    )
    if problem:
        raise ValidationError({"child_reference": problem})


def save_notification(actor, notification):
    """Create or change a notification; recompute the Panel due date and everything that hangs on it."""
    notification.clean()
    calendar = england()
    if not notification.reference:
        notification.reference = _next_reference(
            SeriousIncidentNotification, notification.partnership, "SIN", notification.la_aware_on.year
        )
    _set_pseudonym(notification)
    notification.panel_due_date, notification.panel_due_rule = rules.panel_notification_due(
        calendar, notification.la_aware_on
    )
    notification.full_clean()
    if (
        notification.panel_notified_on
        and notification.panel_notified_on > notification.panel_due_date
        and not notification.late_reason.strip()
    ):
        raise ValidationError({"late_reason": "The Panel was notified late: say why."})
    as_actor(notification, actor).save()
    upsert_deadline(**notification_deadline(notification), actor=actor)
    review = RapidReview.objects.filter(notification=notification).first()
    if review is not None:
        _recompute_review_due(actor, review, calendar)
    return notification


# Rapid reviews -----------------------------------------------------------------------------


def _recompute_review_due(actor, review, calendar=None):
    calendar = calendar or england()
    notification = review.notification
    due, rule = rules.rapid_review_due(
        calendar,
        clock=review.clock,
        aware_on=notification.la_aware_on,
        notified_on=notification.panel_notified_on,
    )
    # A signed-off review keeps the due date it was signed off against.
    if (due, rule) != (review.due_date, review.due_rule) and review.signed_off_on is None:
        review.due_date, review.due_rule = due, rule
        as_actor(review, actor).save(update_fields=["due_date", "due_rule"])
    _write_review_deadline(actor, review)
    for contribution in review.contributions.filter(due_date_is_default=True):
        due, rule = rules.contribution_due(calendar, review.due_date)
        due = max(due, contribution.requested_on)
        if (due, rule) != (contribution.due_date, contribution.due_rule):
            contribution.due_date, contribution.due_rule = due, rule
            as_actor(contribution, actor).save(update_fields=["due_date", "due_rule"])
        _write_contribution_deadline(actor, contribution)


# The register's row for each kind of record: written by the services below, and in bulk by the
# benchmark's scale data (reviews/scale.py), so the two cannot drift apart.


def notification_deadline(notification):
    """Notify the Panel within 5 working days of the local authority becoming aware (docs/statutory-rules.md#serious-incident-notification)."""
    return {
        "source": notification,
        "kind": PANEL_NOTIFICATION_KIND,
        "partnership_id": notification.partnership_id,
        "title": f"Notify the Panel: {notification}",
        "due_date": notification.panel_due_date,
        "rule": notification.panel_due_rule,
        "authority": AUTHORITY_S16C,
        "starts_on": notification.la_aware_on,
        "owner_id": notification.lead_officer_id,
        "met_on": notification.panel_notified_on,
    }


def review_deadline(review):
    """Complete and sign off the rapid review within 15 working days (docs/statutory-rules.md#rapid-review)."""
    return {
        "source": review,
        "kind": RAPID_REVIEW_KIND,
        "partnership_id": review.partnership_id,
        "title": f"Complete and sign off: {review}",
        "due_date": review.due_date,
        "rule": review.due_rule,
        "authority": AUTHORITY_WT,
        "starts_on": review.notification.panel_notified_on or review.notification.la_aware_on,
        "owner_id": review.notification.lead_officer_id,
        "met_on": review.signed_off_on,
    }


def contribution_deadline(contribution, partnership_id):
    """An agency's contribution to a rapid review, by the date asked (local procedure)."""
    return {
        "source": contribution,
        "kind": CONTRIBUTION_KIND,
        "partnership_id": partnership_id,
        "title": f"Agency contribution: {contribution}",
        "due_date": contribution.due_date,
        "rule": contribution.due_rule,
        "authority": "Local procedure for rapid reviews",
        "starts_on": contribution.requested_on,
        "met_on": contribution.submitted_on,
        # A withdrawn request (its review signed off before the agency answered) is owed no longer.
        "is_active": contribution.status != ContributionStatus.WITHDRAWN,
    }


def lcspr_publication_deadline(lcspr):
    """Publish the LCSPR within 6 months of the decision to review (docs/statutory-rules.md#lcspr)."""
    return {
        "source": lcspr,
        "kind": LCSPR_PUBLICATION_KIND,
        "partnership_id": lcspr.partnership_id,
        "title": f"Publish: {lcspr.reference}",
        "due_date": lcspr.due_date,
        "rule": lcspr.due_rule,
        "authority": AUTHORITY_TRANSITION if lcspr.kind == ReviewKind.LEGACY_SCR else AUTHORITY_WT,
        "starts_on": lcspr.decided_on,
        "met_on": lcspr.published_on,
    }


def _write_review_deadline(actor, review):
    upsert_deadline(**review_deadline(review), actor=actor)


@transaction.atomic
def start_rapid_review(actor, notification):
    """Open the rapid review of a notification (no rapid review without a notification)."""
    if not notification.needs_rapid_review:
        raise ValidationError("The death of a care leaver is notified but needs no rapid review.")
    if RapidReview.objects.filter(notification=notification).exists():
        raise ValidationError("This notification already has a rapid review.")
    clock = notification.partnership.rapid_review_clock_on(timezone.localdate())
    due, rule = rules.rapid_review_due(
        england(),
        clock=clock,
        aware_on=notification.la_aware_on,
        notified_on=notification.panel_notified_on,
    )
    review = RapidReview(
        partnership=notification.partnership,
        notification=notification,
        due_date=due,
        due_rule=rule,
        clock=clock,
    )
    as_actor(review, actor).save()
    _write_review_deadline(actor, review)
    return review


@transaction.atomic
def change_rapid_review_clock(actor, partnership, *, clock, applies_from):
    """Change when the partnership's rapid reviews start counting, for reviews started on or after
    `applies_from` (docs/statutory-rules.md#rapid-review). Reviews started on or after it that are not
    signed off follow the new rule now; earlier ones, and signed-off ones, keep theirs."""
    if clock not in RapidReviewClock.values:
        raise ValidationError({"clock": "Choose when the 15 working days start"})
    if applies_from is None:
        raise ValidationError({"applies_from": "Enter the date the new rule applies from"})
    partnership.previous_rapid_review_clock = partnership.rapid_review_clock_on(
        applies_from - datetime.timedelta(1)
    )
    partnership.rapid_review_clock, partnership.rapid_review_clock_from = clock, applies_from
    as_actor(partnership, actor).save(
        update_fields=["rapid_review_clock", "rapid_review_clock_from", "previous_rapid_review_clock"]
    )
    calendar = england()
    following = RapidReview.objects.filter(
        partnership=partnership, created_at__date__gte=applies_from, signed_off_on__isnull=True
    ).select_related("notification", "partnership")
    for review in following:
        if review.clock != clock:
            review.clock = clock
            as_actor(review, actor).save(update_fields=["clock"])
            _recompute_review_due(actor, review, calendar)
    return partnership


LOCKED_MESSAGE = (
    "This rapid review has been signed off and is locked: reopen it, with a reason, to change it."
)


def _check_decision(review):
    errors = {}
    if review.decision == RapidReviewDecision.OTHER_LOCAL and not review.other_local_response.strip():
        errors["other_local_response"] = "Say which other local response."
    if review.decision and not review.decision_rationale.strip():
        errors["decision_rationale"] = "Give the rationale for the decision."
    if review.decision and not review.decided_on:
        errors["decided_on"] = "Enter the date of the decision."
    if review.decided_on and review.decided_on > timezone.localdate():
        errors["decided_on"] = "The date of the decision cannot be in the future."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_rapid_review(actor, review, themes=None):
    """Save the record of a rapid review; refused once it is signed off (locked)."""
    current = RapidReview.objects.select_for_update().get(pk=review.pk)
    if current.is_locked:
        raise ValidationError(LOCKED_MESSAGE)
    review.status = current.status
    review.sign_off_round = current.sign_off_round
    review.signed_off_on = current.signed_off_on
    _check_decision(review)
    review.full_clean()
    as_actor(review, actor).save()
    if themes is not None:
        review.themes.set(themes)
    _lcspr_follows_decision(actor, review, was=current.decided_on)
    if review.decision and not current.decision:
        _ask_leads_to_sign(review)
    return review


def _ask_leads_to_sign(review):
    """Tell each partner lead whose organisation must sign that the review waits for them (once the
    decision is recorded, and again in each new round after a reopening), each on their own."""
    review = RapidReview.objects.select_related("partnership", "notification__area").get(pk=review.pk)
    required = signoff.required_organisations(review.partnership, review.notification.area)
    leads = (
        Role.objects.filter(
            partnership=review.partnership,
            kind=RoleKind.PARTNER_LEAD,
            organisation__in=[o.pk for o in required],
        )
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__username")
    )
    for role in leads:
        notify(
            role.user,
            f"Sign-off needed: {review}, due {review.due_date:%-d %B %Y}",
            body=(
                f"{review} has its decision recorded and waits for {role.organisation}'s sign-off. "
                f"It is due by {review.due_date:%-d %B %Y} (15 working days from the notification).\n\n"
                "What to do: read the review and its decision, then sign off for your organisation."
            ),
            url=review.get_absolute_url(),
            partnership=review.partnership,
        )


def _lcspr_follows_decision(actor, review, *, was):
    """The LCSPR's decision date follows its rapid review's, unless it was changed with a reason."""
    lcspr = LCSPR.objects.select_for_update().filter(rapid_review=review).first()
    if lcspr is None or not review.decided_on or review.decided_on == was:
        return
    if lcspr.decided_on == was and not lcspr.decision_date_reason.strip():
        lcspr.decided_on = review.decided_on
        save_lcspr(actor, lcspr)


@transaction.atomic
def record_panel_response(actor, review, *, sent_to_panel_on=None, panel_response="", panel_response_on=None):
    """The date the review and decision went to the Panel, and its response (allowed once locked)."""
    review = RapidReview.objects.select_for_update().get(pk=review.pk)
    if sent_to_panel_on and review.notification.la_aware_on > sent_to_panel_on:
        raise ValidationError(
            {"sent_to_panel_on": "The review cannot go to the Panel before the incident was known."}
        )
    review.sent_to_panel_on = sent_to_panel_on
    review.panel_response = panel_response
    review.panel_response_on = panel_response_on
    as_actor(review, actor).save(update_fields=["sent_to_panel_on", "panel_response", "panel_response_on"])
    return review


#: Who must sign a rapid review or an LCSPR's final report: the statutory partners, and the council
#: of the child's area only (partnerships/core/signoff.py).
required_sign_off_organisations = signoff.required_organisations


def _sign(actor, subject_field, subject, organisation, comment, today=None):
    signoff.check_signer(actor, subject.partnership, organisation)
    try:
        with transaction.atomic():
            record = PartnerSignOff(
                partnership=subject.partnership,
                round=subject.sign_off_round,
                organisation=organisation,
                signed_by=actor,
                comment=comment,
                **({"signed_at": _noon(today)} if today else {}),
                **{subject_field: subject},
            )
            as_actor(record, actor).save()
    except IntegrityError:
        raise ValidationError(f"{organisation} has already signed this off.") from None
    return record


def _noon(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _all_signed(subject, area):
    """Every statutory partner that must sign has signed in the subject's current round: it locks."""
    current = subject.sign_offs.filter(round=subject.sign_off_round)
    return signoff.state(subject.partnership, current, area).complete


@transaction.atomic
def sign_off_rapid_review(actor, review, organisation, comment="", today=None):
    """One partner lead (or delegate) signs for their own organisation; the last signature locks it.

    The review row is locked first (SELECT ... FOR UPDATE), so partners signing at the same moment
    queue: each adds one sign-off, and exactly one of them sees every partner signed and locks it.
    """
    review = (
        RapidReview.objects.select_for_update()
        .select_related("partnership", "notification")
        .get(pk=review.pk)
    )
    if review.is_locked:
        raise ValidationError("This rapid review is already signed off.")
    if not review.decision:
        raise ValidationError("Record the decision and its rationale before signing off.")
    record = _sign(actor, "rapid_review", review, organisation, comment, today)
    if _all_signed(review, review.notification.area):
        review.status = RapidReviewStatus.SIGNED_OFF
        review.signed_off_on = today or timezone.localdate()
    else:
        review.status = RapidReviewStatus.AWAITING_SIGN_OFF
    as_actor(review, actor).save(update_fields=["status", "signed_off_on"])
    _write_review_deadline(actor, review)
    if review.is_locked:
        _withdraw_unanswered(actor, review)
    return record


def _contributors(partnership, organisation):
    """The people who answer for `organisation` in `partnership` (its agency contributors)."""
    return [
        role.user
        for role in Role.objects.filter(
            partnership=partnership, kind=RoleKind.AGENCY_CONTRIBUTOR, organisation=organisation
        )
        .select_related("user")
        .order_by("user__username")
    ]


def _withdraw_unanswered(actor, review):
    """Once every partner has signed, the requests no agency answered are withdrawn with the reason,
    their deadlines stop (no reminder or escalation about a finished review), and the agency's
    contributors are told, each on their own."""
    signed = f"{review.signed_off_on:%-d %B %Y}"
    reason = f"{review} was signed off by every partner on {signed} before this contribution was submitted."
    for contribution in review.contributions.open().select_related("organisation"):
        contribution.status = ContributionStatus.WITHDRAWN
        contribution.withdrawn_on = review.signed_off_on
        contribution.withdrawn_reason = reason
        as_actor(contribution, actor).save(update_fields=["status", "withdrawn_on", "withdrawn_reason"])
        _write_contribution_deadline(actor, contribution)
        for person in _contributors(review.partnership, contribution.organisation):
            notify(
                person,
                f"Request withdrawn: {contribution.organisation} contribution to {review}",
                body=(
                    f"{reason}\n\nWhat to do: nothing. The request has been withdrawn and you will not be "
                    f"reminded about it. If your agency holds information the partnership should still "
                    f"see, contact the {review.partnership.short_name} business unit."
                ),
                url=contribution.get_absolute_url(),
                partnership=review.partnership,
            )


@transaction.atomic
def reopen_rapid_review(actor, review, reason):
    """Reopen a signed-off review: the reason is recorded and every partner signs again."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the review is being reopened."})
    review = RapidReview.objects.select_for_update().get(pk=review.pk)
    if not review.is_locked:
        raise ValidationError("Only a signed-off review can be reopened.")
    as_actor(ReviewReopening(review=review, reason=reason.strip(), reopened_by=actor), actor).save()
    review.status = RapidReviewStatus.REOPENED
    review.sign_off_round += 1
    review.signed_off_on = None
    as_actor(review, actor).save(update_fields=["status", "sign_off_round", "signed_off_on"])
    _write_review_deadline(actor, review)
    if review.decision:
        _ask_leads_to_sign(review)
    return review


# Agency contributions ----------------------------------------------------------------------


def _write_contribution_deadline(actor, contribution):
    upsert_deadline(**contribution_deadline(contribution, contribution.review.partnership_id), actor=actor)


@transaction.atomic
def request_contribution(actor, review, organisation, due_date=None, today=None):
    """Ask an agency for its contribution on the common template, with its own due date."""
    if review.is_locked:
        raise ValidationError(LOCKED_MESSAGE)
    contribution = ContributionRequest.objects.filter(review=review, organisation=organisation).first()
    if contribution is not None and contribution.status != ContributionStatus.WITHDRAWN:
        raise ValidationError({"organisation": f"{organisation} has already been asked."})
    if contribution is None:
        contribution = ContributionRequest(review=review, organisation=organisation)
    # Asked again after a withdrawal (the review was reopened): the same request, open once more.
    contribution.status = ContributionStatus.REQUESTED
    contribution.withdrawn_on, contribution.withdrawn_reason = None, ""
    contribution.due_date_is_default = True
    contribution.requested_on = today or timezone.localdate()
    if due_date:
        contribution.due_date = due_date
        contribution.due_rule = "Set by the business unit"
        contribution.due_date_is_default = False
    else:
        contribution.due_date, contribution.due_rule = rules.contribution_due(england(), review.due_date)
    if contribution.due_date < contribution.requested_on:
        contribution.due_date = contribution.requested_on
        contribution.due_rule += "; not before the request"
    if not contribution.due_date_is_default and contribution.due_date > review.due_date:
        # The agency's part feeds the review: it cannot be due after the review itself.
        raise ValidationError(
            {
                "due_date": f"Choose a date on or before the rapid review's own due date, {review.due_date:%-d %B %Y}."
            }
        )
    as_actor(contribution, actor).save()
    _write_contribution_deadline(actor, contribution)
    for person in _contributors(review.partnership, organisation):
        notify(
            person,
            f"Contribution requested: {review}, due {contribution.due_date:%-d %B %Y}",
            body=(
                f"The {review.partnership.short_name} safeguarding partnership asks {organisation} for its "
                f"contribution to {review}.\n\nDue: {contribution.due_date:%-d %B %Y} ({contribution.due_rule})."
                "\n\nWhat to do: open the request, add your agency's chronology and complete the template, "
                "then submit it."
            ),
            url=contribution.get_absolute_url(),
            partnership=review.partnership,
        )
    return contribution


@transaction.atomic
def request_contributions(actor, review, organisations, due_date=None, today=None):
    """Ask several agencies in one step: all are asked, or (on any refusal) none is."""
    if not organisations:
        raise ValidationError({"organisations": "Choose at least one agency to ask."})
    asked = []
    for organisation in organisations:
        try:
            asked.append(request_contribution(actor, review, organisation, due_date, today))
        except ValidationError as error:
            if hasattr(error, "error_dict") and "organisation" in error.error_dict:
                raise ValidationError({"organisations": error.error_dict["organisation"]}) from None
            raise
    return asked


@transaction.atomic
def save_contribution(actor, contribution, *, submit=False, today=None):
    """An agency contributor saves (and, with `submit`, submits) their agency's contribution."""
    current = ContributionRequest.objects.select_for_update().select_related("review").get(pk=contribution.pk)
    if current.review.is_locked:
        raise ValidationError(LOCKED_MESSAGE)
    if current.status == ContributionStatus.WITHDRAWN:
        raise ValidationError(f"This request was withdrawn: {current.withdrawn_reason}")
    if current.status == ContributionStatus.SUBMITTED:
        raise ValidationError(SUBMITTED_MESSAGE)
    if submit:
        missing = {
            name: "Complete this part of the template before submitting."
            for name in ("involvement", "analysis", "immediate_safety_actions", "learning")
            if not getattr(contribution, name).strip()
        }
        if missing:
            raise ValidationError(missing)
        contribution.status = ContributionStatus.SUBMITTED
        contribution.submitted_on = today or timezone.localdate()
        contribution.submitted_by = actor
    else:
        contribution.status = current.status
        contribution.submitted_on = current.submitted_on
        contribution.submitted_by = current.submitted_by
    as_actor(contribution, actor).save()
    _write_contribution_deadline(actor, contribution)
    if submit:
        _send_receipt(actor, contribution)
    return contribution


SUBMITTED_MESSAGE = (
    "Your agency's contribution has been submitted and can no longer change. "
    "Ask the business unit to reopen it if something must be corrected."
)


def _send_receipt(actor, contribution):
    """The contributor's receipt, in the product and by e-mail: what was received, when and what next."""
    review = contribution.review
    entries = contribution.chronology.count()
    notify(
        actor,
        f"Received: {contribution.organisation} contribution to {review}",
        body=(
            f"The {review.partnership.short_name} business unit has received {contribution.organisation}'s "
            f"contribution to {review} on {contribution.submitted_on:%-d %B %Y}, with "
            f"{entries} chronology entr{'y' if entries == 1 else 'ies'}.\n\n"
            "What happens next: the partners read every agency's contribution for the rapid review. "
            "Your contribution is now read-only; if something must be corrected, ask the business unit "
            "to reopen it."
        ),
        url=contribution.get_absolute_url(),
        partnership=review.partnership,
    )


@transaction.atomic
def reopen_contribution(actor, contribution, reason):
    """The business unit reopens a submitted contribution, with the reason the agency sees."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the contribution is being reopened."})
    contribution = (
        ContributionRequest.objects.select_for_update().select_related("review").get(pk=contribution.pk)
    )
    if contribution.review.is_locked:
        raise ValidationError(LOCKED_MESSAGE)
    if contribution.status != ContributionStatus.SUBMITTED:
        raise ValidationError("Only a submitted contribution can be reopened.")
    contribution.status = ContributionStatus.REQUESTED
    contribution.submitted_on = None
    contribution.submitted_by = None
    as_actor(contribution, actor).save(update_fields=["status", "submitted_on", "submitted_by"])
    _write_contribution_deadline(actor, contribution)
    for person in _contributors(contribution.review.partnership, contribution.organisation):
        notify(
            person,
            f"Reopened: {contribution.organisation} contribution to {contribution.review}",
            body=(
                f"The business unit has reopened your agency's contribution to {contribution.review}: "
                f"{reason.strip()}\n\nWhat to do: correct it and submit it again by "
                f"{contribution.due_date:%-d %B %Y}."
            ),
            url=contribution.get_absolute_url(),
            partnership=contribution.review.partnership,
        )
    return contribution


@transaction.atomic
def add_chronology_entry(actor, contribution, *, occurred_on, contact_type, description):
    if contribution.review.is_locked:
        raise ValidationError(LOCKED_MESSAGE)
    if contribution.status == ContributionStatus.SUBMITTED:
        raise ValidationError(SUBMITTED_MESSAGE)
    entry = ChronologyEntry(
        contribution=contribution, occurred_on=occurred_on, contact_type=contact_type, description=description
    )
    entry.full_clean()
    as_actor(entry, actor).save()
    return entry


def merged_timeline(review, organisation_ids=None):
    """Every agency's chronology in one dated multi-agency timeline (optionally some agencies only)."""
    entries = ChronologyEntry.objects.filter(contribution__review=review).select_related(
        "contribution__organisation"
    )
    if organisation_ids:
        entries = entries.filter(contribution__organisation_id__in=organisation_ids)
    return entries.order_by("occurred_on", "contribution__organisation__name", "pk")


# LCSPRs ------------------------------------------------------------------------------------


def _lcspr_due(lcspr):
    return lcspr.publication_expected()


@transaction.atomic
def save_lcspr(actor, lcspr, themes=None):
    """Create or change an LCSPR (or legacy SCR); recompute its publication and sending deadlines."""
    calendar = england()
    if not lcspr.reference:
        prefix = "SCR" if lcspr.kind == ReviewKind.LEGACY_SCR else "LCSPR"
        lcspr.reference = _next_reference(LCSPR, lcspr.partnership, prefix, lcspr.decided_on.year)
    if lcspr.rapid_review_id and lcspr.area_id is None:
        lcspr.area = lcspr.rapid_review.notification.area
    lcspr.due_date, lcspr.due_rule = _lcspr_due(lcspr)
    errors = {}
    if lcspr.published_on and lcspr.published_on > lcspr.due_date and not lcspr.late_reason.strip():
        errors["late_reason"] = "The review was published after the expected date: record the reason."
    if lcspr.published_on and not (lcspr.sent_to_panel_on and lcspr.sent_to_dfe_on):
        errors["sent_to_panel_on"] = (
            "Record when the final report went to the Panel and the DfE before publication."
        )
    for name in ("sent_to_panel_on", "sent_to_dfe_on"):
        sent = getattr(lcspr, name)
        publication = lcspr.published_on or lcspr.planned_publication_on
        if sent and publication:
            latest, _ = rules.send_to_panel_due(calendar, publication)
            if sent > latest and not lcspr.late_reason.strip():
                errors.setdefault(
                    name,
                    f"The report must reach the Panel and the DfE at least "
                    f"{rules.LCSPR_SEND_BEFORE_PUBLICATION_WORKING_DAYS} working days before publication "
                    f"(by {latest:%d %B %Y}), or record the reason for the delay.",
                )
    if errors:
        raise ValidationError(errors)
    lcspr.full_clean()
    previous = LCSPR.objects.filter(pk=lcspr.pk).values_list("decided_on", flat=True).first()
    if previous and previous != lcspr.decided_on:
        # The reason is a field (checked in LCSPR.clean) and also the history row's reason, so the
        # record's history says why its 6-month clock moved.
        follows = lcspr.rapid_review_id and lcspr.decided_on == lcspr.rapid_review.decided_on
        reason = lcspr.decision_date_reason.strip() or (
            "Follows the rapid review's decision date" if follows else "No reason given"
        )
        lcspr._change_reason = f"Decision date {previous:%d %b %Y} to {lcspr.decided_on:%d %b %Y}: {reason}"[
            :100
        ]
    as_actor(lcspr, actor).save()
    if themes is not None:
        lcspr.themes.set(themes)
    upsert_deadline(**lcspr_publication_deadline(lcspr), actor=actor)
    if lcspr.planned_publication_on:
        due, rule = rules.send_to_panel_due(calendar, lcspr.planned_publication_on)
        sent = (
            lcspr.sent_to_panel_on
            and lcspr.sent_to_dfe_on
            and max(lcspr.sent_to_panel_on, lcspr.sent_to_dfe_on)
        )
        upsert_deadline(
            source=lcspr,
            kind=LCSPR_SEND_KIND,
            partnership=lcspr.partnership,
            title=f"Send the final report to the Panel and DfE: {lcspr.reference}",
            due_date=due,
            rule=rule,
            authority=AUTHORITY_WT + " (7 working days: to check)",
            starts_on=lcspr.decided_on,
            met_on=sent or None,
            actor=actor,
        )
    else:
        deactivate_deadlines(lcspr, kinds=[LCSPR_SEND_KIND])
    return lcspr


@transaction.atomic
def commission_lcspr(actor, review, *, title, reference=""):
    """Commission the LCSPR a signed-off rapid review decided on; the 6 months run from the decision."""
    review = (
        RapidReview.objects.select_for_update()
        .select_related("notification", "partnership")
        .get(pk=review.pk)
    )
    if review.decision != RapidReviewDecision.LCSPR:
        raise ValidationError("The rapid review did not decide to commission an LCSPR.")
    if not review.is_locked:
        raise ValidationError("The partners must sign off the rapid review before the LCSPR is commissioned.")
    if LCSPR.objects.filter(rapid_review=review).exists():
        raise ValidationError("This rapid review's LCSPR has already been commissioned.")
    lcspr = LCSPR(
        partnership=review.partnership,
        rapid_review=review,
        title=title,
        reference=reference,
        decided_on=review.decided_on,
        area=review.notification.area,
    )
    lcspr = save_lcspr(actor, lcspr)
    lcspr.themes.set(review.themes.all())
    return lcspr


@transaction.atomic
def save_milestone(actor, milestone):
    """Add or change a milestone of an LCSPR."""
    milestone.full_clean()
    as_actor(milestone, actor).save()
    return milestone


@transaction.atomic
def complete_milestone(actor, milestone, on=None):
    """Mark a milestone complete (today unless a date is given); it is no longer overdue."""
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.completed_on:
        raise ValidationError("This milestone is already complete.")
    milestone.completed_on = on or timezone.localdate()
    milestone.full_clean()
    as_actor(milestone, actor).save(update_fields=["completed_on"])
    return milestone


@transaction.atomic
def sign_off_lcspr(actor, lcspr, organisation, comment="", today=None):
    """A partner signs the final report for their own organisation; the last signature dates it."""
    lcspr = LCSPR.objects.select_for_update().select_related("partnership").get(pk=lcspr.pk)
    if not lcspr.final_report_received_on:
        raise ValidationError("Record the final report before the partners sign it off.")
    if lcspr.signed_off_on:
        raise ValidationError("The final report is already signed off.")
    record = _sign(actor, "lcspr", lcspr, organisation, comment, today)
    if _all_signed(lcspr, lcspr.area):
        lcspr.signed_off_on = today or timezone.localdate()
        as_actor(lcspr, actor).save(update_fields=["signed_off_on"])
    return record


# Learning ----------------------------------------------------------------------------------


@transaction.atomic
def add_recommendation(actor, review, *, text, action_title, due_date, owner=None, owner_organisation=None):
    """Record a recommendation and put its action on the partnership's action log."""
    kind = {"RapidReview": "rapid_review", "LCSPR": "lcspr", "LearningReview": "learning_review"}[
        type(review).__name__
    ]
    if not text.strip():
        raise ValidationError({"text": "Enter the recommendation."})
    action = create_action(
        actor,
        partnership=review.partnership,
        title=action_title,
        description=text,
        due_date=due_date,
        source=review,
        source_kind=ActionSource.REVIEW,
        owner=owner,
        owner_organisation=owner_organisation,
    )
    recommendation = Recommendation(
        partnership=review.partnership, text=text, action=action, **{kind: review}
    )
    as_actor(recommendation, actor).save()
    return recommendation
