"""E-mails people can trust: each goes to one person, in plain text first with a plain HTML
alternative (GOV.UK Notify's style: no images, one column, links written out), and every link in it
is absolute on SITE_URL, the one configured address of the service (never a request's Host header).
"""

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

LINK = re.compile(r"https?://[^\s<>\"']+")


def site_url():
    """The service's public address without a trailing slash (config/settings/base.py SITE_URL)."""
    return settings.SITE_URL.rstrip("/")


def absolute(path):
    """A site path ("/p/alpha/...") as a full link on SITE_URL; a full link is kept as it is."""
    if not path or LINK.match(path):
        return path
    return f"{site_url()}/{path.lstrip('/')}"


def links_in(text):
    """Every http(s) link written in a text (for tests and the suite's mail guard)."""
    return [link.rstrip(".,;:)") for link in LINK.findall(text or "")]


def html_for(subject, text):
    """The HTML alternative of a plain-text message: its paragraphs, line breaks and links."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return render_to_string(
        "emails/message.html",
        {"subject": subject, "paragraphs": paragraphs, "service_name": settings.SERVICE_NAME},
    )


def message(to, subject, text, *, headers=None, connection=None):
    """One e-mail to one address: `text` is the plain-text body, the HTML alternative follows it."""
    if not to or isinstance(to, (list, tuple, set)):
        raise ValueError("An e-mail goes to exactly one address.")
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
        connection=connection,
    )
    email.attach_alternative(html_for(subject, text), "text/html")
    return email
