"""Periods a question asks about, in every spelling reports and analysts use.

Calendar years (2022), fiscal years (FY2022, FY22, FY 2022, fiscal 2022, financial year 2022,
2021/22 and 2021-22: a fiscal year is named by the calendar year it ends in), ranges (2018-2020,
FY2017-FY2020, between 2018 and 2020, from 2022 to 2024), and years relative to the report's own
("last year", "this year", "the past three years", "year on year", "since 2019"), or to the year the
question names ("in 2020 compared with the previous year").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import thresholds as T

NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_FY = r"(?:FY|F\.Y\.|fiscal(?:\s+year)?|financial\s+year)\s*'?"
# one period: FY2022 / FY22 / fiscal 2022 / 2021/22 / 2021-22 / 2022 / the 2022 financial year
_ONE = (rf"(?:{_FY}(?P<fy{{n}}>(?:19|20)\d{{{{2}}}}|\d{{{{2}}}})\b"
        rf"|(?P<split{{n}}>(?:19|20)\d{{{{2}}}})\s*[/–-]\s*(?P<end{{n}}>\d{{{{2}}}})\b(?![/–-]?\d)"
        rf"|(?P<cal{{n}}>(?:19|20)\d{{{{2}}}})\b)")


def _one(n: int) -> str:
    return _ONE.format(n=n).replace("{{2}}", "{2}")


PERIOD = re.compile(_one(1), re.I)
RANGE = re.compile(rf"(?:\bbetween\s+|\bfrom\s+)?(?<![\w/])(?:{_one(1)})\s*(?:-|–|—|to|through|thru|until|and)\s*"
                   rf"(?:FY\s*'?)?(?:{_one(2)})", re.I)
RELATIVE_SPAN = re.compile(r"\b(?:last|past|previous|recent|over(?: the)?)\s+(\d+|two|three|four|five|six|seven|eight|"
                           r"nine|ten)\s+(?:fiscal\s+|financial\s+|reporting\s+)?years\b", re.I)
LAST_YEAR = re.compile(r"\b(last|previous|prior|preceding)\s+(fiscal\s+|financial\s+|reporting\s+)?year\b", re.I)
THIS_YEAR = re.compile(r"\b(this|current|the reporting|the report(?:ed)?)\s+(fiscal\s+|financial\s+)?year\b", re.I)
YEAR_ON_YEAR = re.compile(r"\byear[- ](?:on|over|to)[- ]year\b|\byoy\b", re.I)
FISCAL_WORDS = re.compile(r"\b(?:fiscal|financial)\s+year\b", re.I)
SINCE = re.compile(rf"\bsince\s+(?:{_one(1)})", re.I)


@dataclass
class Periods:
    years: list[int] = field(default_factory=list)
    span: bool = False          # a range or span was asked ("from 2022 to 2024", "the past three years")
    compare: bool = False       # a change between two periods ("year on year", "since 2019")
    text: str = ""              # the question with every period expression blanked out


def _year(m: re.Match, n: int) -> int | None:
    g = m.groupdict()
    if g.get(f"fy{n}"):
        y = g[f"fy{n}"]
        return int(y) if len(y) == 4 else 2000 + int(y)
    if g.get(f"split{n}"):
        start, end = int(g[f"split{n}"]), int(g[f"end{n}"])
        full = start // 100 * 100 + end
        return full if full == start + 1 else None         # "2021/22" names one fiscal year; "2021-25" is a range
    if g.get(f"cal{n}"):
        return int(g[f"cal{n}"])
    return None


def _range_end(m: re.Match) -> tuple[int, int] | None:
    a = _year(m, 1)
    g = m.groupdict()
    if a is None and g.get("split1"):                  # "2021-25": a range written with a short end
        a, b = int(g["split1"]), int(g["split1"]) // 100 * 100 + int(g["end1"])
        return (a, b) if a < b else None
    b = _year(m, 2)
    return (a, b) if a and b else None


def parse_periods(text: str, report_year: int | None = None) -> Periods:
    out = Periods(text=text)
    years: set[int] = set()
    rest = text
    for m in RANGE.finditer(text):
        ab = _range_end(m)
        if ab is None:
            continue
        a, b = sorted(ab)
        joined = m.group(0).lower()
        if 0 < b - a <= T.MAX_RANGE_YEARS and not re.search(r"\band\b", joined) or joined.startswith("between"):
            years.update(range(a, b + 1))
            out.span = True
        else:
            years.update((a, b))
        rest = rest.replace(m.group(0), " ")
    for m in SINCE.finditer(rest):
        y = _year(m, 1)
        if y and report_year and y < report_year:
            years.update((y, report_year))
            out.compare = True
            rest = rest.replace(m.group(0), " ")
    for m in PERIOD.finditer(rest):
        y = _year(m, 1)
        if y:
            years.add(y)
    rest = PERIOD.sub(lambda m: " " if _year(m, 1) else m.group(0), rest)
    if len(years) == 1 and LAST_YEAR.search(rest):
        # "in 2020 compared with the previous year": the year before the one named
        years.add(min(years) - 1)
        out.compare = True
    if not years and report_year:
        span = RELATIVE_SPAN.search(rest)
        if span:
            n = NUMBER_WORDS.get(span.group(1).lower()) or int(span.group(1))
            years.update(range(report_year - n + 1, report_year + 1))
            out.span = True
        elif YEAR_ON_YEAR.search(rest):
            years.update((report_year - 1, report_year))
            out.compare = True
        elif LAST_YEAR.search(rest):
            years.add(report_year - 1)
        elif THIS_YEAR.search(rest):
            years.add(report_year)
    for pattern in (RELATIVE_SPAN, YEAR_ON_YEAR, LAST_YEAR, THIS_YEAR, FISCAL_WORDS):
        rest = pattern.sub(" ", rest)
    out.years = sorted(years)
    out.text = re.sub(r"\s+", " ", rest)
    return out


def years_in(text: str) -> set[int]:
    """Every year a passage names, in any spelling (2020, FY2020, FY20, 2019/20, FY2017-FY2020)."""
    return set(parse_periods(text).years)
