"""Guards that keep a child's identity inside the case record."""

import re

from django.core.exceptions import ValidationError

# Child identities (names, dates of birth, NHS numbers) never appear in published pages, PDFs or
# engagement records (DEVELOPING.md). Names cannot be told from other words, so the forms only ask
# for counts and age bands, and free text is refused when it carries the tell-tale forms of an
# identity: an NHS number (10 digits, often 3-3-4), a full date (a date of birth), or a label such as
# "DOB", "date of birth", "NHS number" or "name:".
_NHS_NUMBER = re.compile(r"(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")
_FULL_DATE = re.compile(r"(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)")
_LABELS = re.compile(r"\b(d\.?o\.?b\.?|date of birth|born on|nhs (?:no|number)|child'?s name|name\s*:)", re.I)


def identity_problems(text):
    """Why `text` looks like it holds a child's identity ([] when it does not)."""
    if not text:
        return []
    problems = []
    if _NHS_NUMBER.search(text):
        problems.append("It contains what looks like an NHS number.")
    if _FULL_DATE.search(text):
        problems.append("It contains a full date, which could be a date of birth.")
    if _LABELS.search(text):
        problems.append("It mentions a name, date of birth or NHS number.")
    return problems


def no_child_identity(text):
    problems = identity_problems(text)
    if problems:
        raise ValidationError(
            "Do not record anything that identifies a child. " + " ".join(problems),
            code="child_identity",
        )
