"""Demo data for the base app: the partnerships the council papers describe (docs/statutory-rules.md#council-papers).

Organisations, areas and structures are the papers'; every person is invented (the papers name real
officers, whom demo data must not use). Idempotent: see demo_utils.ensure.
"""

import datetime

from django.contrib.auth.hashers import make_password

from partnerships.core.choices import Edition, GroupKind, RapidReviewClock, RoleKind
from partnerships.core.choices import OrganisationKind as K
from partnerships.core.models import (
    ArrangementsEdition,
    DelegatedOfficer,
    Group,
    GroupMember,
    LocalAuthorityArea,
    Organisation,
    Partnership,
    RelevantAgency,
    Role,
    SafeguardingPartner,
    User,
)
from partnerships.demo.utils import ensure, ensure_m2m

# Printed by make run; demo accounts exist only where load_demo was run (never in production).
DEMO_PASSWORD = "demo-safeguarding-2019"  # noqa: S105  # nosec B105

AREAS = [
    ("Coventry", "E08000026", "coventry"),
    ("Somerset", "E06000066", "somerset"),
    ("Barking and Dagenham", "E09000002", "barking-and-dagenham"),
    ("Havering", "E09000016", "havering"),
    ("Redbridge", "E09000026", "redbridge"),
    ("Leeds", "E08000035", "leeds"),
]

# (name, short name, kind, area slugs)
ORGANISATIONS = [
    # Coventry (Cabinet paper, 12 February 2019)
    ("Coventry City Council", "Coventry CC", K.LOCAL_AUTHORITY, ["coventry"]),
    ("Coventry and Rugby Clinical Commissioning Group", "Coventry and Rugby CCG", K.CCG, ["coventry"]),
    ("West Midlands Police", "WMP", K.POLICE, ["coventry"]),
    (
        "Children and Family Court Advisory and Support Service",
        "Cafcass",
        K.CAFCASS,
        ["coventry", "somerset", "barking-and-dagenham", "havering", "redbridge", "leeds"],
    ),
    (
        "Warwickshire and West Mercia Community Rehabilitation Company",
        "WWM CRC",
        K.COMMUNITY_REHABILITATION,
        ["coventry"],
    ),
    (
        "National Probation Service",
        "NPS",
        K.PROBATION,
        ["coventry", "somerset", "barking-and-dagenham", "havering", "redbridge", "leeds"],
    ),
    ("University Hospitals Coventry and Warwickshire NHS Trust", "UHCW", K.HEALTH_PROVIDER, ["coventry"]),
    ("Coventry and Warwickshire Partnership NHS Trust", "CWPT", K.HEALTH_PROVIDER, ["coventry"]),
    ("Coventry Youth Offending Service", "Coventry YOS", K.YOUTH_OFFENDING, ["coventry"]),
    # Somerset (Cabinet paper, March 2019)
    ("Somerset County Council", "Somerset CC", K.LOCAL_AUTHORITY, ["somerset"]),
    ("NHS Somerset Clinical Commissioning Group", "Somerset CCG", K.CCG, ["somerset"]),
    ("Avon and Somerset Constabulary", "A&S Police", K.POLICE, ["somerset"]),
    ("Somerset NHS Foundation Trust", "Somerset FT", K.HEALTH_PROVIDER, ["somerset"]),
    ("Somerset Youth Offending Team", "Somerset YOT", K.YOUTH_OFFENDING, ["somerset"]),
    ("Mendip District Council", "Mendip DC", K.DISTRICT_COUNCIL, ["somerset"]),
    # Barking & Dagenham, Havering and Redbridge (Havering Cabinet paper, 12 June 2019)
    ("London Borough of Barking and Dagenham", "LBBD", K.LOCAL_AUTHORITY, ["barking-and-dagenham"]),
    ("London Borough of Havering", "LBH", K.LOCAL_AUTHORITY, ["havering"]),
    ("London Borough of Redbridge", "LBR", K.LOCAL_AUTHORITY, ["redbridge"]),
    (
        "Barking and Dagenham, Havering and Redbridge Clinical Commissioning Groups",
        "BHR CCGs",
        K.CCG,
        ["barking-and-dagenham", "havering", "redbridge"],
    ),
    (
        "Metropolitan Police Service (East Area Basic Command Unit)",
        "Met Police East BCU",
        K.POLICE,
        ["barking-and-dagenham", "havering", "redbridge"],
    ),
    (
        "Barking, Havering and Redbridge University Hospitals NHS Trust",
        "BHRUT",
        K.HEALTH_PROVIDER,
        ["barking-and-dagenham", "havering", "redbridge"],
    ),
    (
        "North East London NHS Foundation Trust",
        "NELFT",
        K.HEALTH_PROVIDER,
        ["barking-and-dagenham", "havering", "redbridge"],
    ),
    (
        "Mayor's Office for Policing and Crime",
        "MOPAC",
        K.POLICING_BODY,
        ["barking-and-dagenham", "havering", "redbridge"],
    ),
    ("Havering Youth Offending Service", "Havering YOS", K.YOUTH_OFFENDING, ["havering"]),
    ("Havering Sixth Form College", "HSFC", K.COLLEGE, ["havering"]),
    # Leeds (Executive Board paper, 24 July 2019)
    ("Leeds City Council", "Leeds CC", K.LOCAL_AUTHORITY, ["leeds"]),
    ("NHS Leeds Clinical Commissioning Group", "Leeds CCG", K.CCG, ["leeds"]),
    ("West Yorkshire Police", "WYP", K.POLICE, ["leeds"]),
    ("Leeds Teaching Hospitals NHS Trust", "LTHT", K.HEALTH_PROVIDER, ["leeds"]),
    ("Leeds Community Healthcare NHS Trust", "LCH", K.HEALTH_PROVIDER, ["leeds"]),
    ("Voluntary Action Leeds", "VAL", K.VOLUNTARY_SECTOR, ["leeds"]),
    # The integrated care boards that replaced the papers' CCGs (Health and Care Act 2022)
    (
        "NHS Coventry and Warwickshire Integrated Care Board",
        "NHS Coventry and Warwickshire ICB",
        K.ICB,
        ["coventry"],
    ),
    ("NHS Somerset Integrated Care Board", "NHS Somerset ICB", K.ICB, ["somerset"]),
    (
        "NHS North East London Integrated Care Board",
        "NHS North East London ICB",
        K.ICB,
        ["barking-and-dagenham", "havering", "redbridge"],
    ),
    ("NHS West Yorkshire Integrated Care Board", "NHS West Yorkshire ICB", K.ICB, ["leeds"]),
]

# ICBs took over from CCGs on 1 July 2022 (docs/statutory-rules.md#organisation-changes). The papers'
# records (2019) keep the CCG; pages and documents dated from that day name the ICB.
ICBS_FROM = datetime.date(2022, 7, 1)
# (predecessor, successor, first day of the successor)
SUCCESSIONS = [
    (
        "Coventry and Rugby Clinical Commissioning Group",
        "NHS Coventry and Warwickshire Integrated Care Board",
        ICBS_FROM,
    ),
    ("NHS Somerset Clinical Commissioning Group", "NHS Somerset Integrated Care Board", ICBS_FROM),
    (
        # The three BHR CCGs merged into NHS North East London CCG in April 2021; the demo keeps
        # the paper's body and its successor today.
        "Barking and Dagenham, Havering and Redbridge Clinical Commissioning Groups",
        "NHS North East London Integrated Care Board",
        ICBS_FROM,
    ),
    ("NHS Leeds Clinical Commissioning Group", "NHS West Yorkshire Integrated Care Board", ICBS_FROM),
]

# Invented people: (username, first, last, job title, organisation name)
PEOPLE = [
    # Coventry
    (
        "coventry-manager",
        "Alison",
        "Marsh",
        "Safeguarding Partnership Business Manager",
        "Coventry City Council",
    ),
    ("coventry-officer", "Deepak", "Sandhu", "Quality Assurance Manager", "Coventry City Council"),
    ("coventry-trainer", "Ruth", "Okafor", "Training Officer", "Coventry City Council"),
    ("coventry-la-lead", "Graham", "Whitfield", "Chief Executive", "Coventry City Council"),
    (
        "coventry-health-lead",
        "Helen",
        "Carver",
        "Accountable Officer",
        "Coventry and Rugby Clinical Commissioning Group",
    ),
    ("coventry-police-lead", "Marcus", "Bell", "Chief Superintendent, Coventry NPU", "West Midlands Police"),
    ("coventry-dcs", "Sarah", "Lindqvist", "Director of Children's Services", "Coventry City Council"),
    (
        "coventry-designated-nurse",
        "Janet",
        "Amos",
        "Designated Nurse for Safeguarding Children",
        "Coventry and Rugby Clinical Commissioning Group",
    ),
    (
        "coventry-police-dsp",
        "Tom",
        "Reilly",
        "Detective Superintendent, Public Protection",
        "West Midlands Police",
    ),
    ("coventry-scrutineer", "Margaret", "Ellison", "Independent Scrutineer and Chair", None),
    (
        "coventry-contributor",
        "Priya",
        "Nair",
        "Named Nurse for Safeguarding",
        "University Hospitals Coventry and Warwickshire NHS Trust",
    ),
    # Somerset
    (
        "somerset-manager",
        "Caroline",
        "Pike",
        "Safeguarding Partnership Business Manager",
        "Somerset County Council",
    ),
    ("somerset-la-lead", "Nigel", "Hart", "Chief Executive", "Somerset County Council"),
    (
        "somerset-health-lead",
        "Fiona",
        "Drew",
        "Accountable Officer",
        "NHS Somerset Clinical Commissioning Group",
    ),
    ("somerset-police-lead", "Andrew", "Cole", "Chief Constable", "Avon and Somerset Constabulary"),
    ("somerset-dcs", "Lucy", "Bramwell", "Director of Children's Services", "Somerset County Council"),
    ("somerset-scrutineer", "Peter", "Quayle", "Independent Scrutineer", None),
    ("somerset-contributor", "Emma", "Vosper", "Safeguarding Lead", "Somerset NHS Foundation Trust"),
    # Barking & Dagenham, Havering and Redbridge
    (
        "bhr-manager",
        "Kathryn",
        "Doyle",
        "Safeguarding Partnership Business Manager",
        "London Borough of Havering",
    ),
    ("bhr-officer", "Samuel", "Adeyemi", "Partnership Officer", "London Borough of Havering"),
    (
        "bhr-havering-lead",
        "Richard",
        "Ashworth",
        "Director of Children's Services",
        "London Borough of Havering",
    ),
    (
        "bhr-barking-lead",
        "Naomi",
        "Fletcher",
        "Director of Children's Services",
        "London Borough of Barking and Dagenham",
    ),
    (
        "bhr-redbridge-lead",
        "Imran",
        "Qureshi",
        "Director of Children's Services",
        "London Borough of Redbridge",
    ),
    (
        "bhr-health-lead",
        "Josephine",
        "Mensah",
        "Chief Nurse",
        "Barking and Dagenham, Havering and Redbridge Clinical Commissioning Groups",
    ),
    (
        "bhr-police-lead",
        "Daniel",
        "Frost",
        "East Area BCU Commander",
        "Metropolitan Police Service (East Area Basic Command Unit)",
    ),
    ("bhr-scrutineer", "Gillian", "Rowe", "Independent Scrutineer", None),
    (
        "bhr-redbridge-chair",
        "Harold",
        "Benn",
        "Independent Chair, Redbridge Safeguarding Children Partnership",
        None,
    ),
    (
        "bhr-contributor",
        "Olu",
        "Bankole",
        "Named Professional for Safeguarding Children",
        "North East London NHS Foundation Trust",
    ),
    (
        "bhr-cdop-manager",
        "Grace",
        "Whelan",
        "CDOP Manager",
        "Barking and Dagenham, Havering and Redbridge Clinical Commissioning Groups",
    ),
    # Leeds
    ("leeds-manager", "Rebecca", "Lowther", "Business Unit Manager", "Leeds City Council"),
    ("leeds-la-lead", "Stephen", "Oldroyd", "Director of Children and Families", "Leeds City Council"),
    (
        "leeds-health-lead",
        "Anita",
        "Kaur",
        "Chief Executive Officer",
        "NHS Leeds Clinical Commissioning Group",
    ),
    ("leeds-police-lead", "Jonathan", "Pryce", "Chief Superintendent", "West Yorkshire Police"),
    ("leeds-chair", "Elizabeth", "Tanner", "Independent Chair", None),
    ("leeds-scrutineer", "Robert", "Haigh", "Independent Scrutineer", None),
    ("leeds-contributor", "Chloe", "Marshall", "Safeguarding Lead", "Leeds Teaching Hospitals NHS Trust"),
    # Across partnerships
    ("regional-scrutineer", "Yvonne", "Achterberg", "Independent Scrutineer (several partnerships)", None),
]

PARTNERSHIPS = [
    {
        "slug": "coventry",
        "name": "Coventry Safeguarding Children Partnership",
        "short_name": "Coventry",
        "areas": ["coventry"],
        "published": datetime.date(2019, 6, 29),
        "in_operation": datetime.date(2019, 9, 29),
        "clock": RapidReviewClock.FROM_NOTIFICATION,
        "description": "A single local authority partnership covering the Coventry boundary only. The Executive "
        "Group of the three partners is chaired by an independent scrutineer; an Implementation Group of senior "
        "officers from a wider set of partners owns the action plan. A joint business unit supports the "
        "partnership and the Safeguarding Adults Board.",
        "partners": [
            ("Coventry City Council", "coventry-la-lead", "Chief Executive"),
            (
                "Coventry and Rugby Clinical Commissioning Group",
                "coventry-health-lead",
                "Accountable Officer",
            ),
            ("West Midlands Police", "coventry-police-lead", "Chief Superintendent, Coventry NPU"),
        ],
        "delegates": [
            ("Coventry City Council", "coventry-dcs", "Director of Children's Services", True),
            (
                "Coventry and Rugby Clinical Commissioning Group",
                "coventry-designated-nurse",
                "Designated Nurse",
                True,
            ),
            ("West Midlands Police", "coventry-police-dsp", "Detective Superintendent", True),
        ],
        "agencies": [
            (
                "Children and Family Court Advisory and Support Service",
                "Contributes to funding; represents children in family courts.",
            ),
            (
                "Warwickshire and West Mercia Community Rehabilitation Company",
                "Contributes to funding; supervises adults who may pose a risk to children.",
            ),
            ("National Probation Service", "Contributes to funding; manages high-risk offenders."),
            (
                "University Hospitals Coventry and Warwickshire NHS Trust",
                "Acute hospital services for the city's children.",
            ),
            ("Coventry and Warwickshire Partnership NHS Trust", "Community and mental health services."),
            ("Coventry Youth Offending Service", "Works with children in the youth justice system."),
        ],
        # (name, kind, parent, chair username, chair independent, purpose)
        "groups": [
            (
                "Executive Group",
                GroupKind.EXECUTIVE,
                None,
                "coventry-scrutineer",
                True,
                "The lead representatives and their delegated officers: ensures statutory duties are fulfilled and "
                "drives action beyond usual institutional and agency constraints and boundaries; sets priorities "
                "based on audits, data, national and local learning and the voice of the child.",
            ),
            (
                "Implementation Group",
                GroupKind.WIDER_PARTNERSHIP,
                "Executive Group",
                "coventry-dcs",
                False,
                "Senior officers from a wider set of partners; owns and monitors the action plan for the "
                "partnership's priorities.",
            ),
            (
                "Relevant Agency Forum",
                GroupKind.WIDER_PARTNERSHIP,
                "Implementation Group",
                "coventry-officer",
                False,
                "Middle managers from the relevant agencies: shares learning from reviews, audits, data and "
                "service user feedback with frontline staff.",
            ),
            (
                "Coventry Safeguarding Practice Review Group",
                GroupKind.SUB_GROUP,
                "Executive Group",
                "coventry-police-dsp",
                False,
                "Rapid reviews and local child safeguarding practice reviews.",
            ),
            (
                "Child Death Overview Panel",
                GroupKind.PANEL,
                "Executive Group",
                "coventry-designated-nurse",
                False,
                "Reviews the death of every child normally resident in Coventry.",
            ),
            (
                "Coventry Workforce Development Sub-group",
                GroupKind.SUB_GROUP,
                "Implementation Group",
                "coventry-trainer",
                False,
                "Multi-agency training: commissioning, delivery and evaluation.",
            ),
            (
                "Coventry Policies and Procedures Sub-group",
                GroupKind.SUB_GROUP,
                "Implementation Group",
                "coventry-officer",
                False,
                "Multi-agency policies and procedures.",
            ),
            (
                "Coventry Contextual Safeguarding Sub-group",
                GroupKind.SUB_GROUP,
                "Implementation Group",
                "coventry-police-dsp",
                False,
                "Harm outside the home: exploitation, serious youth violence.",
            ),
            (
                "MASH Sub-group",
                GroupKind.SUB_GROUP,
                "Implementation Group",
                "coventry-dcs",
                False,
                "The multi-agency safeguarding hub.",
            ),
            (
                "Multi-agency Early Help Group",
                GroupKind.SUB_GROUP,
                "Implementation Group",
                "coventry-dcs",
                False,
                "Early help across agencies.",
            ),
        ],
        "roles": [
            ("coventry-manager", RoleKind.BUSINESS_UNIT, None, True),
            ("coventry-officer", RoleKind.BUSINESS_UNIT, None, False),
            ("coventry-trainer", RoleKind.BUSINESS_UNIT, None, False),
            ("coventry-la-lead", RoleKind.PARTNER_LEAD, "Coventry City Council", False),
            ("coventry-dcs", RoleKind.PARTNER_LEAD, "Coventry City Council", False),
            (
                "coventry-health-lead",
                RoleKind.PARTNER_LEAD,
                "Coventry and Rugby Clinical Commissioning Group",
                False,
            ),
            ("coventry-police-lead", RoleKind.PARTNER_LEAD, "West Midlands Police", False),
            ("coventry-scrutineer", RoleKind.SCRUTINEER, None, False),
            ("regional-scrutineer", RoleKind.SCRUTINEER, None, False),
            (
                "coventry-contributor",
                RoleKind.AGENCY_CONTRIBUTOR,
                "University Hospitals Coventry and Warwickshire NHS Trust",
                False,
            ),
        ],
    },
    {
        "slug": "somerset",
        "name": "Somerset Safeguarding Children Partnership",
        "short_name": "Somerset",
        "areas": ["somerset"],
        "published": datetime.date(2019, 6, 29),
        "in_operation": datetime.date(2019, 9, 30),
        "clock": RapidReviewClock.FROM_NOTIFICATION,
        "description": "Three tiers: a small executive of the safeguarding partners merged with the Children's "
        "Trust Executive (tier 1); a wider partnership meeting at least three times a year in conference style "
        "(tier 2); and delivery arrangements, some contracted regionally across the Avon and Somerset "
        "Constabulary footprint (tier 3). No independent chair: independent scrutiny by an independent person "
        "and regional peer review.",
        "partners": [
            ("Somerset County Council", "somerset-la-lead", "Chief Executive"),
            ("NHS Somerset Clinical Commissioning Group", "somerset-health-lead", "Accountable Officer"),
            ("Avon and Somerset Constabulary", "somerset-police-lead", "Chief Constable"),
        ],
        "delegates": [
            ("Somerset County Council", "somerset-dcs", "Director of Children's Services", True),
        ],
        "agencies": [
            ("Somerset NHS Foundation Trust", "Community and acute health services."),
            ("Somerset Youth Offending Team", "Children in the youth justice system."),
            (
                "Mendip District Council",
                "Housing and community safety; a smaller contributor under section 11.",
            ),
            (
                "Children and Family Court Advisory and Support Service",
                "A smaller contributor under section 11.",
            ),
            ("National Probation Service", "Offender management."),
        ],
        "groups": [
            (
                "Safeguarding Partnership Executive",
                GroupKind.EXECUTIVE,
                None,
                "somerset-dcs",
                False,
                "Tier 1: the safeguarding partners with the Children's Trust Executive. Sets strategic direction, "
                "aligns funding, agrees the business plan, manages risks and monitors effectiveness.",
            ),
            (
                "Somerset Safeguarding Children Partnership",
                GroupKind.WIDER_PARTNERSHIP,
                "Safeguarding Partnership Executive",
                "somerset-dcs",
                False,
                "Tier 2: wider partnership engagement, at least three times a year in conference style.",
            ),
            (
                "Learning and Improvement Group",
                GroupKind.SUB_GROUP,
                "Safeguarding Partnership Executive",
                "somerset-manager",
                False,
                "Tier 3: the move from serious case reviews to child safeguarding practice "
                "reviews; rapid reviews and LCSPRs.",
            ),
            (
                "Health Advisory Group",
                GroupKind.SUB_GROUP,
                "Somerset Safeguarding Children Partnership",
                "somerset-health-lead",
                False,
                "Advises the partnership on health matters.",
            ),
            (
                "Education Advisory Group",
                GroupKind.SUB_GROUP,
                "Somerset Safeguarding Children Partnership",
                "somerset-dcs",
                False,
                "The engagement of education settings (Keeping Children Safe in Education).",
            ),
        ],
        "roles": [
            ("somerset-manager", RoleKind.BUSINESS_UNIT, None, True),
            ("somerset-la-lead", RoleKind.PARTNER_LEAD, "Somerset County Council", False),
            ("somerset-dcs", RoleKind.PARTNER_LEAD, "Somerset County Council", False),
            (
                "somerset-health-lead",
                RoleKind.PARTNER_LEAD,
                "NHS Somerset Clinical Commissioning Group",
                False,
            ),
            ("somerset-police-lead", RoleKind.PARTNER_LEAD, "Avon and Somerset Constabulary", False),
            ("somerset-scrutineer", RoleKind.SCRUTINEER, None, False),
            ("somerset-contributor", RoleKind.AGENCY_CONTRIBUTOR, "Somerset NHS Foundation Trust", False),
        ],
    },
    {
        "slug": "bhr",
        "name": "Barking & Dagenham, Havering and Redbridge Safeguarding Children Partnership",
        "short_name": "BHR",
        "areas": ["barking-and-dagenham", "havering", "redbridge"],
        "published": datetime.date(2019, 6, 29),
        "in_operation": datetime.date(2019, 9, 29),
        "clock": RapidReviewClock.FROM_NOTIFICATION,
        "description": "A tri-borough partnership across the footprint of the BHR health and care economy and the "
        "Met Police East BCU. A small Safeguarding Leadership Group of the statutory partners leads across BHR; "
        "each borough keeps a local group for local priorities. Staff follow the Pan-London Child Protection "
        "Procedures.",
        "partners": [
            ("London Borough of Barking and Dagenham", "bhr-barking-lead", "Director of Children's Services"),
            ("London Borough of Havering", "bhr-havering-lead", "Director of Children's Services"),
            ("London Borough of Redbridge", "bhr-redbridge-lead", "Director of Children's Services"),
            (
                "Barking and Dagenham, Havering and Redbridge Clinical Commissioning Groups",
                "bhr-health-lead",
                "Chief Nurse",
            ),
            (
                "Metropolitan Police Service (East Area Basic Command Unit)",
                "bhr-police-lead",
                "East Area BCU Commander",
            ),
        ],
        "delegates": [],
        "agencies": [
            (
                "Barking, Havering and Redbridge University Hospitals NHS Trust",
                "The acute trust across the footprint; a cross-boundary agency asked for one return.",
            ),
            (
                "North East London NHS Foundation Trust",
                "Community and mental health services across the "
                "footprint; a cross-boundary agency asked for one return.",
            ),
            ("Mayor's Office for Policing and Crime", "Contributes £5,000 a year to the partnership."),
            ("Havering Youth Offending Service", "Adolescent safeguarding; serious youth violence."),
            ("Havering Sixth Form College", "Schools and learners thematic group."),
            ("Children and Family Court Advisory and Support Service", "Children in family proceedings."),
            ("National Probation Service", "Offender management."),
        ],
        "groups": [
            (
                "Safeguarding Leadership Group",
                GroupKind.EXECUTIVE,
                None,
                "bhr-havering-lead",
                False,
                "The statutory partners (the three DCSs, the East BCU Commander and the CCG Chief Nurse): cross-borough "
                "responses, local learning shared across BHR, commissioning independent scrutiny, resolving "
                "inter-agency conflict.",
            ),
            (
                "Havering Safeguarding Partnership Group",
                GroupKind.WIDER_PARTNERSHIP,
                "Safeguarding Leadership Group",
                "bhr-havering-lead",
                False,
                "Strategic direction and governance in Havering: the annual work "
                "programme, key priorities and objectives for agencies.",
            ),
            (
                "Barking and Dagenham Safeguarding Partnership Group",
                GroupKind.WIDER_PARTNERSHIP,
                "Safeguarding Leadership Group",
                "bhr-barking-lead",
                False,
                "A smaller, focused local group.",
            ),
            (
                "Redbridge Safeguarding Children Partnership",
                GroupKind.WIDER_PARTNERSHIP,
                "Safeguarding Leadership Group",
                "bhr-redbridge-chair",
                True,
                "A multi-agency partnership with an independent chair.",
            ),
            (
                "Adolescent Safeguarding Group",
                GroupKind.THEMATIC,
                "Havering Safeguarding Partnership Group",
                "bhr-police-lead",
                False,
                "Adolescents at risk and who present a risk: gangs, knife crime, contextual safeguarding.",
            ),
            (
                "Quality and Effectiveness Group",
                GroupKind.THEMATIC,
                "Havering Safeguarding Partnership Group",
                "bhr-health-lead",
                False,
                "Audits, the dataset and scrutiny of practice.",
            ),
            (
                "Schools and Learners Group",
                GroupKind.THEMATIC,
                "Havering Safeguarding Partnership Group",
                "bhr-havering-lead",
                False,
                "Education settings' part in the arrangements.",
            ),
            (
                "Case Review Group",
                GroupKind.THEMATIC,
                "Havering Safeguarding Partnership Group",
                "bhr-manager",
                False,
                "Rapid reviews, LCSPRs and multi-agency case evaluations.",
            ),
            (
                "Adolescents at Risk Task and Finish Group",
                GroupKind.TASK_AND_FINISH,
                "Safeguarding Leadership Group",
                "bhr-police-lead",
                False,
                "Review practice on gang membership and knife crime across BHR.",
            ),
            (
                "Common Processes Task and Finish Group",
                GroupKind.TASK_AND_FINISH,
                "Safeguarding Leadership Group",
                "bhr-manager",
                False,
                "Common templates for rapid reviews, LCSPRs, case evaluations, agency challenge "
                "(section 11) and the dataset.",
            ),
        ],
        "roles": [
            (
                "bhr-redbridge-chair",
                RoleKind.SCRUTINEER,
                None,
                False,
            ),  # an independent chair reads, never writes
            ("bhr-manager", RoleKind.BUSINESS_UNIT, None, True),
            ("bhr-officer", RoleKind.BUSINESS_UNIT, None, False),
            ("bhr-cdop-manager", RoleKind.BUSINESS_UNIT, None, False),
            ("bhr-havering-lead", RoleKind.PARTNER_LEAD, "London Borough of Havering", False),
            ("bhr-barking-lead", RoleKind.PARTNER_LEAD, "London Borough of Barking and Dagenham", False),
            ("bhr-redbridge-lead", RoleKind.PARTNER_LEAD, "London Borough of Redbridge", False),
            (
                "bhr-health-lead",
                RoleKind.PARTNER_LEAD,
                "Barking and Dagenham, Havering and Redbridge Clinical Commissioning Groups",
                False,
            ),
            (
                "bhr-police-lead",
                RoleKind.PARTNER_LEAD,
                "Metropolitan Police Service (East Area Basic Command Unit)",
                False,
            ),
            ("bhr-scrutineer", RoleKind.SCRUTINEER, None, False),
            ("bhr-contributor", RoleKind.AGENCY_CONTRIBUTOR, "North East London NHS Foundation Trust", False),
        ],
    },
    {
        "slug": "leeds",
        "name": "Leeds Safeguarding Children Partnership",
        "short_name": "Leeds",
        "areas": ["leeds"],
        "published": datetime.date(2019, 6, 29),
        "in_operation": datetime.date(2019, 9, 29),
        "clock": RapidReviewClock.FROM_NOTIFICATION,
        "description": "The partnership keeps its independent chair. An Executive of the three statutory partners "
        "agrees the vision and priorities and commissions reviews; the Leeds Children's Partnership of wider "
        "partners supports implementation; the Business Unit supports standing groups, audits and training.",
        "partners": [
            ("Leeds City Council", "leeds-la-lead", "Director of Children and Families"),
            ("NHS Leeds Clinical Commissioning Group", "leeds-health-lead", "Chief Executive Officer"),
            ("West Yorkshire Police", "leeds-police-lead", "Chief Superintendent"),
        ],
        "delegates": [],
        "agencies": [
            ("Leeds Teaching Hospitals NHS Trust", "Hospital trust in the wider partnership."),
            ("Leeds Community Healthcare NHS Trust", "Community health services."),
            ("Voluntary Action Leeds", "The third sector in the wider partnership."),
            ("Children and Family Court Advisory and Support Service", "Children in family proceedings."),
        ],
        "groups": [
            (
                "Leeds Safeguarding Children Partnership Executive",
                GroupKind.EXECUTIVE,
                None,
                "leeds-chair",
                True,
                "Senior leaders of the three statutory partners: the vision for safeguarding in the city, priorities, "
                "commissioning safeguarding practice reviews.",
            ),
            (
                "Leeds Children's Partnership",
                GroupKind.WIDER_PARTNERSHIP,
                "Leeds Safeguarding Children Partnership Executive",
                "leeds-la-lead",
                False,
                "Wider partners including schools, hospital trusts and the third sector; the Children and Young "
                "People's Plan and support for implementation.",
            ),
            (
                "Learning Lessons Review Group",
                GroupKind.SUB_GROUP,
                "Leeds Safeguarding Children Partnership Executive",
                "leeds-manager",
                False,
                "A standing group for reviews and learning.",
            ),
            (
                "Quality Assurance Group",
                GroupKind.SUB_GROUP,
                "Leeds Safeguarding Children Partnership Executive",
                "leeds-manager",
                False,
                "Multi-agency audits and quality assurance.",
            ),
        ],
        "roles": [
            ("leeds-chair", RoleKind.SCRUTINEER, None, False),  # an independent chair reads, never writes
            ("leeds-manager", RoleKind.BUSINESS_UNIT, None, True),
            ("leeds-la-lead", RoleKind.PARTNER_LEAD, "Leeds City Council", False),
            ("leeds-health-lead", RoleKind.PARTNER_LEAD, "NHS Leeds Clinical Commissioning Group", False),
            ("leeds-police-lead", RoleKind.PARTNER_LEAD, "West Yorkshire Police", False),
            ("leeds-scrutineer", RoleKind.SCRUTINEER, None, False),
            ("regional-scrutineer", RoleKind.SCRUTINEER, None, False),
            ("leeds-contributor", RoleKind.AGENCY_CONTRIBUTOR, "Leeds Teaching Hospitals NHS Trust", False),
        ],
    },
]

# One login per role, printed by `make run` (load_demo --print-logins).
LOGINS = [
    ("Business unit (manager)", "coventry-manager"),
    ("Business unit (officer)", "coventry-officer"),
    ("Partner lead, local authority", "coventry-la-lead"),
    ("Partner lead, CCG", "coventry-health-lead"),
    ("Partner lead, police", "coventry-police-lead"),
    ("Independent scrutineer", "coventry-scrutineer"),
    ("Scrutineer of several partnerships", "regional-scrutineer"),
    ("Agency contributor (cross-boundary, BHR)", "bhr-contributor"),
    ("Business unit, tri-borough BHR", "bhr-manager"),
    ("Admin (Django admin at /admin/)", "admin"),
]


def load():
    password = make_password(DEMO_PASSWORD)  # hashed once: every demo account shares it
    areas = {
        slug: ensure(LocalAuthorityArea, {"slug": slug}, name=name, code=code) for name, code, slug in AREAS
    }
    orgs = {}
    for name, short, kind, area_slugs in ORGANISATIONS:
        org = ensure(Organisation, {"name": name}, short_name=short, kind=kind)
        ensure_m2m(org.areas, [areas[s] for s in area_slugs])
        orgs[name] = org
    for name, successor, on in SUCCESSIONS:
        orgs[name] = ensure(Organisation, {"name": name}, successor=orgs[successor], succeeded_on=on)
    people = {}
    for username, first, last, title, org_name in PEOPLE:
        user = User.objects.filter(username=username).first()
        values = {
            "first_name": first,
            "last_name": last,
            "job_title": title,
            "email": f"{username}@demo.invalid",
            "organisation": orgs.get(org_name),
        }
        if user is None:
            user = User.objects.create(username=username, password=password, **values)
        else:
            user = ensure(User, {"username": username}, **values)
        people[username] = user
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create(
            username="admin",
            first_name="Demo",
            last_name="Administrator",
            email="admin@demo.invalid",
            is_staff=True,
            is_superuser=True,
            password=password,
        )
    people["admin"] = admin

    for spec in PARTNERSHIPS:
        p = ensure(
            Partnership,
            {"slug": spec["slug"]},
            name=spec["name"],
            short_name=spec["short_name"],
            description=spec["description"],
            rapid_review_clock=spec["clock"],
            arrangements_published_on=spec["published"],
            arrangements_in_operation_on=spec["in_operation"],
            contact_email=f"business-unit@{spec['slug']}.demo.invalid",
        )
        ensure_m2m(p.areas, [areas[s] for s in spec["areas"]])
        ensure(
            ArrangementsEdition,
            {"partnership": p, "effective_from": spec["in_operation"]},
            edition=Edition.WT2018,
        )
        # Working Together 2023 replaced the 2018 edition on 15 December 2023.
        ensure(
            ArrangementsEdition,
            {"partnership": p, "effective_from": datetime.date(2023, 12, 15)},
            edition=Edition.WT2023,
        )
        # The partners and agencies first, then the roles (a partner lead acts for a partner, a
        # contributor for an agency), then what names people: a partner's lead, a group's chair and
        # members must hold a role in the partnership (partnerships/core/tenancy.py).
        for org_name, _lead, title in spec["partners"]:
            ensure(SafeguardingPartner, {"partnership": p, "organisation": orgs[org_name]}, lead_title=title)
        for org_name, reason in spec["agencies"]:
            ensure(RelevantAgency, {"partnership": p, "organisation": orgs[org_name]}, reason=reason)
        for username, kind, org_name, is_manager in spec["roles"]:
            lookup = {
                "user": people[username],
                "partnership": p,
                "kind": kind,
                "organisation": orgs.get(org_name),
            }
            ensure(Role, lookup, is_manager=is_manager)
        # A delegate acts for their partner (Working Together 2023: delegated safeguarding partners),
        # so holds the partner lead role for its organisation.
        for org_name, username, _title, _dsp in spec["delegates"]:
            lookup = {
                "user": people[username],
                "partnership": p,
                "kind": RoleKind.PARTNER_LEAD,
                "organisation": orgs[org_name],
            }
            ensure(Role, lookup, is_manager=False)
        partners = {}
        for org_name, lead, title in spec["partners"]:
            partners[org_name] = ensure(
                SafeguardingPartner,
                {"partnership": p, "organisation": orgs[org_name]},
                lead_representative=people[lead],
                lead_title=title,
            )
        for org_name, username, title, is_dsp in spec["delegates"]:
            ensure(
                DelegatedOfficer,
                {"partner": partners[org_name], "person": people[username]},
                title=title,
                is_delegated_safeguarding_partner=is_dsp,
            )
        groups = {}
        for name, kind, parent, chair, independent, purpose in spec["groups"]:
            groups[name] = ensure(
                Group,
                {"partnership": p, "name": name},
                kind=kind,
                parent=groups.get(parent),
                chair=people[chair],
                chair_is_independent=independent,
                purpose=purpose,
                terms_of_reference=f"Terms of reference of the {name}: {purpose}",
                terms_of_reference_approved_on=datetime.date(2019, 9, 1),
                terms_of_reference_review_date=datetime.date(2026, 9, 1),
            )
        # Executive members: each statutory partner's lead (and delegates), representing their organisation.
        executive = next(g for g in groups.values() if g.kind == GroupKind.EXECUTIVE)
        for org_name, lead, _title in spec["partners"]:
            ensure(
                GroupMember,
                {"group": executive, "person": people[lead]},
                organisation=orgs[org_name],
                role="Lead representative",
            )
        for org_name, username, title, _dsp in spec["delegates"]:
            ensure(
                GroupMember,
                {"group": executive, "person": people[username]},
                organisation=orgs[org_name],
                role=title,
            )
    return people
