"""Roles are the source of object permissions: any change to a Role row re-syncs them."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from partnerships.core.models import Partnership, Role, User
from partnerships.core.permissions import sync_permissions


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
