"""Roles are granted as django-guardian object permissions, per partnership, and withdrawn with them."""

from guardian.shortcuts import get_perms

from partnerships.core.choices import RoleKind
from partnerships.core.models import Role
from partnerships.core.permissions import Perm, access_for, forget_access, sign_off_organisations
from partnerships.core.services import grant_role, revoke_role


def test_each_role_grants_its_object_permissions(world):
    assert set(get_perms(world.bu, world.alpha)) == {Perm.VIEW, Perm.CHANGE, Perm.MANAGE}
    assert set(get_perms(world.officer, world.alpha)) == {Perm.VIEW, Perm.CHANGE}
    assert set(get_perms(world.lead_la, world.alpha)) == {Perm.VIEW, Perm.SIGN_OFF}
    assert set(get_perms(world.scrutineer, world.alpha)) == {Perm.VIEW}
    assert set(get_perms(world.contributor, world.alpha)) == {Perm.CONTRIBUTE}
    assert get_perms(world.outsider, world.alpha) == []


def test_one_person_can_hold_roles_in_several_partnerships(world, client_for):
    grant_role(world.admin, user=world.scrutineer, partnership=world.beta, kind=RoleKind.SCRUTINEER)
    forget_access(world.scrutineer)
    access = access_for(world.scrutineer)
    assert access.has(Perm.VIEW, world.alpha) and access.has(Perm.VIEW, world.beta)
    page = client_for(world.scrutineer).get("/").content.decode()
    assert (
        "Alpha Safeguarding Children Partnership" in page and "Beta Safeguarding Children Partnership" in page
    )


def test_revoking_a_role_withdraws_access_at_once(world, client_for):
    role = Role.objects.get(user=world.scrutineer, partnership=world.alpha)
    assert client_for(world.scrutineer).get("/p/alpha/").status_code == 200
    revoke_role(world.admin, role)
    assert get_perms(world.scrutineer, world.alpha) == []
    assert client_for(world.scrutineer).get("/p/alpha/").status_code == 404


def test_a_partner_lead_signs_for_their_own_organisation_only(world):
    assert sign_off_organisations(world.lead_la, world.alpha) == {world.council.pk}
    assert sign_off_organisations(world.lead_police, world.alpha) == {world.police.pk}
    assert sign_off_organisations(world.scrutineer, world.alpha) == set()
    assert sign_off_organisations(world.lead_la, world.beta) == set()


def test_a_partner_lead_must_act_for_one_of_the_partnership_s_partners(world):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="safeguarding partners"):
        grant_role(
            world.admin,
            user=world.lead_la,
            partnership=world.beta,
            kind=RoleKind.PARTNER_LEAD,
            organisation=world.council,
        )


def test_a_disabled_account_sees_nothing(world, client_for):
    client = client_for(world.bu)
    world.bu.is_active = False
    world.bu.save()
    assert client.get("/p/alpha/").status_code == 302  # signed out: back to sign-in


def test_role_changes_keep_history_with_the_actor(world):
    role = grant_role(world.admin, user=world.officer, partnership=world.beta, kind=RoleKind.SCRUTINEER)
    assert role.history.first().history_user == world.admin
