from django.db import models
from simple_history.models import HistoricalRecords


class ClosureDay(models.Model):
    """A one-off non-working day an admin adds beside the England bank holidays of `holidays`.

    Bank holidays are sometimes announced at short notice (19 September 2022 was announced eleven
    days before), faster than a package upgrade reaches a server.
    """

    date = models.DateField(unique=True)
    name = models.CharField(max_length=200)

    history = HistoricalRecords(table_name="partnerships_historicalclosureday")

    class Meta:
        db_table = "partnerships_closureday"  # created by the base app; the table kept its name
        ordering = ["date"]

    def __str__(self):
        return f"{self.name} ({self.date:%d %B %Y})"
