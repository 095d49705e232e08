"""Retention: how long each kind of record is kept, and a job that deletes or anonymises what is due.

UK GDPR Art. 5(1)(e) (storage limitation): personal data is kept no longer than necessary.
Each app registers a `RetentionRule` for each kind of record it holds, in AppConfig.ready():

    register_retention_rule(RetentionRule(
        key="reviews.rapid_review", label="Rapid reviews", model="reviews.RapidReview",
        date_field="closed_on", keep_days=..., action=ANONYMISE, anonymise=func, reason="source"))

A partnership may lengthen or shorten a period locally with `settings.RETENTION_DAYS = {key: days}`
(agreed with its data protection officer). `apply_retention` (a management command, and the
Celery task `partnerships.security.tasks.apply_retention` that beat runs daily) reports what is due when run
dry (the default of the command) and deletes or anonymises it when committed. History rows go
with the record: a deleted record's history is deleted; an anonymised record's history is
anonymised the same way.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

DELETE = "delete"
ANONYMISE = "anonymise"
BATCH = 2000


@dataclass(frozen=True)
class RetentionRule:
    key: str
    label: str
    model: str  # "app_label.ModelName"
    date_field: str  # the date the retention period runs from
    keep_days: int
    action: str = DELETE
    reason: str = ""  # why this period: the source or the policy it comes from
    # Narrows the rows the rule covers: func(queryset) -> queryset.
    scope: Any = None
    # For ANONYMISE: func(queryset) that overwrites identifying fields of those rows and of their
    # history rows; it must leave the rows such that `scope` no longer selects them.
    anonymise: Any = None
    extra: dict = field(default_factory=dict)

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def days(self):
        return getattr(settings, "RETENTION_DAYS", {}).get(self.key, self.keep_days)


@dataclass
class RuleResult:
    rule: RetentionRule
    cutoff: datetime.date
    count: int
    done: bool


_rules = {}


def register_retention_rule(rule):
    _rules[rule.key] = rule
    return rule


def rules():
    return sorted(_rules.values(), key=lambda r: r.key)


def cutoff_for(rule, today=None):
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=rule.days)


def due(rule, today=None):
    """The rows of `rule` whose period has run out."""
    model = rule.model_class
    qs = model._base_manager.all()
    if rule.scope is not None:
        qs = rule.scope(qs)
    cutoff = cutoff_for(rule, today)
    date_field = model._meta.get_field(rule.date_field)
    if date_field.get_internal_type() == "DateTimeField":
        start = datetime.datetime.combine(cutoff, datetime.time.min, tzinfo=timezone.get_current_timezone())
        return qs.filter(**{f"{rule.date_field}__lt": start})
    return qs.filter(**{f"{rule.date_field}__lt": cutoff})


def _history_model(model):
    name = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, name).model if name else None


def _delete(rule, qs):
    model = qs.model
    history = _history_model(model)
    total = 0
    while True:
        pks = list(qs.values_list("pk", flat=True)[:BATCH])
        if not pks:
            return total
        with transaction.atomic():
            model._base_manager.filter(pk__in=pks).delete()
            if history is not None:
                # The deletion itself is not kept either: the record's history goes with it.
                history.objects.filter(**{f"{model._meta.pk.attname}__in": pks}).delete()
        total += len(pks)


def apply(dry_run=True, today=None, keys=None):
    """Report (and unless dry_run, carry out) every rule; returns a RuleResult per rule."""
    results = []
    for rule in rules():
        if keys and rule.key not in keys:
            continue
        qs = due(rule, today)
        count = qs.count()
        if not dry_run and count:
            if rule.action == DELETE:
                _delete(rule, qs)
            else:
                with transaction.atomic():
                    rule.anonymise(qs)
        results.append(RuleResult(rule, cutoff_for(rule, today), count, not dry_run))
    return results
