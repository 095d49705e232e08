from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A person known to the product: staff who sign in, and people named in records who may not."""

    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text="The organisation the person works for.",
    )
    job_title = models.CharField(max_length=200, blank=True)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def display_name(self):
        name = self.get_full_name() or self.username
        return f"{name}, {self.job_title}" if self.job_title else name
