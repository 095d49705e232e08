"""A child's identity never leaves the case record (docs/threat-model.md).

Every channel that carries text out of a case record checks it here: public pages, learning
briefings, published PDFs, e-mails, calendar feeds, exports, notifications and API list responses.
The guard knows every identifier of every child in the partnership's records (given and family
names, other names, dates of birth, NHS numbers, case and Panel references), which each app holding
case records registers through `partnerships.core.registry.register_case_identifier_source`
(`func(partnership)` yields `ChildIdentity`). Matching is done by `identity_match`: normalised text,
names as tokens in any order, a family name alone, initials next to a date of birth, dates in any
common written form, each field and each table cell on its own (never joined).

Two strengths:
- `public=True` (public pages, briefings, published documents, calendar feeds, which leave the
  product): case and Panel references count as identifiers too;
- `public=False` (e-mails, notifications, exports, API lists, which go to people who hold a role):
  the product's users work by reference, so references are allowed; names, dates of birth and NHS
  numbers are not.

Only what people wrote, or what came from a case record, is checked: the product's own fixed
wording is never passed in, and dates the product formats from its own records (a table's due
dates) are checked with `dates=False`.
"""

import re
from dataclasses import replace

from django.core.exceptions import ValidationError

from partnerships.core.identity_match import (
    COMMON_GIVEN_NAMES,
    ChildIdentity,
    IdentityGuard,
    Match,
    nhs_number_is_valid,
)
from partnerships.core.registry import case_identifier_sources

__all__ = [
    "WITHHELD",
    "ChildIdentity",
    "GuardCache",
    "Match",
    "check_fields",
    "check_table",
    "child_identities",
    "findings",
    "guard_for",
    "next_pseudonym",
    "no_child_identity",
    "other_names",
    "pseudonym_problem",
    "split_name",
    "withhold",
]

# What replaces a value that would have carried a child's identity out of the product.
WITHHELD = "[withheld: it held a child's details]"

# A day and month without a year is refused only beside a birth word, the child's initials or
# another of the same child's identifiers: over a partnership's records some child's birthday
# falls on most days of the year, and "the panel met on 5 June" identifies nobody.
DAY_MONTH = "in_context"


def split_name(full_name):
    """("Jayden Lee", "Smith") from "Jayden Lee Smith": given names, then the family name."""
    words = (full_name or "").split()
    if len(words) < 2:
        return tuple(words), ()
    return " ".join(words[:-1]), words[-1]


def other_names(text):
    """The other names a child was known by, one a line."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def child_identities(partnership, *, public=True):
    """Every child's identity in the partnership's case records, from every registered source."""
    identities = []
    for source in case_identifier_sources():
        for identity in source(partnership) or ():
            identities.append(identity if public else replace(identity, references=()))
    return identities


def guard_for(partnership, *, public=True):
    """A matcher over every child of `partnership` (one or two queries per source)."""
    return IdentityGuard(child_identities(partnership, public=public), day_month=DAY_MONTH)


class GuardCache:
    """One guard per partnership and strength for the length of one operation (a request, an
    export, a sweep): the identities are read once, and a record saved meanwhile is seen next time."""

    def __init__(self):
        self._guards = {}

    def get(self, partnership, *, public=True):
        """The guard for a partnership (an instance or its id)."""
        key = (getattr(partnership, "pk", partnership), public)
        if key not in self._guards:
            self._guards[key] = guard_for(key[0], public=public)
        return self._guards[key]


def findings(guard, fields, *, dates=True):
    """[(key, message)] for `fields`: {key: (label, text)}, each value checked on its own."""
    found = []
    for key, (label, text) in fields.items():
        for match in guard.find(text, context=label, dates=dates):
            found.append((key, match.message(label)))
    return found


def check_fields(partnership, fields, *, public=True, guard=None, dates=True):
    """Refuse `fields` ({key: (label, text)}) if any holds a child's identifier: a ValidationError
    whose messages name the field and the kind of identifier, never the identifier itself."""
    guard = guard or guard_for(partnership, public=public)
    errors = {}
    for key, message in findings(guard, fields, dates=dates):
        errors.setdefault(key, []).append(message)
    if errors:
        raise ValidationError(errors, code="child_identity")


def check_table(guard, label, rows, *, header=None, dates=False):
    """Messages for a table's cells, each checked on its own (cells are never joined). A table the
    product built checks its dates only when asked: they come from its own records."""
    out = []
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row, start=1):
            column = header[c - 1] if header and c <= len(header) else f"column {c}"
            for match in guard.find(cell, context=column, dates=dates):
                out.append(match.message(f"{label}, row {r}, {column}"))
    return out


def withhold(guard, text, *, dates=True):
    """`text`, or WITHHELD if it holds a child's identifier (for channels that cannot refuse)."""
    if not text or not isinstance(text, str):
        return text
    return WITHHELD if guard.find(text, dates=dates) else text


# --- Pseudonyms ------------------------------------------------------------------------------------
_PSEUDONYM_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O, which read as 1 and 0


def next_pseudonym(taken):
    """The first of "Child A", "Child B", ... "Child AA", ... not in `taken`."""
    n = 0
    while True:
        letters, k = "", n
        while True:
            letters = _PSEUDONYM_LETTERS[k % len(_PSEUDONYM_LETTERS)] + letters
            k = k // len(_PSEUDONYM_LETTERS) - 1
            if k < 0:
                break
        if f"Child {letters}" not in taken:
            return f"Child {letters}"
        n += 1


def pseudonym_problem(pseudonym, child, others=()):
    """Why `pseudonym` cannot stand for `child` (a ChildIdentity), or None: it carries one of the
    child's identifiers (or another child's), or reads as a person's given and family name."""
    guard = IdentityGuard([replace(child, references=()), *others], day_month=DAY_MONTH)
    found = guard.find(pseudonym, context="pseudonym")
    if found:
        return f"The child's reference holds {found[0].kind}: choose one that identifies no one."
    words = pseudonym.split()
    if len(words) >= 2 and words[0].casefold() in COMMON_GIVEN_NAMES and words[1][:1].isupper():
        return "The child's reference reads as a person's name: use a pseudonym such as Child H."
    return None


# --- The learning records' own check --------------------------------------------------------------
# Briefings and the voice of children and families are written about no child in particular, so
# besides the partnership's guard their text is refused when it labels an identity outright ("DOB:",
# "NHS number:", "name:") or holds a valid NHS number.
_NHS_SHAPED = re.compile(r"(?<!\d)(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
_LABELS = re.compile(
    r"\b(d\.?o\.?b\.?|date of birth|nhs (?:no\.?|number)|child'?s name|name)\s*:", re.IGNORECASE
)
# "born 03/02/2019", "DOB 3.2.19", "date of birth 3 February 2019": a date given as someone's birth.
_BIRTH_DATE = re.compile(
    r"\b(born|d\.?o\.?b\.?|date of birth)\W{0,3}(on\s+)?\d{1,2}(st|nd|rd|th)?[\s/.-]+(\d{1,2}|[a-z]{3,9})[\s/.-]+\d{2,4}",
    re.IGNORECASE,
)


def identity_problems(text):
    """Why `text` looks like it holds a child's identity ([] when it does not)."""
    if not text:
        return []
    problems = []
    if any(nhs_number_is_valid("".join(m.groups())) for m in _NHS_SHAPED.finditer(text)):
        problems.append("It contains what looks like an NHS number.")
    if _LABELS.search(text):
        problems.append("It labels a name, date of birth or NHS number.")
    elif _BIRTH_DATE.search(text):
        problems.append("It gives someone's date of birth.")
    return problems


def no_child_identity(text):
    problems = identity_problems(text)
    if problems:
        raise ValidationError(
            "Do not record anything that identifies a child. " + " ".join(problems),
            code="child_identity",
        )
