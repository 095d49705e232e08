"""The base app's retention rules and person sources (other apps register their own in ready()).

The periods are this product's defaults, to be confirmed by each partnership's data protection
officer (settings.RETENTION_DAYS overrides any of them). The storage-limitation principle is UK
GDPR Art. 5(1)(e); where a period follows a source it is named beside the rule.
"""

from django.apps import apps
from django.contrib.auth.hashers import make_password

from partnerships.security.personal_data import register_subject_source
from partnerships.security.retention import ANONYMISE, DELETE, RetentionRule, register_retention_rule

YEAR = 365

# Operational messages: no lasting value once read.
register_retention_rule(
    RetentionRule(
        key="partnerships.notification",
        label="Notifications that have been read",
        model="partnerships.Notification",
        date_field="created_at",
        keep_days=2 * YEAR,
        action=DELETE,
        reason="Operational message; product default.",
        scope=lambda qs: qs.filter(read_at__isnull=False),
    )
)
# The reminder outbox: kept long enough to answer "was I told?" about a missed deadline.
register_retention_rule(
    RetentionRule(
        key="deadlines.reminder",
        label="Deadline reminders sent",
        model="deadlines.Reminder",
        date_field="sent_at",
        keep_days=2 * YEAR,
        action=DELETE,
        reason="Evidence a reminder was sent; product default.",
        scope=lambda qs: qs.filter(sent_at__isnull=False),
    )
)
# Who opened which child's record: kept as long as a claim about the access could be brought
# (Limitation Act 1980, s.2 and s.5: six years).
register_retention_rule(
    RetentionRule(
        key="partnerships.record_access",
        label="Log of who opened case records",
        model="partnerships.RecordAccess",
        date_field="accessed_at",
        keep_days=6 * YEAR,
        action=DELETE,
        reason="Limitation Act 1980 ss.2, 5: six years.",
    )
)
# Sign-in records (django-axes): failures are only needed for lock-out and investigating attacks.
register_retention_rule(
    RetentionRule(
        key="axes.access_attempt",
        label="Failed sign-in attempts",
        model="axes.AccessAttempt",
        date_field="attempt_time",
        keep_days=90,
        action=DELETE,
        reason="Security monitoring (NCSC logging guidance: keep at least 90 days); product default.",
    )
)
register_retention_rule(
    RetentionRule(
        key="axes.access_failure_log",
        label="Failed sign-in log",
        model="axes.AccessFailureLog",
        date_field="attempt_time",
        keep_days=YEAR,
        action=DELETE,
        reason="Security monitoring; product default.",
    )
)
register_retention_rule(
    RetentionRule(
        key="axes.access_log",
        label="Sign-in log",
        model="axes.AccessLog",
        date_field="attempt_time",
        keep_days=YEAR,
        action=DELETE,
        reason="Security monitoring; product default.",
    )
)


def _anonymise_people(qs):
    """Former staff: the account stays (records cite it) but no longer identifies anyone."""
    history = qs.model.history.model
    for pk in list(qs.values_list("pk", flat=True)):
        values = {
            "username": f"former-user-{pk}",
            "first_name": "Former",
            "last_name": "user",
            "email": "",
            "job_title": "",
        }
        qs.model._base_manager.filter(pk=pk).update(**values, is_active=False, password=make_password(None))
        history.objects.filter(id=pk).update(**values)


# Accounts disabled and unused for six years: anonymised, not deleted (records they wrote and
# signed must still show that someone in that role did so).
register_retention_rule(
    RetentionRule(
        key="partnerships.user",
        label="Disabled accounts of people who have left",
        model="partnerships.User",
        date_field="last_login",
        keep_days=6 * YEAR,
        action=ANONYMISE,
        reason="Limitation Act 1980 ss.2, 5: six years after last use.",
        scope=lambda qs: qs.filter(is_active=False).exclude(username__startswith="former-user-"),
        anonymise=_anonymise_people,
    )
)


@register_subject_source
def sign_in_records(person):
    """Sign-in records name the person by username, not by key."""
    for name, label in [
        ("AccessAttempt", "Failed sign-in attempts"),
        ("AccessFailureLog", "Failed sign-in log"),
        ("AccessLog", "Sign-in log"),
    ]:
        model = apps.get_model("axes", name)
        yield label, model.objects.filter(username=person.get_username()).order_by("attempt_time")
