"""Every list page keeps the same number of SQL queries with 5 rows and with 500."""

import datetime

from django.contrib.contenttypes.models import ContentType

from partnerships.core.choices import GroupKind
from partnerships.core.models import Action, ActionUpdate, Group, RecordAccess, Role, User
from partnerships.deadlines.models import Deadline
from tests.querycount import assert_constant_queries


def test_action_log(world, client_for):
    def add(n):
        Action.objects.bulk_create(
            Action(
                partnership=world.alpha,
                title=f"Action {i}",
                due_date=datetime.date(2030, 1, 1),
                owner=world.officer,
                owner_organisation=world.council,
            )
            for i in range(n)
        )

    queries = assert_constant_queries(client_for(world.bu), "/p/alpha/actions/", add)
    assert queries < 25


def test_action_detail_with_many_updates(world, client_for):
    def add(n):
        ActionUpdate.objects.bulk_create(
            ActionUpdate(action=world.action, text=f"u{i}", author=world.bu) for i in range(n)
        )

    assert_constant_queries(client_for(world.bu), f"/p/alpha/actions/{world.action.pk}/", add)


def test_groups(world, client_for):
    def add(n):
        start = Group.objects.count()
        Group.objects.bulk_create(
            Group(
                partnership=world.alpha,
                name=f"Group {start + i}",
                kind=GroupKind.TASK_AND_FINISH,
                parent=world.executive,
                chair=world.lead_la,
            )
            for i in range(n)
        )

    assert_constant_queries(client_for(world.bu), "/p/alpha/groups/", add)
    assert_constant_queries(client_for(world.bu), "/p/alpha/structure/", lambda n: None)


def test_deadlines(world, client_for):
    content_type = ContentType.objects.get_for_model(Action)

    def add(n):
        start = Deadline.objects.count()
        Deadline.objects.bulk_create(
            Deadline(
                partnership=world.alpha,
                kind="action_due",
                title=f"Deadline {i}",
                source_type=content_type,
                source_id=100000 + start + i,
                rule="Due date of the action",
                due_date=datetime.date(2030, 1, 1),
                owner=world.officer,
            )
            for i in range(n)
        )

    assert_constant_queries(client_for(world.bu), "/p/alpha/deadlines/", add)


def test_people_and_access_log(world, client_for):
    def add_people(n):
        start = User.objects.count()
        for i in range(n):
            user = User.objects.create(username=f"person{start + i}", organisation=world.council)
            Role.objects.create(user=user, partnership=world.alpha, kind="scrutineer")

    assert_constant_queries(client_for(world.bu), "/p/alpha/people/", add_people, small=5, large=60)

    content_type = ContentType.objects.get_for_model(Action)

    def add_access(n):
        RecordAccess.objects.bulk_create(
            RecordAccess(
                user=world.bu,
                partnership=world.alpha,
                record_type=content_type,
                record_id=1,
                record_label="Case",
            )
            for _ in range(n)
        )

    assert_constant_queries(client_for(world.bu), "/p/alpha/access-log/", add_access)
