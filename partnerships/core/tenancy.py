"""Every related record a change names must be its partnership's own (docs/threat-model.md).

One function per kind of related record answers "which may this field take, in this partnership":
people hold a role there; organisations are its statutory partners, its relevant agencies or serve
its areas; areas are the ones it covers; any other record is one of its own. The same functions
give the choices forms offer, the admin's querysets and the API's validation, and `check_related`
runs them on every save of a partnership's record (a pre_save receiver, so pages, the API, the
admin, imports, commands and the demo loader all pass through it) and on every many-to-many add.

Fields that name the person acting (`author`, `recipient`, `user`, anything ending `_by`) are set by
the services to the actor, whose permission is checked there, and are not choices; the fields that
define who belongs (a role's user, a partner's or agency's organisation) are what membership is
made of, and are not checked against it.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from partnerships.core.models import (
    LocalAuthorityArea,
    Organisation,
    Partnership,
    RelevantAgency,
    Role,
    SafeguardingPartner,
    User,
)

# Fields that make membership, rather than draw on it.
MEMBERSHIP_FIELDS = {
    (Role, "user"),
    (SafeguardingPartner, "organisation"),
    (RelevantAgency, "organisation"),
}
ACTOR_FIELDS = {"author", "recipient", "user"}


def people(partnership):
    """People who hold a role in the partnership (active accounts)."""
    return User.objects.filter(
        is_active=True, pk__in=Role.objects.filter(partnership=partnership).values("user_id")
    )


def organisations(partnership):
    """The partnership's statutory partners, relevant agencies and organisations serving its areas."""
    serving = Organisation.areas.through.objects.filter(localauthorityarea__partnerships=partnership)
    return Organisation.objects.filter(
        Q(pk__in=SafeguardingPartner.objects.filter(partnership=partnership).values("organisation_id"))
        | Q(pk__in=RelevantAgency.objects.filter(partnership=partnership).values("organisation_id"))
        | Q(pk__in=serving.values("organisation_id"))
    )


def areas(partnership):
    """The local authority areas the partnership covers."""
    return LocalAuthorityArea.objects.filter(partnerships=partnership)


def owned(model):
    """Whether `model`'s rows belong to a partnership (its manager is a scoped queryset)."""
    return hasattr(type(model._default_manager.all()), "partnership_path")


def choices(model, partnership):
    """The rows of `model` a field of one of `partnership`'s records may name (None: any row)."""
    if model is User:
        return people(partnership)
    if model is Organisation:
        return organisations(partnership)
    if model is LocalAuthorityArea:
        return areas(partnership)
    if model is Partnership:
        return Partnership.objects.filter(pk=partnership.pk)
    if owned(model):
        return model._default_manager.in_partnership(partnership)
    return None


def message(model, partnership):
    """What to choose instead, in plain words."""
    if model is User:
        return f"Choose a person who holds a role in {partnership.short_name}."
    if model is Organisation:
        return (
            f"Choose an organisation of {partnership.short_name}: a statutory partner, a relevant agency "
            "or one serving its areas."
        )
    if model is LocalAuthorityArea:
        return f"Choose an area {partnership.short_name} covers."
    return f"Choose a {model._meta.verbose_name} of {partnership.short_name}."


def partnerships_of(instance):
    """The partnerships a record belongs to: one, or a child death panel's footprint."""
    queryset = type(instance)._default_manager.all()
    footprint = getattr(queryset, "footprint_partnerships", None)
    if footprint is not None:
        return list(footprint(instance))
    value = instance
    for part in type(queryset).partnership_path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return []
    return [value]


def _checked_fields(model):
    for field in model._meta.concrete_fields:
        if not field.is_relation or not field.many_to_one or (model, field.name) in MEMBERSHIP_FIELDS:
            continue
        if field.name in ACTOR_FIELDS or field.name.endswith("_by"):
            continue
        if (
            field.related_model is Partnership
            and field.name == type(model._default_manager.all()).partnership_path
        ):
            continue
        yield field


def _allowed(model, pk, partnerships):
    """Whether row `pk` of `model` may be named by a record of any of `partnerships`."""
    for partnership in partnerships:
        rows = choices(model, partnership)
        if rows is None or rows.filter(pk=pk).exists():
            return True
    return False


def _check_not_moved(instance):
    """A record never moves to another partnership (by its partnership or by its parent record)."""
    path = type(type(instance)._default_manager.all()).partnership_path
    value = instance
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return
    stored = type(instance)._default_manager.filter(pk=instance.pk).values_list(path, flat=True).first()
    if stored is not None and stored != value.pk:
        raise ValidationError(
            {path.split("__")[0]: "A record cannot move to another partnership."}, code="other_partnership"
        )


def check_related(instance):
    """Refuse a record naming another partnership's person, organisation, area or record."""
    if not owned(type(instance)):
        return
    if instance.pk is not None and not instance._state.adding:
        _check_not_moved(instance)
    partnerships = partnerships_of(instance)
    if not partnerships:
        return
    errors = {}
    for field in _checked_fields(type(instance)):
        pk = getattr(instance, field.attname)
        if pk is not None and not _allowed(field.related_model, pk, partnerships):
            errors[field.name] = message(field.related_model, partnerships[0])
    if errors:
        raise ValidationError(errors, code="other_partnership")


def check_added(instance, field_name, model, pks):
    """Refuse adding another partnership's rows to a many-to-many field of `instance`."""
    partnerships = partnerships_of(instance)
    if not partnerships:
        return
    for partnership in partnerships:
        rows = choices(model, partnership)
        if rows is None:
            return
        pks = set(pks) - set(rows.filter(pk__in=pks).values_list("pk", flat=True))
        if not pks:
            return
    raise ValidationError({field_name: message(model, partnerships[0])}, code="other_partnership")
