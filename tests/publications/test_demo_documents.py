"""Both documents of a demo partnership (Coventry, from the council papers) rendered to PDF."""

import io

import pytest
from django.core.management import call_command

from partnerships.core.models import Group, Partnership, RelevantAgency, SafeguardingPartner
from publications import rendering, sections
from publications.choices import PublicationKind
from publications.models import Publication
from tests.publications.pdftext import needs_poppler, pdf_info, pdf_text

pytestmark = [needs_poppler, pytest.mark.slow]


def _flat(text):
    return " ".join(text.split())


def test_demo_partnership_documents_render_with_every_section_and_its_records(db):
    call_command("load_demo", stdout=io.StringIO())
    coventry = Partnership.objects.get(slug="coventry")
    for kind in (PublicationKind.ARRANGEMENTS, PublicationKind.YEARLY_REPORT):
        publication = Publication.objects.get(partnership=coventry, kind=kind)
        version = publication.versions.get()
        data = rendering.render_pdf_bytes(version)
        assert pdf_info(data)["Tagged"] == "yes"
        text = _flat(pdf_text(data))
        for section in sections.for_kind(kind):
            if section.required:
                assert section.title in text, (kind, section.title)
        assert "This section has not been written yet." not in text  # the demo writes every one
        if kind == PublicationKind.ARRANGEMENTS:
            # Assembled today: each partner under its name today (the CCG's ICB since 1 July 2022,
            # docs/statutory-rules.md#successors).
            for partner in SafeguardingPartner.objects.filter(partnership=coventry).select_related(
                "organisation"
            ):
                assert partner.organisation.name_on(version.assembled_at.date()) in text
            agencies = RelevantAgency.objects.filter(partnership=coventry).count()
            assert f"Relevant agencies ({agencies})" in text
            for group in Group.objects.filter(partnership=coventry, is_active=True):
                assert group.name in text
        else:
            groups = Group.objects.filter(partnership=coventry, is_active=True).count()
            assert f"Groups {groups}" in text
