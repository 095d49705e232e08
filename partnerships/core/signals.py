"""Roles are the source of object permissions: any change to a Role row re-syncs them. Every save of
a partnership's record, and every many-to-many add, names only that partnership's own people,
organisations, areas and records (partnerships/core/tenancy.py)."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from partnerships.core import tenancy
from partnerships.core.models import Partnership, Role, User
from partnerships.core.permissions import sync_permissions


@receiver(pre_save)
def only_the_partnerships_own(sender, instance, raw=False, **kwargs):
    if not raw:
        tenancy.check_related(instance)


@receiver(m2m_changed)
def only_the_partnerships_own_added(sender, instance, action, reverse, model, pk_set, **kwargs):
    # Links to partnerships (a panel's footprint, a joint cycle) cross partnerships by design.
    if (
        action != "pre_add"
        or reverse
        or not pk_set
        or model is Partnership
        or not tenancy.owned(type(instance))
    ):
        return
    field = next((f for f in type(instance)._meta.many_to_many if f.remote_field.through is sender), None)
    if field is not None:
        tenancy.check_added(instance, field.name, model, pk_set)


@receiver(pre_save, sender=Role)
def remember_previous_holder(sender, instance, **kwargs):
    if instance.pk:
        instance._previous = (
            Role.objects.filter(pk=instance.pk).values_list("user_id", "partnership_id").first()
        )


@receiver(post_save, sender=Role)
@receiver(post_delete, sender=Role)
def role_changed(sender, instance, **kwargs):
    sync_permissions(instance.user, instance.partnership)
    previous = getattr(instance, "_previous", None)
    if previous and previous != (instance.user_id, instance.partnership_id):
        sync_permissions(User.objects.get(pk=previous[0]), Partnership.objects.get(pk=previous[1]))
