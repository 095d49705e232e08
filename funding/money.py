"""Money is exact: integer pence everywhere, Decimal pounds at the edges, never float.

Totals are always sums of stored rows (the product never stores a typed total), so a report's total
equals the sum of its rows to the penny. Rounding to whole pounds is for display only, as council
papers print their tables ("half away from zero", the convention of the papers' tables).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

PENCE_PER_POUND = 100
_TWO_PLACES = Decimal("0.01")


class MoneyError(ValueError):
    """An amount that is not a sum of money in pounds and pence."""


def to_pence(value, *, multiplier=1):
    """Pence from a user's or a spreadsheet's value: "£1,234.56", "(12.00)", 1234, Decimal("1.5").

    Floats only arrive from spreadsheet cells; their shortest decimal form is what the person typed
    (openpyxl reads 151391.4 for a cell showing 151,391.40), so it is taken through `repr`, never
    through binary arithmetic. More than two decimal places (after `multiplier`) is refused.
    """
    if value is None:
        raise MoneyError("Enter an amount")
    if isinstance(value, bool):
        raise MoneyError("Enter an amount in pounds, like 1,234.56")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    else:
        text = str(value).strip().replace(",", "").replace("£", "").replace(" ", "")
        negative = False
        if text.startswith("(") and text.endswith(")"):  # accountants' negatives
            negative, text = True, text[1:-1]
        if text in ("", "-", "+"):
            raise MoneyError("Enter an amount")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise MoneyError(f"“{value}” is not an amount in pounds, like 1,234.56") from None
        if negative:
            amount = -amount
    if not amount.is_finite():
        raise MoneyError(f"“{value}” is not an amount in pounds, like 1,234.56")
    amount *= multiplier
    if amount != amount.quantize(_TWO_PLACES):
        raise MoneyError(f"“{value}” has fractions of a penny: use at most two decimal places")
    pence = int(amount * PENCE_PER_POUND)
    if abs(pence) >= 10**15:  # a thousand billion pounds: a typing error, not a partnership's budget
        raise MoneyError(f"“{value}” is too large")
    return pence


def to_pounds(pence):
    """Decimal pounds with two places, for exports and the API (exact)."""
    return (Decimal(int(pence)) / PENCE_PER_POUND).quantize(_TWO_PLACES)


def format_pounds(pence, *, sign=False, whole=False):
    """ "£1,234.56" (or "-£1,234.56"); `whole` rounds to the pound; `sign` shows "+" on gains."""
    if pence is None:
        return ""
    if whole:
        pounds = round_to_pounds(pence)
        body = f"£{abs(pounds):,}"
        negative = pounds < 0
        positive = pounds > 0
    else:
        body = f"£{abs(to_pounds(pence)):,.2f}"
        negative = pence < 0
        positive = pence > 0
    if negative:
        return "-" + body
    if sign and positive:
        return "+" + body
    return body


def round_to_pounds(pence):
    """Whole pounds, half away from zero (151,391.50 -> 151,392; -19,771.50 -> -19,772)."""
    return int((Decimal(int(pence)) / PENCE_PER_POUND).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def round_half_up(fraction):
    """An exact Fraction of pence to whole pence, half away from zero."""
    fraction = Fraction(fraction)
    magnitude = abs(fraction)
    whole = int(magnitude + Fraction(1, 2))
    return whole if fraction >= 0 else -whole


def split_exactly(total_pence, weights):
    """Split `total_pence` in proportion to `weights`, returning pence that sum exactly to the total.

    The largest remainder method: everyone gets the floor of their exact share, and the pence left
    over go one each to the largest fractional remainders (ties to the earlier entry), so no penny
    is lost or invented. Weights are percentages or any non-negative proportions (Decimal, int,
    Fraction or numeric text); at least one must be positive.
    """
    total_pence = int(total_pence)
    fractions = [Fraction(str(w)) if not isinstance(w, int | Fraction) else Fraction(w) for w in weights]
    if any(w < 0 for w in fractions):
        raise MoneyError("A share cannot be negative")
    weight_sum = sum(fractions)
    if not fractions or weight_sum == 0:
        raise MoneyError("At least one share must be more than nothing")
    sign = -1 if total_pence < 0 else 1
    magnitude = abs(total_pence)
    exact = [magnitude * w / weight_sum for w in fractions]
    shares = [int(e) for e in exact]  # floor: every exact share is non-negative
    left_over = magnitude - sum(shares)
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in by_remainder[:left_over]:
        shares[i] += 1
    return [sign * s for s in shares]
