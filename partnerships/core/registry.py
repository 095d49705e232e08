"""Extension points through which higher apps plug into the base without the base importing them.

- `nav`: service navigation entries for a partnership's pages, by the permission they need.
- `agency_requests`: sources of the requests addressed to an agency (Section 11 returns, review
  contributions, child death reporting forms), gathered on an agency contributor's home page.
- `deadline_kinds`: the kinds of deadline in the register, with their labels.

Apps register in their AppConfig.ready().
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str  # reversed with the partnership slug as kwarg `partnership`
    perm: str
    order: int = 100
    section: str = ""  # the first path segment after /p/<slug>/ that marks the item current
    # f(partnership) -> bool: whether the partnership has what the item leads to (a child death
    # overview panel); None: every partnership has.
    shown_for: object = None


@dataclass(frozen=True)
class AgencyRequest:
    """Something asked of an agency, as a contributor sees it in their list."""

    kind: str
    title: str
    partnership_name: str
    organisation_name: str
    due_date: object
    status: str
    url: str
    is_open: bool


@dataclass(frozen=True)
class DeadlineKind:
    key: str
    label: str
    # Working days before the due date at which the owner is reminded (0: on the day).
    reminder_lead_days: tuple = (5, 2, 1, 0)
    # Working days after the due date at which an overdue deadline is escalated to the business-unit
    # manager, then to the partner leads (None: never). Admins may override both per kind and per
    # partnership (partnerships.ReminderRule).
    escalate_to_manager_after: int | None = 1
    escalate_to_leads_after: int | None = 5
    # The deadline belongs to a case record about a child: what leaves the product (a calendar
    # feed) names only its kind and partnership, never the record's title or reference.
    case_record: bool = False


_nav = []
_agency_request_sources = []
_deadline_kinds = {}


def register_nav(item):
    if item.url_name not in {i.url_name for i in _nav}:
        _nav.append(item)
        _nav.sort(key=lambda i: i.order)


def nav_items():
    return list(_nav)


def register_agency_request_source(func):
    """`func(user, organisation_ids)` returns a list of AgencyRequest for those agencies."""
    if func not in _agency_request_sources:
        _agency_request_sources.append(func)
    return func


def agency_requests(user, organisation_ids):
    requests = []
    for source in _agency_request_sources:
        requests.extend(source(user, organisation_ids))
    # Open first, then by due date; requests without one last (sources differ in what they carry).
    return sorted(
        requests, key=lambda r: (not r.is_open, r.due_date is None, r.due_date or datetime.date.min)
    )


def register_deadline_kind(kind):
    _deadline_kinds[kind.key] = kind
    return kind


def deadline_kind(key):
    return _deadline_kinds.get(key) or DeadlineKind(key, key.replace("_", " ").capitalize())


def deadline_kinds():
    return dict(_deadline_kinds)


_home_panels = []


def register_home_panel(func):
    """`func(request, partnership)` returns a panel dict for the partnership's home page, or None.

    A panel is {"title": str, "rows": [{"text", "url", "tag", "tag_class", "hint"}], "link": (text, url),
    "empty": str}; each app adds the panels its users need (awaiting sign-off, due soon...).
    """
    if func not in _home_panels:
        _home_panels.append(func)
    return func


def home_panels():
    return list(_home_panels)


# Case identifiers: every app holding case records about children registers a function
# `func(partnership)` yielding a `partnerships.core.identity.ChildIdentity` for each child in that
# partnership's records (names, other names, dates of birth, NHS numbers, case and Panel
# references). Everything that leaves the product is checked against them (core/identity.py).
_case_identifier_sources = []


def register_case_identifier_source(func):
    if func not in _case_identifier_sources:
        _case_identifier_sources.append(func)
    return func


def unregister_case_identifier_source(func):
    if func in _case_identifier_sources:
        _case_identifier_sources.remove(func)


def case_identifier_sources():
    return list(_case_identifier_sources)


@dataclass(frozen=True)
class RecordLookup:
    """A kind of record another app may link to by its id, without importing the app that owns it."""

    key: str
    label: str
    # func(user, partnership, record_id) -> the record if `user` may see it in `partnership`, else None
    func: object


_record_lookups = {}


def register_record_lookup(lookup):
    """Offer records of one kind for linking (a serious incident notification, a child death case)."""
    _record_lookups[lookup.key] = lookup
    return lookup


def record_lookup(key):
    return _record_lookups.get(key)
