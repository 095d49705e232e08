"""The base app's share of the national-scale data: areas, organisations, partnerships, people,
roles, groups and actions (with history rows)."""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from partnerships.core.choices import ActionSource, ActionStatus, GroupKind, RoleKind
from partnerships.core.choices import OrganisationKind as K
from partnerships.core.models import (
    Action,
    Group,
    LocalAuthorityArea,
    Organisation,
    Partnership,
    RelevantAgency,
    SafeguardingPartner,
    User,
)
from partnerships.core.services import grant_role
from partnerships.demo.scale.base import register_scale_generator
from partnerships.governance.choices import AttendanceStatus, MeetingStatus, MinutesStatus
from partnerships.governance.models import Attendance, Meeting

# Benchmark accounts only.
PASSWORD = "bench-password-not-secret"  # noqa: S105  # nosec B105
TITLES = [
    "Refresh the escalation policy",
    "Audit strategy meeting attendance",
    "Train staff on neglect toolkit",
    "Review the threshold document",
    "Report on missing-from-home returns",
    "Commission a multi-agency audit of referrals",
    "Update the learning bulletin",
]


@transaction.atomic
def base(ctx):
    password = make_password(PASSWORD)
    n = ctx.counts["partnerships"]
    rng = ctx.rng
    for i in range(n):
        code = f"E9{ctx.seed % 10}{i:06d}"
        area = LocalAuthorityArea.objects.create(
            name=f"Scale area {ctx.seed}-{i}", code=code[:9], slug=f"scale-{ctx.seed}-{i}"
        )
        orgs = []
        for kind, label in [
            (K.LOCAL_AUTHORITY, "Council"),
            (K.ICB, "ICB"),
            (K.POLICE, "Police"),
            (K.HEALTH_PROVIDER, "Hospital Trust"),
        ]:
            org = Organisation.objects.create(name=f"Scale {ctx.seed}-{i} {label}", kind=kind)
            org.areas.set([area])
            orgs.append(org)
        p = Partnership.objects.create(
            name=f"Scale {ctx.seed}-{i} Safeguarding Children Partnership",
            short_name=f"Scale {i}",
            slug=f"scale-{ctx.seed}-{i}",
        )
        p.areas.set([area])
        people = User.objects.bulk_create(
            [
                User(
                    username=f"s{ctx.seed}p{i}u{j}",
                    password=password,
                    first_name=f"Person{j}",
                    last_name=f"Scale{i}",
                    organisation=orgs[j % 3],
                    email=f"s{ctx.seed}p{i}u{j}@example.org",
                )
                for j in range(12)
            ]
        )
        for j, org in enumerate(orgs[:3]):
            partner = SafeguardingPartner.objects.create(partnership=p, organisation=org)
            grant_role(None, user=people[j], partnership=p, kind=RoleKind.PARTNER_LEAD, organisation=org)
            partner.lead_representative = people[j]  # a lead holds a role in the partnership
            partner.save(update_fields=["lead_representative"])
        RelevantAgency.objects.create(partnership=p, organisation=orgs[3], reason="Acute trust")
        grant_role(None, user=people[3], partnership=p, kind=RoleKind.BUSINESS_UNIT, is_manager=True)
        for person in people[4:8]:
            grant_role(None, user=person, partnership=p, kind=RoleKind.BUSINESS_UNIT)
        grant_role(None, user=people[8], partnership=p, kind=RoleKind.SCRUTINEER)
        grant_role(
            None, user=people[9], partnership=p, kind=RoleKind.AGENCY_CONTRIBUTOR, organisation=orgs[3]
        )
        executive = Group.objects.create(
            partnership=p, name="Executive", kind=GroupKind.EXECUTIVE, chair=people[0]
        )
        for name in (
            "Case Review Group",
            "Quality Assurance",
            "Child Death Overview Panel",
            "Learning and Development",
        ):
            Group.objects.create(partnership=p, name=name, kind=GroupKind.SUB_GROUP, parent=executive)
        ctx.partnerships.append(p)
        ctx.members[p.pk] = {
            "organisations": orgs,
            "people": people,
            "bu": people[3],
            "leads": people[:3],
            "area": area,
        }
    per = ctx.per_partnership("actions")
    statuses = [s for s, _ in ActionStatus.choices]
    sources = [s for s, _ in ActionSource.choices]
    batch = []
    for p in ctx.partnerships:
        m = ctx.members[p.pk]
        for k in range(per):
            due = ctx.day()
            status = rng.choice(statuses)
            batch.append(
                Action(
                    partnership=p,
                    reference=f"A{k:05d}",
                    title=rng.choice(TITLES),
                    source_kind=rng.choice(sources),
                    owner=rng.choice(m["people"][:8]),
                    owner_organisation=rng.choice(m["organisations"][:3]),
                    due_date=due,
                    status=status,
                    completed_on=due if status == ActionStatus.DONE else None,
                    dropped_reason="Superseded by the new plan" if status == ActionStatus.DROPPED else "",
                    evidence_of_impact="Audit shows improvement" if status == ActionStatus.DONE else "",
                )
            )
        if len(batch) >= 10_000:
            bulk_create_with_history(batch, Action, batch_size=2000)
            batch = []
    if batch:
        bulk_create_with_history(batch, Action, batch_size=2000)
    ctx.created["actions"] = per * len(ctx.partnerships)


@transaction.atomic
def meetings(ctx):
    """Governance meetings of each partnership's groups (held, with minutes in draft) and attendance."""
    rng = ctx.rng
    per = ctx.per_partnership("meetings")
    groups = {}
    for g in Group.objects.filter(partnership__in=ctx.partnerships).order_by("pk"):
        groups.setdefault(g.partnership_id, []).append(g)
    statuses = [AttendanceStatus.PRESENT] * 6 + [AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT]
    rows = []
    for p in ctx.partnerships:
        for k in range(per):
            day = ctx.day()
            starts = datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)
            rows.append(
                Meeting(
                    partnership=p,
                    group=groups[p.pk][k % len(groups[p.pk])],
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    location="Invented civic centre",
                    status=MeetingStatus.HELD,
                    minutes="Invented minutes for the benchmark.",
                    minutes_status=MinutesStatus.DRAFT,
                )
            )
    bulk_create_with_history(rows, Meeting, batch_size=2000)
    attendance = []
    for meeting in rows:
        people = ctx.members[meeting.partnership_id]["people"]
        for person in rng.sample(people[:9], 4):
            status = rng.choice(statuses)
            attendance.append(
                Attendance(
                    meeting=meeting,
                    person=person,
                    organisation_id=person.organisation_id,
                    status=status,
                )
            )
    bulk_create_with_history(attendance, Attendance, batch_size=2000)
    ctx.created.update(meetings=len(rows), attendance=len(attendance))


register_scale_generator(0, base)
register_scale_generator(5, meetings)
