"""The base app's own entries in the deadline register, recomputed whenever their source changes.

Sources: actions (due date, owner, done or dropped), groups (terms of reference review date), the
arrangements timetable (published by, in operation by, legacy grace periods) and yearly report
cycles. Signals keep the register in step with every save (pages, API, admin, demo loader);
`resync_all()` rebuilds it for rows saved before these receivers existed.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from partnerships.core.choices import ActionStatus
from partnerships.core.models import Action, Group, Partnership
from partnerships.core.registry import register_deadline_kind
from partnerships.deadlines import rules
from partnerships.deadlines.models import ArrangementsTimetable, YearlyReportCycle
from partnerships.deadlines.register import deactivate_deadlines, deadlines_for, upsert_deadline


def register_kinds():
    for kind in rules.KINDS:
        register_deadline_kind(kind)


def sync_action(action):
    """An action's due date is a deadline for its owner until it is done (met) or dropped."""
    upsert_deadline(
        source=action,
        kind=rules.ACTION,
        partnership=action.partnership,
        title=f"Action: {action.title}",
        due_date=action.due_date,
        rule="The due date set on the action",
        authority="The partnership's action log",
        owner=action.owner,
        met_on=_action_met_on(action),
        is_active=action.status != ActionStatus.DROPPED,
        source_label=(f"{action.reference} {action.title}".strip())[:255],
    )


def _action_met_on(action):
    if action.status != ActionStatus.DONE:
        return None
    if action.completed_on:
        return action.completed_on
    # Marked done without a date (through the API or the admin): the day it was first seen done.
    known = deadlines_for(action).filter(kind=rules.ACTION).values_list("met_on", flat=True).first()
    return known or timezone.localdate()


def sync_group(group):
    """A group's terms of reference review date, owned by its chair; none while inactive or unset."""
    if not group.terms_of_reference_review_date or not group.is_active:
        deactivate_deadlines(group, kinds=[rules.TERMS_OF_REFERENCE_REVIEW])
        return
    upsert_deadline(
        source=group,
        kind=rules.TERMS_OF_REFERENCE_REVIEW,
        partnership=group.partnership,
        title=f"Review the terms of reference of the {group.name}",
        due_date=group.terms_of_reference_review_date,
        starts_on=group.terms_of_reference_approved_on,
        rule="The review date set when the terms of reference were approved",
        authority="The partnership's published arrangements (governance)",
        owner=group.chair,
    )


def timetable_for(partnership):
    """The partnership's timetable, made with the statutory dates the first time it is needed."""
    timetable, _created = ArrangementsTimetable.objects.get_or_create(partnership=partnership)
    return timetable


def sync_timetable(timetable):
    """Publication and start of the arrangements, and the grace periods of the board's reviews."""
    partnership = timetable.partnership
    upsert_deadline(
        source=timetable,
        kind=rules.ARRANGEMENTS_PUBLISHED,
        partnership=partnership,
        title="Publish the safeguarding arrangements",
        due_date=timetable.publish_by,
        rule="Published by 29 June 2019 (as the partnership's paper gives it)",
        authority=rules.ARRANGEMENTS_AUTHORITY,
        owner=timetable.owner,
        met_on=partnership.arrangements_published_on,
        source_label=str(timetable),
    )
    upsert_deadline(
        source=timetable,
        kind=rules.ARRANGEMENTS_IN_OPERATION,
        partnership=partnership,
        title="Put the safeguarding arrangements into operation",
        due_date=timetable.operate_by,
        starts_on=timetable.publish_by,
        rule="In operation by 29 September 2019 (30 September in some papers): the partnership's date",
        authority=rules.ARRANGEMENTS_AUTHORITY,
        owner=timetable.owner,
        met_on=partnership.arrangements_in_operation_on,
        source_label=str(timetable),
    )
    began = timetable.arrangements_began
    for kind, outstanding, completed, due, title, rule in (
        (
            rules.LEGACY_SERIOUS_CASE_REVIEWS,
            timetable.serious_case_reviews_outstanding,
            timetable.serious_case_reviews_completed_on,
            rules.legacy_serious_case_reviews_due(began),
            "Complete and publish the board's outstanding serious case reviews",
            f"{rules.LEGACY_SERIOUS_CASE_REVIEW_GRACE_MONTHS} months after the arrangements began",
        ),
        (
            rules.LEGACY_CHILD_DEATH_REVIEWS,
            timetable.child_death_reviews_outstanding,
            timetable.child_death_reviews_completed_on,
            rules.legacy_child_death_reviews_due(began),
            "Complete the child death reviews outstanding at the change",
            f"{rules.LEGACY_CHILD_DEATH_REVIEW_GRACE_MONTHS} months after the arrangements began",
        ),
    ):
        upsert_deadline(
            source=timetable,
            kind=kind,
            partnership=partnership,
            title=title,
            due_date=due,
            starts_on=began,
            rule=rule,
            authority=rules.LEGACY_AUTHORITY,
            owner=timetable.owner,
            met_on=completed,
            # None outstanding: no grace period applies. Not yet recorded: it shows, so someone records it.
            is_active=outstanding != 0,
            source_label=str(timetable),
        )


def sync_yearly_report_cycle(cycle):
    """Publish within 12 months of the cycle's start; once published, send it within 7 days."""
    timetable = ArrangementsTimetable.objects.filter(partnership_id=cycle.partnership_id).first()
    owner = timetable.owner if timetable else None
    url = reverse("deadlines:timetable", kwargs={"partnership": cycle.partnership.slug})
    upsert_deadline(
        source=cycle,
        kind=rules.YEARLY_REPORT_PUBLISHED,
        partnership=cycle.partnership,
        title="Publish the yearly report",
        due_date=cycle.publish_by,
        starts_on=cycle.starts_on,
        rule=f"At least once in every {rules.YEARLY_REPORT_INTERVAL_MONTHS} months",
        authority=rules.YEARLY_REPORT_AUTHORITY,
        owner=owner,
        met_on=cycle.published_on,
        source_label=f"Yearly report cycle from {cycle.starts_on:%d %B %Y}",
        source_url=url,
    )
    if cycle.published_on is None:
        deactivate_deadlines(cycle, kinds=[rules.YEARLY_REPORT_SENT])
        return
    upsert_deadline(
        source=cycle,
        kind=rules.YEARLY_REPORT_SENT,
        partnership=cycle.partnership,
        title="Send the yearly report to the Panel and the What Works Centre",
        due_date=cycle.send_by,
        starts_on=cycle.published_on,
        rule=f"Within {rules.YEARLY_REPORT_SEND_WITHIN_DAYS} days of publication",
        authority=rules.YEARLY_REPORT_AUTHORITY,
        owner=owner,
        met_on=cycle.sent_on,
        source_label=f"Yearly report published {cycle.published_on:%d %B %Y}",
        source_url=url,
    )


def resync_all():
    """Rewrite every base-app deadline from its source (upsert saves only what changed)."""
    count = 0
    for action in Action.objects.select_related("partnership", "owner"):
        sync_action(action)
        count += 1
    for group in Group.objects.select_related("partnership", "chair"):
        sync_group(group)
        count += 1
    for partnership in Partnership.objects.all():
        sync_timetable(timetable_for(partnership))
        count += 1
    for cycle in YearlyReportCycle.objects.select_related("partnership"):
        sync_yearly_report_cycle(cycle)
        count += 1
    return count


# Every save of a source rewrites its deadlines in the same transaction (raw saves are fixtures).


@receiver(post_save, sender=Action, dispatch_uid="deadline_sync_action")
def _action_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_action(instance)


@receiver(post_save, sender=Group, dispatch_uid="deadline_sync_group")
def _group_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_group(instance)


@receiver(post_save, sender=Partnership, dispatch_uid="deadline_sync_partnership")
def _partnership_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        table = timetable_for(instance)
        table._history_user = getattr(instance, "_history_user", None)  # the register names who changed it
        sync_timetable(table)


@receiver(post_save, sender=ArrangementsTimetable, dispatch_uid="deadline_sync_timetable")
def _timetable_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_timetable(instance)
        # The yearly report's owner is the timetable's: keep the open cycles' rows in step.
        for cycle in YearlyReportCycle.objects.filter(partnership_id=instance.partnership_id):
            sync_yearly_report_cycle(cycle)


@receiver(post_save, sender=YearlyReportCycle, dispatch_uid="deadline_sync_yearly_report")
def _cycle_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_yearly_report_cycle(instance)


@receiver(post_delete, sender=Action, dispatch_uid="deadline_drop_action")
@receiver(post_delete, sender=Group, dispatch_uid="deadline_drop_group")
@receiver(post_delete, sender=YearlyReportCycle, dispatch_uid="deadline_drop_yearly_report")
def _source_deleted(sender, instance, **kwargs):
    # The rows stay as a record of what was due, but no longer apply (and remind no one).
    deactivate_deadlines(instance)
