"""The identity guard in every channel that leaves the case record (docs/threat-model.md).

A seeded child's identifiers, written the ways people (and attackers) write them, are refused or
withheld by every public channel (published narrative, publication title, learning briefing, public
page as served, calendar feed) and by the internal ones (reminder e-mails and notifications,
exports, API lists); and honest text that looks alike is accepted everywhere.
"""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from partnerships.core.identity import WITHHELD, ChildIdentity
from partnerships.core.registry import register_case_identifier_source, unregister_case_identifier_source
from partnerships.core.services import create_action
from partnerships.deadlines.calendar import create_feed
from partnerships.deadlines.models import Deadline
from partnerships.learning.models import FindingSource, LearningBriefing
from publications import services
from publications.choices import PublicationKind
from publications.models import PublicationNarrative
from tests.deadlines.support import at
from tests.publications.support import publish_arrangements, sign_all

D = datetime.date
ZEPHYRINE = ChildIdentity(
    "rapid review SIN-2026-01",
    given_names="Zephyrine",
    family_names="Quockerwodger",
    aliases="Zeph Q",
    dates_of_birth=D(2012, 2, 14),
    nhs_numbers="943 476 5919",
    references=("SIN-2026-01", "CSPRP-2026-0042"),
)
JAYDEN = ChildIdentity(
    "child death case ALP-2026-007",
    given_names="Jayden Lee",
    family_names="Smith",
    dates_of_birth=D(2014, 3, 14),
    nhs_numbers="401 023 2137",
    references=("ALP-2026-007",),
)

# 45 ways of writing the children's identifiers: orders, case, spacing, invisible characters,
# accents, possessives, date formats, initials beside a date of birth, references.
REFUSED = [
    "Zephyrine Quockerwodger attended the clinic.",
    "QUOCKERWODGER, Zephyrine",
    "quockerwodger zephyrine",
    "Zephyrine    Quockerwodger",
    "Zephyrine\nQuockerwodger",
    "Zeph\u200byrine Quocker\u200dwodger",
    "Zephy\u200crine Quocker\ufeffwodger",
    "Quocker\u00adwodger",
    "Zéphyrine Quöckerwödger",
    "Qu\u043eckerwodger",  # a Cyrillic o
    "Jayden Smith",
    "SMITH, Jayden",
    "Jayden Lee Smith",
    "the Smith family moved in 2019",
    "Smith's mother attended",
    "J. Smith was seen",
    "the Quockerwodgers' home",
    "Zephyrine was seen at school",
    "Jayden S. was seen at school",
    "Zeph Q was seen at school",
    "jayden.smith@example.org",
    "Quocker<b>wodger</b>",
    "Z&eacute;phyrine Quockerwodger",
    "born 14/02/2012",
    "14.02.2012",
    "14-02-2012",
    "2012-02-14",
    "14 February 2012",
    "14th February 2012",
    "February 14, 2012",
    "14 Feb 2012",
    "14th of February 2012",
    "the child was born on 14th March",
    "J.S. born 14.03.2014",
    "JS 14/03/2014",
    "Z.Q., 14th February",
    "NHS 943 476 5919",
    "9434765919",
    "943-476-5919",
    "401 023 2137",
    "SIN-2026-01",
    "sin 2026 01",
    "SIN_2026_01",
    "Panel reference CSPRP-2026-0042",
    "case ALP-2026-007",
]
# Honest text that looks alike: figures, the product's dates, numbers that fail the NHS check digit,
# staff and places that belong to no child, partial words.
ACCEPTED = [
    "130",
    "71",
    "59",
    "0",
    "55%",
    "The partners met on 14 February 2013.",
    "The arrangements came into operation on 29 September 2019.",
    "123 456 7890",
    "0113 222 4444",
    "Reference 1234567890 on the invoice",
    "Dr Smithson chaired the panel.",
    "Smithfield Road children's centre",
    "Leeds Children's Services",
    "Zephyr House",
    "In March 2014 the family moved.",
    "A review was held in 2012.",
    "SIN-2026-012 was a different notification.",
    "The panel met on 5 June.",
    "Blacksmith Lane surgery",
    "Jay Street health centre",
    "Quarterly figures: 943 referrals, 476 assessments",
    "Practitioners asked about the baby's routine.",
]


@pytest.fixture
def children(world):
    def source(partnership):
        return [ZEPHYRINE, JAYDEN] if partnership in (world.alpha, world.alpha.pk) else []

    register_case_identifier_source(source)
    yield
    unregister_case_identifier_source(source)


def test_there_are_enough_variants():
    assert len(REFUSED) >= 40 and len(ACCEPTED) >= 20


def test_a_published_narrative_refuses_every_variant_and_accepts_honest_text(world, children):
    refused = []
    for text in REFUSED:
        try:
            services.write_narrative(world.bu, world.arrangements, "arrangements:escalation", text)
        except ValidationError as error:
            message = " ".join(error.messages)
            assert "How to escalate a concern: a " in message and "from " in message, message
            refused.append(text)
    assert refused == REFUSED
    assert not PublicationNarrative.objects.filter(section_key="arrangements:escalation").exists()
    for text in ACCEPTED:
        services.write_narrative(world.bu, world.arrangements, "arrangements:escalation", text)
        assert PublicationNarrative.objects.get(section_key="arrangements:escalation").text == text


def test_a_publication_title_and_summary_refuse_every_variant(world, children):
    for text in REFUSED:
        with pytest.raises(ValidationError) as error:
            services.create_publication(
                world.bu, world.alpha, kind=PublicationKind.ARRANGEMENTS, title="Arrangements", summary=text
            )
        assert list(error.value.message_dict) == ["summary"]
        assert error.value.message_dict["summary"][0].startswith("Summary: a ")


def _briefing(world, text):
    return LearningBriefing(
        partnership=world.alpha,
        title="Hearing the baby's voice",
        source_kind=FindingSource.REVIEW,
        source_label="Rapid review: Child A (2019)",
        background=text,
        what_happened="Agencies saw the family.",
        learning="Think family.",
        questions="Who else lives in the home?",
        what_to_do="Use the pre-birth protocol.",
    )


def test_a_learning_briefing_refuses_every_variant_and_accepts_honest_text(world, children):
    before = LearningBriefing.objects.count()
    for text in REFUSED:
        with pytest.raises(ValidationError) as error:
            _briefing(world, text).save()
        assert "background" in error.value.message_dict, text
    assert LearningBriefing.objects.count() == before
    for text in ACCEPTED:
        _briefing(world, text).save()
    assert LearningBriefing.objects.count() == before + len(ACCEPTED)


def test_a_published_page_is_withheld_when_a_record_makes_its_text_an_identifier(world, client):
    publish_arrangements(world)
    url = reverse("publications:public_document", kwargs={"slug": "alpha", "pk": world.arrangements.pk})
    assert client.get(url).status_code == 200
    shown = client.get(reverse("learning_public:briefing", kwargs={"slug": "alpha", "pk": world.briefing.pk}))
    assert shown.status_code == 200

    def source(partnership):
        # A child recorded later whose other name is a phrase of the published texts.
        return [
            ChildIdentity(
                "serious incident SIN-2027-01", given_names="Kit", aliases=("Partners Meet", "Think Family")
            )
        ]

    register_case_identifier_source(source)
    try:
        assert client.get(url).status_code == 404
        pdf = reverse("publications:public_pdf", kwargs={"slug": "alpha", "pk": world.arrangements.pk})
        assert client.get(pdf).status_code == 404
        briefing = reverse("learning_public:briefing", kwargs={"slug": "alpha", "pk": world.briefing.pk})
        assert client.get(briefing).status_code == 404
        listing = client.get(reverse("learning_public:briefing_list", kwargs={"slug": "alpha"}))
        assert world.briefing.title not in listing.content.decode()
    finally:
        unregister_case_identifier_source(source)


def test_a_signed_yearly_report_with_figures_publishes_though_a_child_was_born_on_a_date_it_prints(
    world, children
):
    report = world.yearly
    born_on_report_day = ChildIdentity(
        "case X-1", given_names="Kit", family_names="Okonkwo", dates_of_birth=report.period_start
    )

    def source(partnership):
        return [born_on_report_day]

    register_case_identifier_source(source)
    try:
        version = services.make_draft(world.bu, report)
        tables = [b for s in version.content["sections"] for b in s["blocks"] if b["type"] == "table"]
        assert tables and any(len(row) >= 3 for t in tables for row in t["rows"])
        version = services.send_for_sign_off(world.bu, version, accept_missing=True)
        sign_all(world, version)
        published = services.publish(world.bu, version, on=D(2026, 6, 1))
        assert published.published_on == D(2026, 6, 1)
    finally:
        unregister_case_identifier_source(source)


def test_the_calendar_feed_names_case_deadlines_by_kind_and_withholds_typed_identifiers(
    world, children, client
):
    for n, text in enumerate(REFUSED):
        create_action(world.bu, partnership=world.alpha, title=f"Action {n}: {text}", due_date=D(2026, 12, 1))
    feed, secret = create_feed(world.bu)
    with at(D(2026, 11, 20)):
        response = client.get(reverse("calendar_feed_ics", kwargs={"key": feed.key, "secret": secret}))
    calendar = Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    typed = [s for s in summaries if WITHHELD in s]
    assert len(typed) == len(REFUSED)
    text = response.content.decode().replace("\r\n ", "")
    for value in ("Quockerwodger", "Zephyrine", "943 476 5919", "SIN-2026-01", "Zebedee", "Quillfeather"):
        assert value not in text
    # The test world's rapid review deadline is a case record's: its kind and partnership only.
    case_events = [s for s in summaries if "Rapid review" in s]
    assert case_events and all(s.startswith("Alpha: Rapid review (15 working days)") for s in case_events)


def test_reminders_notifications_exports_and_api_lists_withhold_typed_identifiers(
    world, children, client_for, django_capture_on_commit_callbacks
):
    from partnerships.deadlines import reminders

    Deadline.objects.update(is_active=False)
    for n, text in enumerate(REFUSED[:10]):
        create_action(
            world.bu,
            partnership=world.alpha,
            title=f"Action {n}: {text}",
            due_date=D(2026, 12, 1),
            owner=world.bu,
        )
    mail.outbox.clear()
    with at(D(2026, 11, 30)), django_capture_on_commit_callbacks(execute=True):
        reminders.sweep()
    assert len(mail.outbox) == 10
    for message in mail.outbox:
        assert WITHHELD in message.subject, message.subject
        for value in ("Quockerwodger", "Zephyrine", "943 476 5919", "Smith"):
            assert value not in message.subject + message.body
    client = client_for(world.bu)
    export = client.get("/p/alpha/actions/?export=csv").content.decode("utf-8-sig")
    assert export.count(WITHHELD) >= 10 and "Quockerwodger" not in export
    listing = client.get("/api/actions/?limit=200").json()["results"]
    assert sum(a["title"] == WITHHELD for a in listing) >= 10
    assert "Quockerwodger" not in str(listing)
    assert io  # the export is read as text above


def test_a_childs_reference_is_given_by_the_product_or_refused_when_it_identifies(world):
    from reviews import services as review_services
    from reviews.choices import AgeBand, IncidentType
    from reviews.models import SeriousIncidentNotification

    def notification(**fields):
        return SeriousIncidentNotification(
            partnership=world.alpha,
            age_band=AgeBand.AGE_10_15,
            area=world.area_a,
            incident_type=IncidentType.SERIOUS_HARM,
            la_aware_on=D(2026, 3, 2),
            **fields,
        )

    given = review_services.save_notification(world.bu, notification(child_name="Ruby Okafor"))
    assert given.child_reference.startswith("Child ") and "Okafor" not in given.child_reference
    again = review_services.save_notification(world.bu, notification())
    assert again.child_reference != given.child_reference
    before = SeriousIncidentNotification.objects.count()
    for reference, child_name in [
        ("Jayden Smith", ""),  # a person's name, though no child of that name is recorded
        ("Child Okafor", "Ruby Okafor"),  # the child's own family name
        ("RO 04/05/2014", "Ruby Okafor"),  # initials and the child's date of birth
        ("Child Quillfeather", ""),  # another child's family name (the test world's)
    ]:
        with pytest.raises(ValidationError) as error:
            review_services.save_notification(
                world.bu,
                notification(
                    child_reference=reference, child_name=child_name, child_date_of_birth=D(2014, 5, 4)
                ),
            )
        assert list(error.value.message_dict) == ["child_reference"], reference
    assert SeriousIncidentNotification.objects.count() == before
    review_services.save_notification(
        world.bu, notification(child_reference="Child H", child_name="Ruby Okafor")
    )
