"""An action's RAG rating is derived from its due date and status, so it changes as dates pass."""

import datetime

import time_machine

from partnerships.core.choices import RAG, ActionStatus
from partnerships.core.services import update_action
from partnerships.governance import services as gs


def test_rag_changes_as_the_due_date_approaches_and_passes(world, client_for):
    w = world
    action = gs.record_meeting_action(
        w.bu, w.gov["meeting"], title="Publish the threshold document", due_date=datetime.date(2031, 3, 31)
    )
    # Sign in inside each frozen day: a session started in 2026 has expired by 2031.
    with time_machine.travel(datetime.datetime(2031, 1, 1, 9, tzinfo=datetime.UTC), tick=False):
        client = client_for(w.bu)
        assert action.rag() == RAG.GREEN
        assert "Green" in client.get(action.get_absolute_url()).content.decode()
    with time_machine.travel(datetime.datetime(2031, 3, 20, 9, tzinfo=datetime.UTC), tick=False):
        client = client_for(w.bu)
        assert action.rag() == RAG.AMBER  # due within the amber window
        page = client.get("/p/alpha/actions/?export=csv").content.decode("utf-8-sig")
        assert "Publish the threshold document" in page and "Amber" in page
    with time_machine.travel(datetime.datetime(2031, 4, 1, 9, tzinfo=datetime.UTC), tick=False):
        client = client_for(w.bu)
        assert action.rag() == RAG.RED
        assert "Red" in client.get(action.get_absolute_url()).content.decode()
        # Overdue actions are still carried forward, shown red on the next agenda.
        later = gs.create_meeting(
            w.bu,
            partnership=w.alpha,
            group=w.executive,
            starts_at=datetime.datetime(2031, 4, 20, 10, tzinfo=datetime.UTC),
            location="Room",
        )
        page = client.get(later.get_absolute_url()).content.decode()
        assert "Publish the threshold document" in page and "govuk-tag--red" in page
        update_action(w.bu, action, status=ActionStatus.DONE, text="Published.")
        action.refresh_from_db()
        assert action.rag() == RAG.COMPLETE
        assert action.completed_on == datetime.date(2031, 4, 1)


def test_dropping_an_action_needs_a_reason(world, client_for):
    w = world
    action = w.gov["meeting_action"]
    response = client_for(w.bu).post(
        f"{action.get_absolute_url()}progress/", {"status": "dropped", "text": ""}
    )
    assert response.status_code == 400
    assert "Say why the action is being dropped" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    response = client_for(w.bu).post(
        f"{action.get_absolute_url()}progress/", {"status": "dropped", "dropped_reason": "No longer needed."}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DROPPED and action.rag() == RAG.COMPLETE
