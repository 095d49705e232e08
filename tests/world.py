"""Personas and records for tests, built once per test (STYLE.md: one set of personas).

`build_world()` makes two partnerships:
- alpha: three statutory partners (Alpha Council, Alpha ICB, Alpha Police), groups, an action;
- beta: another partnership, whose business-unit officer is our outsider.

Personas: bu (business-unit manager), officer (business unit), lead_la / lead_health / lead_police
(partner leads, each for their own organisation), scrutineer, contributor (agency contributor for
Alpha Hospital Trust), outsider (business unit of beta only), admin (superuser).

Each app adds its own records through `tests/<app>/builders.py: extend_world(world)`, and names
the objects its URLs need in `world.url_kwargs` (see tests/partnerships/test_url_matrix.py).
"""

import datetime
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

from partnerships.core.choices import ActionSource, GroupKind, RoleKind
from partnerships.core.choices import OrganisationKind as K
from partnerships.core.models import (
    Group,
    GroupMember,
    LocalAuthorityArea,
    Organisation,
    Partnership,
    RelevantAgency,
    SafeguardingPartner,
    User,
)
from partnerships.core.services import create_action, grant_role

EXTENSIONS = [
    "reviews",
    "child_death",
    "funding",
    "publications",
    "partnerships",
    "governance",
    "assurance",
    "learning",
]


def person(username, org=None, **extra):
    return User.objects.create_user(
        username=username,
        password="correct-horse-battery",
        email=f"{username}@example.org",
        first_name=username.replace("_", " ").title(),
        last_name="Tester",
        organisation=org,
        **extra,
    )


def build_world():
    w = SimpleNamespace(url_kwargs={})
    w.area_a = LocalAuthorityArea.objects.create(name="Alphaton", code="E00000001", slug="alphaton")
    w.area_a2 = LocalAuthorityArea.objects.create(name="Alphaford", code="E00000003", slug="alphaford")
    w.area_b = LocalAuthorityArea.objects.create(name="Betaby", code="E00000002", slug="betaby")
    w.council = Organisation.objects.create(name="Alpha Council", kind=K.LOCAL_AUTHORITY)
    w.council.areas.set([w.area_a])
    w.council2 = Organisation.objects.create(name="Alphaford Council", kind=K.LOCAL_AUTHORITY)
    w.council2.areas.set([w.area_a2])
    w.icb = Organisation.objects.create(name="Alpha ICB", kind=K.ICB)
    w.icb.areas.set([w.area_a, w.area_a2])
    w.police = Organisation.objects.create(name="Alpha Police", kind=K.POLICE)
    w.police.areas.set([w.area_a, w.area_a2])
    w.hospital = Organisation.objects.create(name="Alpha Hospital Trust", kind=K.HEALTH_PROVIDER)
    w.hospital.areas.set([w.area_a, w.area_a2, w.area_b])
    w.school = Organisation.objects.create(name="Alpha Academy", kind=K.SCHOOL)
    w.school.areas.set([w.area_a])
    w.beta_council = Organisation.objects.create(name="Beta Council", kind=K.LOCAL_AUTHORITY)
    w.beta_council.areas.set([w.area_b])
    w.beta_icb = Organisation.objects.create(name="Beta ICB", kind=K.ICB)
    w.beta_police = Organisation.objects.create(name="Beta Police", kind=K.POLICE)

    w.alpha = Partnership.objects.create(
        name="Alpha Safeguarding Children Partnership", short_name="Alpha", slug="alpha"
    )
    w.alpha.areas.set([w.area_a, w.area_a2])
    w.beta = Partnership.objects.create(
        name="Beta Safeguarding Children Partnership", short_name="Beta", slug="beta"
    )
    w.beta.areas.set([w.area_b])

    w.bu = person("bu_manager", w.council, job_title="Business Manager")
    w.officer = person("bu_officer", w.council)
    w.lead_la = person("lead_la", w.council)
    w.lead_la2 = person("lead_la2", w.council2)
    w.lead_health = person("lead_health", w.icb)
    w.lead_police = person("lead_police", w.police)
    w.scrutineer = person("scrutineer")
    w.contributor = person("contributor", w.hospital)
    w.outsider = person("outsider", w.beta_council)
    w.admin = person("admin_user", is_staff=True, is_superuser=True)

    # A partner's lead representative must hold a role in the partnership: named after the roles below.
    w.partner_la = SafeguardingPartner.objects.create(
        partnership=w.alpha, organisation=w.council, lead_title="Chief Executive"
    )
    w.partner_la2 = SafeguardingPartner.objects.create(partnership=w.alpha, organisation=w.council2)
    w.partner_health = SafeguardingPartner.objects.create(partnership=w.alpha, organisation=w.icb)
    w.partner_police = SafeguardingPartner.objects.create(partnership=w.alpha, organisation=w.police)
    for org in (w.beta_council, w.beta_icb, w.beta_police):
        SafeguardingPartner.objects.create(partnership=w.beta, organisation=org)
    w.agency = RelevantAgency.objects.create(
        partnership=w.alpha, organisation=w.hospital, reason="Acute trust"
    )
    RelevantAgency.objects.create(partnership=w.beta, organisation=w.hospital, reason="Acute trust")

    grant_role(None, user=w.bu, partnership=w.alpha, kind=RoleKind.BUSINESS_UNIT, is_manager=True)
    grant_role(None, user=w.officer, partnership=w.alpha, kind=RoleKind.BUSINESS_UNIT)
    grant_role(None, user=w.lead_la, partnership=w.alpha, kind=RoleKind.PARTNER_LEAD, organisation=w.council)
    grant_role(
        None, user=w.lead_la2, partnership=w.alpha, kind=RoleKind.PARTNER_LEAD, organisation=w.council2
    )
    grant_role(None, user=w.lead_health, partnership=w.alpha, kind=RoleKind.PARTNER_LEAD, organisation=w.icb)
    grant_role(
        None, user=w.lead_police, partnership=w.alpha, kind=RoleKind.PARTNER_LEAD, organisation=w.police
    )
    grant_role(None, user=w.scrutineer, partnership=w.alpha, kind=RoleKind.SCRUTINEER)
    grant_role(
        None,
        user=w.contributor,
        partnership=w.alpha,
        kind=RoleKind.AGENCY_CONTRIBUTOR,
        organisation=w.hospital,
    )
    grant_role(None, user=w.outsider, partnership=w.beta, kind=RoleKind.BUSINESS_UNIT, is_manager=True)
    for partner, lead in (
        (w.partner_la, w.lead_la),
        (w.partner_la2, w.lead_la2),
        (w.partner_health, w.lead_health),
        (w.partner_police, w.lead_police),
    ):
        partner.lead_representative = lead
        partner.save()

    w.executive = Group.objects.create(
        partnership=w.alpha, name="Executive", kind=GroupKind.EXECUTIVE, chair=w.lead_la
    )
    w.subgroup = Group.objects.create(
        partnership=w.alpha, name="Case Review Group", kind=GroupKind.SUB_GROUP, parent=w.executive
    )
    w.member = GroupMember.objects.create(group=w.executive, person=w.lead_health, organisation=w.icb)
    w.beta_group = Group.objects.create(partnership=w.beta, name="Beta Executive", kind=GroupKind.EXECUTIVE)
    w.action = create_action(
        w.bu,
        partnership=w.alpha,
        title="Refresh the escalation policy",
        due_date=datetime.date(2030, 1, 31),
        source_kind=ActionSource.MEETING,
        owner=w.officer,
        owner_organisation=w.council,
    )
    w.beta_action = create_action(
        w.outsider, partnership=w.beta, title="Beta's own action", due_date=datetime.date(2030, 1, 31)
    )

    w.url_kwargs.update(
        {
            "partnerships:group_member_remove": {"pk": w.executive.pk, "member_pk": w.member.pk},
            "partnerships:partner_update": {"pk": w.partner_la.pk},
            "partnerships:agency_update": {"pk": w.agency.pk},
        }
    )
    for label in EXTENSIONS:
        # Each app's builders.py, then any builders_<feature>.py beside it (one per feature).
        folder = Path(__file__).parent / label
        for path in sorted(folder.glob("builders*.py")):
            import_module(f"tests.{label}.{path.stem}").extend_world(w)
    return w
