"""Records of the partnerships app's own later features, for the URL and API matrices."""

import datetime

from partnerships.deadlines.choices import ReminderStatus, ReminderStep
from partnerships.deadlines.models import Reminder
from partnerships.deadlines.register import deadlines_for
from partnerships.deadlines.timetable import add_yearly_report_cycle


def extend_world(w):
    _deadline_register(w)


def _deadline_register(w):
    """Yearly report cycles and a sent reminder in alpha and in beta."""
    w.alpha_cycle = add_yearly_report_cycle(w.bu, w.alpha, starts_on=datetime.date(2019, 9, 29))
    w.beta_cycle = add_yearly_report_cycle(w.outsider, w.beta, starts_on=datetime.date(2019, 9, 30))
    for action, person in ((w.action, w.officer), (w.beta_action, w.outsider)):
        deadline = deadlines_for(action).get()
        Reminder.objects.create(
            deadline=deadline,
            partnership=deadline.partnership,
            step=ReminderStep.LEAD,
            days=5,
            due_date=deadline.due_date,
            recipient=person,
            email=person.email,
            subject=f"Due in 5 working days: {deadline.title}",
            body="A reminder.",
            url=deadline.source_url,
            status=ReminderStatus.SENT,
            sent_at=datetime.datetime(2030, 1, 24, 9, tzinfo=datetime.UTC),
        )
