"""Sign-off by the statutory safeguarding partners: who must sign, who has signed, what is outstanding.

One definition for every document the partners sign (a rapid review, an LCSPR's final report, a
published document's version):
- who must sign: each statutory partner of the partnership, one signature per partner organisation,
  given by its lead representative or a delegate holding the partner lead role
  (`partnerships.core.permissions.sign_off_organisations`). Where the document is about a child's
  area, only that area's council signs for the local authority (Havering paper 4.3.2.2: a rapid
  review is carried out in the child's area of residence);
- who has signed: the sign-off rows of the current round (the caller passes them);
- complete (and the document locks) when every organisation that must sign has signed.

The apps keep their own sign-off rows (`reviews.PartnerSignOff`, `publications.SignOff`) and their
own lock: the rule and the bookkeeping are here.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from partnerships.core.choices import OrganisationKind
from partnerships.core.models import SafeguardingPartner
from partnerships.core.permissions import sign_off_organisations


def required_organisations(partnership, area=None):
    """The organisations that must sign: the statutory partners, and of the local authorities only
    the council of `area` when the document is about a child's area (all of them if none serves it).
    """
    partners = list(
        SafeguardingPartner.objects.filter(partnership=partnership).select_related("organisation")
    )
    orgs = {p.organisation for p in partners if p.organisation.kind != OrganisationKind.LOCAL_AUTHORITY}
    councils = [p.organisation for p in partners if p.organisation.kind == OrganisationKind.LOCAL_AUTHORITY]
    if area is not None:
        local = [o for o in councils if area.pk in {a.pk for a in o.areas.all()}]
        councils = local or councils
    return orgs | set(councils)


def check_signer(actor, partnership, organisation):
    """Refuse (PermissionDenied) a signature for an organisation the actor does not sign for."""
    if organisation.pk not in sign_off_organisations(actor, partnership):
        raise PermissionDenied("You can sign off only for your own organisation.")


def must_sign(partnership, organisation, area=None):
    """Whether `organisation` is one of those that must sign."""
    return organisation.pk in {o.pk for o in required_organisations(partnership, area)}


@dataclass(frozen=True)
class SignOffState:
    """Who must sign a document, who has, and what is outstanding."""

    required: list  # organisations, by name
    signed: dict = field(default_factory=dict)  # organisation id -> sign-off row

    @property
    def outstanding(self):
        return [o for o in self.required if o.pk not in self.signed]

    @property
    def outstanding_ids(self):
        return {o.pk for o in self.outstanding}

    @property
    def complete(self):
        """Every organisation that must sign has signed: the document locks."""
        return not self.outstanding

    def rows(self, mine):
        """One row per organisation that must sign, for the page: its sign-off and whether it is `mine`."""
        return [
            {"organisation": o, "signoff": self.signed.get(o.pk), "mine": o.pk in mine} for o in self.required
        ]

    def unsigned_by(self, mine):
        """The organisations among `mine` (ids) that must still sign."""
        return [o for o in self.outstanding if o.pk in mine]


def state(partnership, sign_offs, area=None):
    """The sign-off state of a document from its current round's sign-off rows (any with `organisation_id`)."""
    required = sorted(required_organisations(partnership, area), key=lambda o: o.name)
    return SignOffState(required=required, signed={s.organisation_id: s for s in sign_offs})
