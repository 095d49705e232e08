"""A notification's e-mail: to that one person, once the change is saved, its link absolute on
SITE_URL, plain text with a plain HTML alternative; and no e-mail can be addressed to a list."""

import pytest
from django.core import mail

from partnerships.core import mail as product_mail
from partnerships.core.services import notify

SITE = "https://safeguarding.example.org"


def test_a_notification_emails_its_one_person_with_a_link_on_the_site(
    world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = SITE + "/"
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            world.officer,
            "Paper to read: RR-TEST-1",
            body="The rapid review RR-TEST-1 has a new paper.\n\nWhat to do: read it before Friday.",
            url="/p/alpha/deadlines/",
            partnership=world.alpha,
        )
    [message] = mail.outbox
    assert message.to == [world.officer.email] and message.cc == [] and message.bcc == []
    assert message.subject == "Paper to read: RR-TEST-1"
    assert message.body == (
        "The rapid review RR-TEST-1 has a new paper.\n\nWhat to do: read it before Friday.\n\n"
        f"Open it: {SITE}/p/alpha/deadlines/"
    )
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert f'<a href="{SITE}/p/alpha/deadlines/"' in html and "<img" not in html
    assert "What to do: read it before Friday." in html


def test_the_html_alternative_escapes_what_people_typed(settings):
    settings.SITE_URL = SITE
    message = product_mail.message("a@example.org", "A <b>title</b>", "Said <script>x</script> & more")
    html = message.alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; more" in html


@pytest.mark.parametrize("to", [["a@example.org", "b@example.org"], ["a@example.org"], "", None])
def test_an_email_goes_to_exactly_one_address(to):
    with pytest.raises(ValueError, match="exactly one address"):
        product_mail.message(to, "Subject", "Body")


def test_a_site_path_becomes_a_link_on_the_site(settings):
    settings.SITE_URL = SITE + "/"
    assert product_mail.absolute("/p/alpha/") == f"{SITE}/p/alpha/"
    assert product_mail.absolute("p/alpha/") == f"{SITE}/p/alpha/"
    assert product_mail.links_in(f"See {SITE}/p/alpha/. Then http://other.example/x, ok") == [
        f"{SITE}/p/alpha/",
        "http://other.example/x",
    ]
