"""Reported units -> a base unit and a scale, so "111,919 CNY 10,000" equals "CNY 1,119.19 million"."""
from __future__ import annotations

import re

NUMBER = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?")
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mn": 1e6, "bn": 1e9}
FOOTNOTE = re.compile(r"\s*\[[A-Z0-9]{1,2}\]")
# footnote marks closing a row label or a title: "[A]", "(5)", "(a)", "*", possibly several
LABEL_NOTES = re.compile(r"(?:\s*(?:\[[A-Z0-9]{1,2}\]|\(\d{1,2}\)|\([a-z]\)|\*{1,3}))+\s*$")
RANGE = re.compile(r"^([-+]?[\d,]*\.?\d+)\s*(?:to|-|–|—)\s*([-+]?[\d,]*\.?\d+)$")
BOUND = re.compile(r"^(≥|>=|≤|<=|>|<|over|above|under|below|more than|less than|at least|approximately|about|around|~)\s*", re.I)


def parse_value(cell: str) -> tuple[float | None, str | None, str]:
    """(value, bound or note, skip reason).  Never invents a value: ranges and words are skipped."""
    c = FOOTNOTE.sub("", cell.replace("**", "")).strip()
    if not c:
        return None, None, "empty cell"
    if c in {"–", "-", "—", "/", "n/a", "N/A", "NA", "nd", "n.d.", "NO", "No", "None", "×", "✓"}:
        return None, None, f"no figure ({c})"
    note = None
    m = BOUND.match(c)
    if m:
        note = m.group(1)
        c = c[m.end():]
    c = c.rstrip("%").strip()
    r = RANGE.match(c)
    if r:   # a range ("18–28", "205.6-322.6"): its low end is the value, the range is the note
        low, high = (float(x.replace(",", "")) for x in r.groups())
        if low <= high:
            return low, f"range {r.group(1)}–{r.group(2)}", ""
        return None, None, "range"
    if re.search(r"\d\s*(to|-|–)\s*\d", c) and not re.fullmatch(r"[-+]?[\d,.]+", c):
        return None, None, "range"
    if not re.fullmatch(r"\(?[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?", c):
        return None, None, "not a number"
    neg = c.startswith("(") and c.endswith(")")
    x = float(c.strip("()").replace(",", ""))
    return (-x if neg else x), note, ""


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
    b = base.strip().lower()
    if b in ("tonnes", "tonne", "tons", "ton", "t", "metric tons"):
        base = "t"
    elif b.startswith("tonnes ") or b.startswith("tons "):
        base = "t " + base.split(" ", 1)[1]
    elif b in ("litre", "litres", "liter", "liters", "l"):
        base = "L"
    return value * scale, base.strip() or ("number" if scale != 1.0 else u)


# the words a unit is written with in a label's closing brackets: "(TWh)", "(mt CO2 eq)", "(kg CO2/MWh)",
# "(no.)", "(€ bn)"; a bracket of other words ("(location based)", "(employees)") is a qualifier, not a unit
UNIT_TOKENS = frozenset("""
t kt mt gt tonnes tonne tons ton metric tco2 tco2e tco2eq co2 co2e co2eq co2-e eq e ch4 n2o nox sox so2 ghg
w kw mw gw tw wh kwh mwh gwh twh pwh mwheq kwp mwp gj tj pj mj boe mboe mmboe bbl kbbl mcf bcf
m m2 m3 mm3 km km2 ha hm3 ml l litres litre liters liter megalitres megaliters gallons kg g mg
% percent pct no no. nr number count # ratio
€ $ £ ¥ us$ usd eur gbp cny rmb chf aud cad jpy bn mn m million billion thousand k '000 ‘000 000s
hours hrs days years per sq ft
""".split())


def _is_unit(text: str) -> bool:
    words = [w for w in re.split(r"[\s/,]+|(?<=[a-z])-(?=[a-z])", text.strip().lower()) if w]
    return 0 < len(words) <= 6 and not all(re.fullmatch(r"[\d.,]+", w) for w in words) and all(w in UNIT_TOKENS or w.strip(".") in UNIT_TOKENS
                                       or re.fullmatch(r"[\d.,]+|[a-z]?co[2₂]-?e?q?", w) for w in words)


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
