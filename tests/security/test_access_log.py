"""The access log records every view of a case record that shows a child's identity: its page, its
edit page, its history and the administration pages; managers read it per record and per person and
export it for a subject access request (docs/threat-model.md, "The access log")."""

import csv
import io

from django.contrib.contenttypes.models import ContentType

from partnerships.core.models import AccessChannel, RecordAccess


def _rows(record):
    return list(
        RecordAccess.objects.filter(
            record_type=ContentType.objects.get_for_model(record), record_id=record.pk
        )
        .order_by("pk")
        .values_list("user__username", "channel", "route")
    )


def test_the_edit_page_of_a_serious_incident_is_logged_and_a_save_is_not_a_view(world, client_for):
    sin = world.notification
    url = f"/p/alpha/reviews/notifications/{sin.pk}/edit/"
    page = client_for(world.officer).get(url)
    assert page.status_code == 200 and sin.child_name in page.content.decode()
    assert _rows(sin) == [(world.officer.username, AccessChannel.EDIT, url)]


def test_the_detail_page_is_logged_with_its_address(world, client_for):
    sin = world.notification
    url = f"/p/alpha/reviews/notifications/{sin.pk}/"
    assert client_for(world.scrutineer).get(url).status_code == 200
    assert _rows(sin) == [(world.scrutineer.username, AccessChannel.PAGE, url)]


def test_the_admin_change_and_history_pages_are_logged(world, client_for):
    sin = world.notification
    admin = client_for(world.admin)
    change = f"/admin/reviews/seriousincidentnotification/{sin.pk}/change/"
    history = f"/admin/reviews/seriousincidentnotification/{sin.pk}/history/"
    assert admin.get(change).status_code == 200
    assert admin.get(history).status_code == 200
    assert _rows(sin) == [
        (world.admin.username, AccessChannel.ADMIN, change),
        (world.admin.username, AccessChannel.HISTORY, history),
    ]
    assert RecordAccess.objects.get(route=change).partnership == world.alpha


def test_the_edit_page_of_a_child_death_case_is_logged(world, client_for):
    case = world.cd_reviewed
    url = f"/p/alpha/child-deaths/{case.pk}/edit/"
    assert client_for(world.bu).get(url).status_code == 200
    assert _rows(case) == [(world.bu.username, AccessChannel.EDIT, url)]


def test_managers_read_the_log_per_record_and_per_person_and_export_it(world, client_for):
    sin = world.notification
    client_for(world.officer).get(f"/p/alpha/reviews/notifications/{sin.pk}/")
    client_for(world.outsider).get(f"/p/alpha/reviews/notifications/{sin.pk}/edit/")  # 404: not logged
    client_for(world.bu).get(f"/p/alpha/child-deaths/{world.cd_reviewed.pk}/")
    manager = client_for(world.bu)
    record_page = manager.get(f"/p/alpha/reviews/notifications/{sin.pk}/").content.decode()
    assert "Who has seen this record" in record_page

    sin_type = ContentType.objects.get_for_model(sin).pk
    per_record = manager.get(f"/p/alpha/access-log/?record_type={sin_type}&record_id={sin.pk}&export=csv")
    rows = list(csv.DictReader(io.StringIO(per_record.content.decode("utf-8-sig"))))
    assert {(r["Username"], r["How"]) for r in rows} == {
        (world.officer.username, "Record page"),
        (world.bu.username, "Record page"),
    }
    per_person = manager.get(f"/p/alpha/access-log/?person={world.officer.pk}&export=csv")
    rows = list(csv.DictReader(io.StringIO(per_person.content.decode("utf-8-sig"))))
    assert [r["Username"] for r in rows] == [world.officer.username]
    assert rows[0]["Address"] == f"/p/alpha/reviews/notifications/{sin.pk}/"

    # Only business-unit managers read it; anyone outside the partnership sees nothing of it.
    assert client_for(world.officer).get("/p/alpha/access-log/").status_code == 403
    assert client_for(world.outsider).get("/p/alpha/access-log/").status_code == 404
