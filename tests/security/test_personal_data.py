"""Subject access exports and retention: what is held about a person, and what is removed when."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from partnerships.core.models import Notification, RecordAccess, User
from partnerships.security import retention
from partnerships.security.personal_data import Encoder, subject_access_export


def export(person):
    return json.loads(json.dumps(subject_access_export(person), cls=Encoder))


def test_export_holds_the_persons_rows_with_their_history_and_their_changes(world):
    world.action.title = "Refresh the escalation policy (revised)"
    world.action._history_user = world.bu
    world.action.save()
    Notification.objects.create(recipient=world.officer, title="Your action is due")
    data = export(world.officer)
    assert data["subject"]["username"] == "bu_officer"
    sections = data["sections"]
    person = sections["The person"][0]
    assert person["fields"]["email"] == "bu_officer@example.org"
    assert person["fields"]["password"] == "(withheld: a secret)"
    assert "correct-horse" not in json.dumps(data) and "md5$" not in json.dumps(data)
    assert person["history"][0]["change"] == "created"
    owned = next(v for k, v in sections.items() if k.startswith("Actions") and "owner" in k)
    assert owned[0]["fields"]["title"] == "Refresh the escalation policy (revised)"
    assert [h["change"] for h in owned[0]["history"]] == ["created", "changed"]
    assert owned[0]["history"][0]["fields"]["title"] == "Refresh the escalation policy"
    assert any(k.startswith("Notifications") for k in sections)
    roles = next(v for k, v in sections.items() if k.startswith("Roles"))
    assert roles and roles[0]["fields"]["partnership_id"] == world.alpha.pk
    # The changes bu made are in bu's export, not the officer's.
    mine = export(world.bu)["sections"]["Changes this person made to any record"]
    assert {"record_kind": "partnerships.Action", "record_id": world.action.pk, "change": "changed"} in [
        {k: c[k] for k in ("record_kind", "record_id", "change")} for c in mine
    ]


def test_export_includes_sign_in_records_named_by_username(world, client):
    client.post("/sign-in/", {"username": "bu_officer", "password": "wrong"}, REMOTE_ADDR="10.1.1.1")
    data = export(world.officer)
    assert len(data["sections"]["Failed sign-in attempts"]) == 1


def test_the_command_writes_the_export(world, tmp_path):
    out = tmp_path / "sar.json"
    call_command("subject_access_export", "bu_officer@example.org", out=str(out))
    assert json.loads(out.read_text())["subject"]["username"] == "bu_officer"


def _aged(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_dry_run_reports_and_changes_nothing_then_commit_removes_only_what_is_due(world, capsys):
    old = Notification.objects.create(
        recipient=world.bu, title="Old", created_at=_aged(800), read_at=_aged(790)
    )
    unread = Notification.objects.create(recipient=world.bu, title="Old unread", created_at=_aged(800))
    recent = Notification.objects.create(
        recipient=world.bu, title="New", created_at=_aged(10), read_at=_aged(9)
    )
    call_command("apply_retention")
    report = capsys.readouterr().out
    assert "Dry run: nothing changed." in report
    line = next(x for x in report.splitlines() if x.startswith("partnerships.notification"))
    assert line.split()[-4:] == ["1", "would", "be", "deleted"]
    assert Notification.objects.filter(pk=old.pk).exists()
    call_command("apply_retention", "--commit")
    assert not Notification.objects.filter(pk=old.pk).exists()
    assert not Notification.history.filter(id=old.pk).exists()  # its history went with it
    assert set(Notification.objects.values_list("pk", flat=True)) >= {unread.pk, recent.pk}


def test_record_access_log_is_kept_six_years(world):
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(world.action)
    kept = RecordAccess.objects.create(
        user=world.bu, partnership=world.alpha, record_type=ct, record_id=1, accessed_at=_aged(5 * 365)
    )
    gone = RecordAccess.objects.create(
        user=world.bu, partnership=world.alpha, record_type=ct, record_id=1, accessed_at=_aged(6 * 365 + 5)
    )
    retention.apply(dry_run=False, keys=["partnerships.record_access"])
    assert RecordAccess.objects.filter(pk=kept.pk).exists()
    assert not RecordAccess.objects.filter(pk=gone.pk).exists()


def test_a_leavers_account_is_anonymised_with_its_history(world):
    leaver = world.lead_police
    User.objects.filter(pk=leaver.pk).update(is_active=False, last_login=_aged(7 * 365))
    results = {r.rule.key: r.count for r in retention.apply(dry_run=True)}
    assert results["partnerships.user"] == 1
    retention.apply(dry_run=False, keys=["partnerships.user"])
    leaver.refresh_from_db()
    assert (leaver.username, leaver.email, leaver.get_full_name()) == (
        f"former-user-{leaver.pk}",
        "",
        "Former user",
    )
    assert not leaver.has_usable_password()
    assert not User.history.filter(id=leaver.pk, username="lead_police").exists()
    assert not User.history.filter(id=leaver.pk, email__contains="lead_police").exists()
    # A second run finds nothing more to do.
    assert {r.rule.key: r.count for r in retention.apply(dry_run=True)}["partnerships.user"] == 0


def test_a_local_override_changes_the_period(world, settings):
    Notification.objects.create(recipient=world.bu, title="Old", created_at=_aged(40), read_at=_aged(39))
    settings.RETENTION_DAYS = {"partnerships.notification": 30}
    result = next(r for r in retention.apply(dry_run=True) if r.rule.key == "partnerships.notification")
    assert result.count == 1 and result.rule.days == 30


def test_the_job_is_scheduled_daily_and_runs(world, settings):
    from partnerships.security.tasks import apply_retention

    assert (
        settings.CELERY_BEAT_SCHEDULE["apply-retention"]["task"]
        == "partnerships.security.tasks.apply_retention"
    )
    Notification.objects.create(recipient=world.bu, title="Old", created_at=_aged(800), read_at=_aged(790))
    assert apply_retention.delay().get()["partnerships.notification"] == 1


@pytest.mark.parametrize("rule", retention.rules(), ids=lambda r: r.key)
def test_every_registered_rule_names_a_real_date_field_and_a_reason(rule):
    field = rule.model_class._meta.get_field(rule.date_field)
    assert field.get_internal_type() in ("DateField", "DateTimeField")
    assert rule.reason and rule.action in (retention.DELETE, retention.ANONYMISE)
    if rule.action == retention.ANONYMISE:
        assert callable(rule.anonymise)
