"""Table-driven tests for identity.py.

Run: /work/main/.venv/bin/pytest -q -p no:django -p no:cacheprovider test_identity.py
"""

import datetime as dt

import pytest

from partnerships.core.identity_match import (
    KIND_ALIAS,
    KIND_DATE_OF_BIRTH,
    KIND_DAY_MONTH_OF_BIRTH,
    KIND_FAMILY_NAME,
    KIND_FULL_NAME,
    KIND_GIVEN_AND_INITIAL,
    KIND_GIVEN_NAME,
    KIND_INITIALS_WITH_DOB,
    KIND_NHS_NUMBER,
    KIND_POSSIBLE_NHS_NUMBER,
    KIND_REFERENCE,
    ChildIdentity,
    IdentityGuard,
    Match,
    nhs_number_is_valid,
    normalise,
)

# --------------------------------------------------------------------------------------------
# Seed children
# --------------------------------------------------------------------------------------------
Z_LABEL = "rapid review SIN-2026-01"
J_LABEL = "case review CR-JS-0007"
Z_NHS = "943 476 5919"  # valid modulus-11 check digit (asserted below)
J_NHS = "401 023 2137"  # valid: 4*10+0*9+1*8+0*7+2*6+3*5+2*4+1*3+3*2 = 92; 11 - 92 % 11 = 7
UNKNOWN_VALID_NHS = "485 777 3457"  # valid, belongs to no seeded child

ZEPHYRINE = ChildIdentity(
    record_label=Z_LABEL,
    given_names=("Zephyrine",),
    family_names=("Quockerwodger",),
    aliases=("Zeph Q",),
    dates_of_birth=(dt.date(2012, 2, 14),),
    nhs_numbers=(Z_NHS,),
    references=("CR-ZQ-0042", "SIN-2026-01", "CSPRP-2026-0042"),
)
JAYDEN = ChildIdentity(
    record_label=J_LABEL,
    given_names=("Jayden", "Lee"),
    family_names=("Smith",),
    aliases=("Jay Smith",),
    dates_of_birth=(dt.date(2014, 3, 14),),
    nhs_numbers=(J_NHS,),
    references=("CR-JS-0007",),
)
GUARD = IdentityGuard([ZEPHYRINE, JAYDEN])

Z, J = Z_LABEL, J_LABEL

# --------------------------------------------------------------------------------------------
# Texts that must be REFUSED: (text, kind, record label)
# --------------------------------------------------------------------------------------------
REFUSED = [
    # --- names: order, case, spacing, punctuation
    ("Zephyrine Quockerwodger attended the clinic", KIND_FULL_NAME, Z),
    ("QUOCKERWODGER, Zephyrine", KIND_FULL_NAME, Z),
    ("quockerwodger zephyrine", KIND_FULL_NAME, Z),
    ("Zephyrine    Quockerwodger", KIND_FULL_NAME, Z),
    ("Zephyrine\nQuockerwodger", KIND_FULL_NAME, Z),  # split by a line break
    ("Zephyrine\r\n\r\nQuockerwodger", KIND_FULL_NAME, Z),
    ("Jayden Smith", KIND_FULL_NAME, J),
    ("SMITH, Jayden", KIND_FULL_NAME, J),
    ("smith jayden", KIND_FULL_NAME, J),
    ("Jayden Lee Smith", KIND_FULL_NAME, J),  # with middle name
    ("Smith, Jayden Lee", KIND_FULL_NAME, J),
    # --- invisible characters, accents, look-alikes, compatibility forms
    ("Zeph\u200byrine Quocker\u200dwodger", KIND_FULL_NAME, Z),  # zero-width space / joiner
    ("Zephy\u200crine Quocker\ufeffwodger", KIND_FULL_NAME, Z),  # ZWNJ / BOM
    ("\u200eJayden\u2060 \u202eSmith\u202c", KIND_FULL_NAME, J),  # bidi marks, word joiner
    ("Quocker\u00adwodger", KIND_FAMILY_NAME, Z),  # soft hyphen
    ("Zéphyrine Quöckerwödger", KIND_FULL_NAME, Z),  # accents added
    ("Ze\u0301phyrine Quockerwodger", KIND_FULL_NAME, Z),  # combining accent
    ("Qu\u043eckerwodger", KIND_FAMILY_NAME, Z),  # Cyrillic o
    ("ＺＥＰＨＹＲＩＮＥ", KIND_GIVEN_NAME, Z),  # full-width letters
    # --- family name alone, possessive, plural, initial + family name, split words
    ("the Smith family moved in 2019", KIND_FAMILY_NAME, J),
    ("Smith's mother attended", KIND_FAMILY_NAME, J),
    ("Smith\u2019s mother attended", KIND_FAMILY_NAME, J),
    ("the Quockerwodgers' home", KIND_FAMILY_NAME, Z),
    ("J. Smith", KIND_FAMILY_NAME, J),
    ("Z Quockerwodger", KIND_FAMILY_NAME, Z),
    ("Quocker-\nwodger", KIND_FAMILY_NAME, Z),  # hyphenated across a line break
    ("Quocker-wodger", KIND_FAMILY_NAME, Z),
    ("Quocker wodger", KIND_FAMILY_NAME, Z),  # long name split by a space
    ("Q u o c k e r w o d g e r", KIND_FAMILY_NAME, Z),  # letter-spaced
    ("Quockerwodger2012", KIND_FAMILY_NAME, Z),  # letters run into digits
    # --- names run together in e-mail addresses and handles
    ("jayden.smith@example.org", KIND_FULL_NAME, J),
    ("JaydenSmith", KIND_FULL_NAME, J),
    ("jsmith@nhs.example", KIND_FAMILY_NAME, J),
    # --- HTML: entities decoded, inline tags removed, block tags separate words
    ("Quocker&shy;wodger", KIND_FAMILY_NAME, Z),
    ("Z&eacute;phyrine Quockerwodger", KIND_FULL_NAME, Z),
    ("Smith&#39;s school", KIND_FAMILY_NAME, J),
    ("Quocker<b>wodger</b>", KIND_FAMILY_NAME, Z),
    ("<p>Zephyrine</p><p>Quockerwodger</p>", KIND_FULL_NAME, Z),
    # --- given names and aliases
    ("Zephyrine was seen at school", KIND_GIVEN_NAME, Z),  # distinctive given name alone
    ("Jayden S. was seen at school", KIND_GIVEN_AND_INITIAL, J),
    ("Zeph Q was seen at school", KIND_ALIAS, Z),
    ("zeph q", KIND_ALIAS, Z),
    ("known to friends as Zeph", KIND_ALIAS, Z),  # distinctive part of an alias
    ("Jay Smith", KIND_ALIAS, J),
    # --- dates of birth, every written form
    ("14/02/2012", KIND_DATE_OF_BIRTH, Z),
    ("14.02.2012", KIND_DATE_OF_BIRTH, Z),
    ("14-02-2012", KIND_DATE_OF_BIRTH, Z),
    ("2012-02-14", KIND_DATE_OF_BIRTH, Z),
    ("14 February 2012", KIND_DATE_OF_BIRTH, Z),
    ("14th February 2012", KIND_DATE_OF_BIRTH, Z),
    ("February 14, 2012", KIND_DATE_OF_BIRTH, Z),
    ("14 Feb 2012", KIND_DATE_OF_BIRTH, Z),
    ("14th of February 2012", KIND_DATE_OF_BIRTH, Z),
    ("14/2/12", KIND_DATE_OF_BIRTH, Z),
    ("Feb. 14th 2012", KIND_DATE_OF_BIRTH, Z),
    ("14-Feb-2012", KIND_DATE_OF_BIRTH, Z),
    ("14022012", KIND_DATE_OF_BIRTH, Z),
    ("20120214", KIND_DATE_OF_BIRTH, Z),
    ("02/14/2012", KIND_DATE_OF_BIRTH, Z),  # unambiguous US order
    ("14 March 2014", KIND_DATE_OF_BIRTH, J),
    ("14/3/14", KIND_DATE_OF_BIRTH, J),
    ("(b. 14 MARCH 2014)", KIND_DATE_OF_BIRTH, J),
    ("DOB14/03/2014", KIND_DATE_OF_BIRTH, J),
    ("Friday 14 March 2014", KIND_DATE_OF_BIRTH, J),
    # --- day and month without a year
    ("14th March", KIND_DAY_MONTH_OF_BIRTH, J),
    ("March 14th", KIND_DAY_MONTH_OF_BIRTH, J),
    ("on 14 Mar the family", KIND_DAY_MONTH_OF_BIRTH, J),
    ("14/03", KIND_DAY_MONTH_OF_BIRTH, J),
    ("14th February", KIND_DAY_MONTH_OF_BIRTH, Z),
    # --- initials next to a date of birth
    ("J.S. born 14.03.2014", KIND_INITIALS_WITH_DOB, J),
    ("JS 14/03/2014", KIND_INITIALS_WITH_DOB, J),
    ("J S, 14th March", KIND_INITIALS_WITH_DOB, J),
    ("ZQ (14/02/2012)", KIND_INITIALS_WITH_DOB, Z),
    ("14.02.2012 - Z.Q.", KIND_INITIALS_WITH_DOB, Z),
    ("JLS dob 14/3/14", KIND_INITIALS_WITH_DOB, J),  # with the middle-name initial
    # --- NHS numbers
    ("NHS number 943 476 5919", KIND_NHS_NUMBER, Z),
    ("943-476-5919", KIND_NHS_NUMBER, Z),
    ("9434765919", KIND_NHS_NUMBER, Z),
    ("943 4765919", KIND_NHS_NUMBER, Z),
    ("943.476.5919", KIND_NHS_NUMBER, Z),
    ("９４３ ４７６ ５９１９", KIND_NHS_NUMBER, Z),  # full-width digits
    ("4010232137", KIND_NHS_NUMBER, J),
    (UNKNOWN_VALID_NHS, KIND_POSSIBLE_NHS_NUMBER, None),
    ("4857773457", KIND_POSSIBLE_NHS_NUMBER, None),
    # --- references, case-insensitive, any separator
    ("SIN-2026-01", KIND_REFERENCE, Z),
    ("see sin 2026 01", KIND_REFERENCE, Z),
    ("SIN_2026_01", KIND_REFERENCE, Z),
    ("Sin.2026.01", KIND_REFERENCE, Z),
    ("sin/2026/01", KIND_REFERENCE, Z),
    ("SIN202601", KIND_REFERENCE, Z),
    ("SIN - 2026 - 01", KIND_REFERENCE, Z),
    ("cr zq 0042", KIND_REFERENCE, Z),
    ("CSPRP 2026 0042", KIND_REFERENCE, Z),
    ("(ref: csprp/2026/0042)", KIND_REFERENCE, Z),
    ("CR-JS-0007", KIND_REFERENCE, J),
]

# --------------------------------------------------------------------------------------------
# Honest texts that must be ACCEPTED
# --------------------------------------------------------------------------------------------
ACCEPTED = [
    # figures, one cell at a time, and joined
    "130",
    "71",
    "59",
    "0",
    "55%",
    "130 71 59 0 55%",
    "Total 130, of which 71 open, 59 closed, 0 escalated (55%)",
    # years, other dates, month + year
    "2014",
    "March 2014",  # month and year only: see README
    "In February 2012 the family moved",
    "15 March 2014",  # a different date
    "14 March 2016",  # same day and month, different year: a meeting date, not a birthday
    "13/02/2012",
    "14.03",  # a decimal, not a date
    "24/7 support",
    # numbers that are not NHS numbers
    "943 476 5918",  # fails the check digit
    "1234567890",  # fails the check digit (remainder gives 10)
    "0113 222 4444",  # phone number
    "+44 113 222 4444",
    "Case count 2024 0000 11",
    # staff, place and ordinary words that belong to no child
    "Dr Smithson",
    "Smithfield Road",
    "Leeds",
    "Jay Street",
    "Zephyr Court",  # a substring of the given name
    "blacksmith",
    "Smithy's cafe",
    "zephyr",
    "Mrs Patel, social worker",
    "St Mary's Hospital",
    # common given names on their own, possessives, initials alone
    "Jayden",
    "Jayden's football team",
    "Lee attended",  # the child's (common) middle name alone
    "J.S.",
    "JS attended on 15 March 2014",
    # different references
    "SIN-2026-012",
    "SIN 2026",
    "CR-ZQ-0043",
    "CSPRP-2025-0042",
    # empty and odd values
    "",
    "   ",
]


def test_seed_nhs_numbers_are_valid():
    assert nhs_number_is_valid(Z_NHS)
    assert nhs_number_is_valid(J_NHS)
    assert nhs_number_is_valid(UNKNOWN_VALID_NHS)
    assert not nhs_number_is_valid("943 476 5918")
    assert not nhs_number_is_valid("1234567890")
    assert not nhs_number_is_valid("12345")


def test_table_sizes():
    assert len(REFUSED) >= 45
    assert len(ACCEPTED) >= 25


@pytest.mark.parametrize("text,kind,label", REFUSED, ids=[repr(r[0])[:40] for r in REFUSED])
def test_refused(text, kind, label):
    found = GUARD.find(text)
    assert Match(kind, label) in found, found


@pytest.mark.parametrize("text", ACCEPTED, ids=[repr(t)[:40] for t in ACCEPTED])
def test_accepted(text):
    assert GUARD.find(text) == []


# --------------------------------------------------------------------------------------------
# Messages never carry the identifier
# --------------------------------------------------------------------------------------------
IDENTIFIER_FRAGMENTS = [
    "zephyrine",
    "quockerwodger",
    "zeph",
    "jayden",
    "smith",
    "14/02",
    "2012",
    "14 march",
    "9434765919",
    "943 476",
    "4010232137",
    "485 777",
    "cr-zq",
    "csprp",
    "sin_2026",
    "sin 2026",
]


@pytest.mark.parametrize("text,kind,label", REFUSED, ids=[repr(r[0])[:40] for r in REFUSED])
def test_message_names_kind_and_record_never_the_identifier(text, kind, label):
    for m in GUARD.find(text):
        msg = m.message("Background")
        assert msg.startswith("Background: a ")
        body = msg.replace(m.record_label, "") if m.record_label else msg
        for frag in IDENTIFIER_FRAGMENTS:
            assert frag not in body.lower(), (msg, frag)


@pytest.mark.parametrize(
    "fields,expected",
    [
        (
            {"Background": "The Quockerwodger family"},
            ["Background: a child's family name from rapid review SIN-2026-01"],
        ),
        (
            {"Learning": "Jayden Smith's school"},
            ["Learning: a child's full name from case review CR-JS-0007"],
        ),
        (
            {"Summary": "Referred (NHS 943-476-5919) on 3 May"},
            ["Summary: a child's NHS number from rapid review SIN-2026-01"],
        ),
        ({"Notes": "Number on file: 485 777 3457"}, ["Notes: a possible NHS number"]),
        (
            {"Title": "Review sin_2026_01", "Body": "Jayden S. was born 14/03/2014"},
            [
                "Title: a case reference from rapid review SIN-2026-01",
                "Body: a child's given name with a family initial from case review CR-JS-0007",
                "Body: a child's date of birth from case review CR-JS-0007",
            ],
        ),
        ({"Background": "Nothing identifying here.", "Figures": "130"}, []),
        # several identifiers of both children in one field, reported in order of appearance
        (
            {"Chronology": "ZQ 14.02.2012; later Jayden Smith (CR-JS-0007)"},
            [
                "Chronology: a child's initials with a date of birth from rapid review SIN-2026-01",
                "Chronology: a child's full name from case review CR-JS-0007",
                "Chronology: a case reference from case review CR-JS-0007",
            ],
        ),
    ],
)
def test_check_fields_messages(fields, expected):
    assert IdentityGuard.messages(GUARD.check_fields(fields)) == expected


def test_check_fields_accepts_pairs_with_repeated_labels():
    findings = GUARD.check_fields([("Paragraph", "Leeds"), ("Paragraph", "the Smith family")])
    assert IdentityGuard.messages(findings) == [
        "Paragraph: a child's family name from case review CR-JS-0007"
    ]


def test_one_name_finding_per_child():
    # the full name wins over the family name and the (common) given name in the same text
    assert GUARD.find("Jayden Smith and the Smith family; Jayden") == [Match(KIND_FULL_NAME, J)]


def test_same_family_name_on_two_records_reports_both():
    other = ChildIdentity("case review CR-KS-0008", given_names=("Kian",), family_names=("Smith",))
    guard = IdentityGuard([JAYDEN, other])
    assert {m.record_label for m in guard.find("the Smith household")} == {J, "case review CR-KS-0008"}


# --------------------------------------------------------------------------------------------
# Tables: every cell on its own, never joined
# --------------------------------------------------------------------------------------------
JOIN_WOULD_MATCH = [
    (["943", "476", "5919"], KIND_NHS_NUMBER),
    (["485", "777", "3457"], KIND_POSSIBLE_NHS_NUMBER),
    (["14", "03", "2014"], KIND_DATE_OF_BIRTH),
    (["14th", "March"], KIND_DAY_MONTH_OF_BIRTH),
    (["SIN", "2026", "01"], KIND_REFERENCE),
    (["Jayden", "S"], KIND_GIVEN_AND_INITIAL),
    (["Quocker", "wodger"], KIND_FAMILY_NAME),
    (["Zeph", "Q"], KIND_ALIAS),
]


@pytest.mark.parametrize("row,kind", JOIN_WOULD_MATCH, ids=["-".join(r[0]) for r in JOIN_WOULD_MATCH])
def test_table_cells_are_never_joined(row, kind):
    if row != ["Zeph", "Q"]:  # "Zeph" alone is a distinctive alias part, tested below
        assert GUARD.check_table("Figures", [row]) == []
    joined = " ".join(row)
    assert kind in [m.kind for m in GUARD.find(joined)]  # proves the row WOULD match if joined


def test_figures_table_passes():
    rows = [["Reviews", "130"], ["Open", "71"], ["Closed", "59"], ["Escalated", "0"], ["Rate", "55%"]]
    assert GUARD.check_table("Figures", rows) == []


def test_table_labels_name_row_and_column():
    rows = [[130, 71], ["59", "Quockerwodger"], [None, "Zeph"]]
    assert IdentityGuard.messages(GUARD.check_table("Figures", rows)) == [
        "Figures, row 2, column 2: a child's family name from rapid review SIN-2026-01",
        "Figures, row 3, column 2: a child's alias from rapid review SIN-2026-01",
    ]
    assert IdentityGuard.messages(GUARD.check_table("Cases", rows, header=["Count", "Who"])) == [
        "Cases, row 2, Who: a child's family name from rapid review SIN-2026-01",
        "Cases, row 3, Who: a child's alias from rapid review SIN-2026-01",
    ]


# --------------------------------------------------------------------------------------------
# Ignore list: the product's own wording and dates
# --------------------------------------------------------------------------------------------
AURELIO = ChildIdentity(
    record_label="case review CR-AB-0100",
    given_names=("Aurelio",),
    family_names=("Blenkinsop",),
    dates_of_birth=(dt.date(2019, 9, 29),),
)
IGNORE_CASES = [
    # (ignore list, text, refused?)
    ([], "Published 29 September 2019", True),
    (["29 September 2019"], "Published 29 September 2019", False),
    (["29 September 2019"], "PUBLISHED 29  september  2019", False),
    (["29 September 2019"], "Born 29/09/2019", True),  # another written form is still caught
    (["29 September 2019"], "Published 29 September 2019. Born 29/09/2019", True),
    ([dt.date(2019, 9, 29)], "Born 29/09/2019", False),  # a date hides every full form
    ([dt.date(2019, 9, 29)], "Published 29 September 2019", False),
    ([dt.date(2019, 9, 29)], "Aurelio Blenkinsop", True),  # names are unaffected
    (["Blenkinsop Road"], "Meet at Blenkinsop Road", False),
    (["Blenkinsop Road"], "Meet the Blenkinsop family", True),
]


@pytest.mark.parametrize("ignore,text,refused", IGNORE_CASES)
def test_ignore(ignore, text, refused):
    guard = IdentityGuard([AURELIO], ignore=ignore)
    assert bool(guard.find(text)) is refused


# --------------------------------------------------------------------------------------------
# Family names that are ordinary words; names made of ordinary words
# --------------------------------------------------------------------------------------------
ROSE = ChildIdentity("case review CR-RH-0001", given_names=("Rose",), family_names=("Hill",))
TOBIAS = ChildIdentity("case review CR-TN-0002", given_names=("Tobias",), family_names=("Newman",))
OTTILIE = ChildIdentity("case review CR-OB-0003", given_names=("Ottilie",), family_names=("Blackwood",))
WORD_GUARD = IdentityGuard([ROSE, TOBIAS, OTTILIE])

WORD_CASES = [
    ("she walked up the hill", None),
    ("the Hill family", KIND_FAMILY_NAME),
    ("HILL", KIND_FAMILY_NAME),
    ("rose hill", KIND_FULL_NAME),
    ("Hill, Rose", KIND_FULL_NAME),
    ("j. hill", None),  # "j" is not Rose's initial
    ("r. hill", KIND_FAMILY_NAME),
    ("a rose in the garden", None),
    ("Rose", None),  # a common given name alone
    ("a new man", None),
    ("Newman", KIND_FAMILY_NAME),
    ("Mr Newman's flat", KIND_FAMILY_NAME),
    ("the black wood", None),
    ("Blackwood", KIND_FAMILY_NAME),
    ("Black-wood", KIND_FAMILY_NAME),
    ("Ottilie", KIND_GIVEN_NAME),
]


@pytest.mark.parametrize("text,kind", WORD_CASES)
def test_family_names_that_are_words(text, kind):
    found = WORD_GUARD.find(text)
    if kind is None:
        assert found == []
    else:
        assert kind in [m.kind for m in found], found


# --------------------------------------------------------------------------------------------
# Day and month: "in_context" mode for guards over many children
# --------------------------------------------------------------------------------------------
CONTEXT_GUARD = IdentityGuard([ZEPHYRINE, JAYDEN], day_month="in_context")
CONTEXT_CASES = [
    # (field label, text, expected kind or None)
    ("Notes", "The panel met on 14th March", None),
    ("Notes", "born 14th March", KIND_DAY_MONTH_OF_BIRTH),
    ("Notes", "his birthday is 14 March", KIND_DAY_MONTH_OF_BIRTH),
    ("Notes", "D.O.B. 14/03", KIND_DAY_MONTH_OF_BIRTH),
    ("Date of birth", "14th March", KIND_DAY_MONTH_OF_BIRTH),  # the field label is the cue
    ("Notes", "J.S., 14th March", KIND_INITIALS_WITH_DOB),
    ("Notes", "Jayden (14th March)", KIND_DAY_MONTH_OF_BIRTH),  # with the child's given name
    ("Notes", "14 March 2014", KIND_DATE_OF_BIRTH),  # a full date is always refused
]


@pytest.mark.parametrize("label,text,kind", CONTEXT_CASES)
def test_day_month_in_context(label, text, kind):
    kinds = [m.kind for _, m in CONTEXT_GUARD.check_fields({label: text})]
    assert kinds == ([] if kind is None else [kind])


# --------------------------------------------------------------------------------------------
# API details
# --------------------------------------------------------------------------------------------
def test_normalise():
    assert normalise("  Zé\u200bphy-RINE\u00ad  O\u2019Brien ") == "zephy rine o brien"
    assert normalise("ＳＩＮ－２０２６") == "sin 2026"


def test_identity_coerces_single_values_and_iso_dates():
    ident = ChildIdentity("r", given_names="Ada", dates_of_birth="2015-06-01", nhs_numbers=["9434765919"])
    assert ident.given_names == ("Ada",)
    assert ident.dates_of_birth == (dt.date(2015, 6, 1),)


def test_identity_needs_a_record_label():
    with pytest.raises(ValueError):
        ChildIdentity("  ", given_names=("Ada",))


def test_bad_day_month_option():
    with pytest.raises(ValueError):
        IdentityGuard([], day_month="sometimes")


def test_empty_guard_finds_only_possible_nhs_numbers():
    guard = IdentityGuard([])
    assert guard.find("Jayden Smith 14/03/2014") == []
    assert guard.find(UNKNOWN_VALID_NHS) == [Match(KIND_POSSIBLE_NHS_NUMBER)]


def test_non_string_values():
    assert GUARD.find(None) == []
    assert GUARD.find(130) == []
    assert GUARD.find(9434765919) == [Match(KIND_NHS_NUMBER, Z)]


def test_space_split_name_not_joined_when_a_piece_is_an_ordinary_word():
    guard = IdentityGuard([ChildIdentity("case review CR-FW-0004", family_names=("Fairweather",))])
    assert guard.find("in fair weather") == []
    assert guard.find("Fairweather") == [Match(KIND_FAMILY_NAME, "case review CR-FW-0004")]


def test_two_letter_words_are_not_initials():
    oliver = ChildIdentity(
        "case review CR-ON-0005",
        given_names=("Oliver",),
        family_names=("Newman",),
        dates_of_birth=(dt.date(2015, 11, 14),),
    )
    guard = IdentityGuard([oliver], day_month="in_context")
    assert guard.find("The panel met on 14 November") == []
    assert guard.find("ON 14 November") == [Match(KIND_INITIALS_WITH_DOB, "case review CR-ON-0005")]
    assert guard.find("O.N. 14 November") == [Match(KIND_INITIALS_WITH_DOB, "case review CR-ON-0005")]


def test_possessive_s_does_not_start_a_reversed_alias():
    theo = ChildIdentity("case review CR-TS-0006", given_names=("Theo",), aliases=("The S",))
    guard = IdentityGuard([theo])
    assert guard.find("the children's the report") == []
    assert guard.find("known as The S") == [Match(KIND_ALIAS, "case review CR-TS-0006")]


def test_reversed_alias_only_as_separate_words():
    archie = ChildIdentity("case review CR-AM-0009", given_names=("Archie",), aliases=("Arch M",))
    guard = IdentityGuard([archie])
    assert guard.find("on 5 March") == []
    assert guard.find("M. Arch") == [Match(KIND_ALIAS, "case review CR-AM-0009")]
    assert guard.find("ArchM") == [Match(KIND_ALIAS, "case review CR-AM-0009")]
