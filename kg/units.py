"""Reported units -> a base unit and a scale, so "111,919 CNY 10,000" equals "CNY 1,119.19 million"; a
table cell -> its figure and the unit printed with it ("€7.2 bn", "21 Mt", "4,0x")."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.resources import files

VOCABULARY = json.loads((files("kg") / "units.json").read_text(encoding="utf-8"))
SCALE_WORDS: dict[str, float] = VOCABULARY["scales"]
CURRENCY_SCALES: dict[str, float] = VOCABULARY["currency_scales"]
# the words a unit is written with: "(TWh)", "(mt CO2 eq)", "(kg CO2/MWh)", "(no.)", "(€ bn)", "21 Mt", "4.0x"
UNIT_TOKENS = frozenset(VOCABULARY["unit_words"])
CURRENCIES = frozenset(c.lower() for c in VOCABULARY["currencies"])

NUMBER = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?")
FOOTNOTE = re.compile(r"\s*\[[A-Z0-9]{1,2}\]")
# footnote marks closing a row label or a title: "[A]", "(5)", "(a)", "*", possibly several
LABEL_NOTES = re.compile(r"(?:\s*(?:\[[A-Z0-9]{1,2}\]|\(\d{1,2}\)|\([a-z]\)|\*{1,3}))+\s*$")
BOUND = re.compile(r"^(≥|>=|≤|<=|>|<|over|above|under|below|more than|less than|at least|approximately|about|around|~)\s*", re.I)
NO_FIGURE = {"–", "-", "—", "/", "n/a", "N/A", "NA", "nd", "n.d.", "NO", "No", "None", "×", "✓"}

# one figure: "1,234.5", "(12)" (negative), "4,0" (a decimal comma: never three digits after it)
_FIGURE = r"\(?[-+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+|,\d{1,2})?)\)?"
# a currency before the figure ("€", "US$", "CNY "), and words after it that do not start with a digit
_CURRENCY = "|".join(re.escape(c) for c in sorted(VOCABULARY["currencies"], key=len, reverse=True))
_UNIT = r"[^\s\d()–—-][^\s()–—-]*(?:[ /-]+[^\s\d()–—-][^\s()–—-]*)*"
CELL = re.compile(rf"^(?P<pre>{_CURRENCY})?\s*(?P<a>{_FIGURE})\s*(?P<ua>{_UNIT})?"
                  rf"(?:\s*(?:to|-|–|—)\s*(?P<pre2>{_CURRENCY})?\s*(?P<b>{_FIGURE})\s*(?P<ub>{_UNIT})?)?$")


@dataclass(frozen=True)
class Reading:
    """What a cell says: its figure (None with the reason when it has none), a bound or range note, the
    figure as printed and the unit printed beside it ("" when the cell has none)."""
    value: float | None
    note: str | None = None
    reason: str = ""
    printed: str = ""
    unit: str = ""

    @property
    def percent(self) -> bool:
        return self.unit == "%"


def _unit_word(w: str) -> bool:
    return w in UNIT_TOKENS or w.strip(".") in UNIT_TOKENS or bool(re.fullmatch(r"[a-z]?co[2₂]-?e?q?", w))


def _cell_unit(text: str | None) -> bool:
    words = [w for w in re.split(r"[\s/]+", (text or "").lower()) if w]
    return all(_unit_word(w) or w in CURRENCIES for w in words)


def _figure(text: str) -> float:
    neg = text.startswith("(") and text.endswith(")")
    digits = text.strip("()")
    digits = digits.replace(",", ".") if re.search(r",\d{1,2}$", digits) else digits.replace(",", "")
    return -float(digits) if neg else float(digits)


def parse_value(cell: str) -> Reading:
    """A cell's figure and the unit printed with it.  Never invents a value: words are skipped, and a
    range ("18–28", "€9-10bn") is read as its low end with the range as the note."""
    c = FOOTNOTE.sub("", cell.replace("**", "")).strip()
    if not c:
        return Reading(None, reason="empty cell")
    if c in NO_FIGURE:
        return Reading(None, reason=f"no figure ({c})")
    note = None
    m = BOUND.match(c)
    if m:
        note = m.group(1)
        c = c[m.end():]
    m = CELL.match(c)
    if not m or not _cell_unit(m.group("ua")) or not _cell_unit(m.group("ub")):
        return Reading(None, reason="range" if re.search(r"\d\s*(to|-|–)\s*\d", c) else "not a number")
    pre = (m.group("pre") or m.group("pre2") or "").strip()
    ua, ub = m.group("ua") or "", m.group("ub") or ""
    if ua and ub and ua != ub:
        return Reading(None, reason="range of two units")
    unit = f"{pre} {ub or ua}".strip()
    if not m.group("b"):
        return Reading(_figure(m.group("a")), note, printed=m.group("a").strip("()"), unit=unit)
    low, high = _figure(m.group("a")), _figure(m.group("b"))
    if low > high:
        return Reading(None, reason="range")
    span = f"{m.group('a')}–{m.group('b')}"
    return Reading(low, f"range {span}", printed=span, unit=unit)


def merge_units(row: str, cell: str) -> str:
    """A figure's unit: the one printed in its cell wins over the row's, and over none; the row's is kept
    when it says the same more fully ("Mt" in a row of "mt CO2 eq", "%" in one of "% women")."""
    if not cell or not row:
        return cell or row
    words = [set(re.split(r"[\s/]+", u.lower())) - {""} for u in (cell, row)]
    return row if words[0] <= words[1] else cell


def normalise(value: float, unit: str, is_percent: bool = False) -> tuple[float, str]:
    """Value in a base unit: CNY 10,000 -> CNY, '0000 kWh -> kWh, million tonnes -> t, % stays percent."""
    u = re.sub(r"\s*;\s*", " ", (unit or "")).strip()
    low = u.lower().replace("₂", "2")
    if is_percent or low in ("%", "percent", "percentage"):
        return value, "percent"
    scale = 1.0
    base = u
    m = re.match(r"^(?:'0000|10,000|ten thousand)\s*(.*)$", low)
    m2 = re.match(r"^(.*?)\s*(?:10,000|'0000)$", low)
    if m and m.group(1) and "/" not in low:
        scale, base = 1e4, u[len(u) - len(m.group(1)):]
    elif m2 and m2.group(1) and "/" not in low:
        scale, base = 1e4, u[: len(m2.group(1))]
    else:
        for word, s in SCALE_WORDS.items():
            mm = re.search(rf"\b{word}\b\s*", low)
            if mm and "/" not in low[: mm.start()] and not re.search(r"\bper\s*$", low[: mm.start()]):
                scale, base = s, (u[: mm.start()] + u[mm.end():]).strip()
                break
        else:    # "€ m", "$ k": beside a currency an abbreviation is a magnitude
            if any(w in CURRENCIES for w in re.split(r"[\s/]+", low)):
                for word, s in CURRENCY_SCALES.items():
                    mm = re.search(rf"(?:^|\s){word}(?=$|[\s/])", low)
                    if mm:
                        scale, base = s, re.sub(r"\s+/", "/", (u[: mm.start()] + " " + u[mm.end():]).strip())
                        break
    b = base.strip().lower()
    if b in ("tonnes", "tonne", "tons", "ton", "t", "metric tons"):
        base = "t"
    elif b.startswith("tonnes ") or b.startswith("tons "):
        base = "t " + base.split(" ", 1)[1]
    elif b in ("litre", "litres", "liter", "liters", "l"):
        base = "L"
    return value * scale, base.strip() or ("number" if scale != 1.0 else u)


def _is_unit(text: str) -> bool:
    words = [w for w in re.split(r"[\s/,]+|(?<=[a-z])-(?=[a-z])", text.strip().lower()) if w]
    return 0 < len(words) <= 6 and not all(re.fullmatch(r"[\d.,]+", w) for w in words) \
        and all(_unit_word(w) or re.fullmatch(r"[\d.,]+", w) for w in words)


def unit_from_label(label: str) -> tuple[str, str]:
    """A unit written into a row label or title: "Employees (thousand)" -> ("Employees", "thousand"),
    "Electricity production (TWh)" -> ("Electricity production", "TWh")."""
    m = re.search(r"\(([^()]*(?:\$|€|£|tonnes|thousand|million|billion|%|kWh|MWh|GJ|CNY|USD|m³|m3)[^()]*)\)\s*$", label)
    if not m:
        m = re.search(r"\(([^()]{1,40})\)\s*$", label)
        if m and not _is_unit(m.group(1)):
            m = None
    if m and label[: m.start()].strip():
        return label[: m.start()].strip(), m.group(1).strip()
    return label, ""
