"""The Havering paper's A39000 table (Havering Cabinet paper, 12 June 2019, para 7.2) as the pence
the demo records: each line's total rounds to the figure the paper prints, and the monthly profile
is invented (split exactly, so the months add up to the line's total).
"""

import datetime

from funding.choices import LineCategory, SpendKind
from funding.money import split_exactly

EMPLOYEE = "Employee Costs"
SUPPLIES = "Supplies and Services"
PARTNER_INCOME = "Partner Agency Contributions"
BROUGHT_FORWARD = "Income brought forward (accrual released)"
CARRIED_FORWARD = "Income carried forward (accrual at 31 March)"
PAY_PROTECTION = "LBA Pay Protection"


def evenly(total_pence, first=0, count=12):
    """The total split exactly over `count` months of the year from month `first` (0 = April)."""

    def months(year):
        chosen = year.months[first : first + count]
        return list(zip(chosen, split_exactly(total_pence, [1] * count), strict=True))

    return months


def on(*pairs):
    """Amounts in given months of the year: (month index from April = 0, pence)."""

    def months(year):
        return [(year.months[index], pence) for index, pence in pairs]

    return months


HAVERING = {
    "lines": [
        (EMPLOYEE, LineCategory.EMPLOYEE_COSTS),
        (SUPPLIES, LineCategory.SUPPLIES_AND_SERVICES),
        (PARTNER_INCOME, LineCategory.PARTNER_INCOME),
        (BROUGHT_FORWARD, LineCategory.ACCRUAL),
        (CARRIED_FORWARD, LineCategory.ACCRUAL),
        (PAY_PROTECTION, LineCategory.TRANSFER_FROM_RESERVE),
    ],
    "years": {
        2018: {
            # Para 7.3: income carried forward from 2017/18 (released in April 2018: -74,500 in the table).
            "opening_balance_pence": 7_450_000,
            "budget": [
                (
                    datetime.date(2018, 4, 1),
                    "Budget set",
                    {
                        EMPLOYEE: 11_976_000,
                        SUPPLIES: 8_917_000,
                        PARTNER_INCOME: -6_436_000,
                        PAY_PROTECTION: 0,
                    },
                ),
                (
                    datetime.date(2018, 10, 1),
                    "Pay award; London Borough of Barking and Dagenham pay protection met from reserve",
                    {EMPLOYEE: 12_346_000, PAY_PROTECTION: -19_000},
                ),
            ],
            "spend": [
                (EMPLOYEE, SpendKind.ACTUAL, evenly(15_139_140)),  # 151,391.40
                (SUPPLIES, SpendKind.ACTUAL, evenly(6_939_840)),  # 69,398.40
                (
                    PARTNER_INCOME,
                    SpendKind.ACTUAL,
                    on((0, -2_870_600), (1, -500_000), (5, -1_912_400), (11, -1_912_400)),
                ),
                (BROUGHT_FORWARD, SpendKind.ACTUAL, on((0, -7_450_000))),
                (CARRIED_FORWARD, SpendKind.ACTUAL, on((11, 7_398_100))),
                (PAY_PROTECTION, SpendKind.ACTUAL, on((11, -18_900))),
            ],
        },
        2019: {
            "budget": [
                (
                    datetime.date(2019, 4, 1),
                    "Budget set",
                    {
                        EMPLOYEE: 11_976_000,
                        SUPPLIES: 8_917_000,
                        PARTNER_INCOME: -6_436_000,
                        PAY_PROTECTION: 0,
                    },
                ),
            ],
            # Actuals for April and May 2019, projected to the year end (the paper is of June 2019).
            "spend": [
                (EMPLOYEE, SpendKind.ACTUAL, evenly(2_920_050, 0, 2)),
                (EMPLOYEE, SpendKind.PROJECTION, evenly(14_600_325, 2, 10)),  # outturn 175,203.75
                (SUPPLIES, SpendKind.ACTUAL, evenly(1_042_288, 0, 2)),
                (SUPPLIES, SpendKind.PROJECTION, evenly(5_211_442, 2, 10)),  # outturn 62,537.30
                (PARTNER_INCOME, SpendKind.ACTUAL, on((0, -2_870_600), (1, -500_000))),
                (PARTNER_INCOME, SpendKind.PROJECTION, on((5, -1_860_000), (11, -1_860_000))),  # -70,906.00
            ],
        },
    },
}
