"""Identity guard: find a child's identifiers in text that is about to leave the case record.

Pure Python (standard library only).  Build one :class:`IdentityGuard` over the children whose
identity must not leak (a partnership's records), then check every text value that is going
into a public page, briefing, PDF, e-mail, calendar feed, export, notification or API list.

    guard = IdentityGuard(children, ignore=["29 September 2019"])
    findings = guard.check_fields({"Background": text, "Learning": other_text})
    if findings:
        refuse(IdentityGuard.messages(findings))

Every refusal names the *kind* of identifier and the record it belongs to, never the
identifier itself.  See README.md for the design decisions.
"""

import bisect
import datetime as _dt
import html
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "KIND_ALIAS",
    "KIND_DATE_OF_BIRTH",
    "KIND_DAY_MONTH_OF_BIRTH",
    "KIND_FAMILY_NAME",
    "KIND_FULL_NAME",
    "KIND_GIVEN_AND_INITIAL",
    "KIND_GIVEN_NAME",
    "KIND_INITIALS_WITH_DOB",
    "KIND_NHS_NUMBER",
    "KIND_POSSIBLE_NHS_NUMBER",
    "KIND_REFERENCE",
    "ChildIdentity",
    "IdentityGuard",
    "Match",
    "nhs_number_is_valid",
    "normalise",
]

# --------------------------------------------------------------------------------------------
# Kinds (plain words, shown to the author; never the identifier itself)
# --------------------------------------------------------------------------------------------
KIND_FULL_NAME = "a child's full name"
KIND_ALIAS = "a child's alias"
KIND_GIVEN_AND_INITIAL = "a child's given name with a family initial"
KIND_FAMILY_NAME = "a child's family name"
KIND_GIVEN_NAME = "a child's given name"
KIND_DATE_OF_BIRTH = "a child's date of birth"
KIND_DAY_MONTH_OF_BIRTH = "a child's day and month of birth"
KIND_INITIALS_WITH_DOB = "a child's initials with a date of birth"
KIND_NHS_NUMBER = "a child's NHS number"
KIND_POSSIBLE_NHS_NUMBER = "a possible NHS number"
KIND_REFERENCE = "a case reference"

# Only the strongest name finding per child is reported (lower = stronger).
_NAME_RANK = {
    KIND_FULL_NAME: 0,
    KIND_ALIAS: 1,
    KIND_GIVEN_AND_INITIAL: 2,
    KIND_FAMILY_NAME: 3,
    KIND_GIVEN_NAME: 4,
}
_DATE_RANK = {KIND_INITIALS_WITH_DOB: 0, KIND_DATE_OF_BIRTH: 1, KIND_DAY_MONTH_OF_BIRTH: 2}


# --------------------------------------------------------------------------------------------
# Public data types
# --------------------------------------------------------------------------------------------
def _as_tuple(value) -> tuple:
    if value is None:
        return ()
    if isinstance(value, (str, _dt.date)):
        return (value,)
    return tuple(value)


def _as_date(value) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        return _dt.date.fromisoformat(value.strip())
    raise TypeError(f"not a date: {type(value).__name__}")


@dataclass(frozen=True)
class ChildIdentity:
    """Everything that identifies one child on one record.

    ``record_label`` is what refusal messages name ("rapid review SIN-2026-01"); it must never
    be the child's name.  Given names may hold first and middle names ("Jayden Lee" is two
    given names); list each form of a family name that is used ("Smith-Jones", "Jones").
    """

    record_label: str
    given_names: tuple[str, ...] = ()
    family_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # full alternative names: "Zeph Q", "Jay Smith"
    dates_of_birth: tuple[_dt.date, ...] = ()
    nhs_numbers: tuple[str, ...] = ()
    references: tuple[str, ...] = ()  # case refs, Panel refs, child-reference pseudonyms

    def __post_init__(self):
        if not isinstance(self.record_label, str) or not self.record_label.strip():
            raise ValueError("ChildIdentity needs a record_label for refusal messages")
        for name in ("given_names", "family_names", "aliases", "nhs_numbers", "references"):
            object.__setattr__(
                self,
                name,
                tuple(str(v) for v in _as_tuple(getattr(self, name)) if v is not None and str(v).strip()),
            )
        object.__setattr__(
            self, "dates_of_birth", tuple(_as_date(d) for d in _as_tuple(self.dates_of_birth) if d)
        )


@dataclass(frozen=True)
class Match:
    """One identifier found in one text value.  Carries no part of the identifier."""

    kind: str
    record_label: str | None = None  # None for "a possible NHS number" (no child's record)

    def message(self, field_label: str) -> str:
        """``"Background: a child's family name from rapid review SIN-2026-01"``."""
        return f"{field_label}: {self}"

    def __str__(self) -> str:
        return f"{self.kind} from {self.record_label}" if self.record_label else self.kind


Finding = tuple[str, Match]  # (field or cell label, match)


def nhs_number_is_valid(number: str) -> bool:
    """Modulus-11 check digit for a 10-digit NHS number (separators ignored)."""
    digits = re.sub(r"[^0-9]", "", number or "")
    if len(digits) != 10:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=False))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------
_INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)
_TAG_RE = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)\b[^<>]{0,500}>")


def _tag_replacement(m: re.Match) -> str:
    # Inline markup can sit inside a word ("Quocker<b>wodger</b>"): remove it.
    # Block markup (<p>, <br>, <td>, <li>...) separates words: replace with a space.
    return "" if m.group(1).lower() in _INLINE_TAGS else " "


# Latin look-alikes from Cyrillic and Greek (after NFKD), ligatures/letters NFKD leaves alone.
_CHAR_MAP = {
    # Cyrillic lower / upper
    "а": "a",
    "в": "b",
    "е": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "і": "i",
    "ј": "j",
    "ѕ": "s",
    "һ": "h",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ӏ": "l",
    "ո": "n",
    "ս": "u",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "У": "Y",
    "Х": "X",
    "І": "I",
    "Ј": "J",
    "Ѕ": "S",
    "Һ": "H",
    "Ү": "Y",
    "Ԛ": "Q",
    "Ԝ": "W",
    # Greek lower / upper
    "α": "a",
    "ο": "o",
    "ρ": "p",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "υ": "u",
    "τ": "t",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    # letters without a decomposition
    "ß": "ss",
    "ẞ": "SS",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "Th",
    "æ": "ae",
    "Æ": "Ae",
    "œ": "oe",
    "Œ": "Oe",
    "ı": "i",
    "ħ": "h",
    "Ħ": "H",
    "ŧ": "t",
    "Ŧ": "T",
    "ɡ": "g",
    # invisible letters/symbols that are not category Cf
    "\u115f": "",
    "\u1160": "",
    "\u3164": "",
    "\uffa0": "",
    "\u2800": "",
}
_DROP_CATEGORIES = frozenset({"Mn", "Me", "Cf"})  # accents, variation selectors, zero-width, bidi


def _fold(text: str) -> str:
    """Entities, markup, NFKD, invisible characters, accents, look-alikes.  Keeps case."""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG_RE.sub(_tag_replacement, text)
    if text.isascii():
        return text
    out = []
    append = out.append
    category = unicodedata.category
    for ch in unicodedata.normalize("NFKD", text):  # NFKD = NFKC's compatibility folding + split accents
        if ch < "\x80":
            append(ch)
            continue
        cat = category(ch)
        if cat in _DROP_CATEGORIES:
            continue
        if cat == "Nd":  # any script's decimal digits
            append(str(unicodedata.decimal(ch)))
            continue
        append(_CHAR_MAP.get(ch, ch))
    return "".join(out)


def normalise(text: str) -> str:
    """The matching form of a text: folded, case-folded, separators collapsed to one space."""
    return " ".join(_TOKEN_RE.findall(_fold(text).casefold()))


_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")  # runs of letters (any script) or of digits: "Smith2012" is two
_DIGIT_RE = re.compile(r"[0-9]")

# Gaps between two tokens (what separates them decides whether they may be joined).
_TIGHT_CHARS = frozenset("-'._/`\u2018\u2019\u2010\u2011\u2012\u2013\u2014\u2212\u00b7")
_GAP_TIGHT, _GAP_LOOSE, _GAP_BREAK = 0, 1, 2


def _gap_kind(gap: str) -> int:
    if len(gap) <= 2 and all(c in _TIGHT_CHARS for c in gap):
        return _GAP_TIGHT  # "Quocker-wodger", "O'Brien", "SIN_2026"
    stripped = gap.strip()
    if len(gap) <= 4 and len(stripped) == 1 and stripped in _TIGHT_CHARS and ("\n" in gap or "\r" in gap):
        return _GAP_TIGHT  # word hyphenated across a line break: "Quocker-\nwodger"
    if len(gap) <= 3 and all(c.isspace() or c in _TIGHT_CHARS for c in gap):
        return _GAP_LOOSE  # "SIN 2026 01", "943 476 5919", "Zeph Q"
    return _GAP_BREAK


# --------------------------------------------------------------------------------------------
# Dates: one combined regex over the case-folded text
# --------------------------------------------------------------------------------------------
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_NUMBER = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
_ORD = r"(?:st|nd|rd|th)?"
_NSEP = r"(?:\s*[/.\-_]\s*|\s+)"
_DATE_RE = re.compile(
    rf"""
    # 2014-03-14, 2014/3/14
      (?<![0-9])(?P<iy>[0-9]{{4}})\s*[/.\-_]\s*(?P<im>[0-9]{{1,2}})\s*[/.\-_]\s*(?P<id>[0-9]{{1,2}})(?![0-9])
    # 14/03/2014, 14.03.2014, 14-3-14, 14 03 2014 (and unambiguous US 03/14/2014)
    | (?<![0-9])(?P<na>[0-9]{{1,2}}){_NSEP}(?P<nb>[0-9]{{1,2}}){_NSEP}(?P<ny>[0-9]{{4}}|[0-9]{{2}})(?![0-9])
    # 14032014, 20140314
    | (?<![0-9])(?P<c8>[0-9]{{8}})(?![0-9])
    # 14 March 2014, 14th of March 2014, 14-Mar-2014, 14th March
    | (?<![0-9])(?P<td>[0-9]{{1,2}}){_ORD}(?:\s+(?:day\s+)?of\s+|[\s,.\-/]*)(?P<tm>{_MONTH})(?![a-z])\.?
      (?:[\s,.\-/]*(?P<ty>[0-9]{{4}})(?![0-9]))?
    # March 14, 2014, Feb. 14th 2012, March 14th
    | (?<![a-z])(?P<mm>{_MONTH})(?![a-z])\.?[\s,.\-/]*(?P<md>[0-9]{{1,2}}){_ORD}(?![0-9a-z])
      (?:[\s,.\-/]*(?P<my>[0-9]{{4}})(?![0-9]))?
    # 14/03 (slash, two-digit month; not 24/7, not 14.03, not part of a longer date)
    | (?<![0-9a-z./])(?P<sd>[0-9]{{1,2}})/(?P<sm>[0-9]{{2}})(?![0-9]|[/.][0-9])
    """,
    re.X,
)


def _date_candidates(m: re.Match) -> list[tuple[int, int, int | None, int]]:
    """(day, month, year or None, digits in year) readings of one date mention."""
    g = m.groupdict()
    if g["iy"]:
        cands = [(int(g["id"]), int(g["im"]), int(g["iy"]), 4)]
    elif g["na"]:
        a, b, y = int(g["na"]), int(g["nb"]), g["ny"]
        cands = [(a, b, int(y), len(y))]
        if a <= 12 < b:  # only reading possible is month/day
            cands.append((b, a, int(y), len(y)))
    elif g["c8"]:
        s = g["c8"]
        cands = [(int(s[:2]), int(s[2:4]), int(s[4:]), 4), (int(s[6:]), int(s[4:6]), int(s[:4]), 4)]
    elif g["td"]:
        y = g["ty"]
        cands = [(int(g["td"]), _MONTH_NUMBER[g["tm"][:3]], int(y) if y else None, 4)]
    elif g["mm"]:
        y = g["my"]
        cands = [(int(g["md"]), _MONTH_NUMBER[g["mm"][:3]], int(y) if y else None, 4)]
    else:
        cands = [(int(g["sd"]), int(g["sm"]), None, 0)]
    return [c for c in cands if 1 <= c[0] <= 31 and 1 <= c[1] <= 12]


_BIRTH_CUES = frozenset({"born", "birth", "birthday", "birthdate", "dob", "bday", "b", "nee"})
_DATE_WINDOW = 4  # tokens either side of a date searched for initials / birth cues


def _has_letter_run(seq: Sequence[str], wanted: frozenset[str], maxlen: int) -> bool:
    """True if a token of seq is in wanted, or consecutive one-letter tokens spell one ("j","s")."""
    for k, t in enumerate(seq):
        if t in wanted:
            return True
        if len(t) == 1:
            s = t
            for u in seq[k + 1 :]:
                if len(u) != 1 or len(s) >= maxlen:
                    break
                s += u
                if s in wanted:
                    return True
    return False


# --------------------------------------------------------------------------------------------
# The guard
# --------------------------------------------------------------------------------------------
# Entry categories in the key dictionary
_C_GIVEN, _C_FAMILY, _C_ALIAS, _C_ALIAS_TOKEN, _C_REF, _C_NHS, _C_FULL = range(7)
_POSSIBLE_NHS_RE = re.compile(
    r"(?<![0-9])(?<![0-9][ \-])([0-9]{3})[ \-]?([0-9]{3})[ \-]?([0-9]{4})(?![0-9])(?![ \-][0-9])"
)


class _Entry:
    __slots__ = ("cat", "exact", "idx", "strong", "tokens")

    def __init__(self, cat: int, idx: int, tokens: tuple[str, ...], strong: bool, exact: bool = False):
        self.cat = cat  # what kind of identifier
        self.idx = idx  # which identity
        self.tokens = tokens  # the name's own tokens (for loose-join checks)
        self.strong = strong  # family: not a common word; given/alias: distinctive on its own
        self.exact = exact  # only as exactly these separate words (a reversed alias "Q Zeph")


class IdentityGuard:
    """Precompiled matcher over many children's identities.  Immutable and thread-safe.

    ``ignore``: the product's own fixed wording and dates, never matched.  Strings are removed
    in the written form given (any spacing/case), e.g. ``"29 September 2019"`` does not hide
    ``"29/09/2019"``; a ``datetime.date`` hides every written form of that full date.

    ``day_month``: ``"always"`` (default) refuses a child's birthday written without a year
    ("14th March").  ``"in_context"`` refuses it only next to a birth word ("born", "DOB",
    "birthday"), next to the child's initials, with another identifier of the same child in the
    same text, or under a field label about birth -- use it for a guard over many children,
    where some child's birthday falls on most days of the year (see README).

    ``common_given_names`` / ``common_words`` extend the built-in lists that decide when a
    given name alone is too common to refuse and when a family name is also an ordinary word.
    """

    def __init__(
        self,
        identities: Iterable[ChildIdentity],
        *,
        ignore: Iterable[str | _dt.date] = (),
        day_month: str = "always",
        common_given_names: Iterable[str] = (),
        common_words: Iterable[str] = (),
    ):
        if day_month not in ("always", "in_context"):
            raise ValueError("day_month must be 'always' or 'in_context'")
        self.identities: tuple[ChildIdentity, ...] = tuple(identities)
        self.day_month = day_month
        self._common_words = COMMON_WORDS | {normalise(w) for w in common_words}
        self._common_given = COMMON_GIVEN_NAMES | {normalise(w) for w in common_given_names}

        # ignore list
        ignore_dates: set[_dt.date] = set()
        patterns = []
        for item in ignore:
            if isinstance(item, _dt.date):
                ignore_dates.add(_as_date(item))
                continue
            toks = _TOKEN_RE.findall(_fold(str(item)).casefold())
            if toks:
                patterns.append((sum(map(len, toks)), r"[\W_]*".join(map(re.escape, toks))))
        patterns.sort(key=lambda p: -p[0])  # longest first
        self._ignore_re = (
            re.compile(r"(?<![^\W_])(?:" + "|".join(p for _, p in patterns) + r")(?![^\W_])")
            if patterns
            else None
        )

        self._keys: dict[str, list[_Entry]] = {}
        self._dob_full: dict[tuple[int, int, int], list[int]] = {}
        self._dob_full2: dict[tuple[int, int, int], list[int]] = {}  # two-digit years
        self._dob_dm: dict[tuple[int, int], list[int]] = {}
        self._initials: list[frozenset[str]] = []
        self._given_initials: list[frozenset[str]] = []
        self._family_initials: list[frozenset[str]] = []
        self._known_nhs: set[str] = set()

        for idx, ident in enumerate(self.identities):
            self._add_identity(idx, ident, ignore_dates)

        self._prefixes = {key[:k] for key in self._keys for k in range(1, len(key) + 1)}
        self._maxlen = max((len(k) for k in self._keys), default=0)
        self._max_initials = max((len(i) for s in self._initials for i in s), default=2)

    # -- building ---------------------------------------------------------------------------
    def _distinctive(self, key: str) -> bool:
        return len(key) >= 4 and key not in self._common_given and key not in self._common_words

    def _add(self, key: str, entry: _Entry) -> None:
        if key:
            self._keys.setdefault(key, []).append(entry)

    def _add_identity(self, idx: int, ident: ChildIdentity, ignore_dates: set[_dt.date]) -> None:
        given_keys, family_keys, g_init, f_init = [], [], [], []
        for name in ident.given_names:
            for part in name.split():  # "Jayden Lee" -> two given names
                toks = tuple(_TOKEN_RE.findall(_fold(part).casefold()))
                if not toks:
                    continue
                key = "".join(toks)
                given_keys.append(key)
                g_init.append(key[0])
                self._add(key, _Entry(_C_GIVEN, idx, toks, self._distinctive(key)))
        for name in ident.family_names:
            toks = tuple(_TOKEN_RE.findall(_fold(name).casefold()))
            if not toks:
                continue
            key = "".join(toks)
            family_keys.append(key)
            f_init.append(key[0])
            strong = key not in self._common_words
            self._add(key, _Entry(_C_FAMILY, idx, toks, strong))
            if len(key) >= 3 and key.isalpha():  # "the Smiths", "the Joneses", "Smiths'"
                for suffix in ("s", "es"):
                    plural_toks = (*toks[:-1], toks[-1] + suffix)
                    self._add(key + suffix, _Entry(_C_FAMILY, idx, plural_toks, strong))
        # names run together, as in e-mail addresses and handles: "jaydensmith", "jsmith"
        for fk in family_keys:
            for gk in given_keys:
                self._add(gk + fk, _Entry(_C_FULL, idx, (gk + fk,), True))
                self._add(fk + gk, _Entry(_C_FULL, idx, (fk + gk,), True))
            if len(fk) >= 5 and fk not in self._common_words:
                for gi in dict.fromkeys(g_init):
                    if gi + fk not in self._common_words:
                        self._add(gi + fk, _Entry(_C_FAMILY, idx, (gi + fk,), True))
        own = set(given_keys) | set(family_keys)
        for alias in ident.aliases:
            toks = tuple(_TOKEN_RE.findall(_fold(alias).casefold()))
            if not toks:
                continue
            if len(toks) == 1:
                self._add(toks[0], _Entry(_C_ALIAS, idx, toks, self._distinctive(toks[0])))
                continue
            self._add("".join(toks), _Entry(_C_ALIAS, idx, toks, True))
            if len(toks) == 2:  # "Q Zeph", "Smith, Jay"
                rev = toks[::-1]
                self._add("".join(rev), _Entry(_C_ALIAS, idx, rev, True, exact=True))
            for t in toks:  # a distinctive part of an alias ("Zeph") identifies on its own
                if t not in own and self._distinctive(t):
                    self._add(t, _Entry(_C_ALIAS_TOKEN, idx, (t,), True))
        for ref in ident.references:
            key = "".join(_TOKEN_RE.findall(_fold(ref).casefold()))
            if len(key) >= 3:
                self._add(key, _Entry(_C_REF, idx, (key,), True))
        for nhs in ident.nhs_numbers:
            digits = re.sub(r"[^0-9]", "", _fold(nhs))
            if len(digits) >= 6:
                self._known_nhs.add(digits)
                self._add(digits, _Entry(_C_NHS, idx, (digits,), True))
        for dob in ident.dates_of_birth:
            if dob not in ignore_dates:
                self._dob_full.setdefault((dob.day, dob.month, dob.year), []).append(idx)
                self._dob_full2.setdefault((dob.day, dob.month, dob.year % 100), []).append(idx)
            self._dob_dm.setdefault((dob.day, dob.month), []).append(idx)
        inits = set()
        if g_init:
            for fi in f_init:
                inits.add(g_init[0] + fi)  # "js"
                inits.add("".join(g_init) + fi)  # "jls" (with middle names)
        self._initials.append(frozenset(inits))
        self._given_initials.append(frozenset(g_init))
        self._family_initials.append(frozenset(f_init))

    # -- checking ---------------------------------------------------------------------------
    def find(self, text, *, context: str = "", dates: bool = True) -> list[Match]:
        """All identifiers in ONE text value (one field, or one table cell).

        ``context`` (e.g. the field label) is only used to recognise a birth cue in
        ``day_month="in_context"`` mode; it is never searched for identifiers.
        ``dates=False`` skips dates of birth: for text the product itself wrote from its own
        records (a figures table's dates), where a date is never a child's date of birth.
        """
        if text is None:
            return []
        if not isinstance(text, str):
            text = str(text)
        if not text or text.isspace():
            return []
        folded = _fold(text)
        lower = folded.casefold()
        cased = folded if len(folded) == len(lower) else None
        if self._ignore_re is not None:
            lower = self._ignore_re.sub(lambda m: " " * len(m.group()), lower)

        toks: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for m in _TOKEN_RE.finditer(lower):
            toks.append(m.group())
            starts.append(m.start())
            ends.append(m.end())
        if not toks:
            return []

        hits: list[tuple[int, str, int | None]] = []  # (position, kind, identity index)
        name_hits: dict[int, dict[int, list]] = {}  # idx -> cat -> [(i, j, entry)]
        keys, prefixes, maxlen = self._keys, self._prefixes, self._maxlen
        n = len(toks)

        # 1. names, references and known NHS numbers: joined runs of tokens, dict lookups
        for i in range(n):
            s = toks[i]
            if s not in prefixes:
                continue
            if s == "s" and i and any(c in "'\u2019`" for c in lower[ends[i - 1] : starts[i]]):
                continue  # the possessive "'s" never starts a name or reference
            loose = False
            j = i
            while True:
                entries = keys.get(s)
                if entries:
                    for e in entries:
                        if e.cat == _C_REF:
                            hits.append((starts[i], KIND_REFERENCE, e.idx))
                        elif e.cat == _C_NHS:
                            hits.append((starts[i], KIND_NHS_NUMBER, e.idx))
                        elif e.cat == _C_FULL:
                            if not loose:
                                hits.append((starts[i], KIND_FULL_NAME, e.idx))
                        elif self._name_join_ok(e, loose, toks, i, j):
                            name_hits.setdefault(e.idx, {}).setdefault(e.cat, []).append((i, j, e))
                j += 1
                if j >= n:
                    break
                gap = _gap_kind(lower[ends[j - 1] : starts[j]])
                if gap == _GAP_BREAK:
                    break
                if gap == _GAP_LOOSE:
                    loose = True
                s += toks[j]
                if len(s) > maxlen or s not in prefixes:
                    break

        for idx, cats in name_hits.items():
            found = self._resolve_names(idx, cats, toks, starts, lower, ends, cased)
            if found:
                hits.append(found)

        has_digits = _DIGIT_RE.search(lower) is not None

        # 2. any other ten-digit number that passes the NHS check digit (written 3-3-4)
        if has_digits:
            for m in _POSSIBLE_NHS_RE.finditer(lower):
                digits = m.group(1) + m.group(2) + m.group(3)
                if digits not in self._known_nhs and digits[0] != "0" and nhs_number_is_valid(digits):
                    hits.append((m.start(), KIND_POSSIBLE_NHS_NUMBER, None))

        # 3. dates of birth
        if dates and has_digits and self._dob_dm:
            self._find_dates(lower, cased, toks, starts, ends, hits, context, name_hits.keys())

        return self._collect(hits)

    def _name_join_ok(self, e: _Entry, loose: bool, toks, i: int, j: int) -> bool:
        if e.exact:  # "M Arch" may be written "M. Arch" but "march" is not "Arch M" reversed
            return tuple(toks[i : j + 1]) == e.tokens
        if not loose:
            return True  # one token, or pieces joined by hyphen/apostrophe/dot/soft break
        pieces = tuple(toks[i : j + 1])
        if pieces == e.tokens:
            return True  # the name's own words: "Zeph Q", "van der Berg"
        key_len = sum(map(len, pieces))
        if key_len >= 5 and all(len(p) == 1 for p in pieces):
            return True  # letter-spaced: "Q u o c k e r w o d g e r"
        # "Quocker wodger": a long name split by a space -- but only when no piece is an
        # ordinary word ("black wood" is not "Blackwood", "fair weather" is not "Fairweather").
        return key_len >= 8 and len(pieces) <= 3 and not any(p in self._common_words for p in pieces)

    def _resolve_names(self, idx, cats, toks, starts, lower, ends, cased):
        """The single strongest name finding for one child: (position, kind, idx) or None."""
        given = cats.get(_C_GIVEN, [])
        family = cats.get(_C_FAMILY, [])

        def gap_has_apostrophe(j):  # gap before token j
            return any(c in "'\u2019`" for c in lower[ends[j - 1] : starts[j]])

        # full name: given and family within two tokens (middle names, "Smith, Jayden")
        for gi, gj, _ in given:
            for fi, fj, fe in family:
                between = fi - gj - 1 if fi > gj else gi - fj - 1
                if 0 <= between <= (2 if fe.strong else 1):
                    return (starts[min(gi, fi)], KIND_FULL_NAME, idx)
        aliases = cats.get(_C_ALIAS, []) + cats.get(_C_ALIAS_TOKEN, [])
        for i, _j, e in aliases:
            if e.strong:
                return (starts[i], KIND_ALIAS, idx)
        # given name followed by the family initial: "Jayden S." (not the possessive "Jayden's")
        f_init = self._family_initials[idx]
        for gi, gj, _ in given:
            k = gj + 1
            if (
                k < len(toks)
                and len(toks[k]) == 1
                and toks[k] in f_init
                and not gap_has_apostrophe(k)
                and _gap_kind(lower[ends[k - 1] : starts[k]]) != _GAP_BREAK
            ):
                return (starts[gi], KIND_GIVEN_AND_INITIAL, idx)
        # family name alone: always, unless it is an ordinary word written in lower case
        g_init = self._given_initials[idx]
        for fi, _fj, fe in family:
            if fe.strong or cased is None or not cased[starts[fi]].islower():
                return (starts[fi], KIND_FAMILY_NAME, idx)
            if fi > 0 and len(toks[fi - 1]) == 1 and toks[fi - 1] in g_init:  # "j. hill"
                return (starts[fi - 1], KIND_FAMILY_NAME, idx)
        # given name alone: only a distinctive one
        for gi, _gj, ge in given:
            if ge.strong:
                return (starts[gi], KIND_GIVEN_NAME, idx)
        return None

    def _find_dates(self, lower, cased, toks, starts, ends, hits, context, named) -> None:
        date_hits = []
        for m in _DATE_RE.finditer(lower):
            for d, mo, y, ylen in _date_candidates(m):
                if y is None:
                    ids, is_dm = self._dob_dm.get((d, mo)), True
                elif ylen == 4:
                    ids, is_dm = self._dob_full.get((d, mo, y)), False
                else:
                    ids, is_dm = self._dob_full2.get((d, mo, y)), False
                if ids:
                    for idx in ids:
                        date_hits.append((m.start(), m.end(), idx, is_dm))
        if not date_hits:
            return
        # other identifiers of the same child in this text (even a common given name)
        others = {idx for _, _, idx in hits if idx is not None} | set(named)
        context_cue = None

        def window(a: int, b: int) -> list[str]:
            # An ordinary two-letter word ("on", "at") only counts as initials in capitals ("ON").
            out = []
            for k in range(max(a, 0), min(b, len(toks))):
                t = toks[k]
                if (
                    len(t) > 1
                    and t in self._common_words
                    and (cased is None or not cased[starts[k] : ends[k]].isupper())
                ):
                    t = "\x00\x00"
                out.append(t)
            return out

        for ds, de, idx, is_dm in date_hits:
            k = bisect.bisect_right(ends, ds)
            k2 = bisect.bisect_left(starts, de)
            before, after = window(k - _DATE_WINDOW, k), window(k2, k2 + _DATE_WINDOW)
            inits = self._initials[idx]
            if inits and (
                _has_letter_run(before, inits, self._max_initials)
                or _has_letter_run(after, inits, self._max_initials)
            ):
                hits.append((ds, KIND_INITIALS_WITH_DOB, idx))
            elif not is_dm:
                hits.append((ds, KIND_DATE_OF_BIRTH, idx))
            elif self.day_month == "always" or idx in others:
                hits.append((ds, KIND_DAY_MONTH_OF_BIRTH, idx))
            else:
                if context_cue is None:
                    context_cue = self._birth_cue(_TOKEN_RE.findall(_fold(context or "").casefold()))
                if (
                    context_cue
                    or self._birth_cue(toks[max(0, k - _DATE_WINDOW) : k])
                    or self._birth_cue(toks[k2 : k2 + _DATE_WINDOW])
                ):
                    hits.append((ds, KIND_DAY_MONTH_OF_BIRTH, idx))

    @staticmethod
    def _birth_cue(seq: Sequence[str]) -> bool:
        return any(t in _BIRTH_CUES for t in seq) or _has_letter_run(seq, frozenset({"dob"}), 3)

    def _collect(self, hits) -> list[Match]:
        best_name: dict[int, tuple[int, str]] = {}
        best_date: dict[int, tuple[int, str]] = {}
        other: dict[tuple[str, int | None], int] = {}
        for pos, kind, idx in hits:
            if kind in _NAME_RANK:
                cur = best_name.get(idx)
                if cur is None or _NAME_RANK[kind] < _NAME_RANK[cur[1]]:
                    best_name[idx] = (pos, kind)
            elif kind in _DATE_RANK:
                cur = best_date.get(idx)
                if cur is None or (_DATE_RANK[kind], pos) < (_DATE_RANK[cur[1]], cur[0]):
                    best_date[idx] = (pos, kind)
            else:
                key = (kind, idx)
                if key not in other or pos < other[key]:
                    other[key] = pos
        rows = [(pos, kind, idx) for idx, (pos, kind) in best_name.items()]
        rows += [(pos, kind, idx) for idx, (pos, kind) in best_date.items()]
        rows += [(pos, kind, idx) for (kind, idx), pos in other.items()]
        rows.sort(key=lambda r: (r[0], r[1], -1 if r[2] is None else r[2]))
        return [
            Match(kind, None if idx is None else self.identities[idx].record_label) for _, kind, idx in rows
        ]

    def check_fields(self, fields: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[Finding]:
        """Check each field on its own.  Accepts a mapping or (label, text) pairs."""
        items = fields.items() if isinstance(fields, Mapping) else fields
        out: list[Finding] = []
        for label, value in items:
            for m in self.find(value, context=label):
                out.append((label, m))
        return out

    def check_table(
        self,
        label: str,
        rows: Iterable[Iterable[object]],
        *,
        header: Sequence[str] | None = None,
    ) -> list[Finding]:
        """Check each cell on its own -- cells are never joined.  Labels name row and column."""
        out: list[Finding] = []
        for r, row in enumerate(rows, start=1):
            for c, cell in enumerate(row, start=1):
                column = header[c - 1] if header and c <= len(header) else None
                found = self.find(cell, context=column or "")
                if found:
                    where = f"{label}, row {r}, " + (column if column else f"column {c}")
                    out.extend((where, m) for m in found)
        return out

    @staticmethod
    def messages(findings: Iterable[Finding]) -> list[str]:
        """``["Background: a child's family name from rapid review SIN-2026-01", ...]``."""
        return [m.message(label) for label, m in findings]


# --------------------------------------------------------------------------------------------
# Word lists (lower case, accent-free).  Callers may extend both through the constructor.
# --------------------------------------------------------------------------------------------
# Given names common enough in England that a given name on its own identifies nobody (staff,
# parents and other children share them).  A given name NOT in this list, at least 4 letters
# long and not an ordinary word, is refused on its own ("Zephyrine").
COMMON_GIVEN_NAMES = frozenset(
    [
        "aaron",
        "abdul",
        "abdullah",
        "abigail",
        "abu",
        "adam",
        "adrian",
        "ahmad",
        "ahmed",
        "aidan",
        "aiden",
        "aisha",
        "alan",
        "albert",
        "alex",
        "alexander",
        "alexandra",
        "alfie",
        "ali",
        "alice",
        "alicia",
        "alison",
        "amanda",
        "amber",
        "amelia",
        "amina",
        "amir",
        "amy",
        "andrea",
        "andrew",
        "andy",
        "angela",
        "ann",
        "anna",
        "anne",
        "annie",
        "anthony",
        "archie",
        "arthur",
        "ashley",
        "ava",
        "ayesha",
        "barbara",
        "barry",
        "beatrice",
        "becky",
        "ben",
        "benjamin",
        "beth",
        "bethany",
        "betty",
        "bill",
        "billy",
        "bob",
        "bobby",
        "brandon",
        "brian",
        "callum",
        "cameron",
        "carl",
        "carol",
        "caroline",
        "catherine",
        "charles",
        "charlie",
        "charlotte",
        "chelsea",
        "chloe",
        "chris",
        "christine",
        "christopher",
        "claire",
        "clare",
        "colin",
        "connor",
        "craig",
        "daisy",
        "dan",
        "daniel",
        "danielle",
        "darren",
        "dave",
        "david",
        "dawn",
        "dean",
        "deborah",
        "debbie",
        "declan",
        "denise",
        "derek",
        "diane",
        "dylan",
        "eddie",
        "edward",
        "eleanor",
        "elijah",
        "elizabeth",
        "ella",
        "ellie",
        "elliot",
        "elliott",
        "emily",
        "emma",
        "eric",
        "erin",
        "ethan",
        "eva",
        "evelyn",
        "evie",
        "faith",
        "fatima",
        "finley",
        "finn",
        "florence",
        "frank",
        "frankie",
        "freddie",
        "freya",
        "gail",
        "gareth",
        "gary",
        "gemma",
        "george",
        "georgia",
        "grace",
        "graham",
        "hannah",
        "harley",
        "harper",
        "harriet",
        "harris",
        "harrison",
        "harry",
        "harvey",
        "hassan",
        "hayley",
        "heather",
        "helen",
        "henry",
        "holly",
        "hussain",
        "ian",
        "ibrahim",
        "imran",
        "isaac",
        "isabel",
        "isabella",
        "isabelle",
        "isla",
        "ivy",
        "jack",
        "jackie",
        "jacob",
        "jade",
        "jake",
        "james",
        "jamie",
        "jane",
        "janet",
        "jasmine",
        "jason",
        "jay",
        "jayden",
        "jean",
        "jennifer",
        "jenny",
        "jessica",
        "jill",
        "jim",
        "jo",
        "joanne",
        "joe",
        "joel",
        "john",
        "jonathan",
        "jordan",
        "joseph",
        "josh",
        "joshua",
        "joy",
        "judith",
        "julia",
        "julie",
        "justin",
        "kai",
        "karen",
        "kate",
        "katherine",
        "kathryn",
        "katie",
        "kayden",
        "keith",
        "kelly",
        "ken",
        "kerry",
        "kevin",
        "kieran",
        "kim",
        "kyle",
        "laura",
        "lauren",
        "layla",
        "leah",
        "lee",
        "leo",
        "leon",
        "lewis",
        "liam",
        "lily",
        "linda",
        "lisa",
        "logan",
        "lola",
        "louis",
        "louise",
        "lucas",
        "lucy",
        "luke",
        "lynn",
        "maisie",
        "malik",
        "margaret",
        "maria",
        "mark",
        "martin",
        "mary",
        "maryam",
        "mason",
        "matilda",
        "matthew",
        "max",
        "megan",
        "mia",
        "michael",
        "michelle",
        "mike",
        "millie",
        "mohammad",
        "mohammed",
        "molly",
        "muhammad",
        "nancy",
        "naomi",
        "natalie",
        "nathan",
        "neil",
        "nicholas",
        "nick",
        "nicola",
        "nicole",
        "noah",
        "oliver",
        "olivia",
        "omar",
        "oscar",
        "owen",
        "paige",
        "pamela",
        "patricia",
        "patrick",
        "paul",
        "paula",
        "peter",
        "phil",
        "philip",
        "phoebe",
        "poppy",
        "rachel",
        "rebecca",
        "reece",
        "rhys",
        "richard",
        "riley",
        "rob",
        "robert",
        "robin",
        "ronnie",
        "rose",
        "rosie",
        "ruby",
        "ryan",
        "sam",
        "samantha",
        "samuel",
        "sandra",
        "sara",
        "sarah",
        "scarlett",
        "scott",
        "sean",
        "shaun",
        "sharon",
        "shirley",
        "sienna",
        "simon",
        "sofia",
        "sonny",
        "sophia",
        "sophie",
        "stacey",
        "stephanie",
        "stephen",
        "steve",
        "steven",
        "stuart",
        "sue",
        "susan",
        "tania",
        "teddy",
        "terry",
        "theo",
        "theodore",
        "thomas",
        "tim",
        "timothy",
        "toby",
        "tom",
        "tommy",
        "tony",
        "tracey",
        "tracy",
        "tyler",
        "usman",
        "victoria",
        "vincent",
        "wayne",
        "william",
        "willow",
        "yasmin",
        "yusuf",
        "zac",
        "zachary",
        "zain",
        "zara",
        "zoe",
    ]
)

# Ordinary words that are also names (or pieces of names).  A family name in this list on its
# own is refused only when written with a capital ("the Hill family", not "up the hill"); a given
# name in this list is never refused on its own; a long name split by a space ("black wood") is
# not joined back when every piece is an ordinary word.
COMMON_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "again",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "april",
        "are",
        "as",
        "at",
        "august",
        "autumn",
        "away",
        "back",
        "bacon",
        "baker",
        "ball",
        "bank",
        "banks",
        "bar",
        "barn",
        "bay",
        "be",
        "beach",
        "bear",
        "bell",
        "best",
        "big",
        "bird",
        "black",
        "blue",
        "boat",
        "bond",
        "bone",
        "boy",
        "bridge",
        "bright",
        "brook",
        "brooks",
        "brown",
        "buck",
        "bull",
        "bush",
        "but",
        "butcher",
        "butler",
        "by",
        "can",
        "cannon",
        "cap",
        "card",
        "care",
        "carpenter",
        "carter",
        "case",
        "castle",
        "chambers",
        "chance",
        "chase",
        "cheek",
        "child",
        "church",
        "clay",
        "cliff",
        "close",
        "coal",
        "cook",
        "cooper",
        "corner",
        "cotton",
        "court",
        "cross",
        "crow",
        "crown",
        "dale",
        "dawn",
        "day",
        "days",
        "de",
        "dean",
        "deer",
        "dove",
        "down",
        "drake",
        "duke",
        "earl",
        "east",
        "english",
        "faith",
        "fair",
        "farmer",
        "field",
        "fields",
        "finch",
        "fish",
        "fisher",
        "fletcher",
        "flower",
        "ford",
        "forest",
        "fox",
        "frank",
        "free",
        "friend",
        "frost",
        "gale",
        "gardener",
        "gate",
        "gates",
        "gift",
        "glass",
        "gold",
        "good",
        "grace",
        "grant",
        "gray",
        "green",
        "grey",
        "grove",
        "guest",
        "hall",
        "ham",
        "hand",
        "hardy",
        "hare",
        "harper",
        "hart",
        "hawk",
        "head",
        "heart",
        "hedge",
        "hill",
        "hills",
        "hole",
        "holly",
        "home",
        "hood",
        "hope",
        "horn",
        "house",
        "hunter",
        "ivy",
        "jay",
        "jewel",
        "joy",
        "june",
        "just",
        "keen",
        "king",
        "knight",
        "lake",
        "lamb",
        "land",
        "lane",
        "law",
        "lawn",
        "lea",
        "lee",
        "light",
        "little",
        "lock",
        "long",
        "lord",
        "love",
        "low",
        "major",
        "march",
        "marsh",
        "mason",
        "may",
        "mark",
        "mill",
        "miller",
        "mills",
        "moon",
        "moor",
        "moss",
        "mother",
        "new",
        "nice",
        "noble",
        "north",
        "oak",
        "old",
        "page",
        "palmer",
        "park",
        "parks",
        "pass",
        "peace",
        "pearl",
        "penny",
        "pike",
        "pine",
        "pit",
        "plant",
        "pool",
        "pope",
        "porter",
        "potter",
        "power",
        "price",
        "pride",
        "pound",
        "rain",
        "ray",
        "read",
        "reed",
        "rice",
        "rich",
        "ridge",
        "rider",
        "ring",
        "river",
        "rivers",
        "robin",
        "rock",
        "rose",
        "rush",
        "sage",
        "salt",
        "sands",
        "savage",
        "sea",
        "sharp",
        "shepherd",
        "ship",
        "short",
        "silver",
        "sky",
        "small",
        "smart",
        "snow",
        "south",
        "spring",
        "stone",
        "storm",
        "strong",
        "summer",
        "sun",
        "swan",
        "sweet",
        "the",
        "tower",
        "town",
        "tree",
        "turner",
        "vale",
        "wall",
        "walker",
        "ward",
        "warren",
        "water",
        "waters",
        "way",
        "weaver",
        "well",
        "wells",
        "west",
        "white",
        "wild",
        "will",
        "winter",
        "wise",
        "wolf",
        "wood",
        "woods",
        "worth",
        "wren",
        "young",
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "she",
        "that",
        "the",
        "their",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "which",
        "who",
        "will",
        "with",
        "you",
        "your",
        "am",
        "do",
        "go",
        "hi",
        "id",
        "if",
        "me",
        "my",
        "no",
        "ok",
        "oh",
        "so",
        "up",
        "us",
        "able",
        "above",
        "act",
        "add",
        "age",
        "ago",
        "air",
        "also",
        "area",
        "arm",
        "art",
        "ask",
        "bad",
        "bed",
        "big",
        "bit",
        "body",
        "book",
        "born",
        "box",
        "break",
        "bring",
        "call",
        "came",
        "car",
        "carry",
        "cause",
        "centre",
        "check",
        "child",
        "children",
        "city",
        "class",
        "clear",
        "cold",
        "come",
        "common",
        "could",
        "cut",
        "dark",
        "dear",
        "did",
        "die",
        "do",
        "does",
        "done",
        "door",
        "draw",
        "dress",
        "drive",
        "dry",
        "each",
        "early",
        "earth",
        "eat",
        "end",
        "even",
        "ever",
        "eye",
        "face",
        "fact",
        "fall",
        "family",
        "far",
        "father",
        "feel",
        "few",
        "fill",
        "find",
        "fine",
        "fire",
        "first",
        "fit",
        "five",
        "flat",
        "follow",
        "food",
        "foot",
        "form",
        "four",
        "full",
        "game",
        "gave",
        "get",
        "girl",
        "give",
        "go",
        "gone",
        "great",
        "ground",
        "group",
        "grow",
        "had",
        "half",
        "happy",
        "hard",
        "help",
        "her",
        "here",
        "high",
        "him",
        "hold",
        "hot",
        "hour",
        "how",
        "idea",
        "if",
        "into",
        "job",
        "keep",
        "kind",
        "knew",
        "know",
        "large",
        "last",
        "late",
        "lay",
        "lead",
        "learn",
        "left",
        "less",
        "let",
        "life",
        "like",
        "line",
        "list",
        "live",
        "look",
        "lot",
        "made",
        "main",
        "make",
        "man",
        "many",
        "me",
        "mean",
        "meet",
        "men",
        "might",
        "mind",
        "miss",
        "money",
        "more",
        "most",
        "move",
        "much",
        "must",
        "name",
        "near",
        "need",
        "never",
        "next",
        "night",
        "no",
        "none",
        "note",
        "now",
        "number",
        "off",
        "office",
        "often",
        "on",
        "once",
        "one",
        "only",
        "open",
        "order",
        "other",
        "our",
        "out",
        "over",
        "own",
        "pair",
        "part",
        "past",
        "pay",
        "people",
        "place",
        "plan",
        "play",
        "point",
        "police",
        "poor",
        "post",
        "put",
        "quite",
        "rather",
        "real",
        "rest",
        "right",
        "road",
        "room",
        "round",
        "run",
        "said",
        "same",
        "saw",
        "say",
        "school",
        "see",
        "seen",
        "self",
        "send",
        "set",
        "shall",
        "she",
        "should",
        "show",
        "side",
        "sign",
        "since",
        "sit",
        "six",
        "so",
        "some",
        "son",
        "soon",
        "sound",
        "stand",
        "start",
        "state",
        "stay",
        "step",
        "still",
        "stop",
        "story",
        "such",
        "sure",
        "take",
        "talk",
        "team",
        "tell",
        "ten",
        "than",
        "then",
        "there",
        "these",
        "thing",
        "think",
        "three",
        "through",
        "time",
        "today",
        "told",
        "too",
        "took",
        "top",
        "turn",
        "two",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "use",
        "very",
        "view",
        "visit",
        "wait",
        "walk",
        "want",
        "warm",
        "was",
        "watch",
        "week",
        "went",
        "what",
        "when",
        "where",
        "while",
        "whole",
        "why",
        "wide",
        "wife",
        "wish",
        "within",
        "without",
        "woman",
        "word",
        "work",
        "world",
        "would",
        "write",
        "year",
        "yes",
        "yet",
    ]
)
