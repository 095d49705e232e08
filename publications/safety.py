"""Nothing from a case record about a child may appear in a published document or on a public page.

Enforced in three places, all through `check_public`:
- when narrative is saved (the form refuses it, naming no identifier back in bulk);
- when a version is assembled (`publications.assembly.assemble` refuses to build it);
- when a public page or published PDF is produced (the view refuses to serve it).

What counts as an identifier: every string that an app holding case records registers through
`partnerships.core.registry.register_case_identifier_source` (child names, case references, dates of
birth written out), and anything shaped like an NHS number. Figures are aggregates by construction
(publications/figures.py), so this is a second line of defence, not the only one.
"""

import re

from django.core.exceptions import ValidationError

from partnerships.core.registry import case_identifier_sources

# NHS numbers are 10 digits, usually printed 3-3-4 (NHS Data Dictionary, "NHS Number").
NHS_NUMBER = re.compile(r"(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")
MIN_LENGTH = 4  # shorter strings (initials, "Jo") would match ordinary words


class CaseIdentifierFound(ValidationError):
    """Text meant for publication contains something that identifies a child in a case record."""


def _normalise(text):
    return " ".join(str(text).casefold().split())


def identifiers_for(partnership):
    """The normalised identifier strings every registered source gives for `partnership`."""
    found = set()
    for source in case_identifier_sources():
        for value in source(partnership) or ():
            if value is None:
                continue
            value = _normalise(value)
            if len(value) >= MIN_LENGTH:
                found.add(value)
    return found


def find_identifiers(text, partnership, *, identifiers=None):
    """The identifiers (normalised) that occur in `text`; NHS-number-shaped strings included."""
    haystack = _normalise(text)
    identifiers = identifiers_for(partnership) if identifiers is None else identifiers
    hits = sorted(i for i in identifiers if _contains_word(haystack, i))
    hits += [m.group(0) for m in NHS_NUMBER.finditer(haystack)]
    return hits


def _contains_word(haystack, needle):
    # Whole words only, so a surname that is also part of a longer word does not block publishing.
    return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack) is not None


def check_public(text, partnership, *, where="This text", identifiers=None):
    """Raise CaseIdentifierFound if `text` contains a case identifier."""
    hits = find_identifiers(text, partnership, identifiers=identifiers)
    if hits:
        raise CaseIdentifierFound(
            f"{where} contains {len(hits)} detail(s) from a case record about a child (a name, "
            "reference, date of birth or NHS number). Remove them: published documents and public "
            "pages must never identify a child."
        )
