"""The national return: case data in a documented CSV layout, with no direct identifiers.

No name, date of birth or NHS number is read (ChildIdentity is never queried here), the date of
death is reduced to its month, and the case is known only by its pseudonymous panel reference.

Columns (one row per case, in this order):

| column                   | content                                                           |
|--------------------------|-------------------------------------------------------------------|
| case_reference           | the panel's pseudonymous reference, e.g. BHR-2023-014              |
| panel                    | the panel's short name                                            |
| reporting_year           | the April-to-March year of the death, e.g. 2023/24                |
| month_of_death           | YYYY-MM                                                           |
| age_band                 | 0_27d, 28_364d, 1_4, 5_9, 10_14, 15_17                            |
| area_code                | ONS code of the local authority area of residence                 |
| place_of_death           | hospital, hospice, home, public_place, abroad, other              |
| expectedness             | expected or unexpected                                            |
| joint_agency_response    | Y or N                                                            |
| jar_criterion            | external_causes, sudden_unexplained, in_custody, suspicious,      |
|                          | unexpected_collapse, or empty                                     |
| stage                    | notified, gathering, cdr_meeting, panel_reviewed, closed          |
| days_notification_to_cdr | days from notification to the child death review meeting, or empty |
| days_notification_to_panel | days from notification to panel review, or empty                |
| category                 | 1 to 10 (the analysis form's hierarchy), or empty                 |
| factors_child            | 0 to 2, or empty                                                  |
| factors_social           | 0 to 2, or empty                                                  |
| factors_physical         | 0 to 2, or empty                                                  |
| factors_service          | 0 to 2, or empty                                                  |
| modifiable               | yes, no, insufficient, or empty                                   |
| notify_national_panel    | Y or N                                                            |
| ncmd_submitted           | Y or N                                                            |
"""

from partnerships.core.periods import financial_year, financial_year_label
from partnerships.core.views.generic import tabular_response

COLUMNS = [
    "case_reference",
    "panel",
    "reporting_year",
    "month_of_death",
    "age_band",
    "area_code",
    "place_of_death",
    "expectedness",
    "joint_agency_response",
    "jar_criterion",
    "stage",
    "days_notification_to_cdr",
    "days_notification_to_panel",
    "category",
    "factors_child",
    "factors_social",
    "factors_physical",
    "factors_service",
    "modifiable",
    "notify_national_panel",
    "ncmd_submitted",
]


def _yn(value):
    return "Y" if value else "N"


def _blank(value):
    return "" if value is None else value


def national_rows(cases):
    """The rows of the national return for `cases` (one query)."""
    rows = []
    for c in cases.select_related("panel", "area_of_residence").order_by("date_of_death", "reference"):
        rows.append(
            [
                c.reference,
                c.panel.short_name,
                financial_year_label(financial_year(c.date_of_death)),
                c.date_of_death.strftime("%Y-%m"),
                c.age_band,
                c.area_of_residence.code,
                c.place_of_death,
                c.expectedness,
                _yn(c.jar_triggered),
                c.jar_criterion,
                c.stage,
                _blank((c.cdr_meeting_on - c.notified_on).days if c.cdr_meeting_on else None),
                _blank((c.panel_reviewed_on - c.notified_on).days if c.panel_reviewed_on else None),
                _blank(c.category),
                _blank(c.factors_child),
                _blank(c.factors_social),
                _blank(c.factors_physical),
                _blank(c.factors_service),
                c.modifiable,
                _yn(c.notify_national_panel),
                _yn(c.ncmd_submitted_on),
            ]
        )
    return rows


def national_return(cases, filename, fmt="csv", *, partnership=None):
    return tabular_response(
        fmt,
        filename,
        COLUMNS,
        national_rows(cases),
        title="National child death return",
        partnership=partnership,
    )
