"""Log every view of a case record that shows a child's identity (docs/threat-model.md).

Pages, edit pages, history and administration pages that show a child's name, date of birth or
NHS number mix one of these in; each successful GET writes one `RecordAccess` row with the person,
the time, the record, how it was seen and the address that showed it. Business-unit managers read
the log per record and per person, and export it for a subject access request.
"""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from partnerships.core.models import AccessChannel
from partnerships.core.permissions import Perm, access_for
from partnerships.core.services import log_record_access


def access_log_url(user, partnership, record):
    """The access log filtered to one record, for a business-unit manager (None for anyone else)."""
    if not access_for(user).has(Perm.MANAGE, partnership):
        return None
    query = urlencode({"record_type": ContentType.objects.get_for_model(record).pk, "record_id": record.pk})
    return reverse("partnerships:access_log", kwargs={"partnership": partnership.slug}) + f"?{query}"


def partnership_of(record):
    """The partnership a scoped record belongs to (through its queryset's `partnership_path`)."""
    value = record
    for part in type(type(record)._default_manager.all()).partnership_path.split("__"):
        value = getattr(value, part)
    return value


class LoggedRecordMixin:
    """A page about one record that shows a child's identity: a successful GET is logged."""

    access_channel = AccessChannel.PAGE

    def access_log_record(self):
        return self.object

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200:
            record = self.access_log_record()
            log_record_access(
                request.user,
                record,
                self.partnership,
                label=self.access_log_label(record),
                channel=self.access_channel,
                route=request.get_full_path(),
            )
        return response

    def access_log_label(self, record):
        return str(record)


class LoggedAdminMixin:
    """An admin for a model that shows a child's identity: its change and history pages are logged."""

    def _log(self, request, object_id, response, channel):
        if response.status_code != 200 or object_id is None:
            return
        record = self.get_object(request, object_id)
        if record is not None:
            log_record_access(
                request.user, record, partnership_of(record), channel=channel, route=request.get_full_path()
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET":
            self._log(request, object_id, response, AccessChannel.ADMIN)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        self._log(request, object_id, response, AccessChannel.HISTORY)
        return response
