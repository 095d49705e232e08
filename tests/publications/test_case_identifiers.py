"""Nothing from a case record (child names, references, dates of birth) reaches a public page or a
published PDF: narrative naming a child is refused, assembly refuses, and serving refuses."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerships.core.identity import ChildIdentity
from partnerships.core.registry import register_case_identifier_source, unregister_case_identifier_source
from publications import assembly, safety, services
from publications.models import PublicationNarrative, PublicationVersion
from tests.publications.pdftext import needs_poppler, pdf_text
from tests.publications.support import publish_arrangements

CHILD = ["Zephyrine Quockerwodger", "CR-ZQ-0042", "14 February 2012", "14/02/2012"]
ZEPHYRINE = ChildIdentity(
    "case CR-ZQ-0042",
    given_names="Zephyrine",
    family_names="Quockerwodger",
    dates_of_birth="2012-02-14",
    nhs_numbers="9434765919",
    references="CR-ZQ-0042",
)
BETA_CHILD = ChildIdentity("case B-1", given_names="Betarecord", family_names="Childname")


@pytest.fixture
def case_records(world):
    """A case record source seeded with distinctive names (as reviews and child_death register)."""

    def source(partnership):
        return [ZEPHYRINE] if partnership == world.alpha else [BETA_CHILD]

    register_case_identifier_source(source)
    yield CHILD
    unregister_case_identifier_source(source)


def _assert_clean(text):
    for value in [*CHILD, "Quockerwodger", "Zephyrine", "0042"]:
        assert value not in text, value


@pytest.mark.parametrize("value", [*CHILD, "zephyrine  QUOCKERWODGER", "NHS 943 476 5919", "9434765919"])
def test_narrative_naming_a_child_is_refused_by_the_service(world, case_records, value):
    with pytest.raises(
        ValidationError,
        match=r"How to escalate a concern: a (child's .*|case reference) from case CR-ZQ-0042",
    ):
        services.write_narrative(
            world.bu, world.arrangements, "arrangements:escalation", f"About {value} here."
        )
    assert not PublicationNarrative.objects.filter(section_key="arrangements:escalation").exists()


def test_narrative_form_shows_an_error_and_saves_nothing(world, case_records, client_for):
    url = reverse(
        "publications:narrative_edit",
        kwargs={"partnership": "alpha", "pk": world.arrangements.pk, "key": "arrangements:escalation"},
    )
    response = client_for(world.bu).post(url, {"text": "The review of Zephyrine Quockerwodger showed..."})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not PublicationNarrative.objects.filter(section_key="arrangements:escalation").exists()


def test_assembly_refuses_records_that_carry_an_identifier(world, case_records):
    # someone names a group after a child: the group list would carry it into the document
    world.subgroup.name = "Group for Zephyrine Quockerwodger"
    world.subgroup.save()
    with pytest.raises(safety.CaseIdentifierFound):
        services.make_draft(world.bu, world.arrangements)


def test_other_partnerships_identifiers_are_not_confused(world, case_records):
    services.write_narrative(world.bu, world.arrangements, "arrangements:escalation", "Betarecord Childname")
    with pytest.raises(ValidationError):
        services.write_narrative(
            world.outsider, world.beta_arrangements, "arrangements:escalation", "Betarecord Childname"
        )


def test_whole_word_matching_does_not_block_ordinary_text(world):
    def source(partnership):
        return [ChildIdentity("case W", given_names="Kit", family_names="Ward")]

    register_case_identifier_source(source)
    try:
        services.write_narrative(
            world.bu, world.arrangements, "arrangements:escalation", "Hospital wardrobe policy"
        )
        with pytest.raises(ValidationError):
            services.write_narrative(
                world.bu, world.arrangements, "arrangements:escalation", "Child Ward was seen"
            )
    finally:
        unregister_case_identifier_source(source)


@needs_poppler
def test_public_page_and_published_pdf_hold_no_case_identifier(world, case_records, client):
    version = publish_arrangements(world)
    index = client.get(reverse("publications:public_index", kwargs={"slug": "alpha"}))
    page = client.get(
        reverse("publications:public_document", kwargs={"slug": "alpha", "pk": world.arrangements.pk})
    )
    pdf = client.get(
        reverse("publications:public_pdf", kwargs={"slug": "alpha", "pk": world.arrangements.pk})
    )
    assert index.status_code == page.status_code == pdf.status_code == 200
    _assert_clean(index.content.decode())
    _assert_clean(page.content.decode())
    text = pdf_text(b"".join(pdf.streaming_content))
    assert "Alpha safeguarding arrangements" in text
    _assert_clean(text)
    _assert_clean(str(PublicationVersion.objects.get(pk=version.pk).content))


def test_published_content_that_later_matches_a_case_record_is_withheld(world, client):
    """A child's record created after publication shares a word of the text: the page is withheld,
    never served with it."""
    publish_arrangements(world)

    def source(partnership):
        # A child known as "Partners Meet": the published narrative says "The partners meet monthly."
        return [ChildIdentity("case PM", given_names="Kit", family_names="Smith", aliases="Partners Meet")]

    register_case_identifier_source(source)
    try:
        url = reverse("publications:public_document", kwargs={"slug": "alpha", "pk": world.arrangements.pk})
        assert client.get(url).status_code == 404
        pdf = reverse("publications:public_pdf", kwargs={"slug": "alpha", "pk": world.arrangements.pk})
        assert client.get(pdf).status_code == 404
    finally:
        unregister_case_identifier_source(source)


def test_content_lines_cover_every_block(world):
    version = services.make_draft(world.bu, world.arrangements)
    text = "\n".join(assembly.content_lines(version.content))
    assert "Alpha Hospital Trust | NHS trust or health provider | Acute trust" in text
    assert "[Chart]" in text
