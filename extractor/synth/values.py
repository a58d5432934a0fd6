"""Agency profiles and table values that obey the template's arithmetic.

The numbers are drawn so that a township looks like a township (mostly zeros) and a big city
like a big city (thousands), because an extractor tuned on uniform random numbers learns nothing
about the skew it meets in real reports. Relations R1–R4 hold by construction; `break_relation`
then spoils exactly one of them on purpose.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from extractor import schema

Number = int | float
Values = dict[str, dict[str, Number | None]]
ProfileKind = Literal["township", "county", "city"]

_PLACE_CHARS = "青溪安平丰宁川河源阳林泉华康江沙岭石桥云桐梅柳湖新清临永昌盛兴和嘉瑞泰远"
_TOWN_SUFFIX = ("镇人民政府", "乡人民政府", "街道办事处")
_TOWN_NAMES = ("长岭", "白沙", "石门", "柳营", "东坪", "桃园", "新集", "梅岗", "双河", "杨庄", "龙口", "七里")
_COUNTY_BODIES = (
    "人民政府", "人民政府办公室", "市场监督管理局", "自然资源局", "教育局", "卫生健康委员会",
    "人力资源和社会保障局", "住房和城乡建设局", "交通运输局", "农业农村局", "应急管理局", "司法局",
)
_CITY_BODIES = ("人民政府", "公安局", "自然资源和规划局", "生态环境局", "市场监督管理局", "人民政府办公厅")


@dataclass(frozen=True)
class Profile:
    """Who publishes the report: it sets the scale of every number and the tone of the prose."""

    kind: ProfileKind
    agency: str
    place: str  # the short local name used in app names such as "云上青溪"


def make_profile(rng: random.Random) -> Profile:
    """An invented agency: the names are built from syllables, never taken from a real report."""
    kind: ProfileKind = rng.choice(("township", "township", "county", "county", "city"))
    place = "".join(rng.sample(_PLACE_CHARS, 2))
    if kind == "township":
        county = place + rng.choice(("县", "区", "市"))
        agency = county + rng.choice(_TOWN_NAMES) + rng.choice(_TOWN_SUFFIX)
    elif kind == "county":
        agency = place + rng.choice(("县", "区")) + rng.choice(_COUNTY_BODIES)
    else:
        agency = place + "市" + rng.choice(_CITY_BODIES)
    return Profile(kind=kind, agency=agency, place=place)


def _scaled(rng: random.Random, kind: ProfileKind, township: int, county: int, city: int) -> int:
    """A skewed count whose ceiling depends on the profile; townships are zero half the time."""
    top = {"township": township, "county": county, "city": city}[kind]
    if top == 0 or (kind == "township" and rng.random() < 0.5):
        return 0
    return int(top * rng.random() ** 2)


def _money(rng: random.Random, top: float, places: int) -> float:
    return round(top * rng.random() ** 2, places)


def proactive_values(rng: random.Random, template: schema.TemplateVersion, p: Profile,
                     in_force_before: dict[str, int] | None = None) -> Values:
    """Table 2 for one template; money stays a float, counts stay ints, items_change may be < 0.

    `in_force_before` (last year's 现行有效件数 per row, 2021 template) makes R7 hold across years."""
    k = p.kind
    out: Values = {}
    if template == "2021":
        for row in ("regulations", "normative_docs"):
            top = (0, 0, 12) if row == "regulations" else (3, 15, 60)
            issued = _scaled(rng, k, *top)
            repealed = _scaled(rng, k, *top) // 2
            in_force = issued + _scaled(rng, k, top[0] * 4, top[1] * 6, top[2] * 8)
            if in_force_before is not None:
                repealed = min(repealed, in_force_before[row] + issued)
                in_force = in_force_before[row] + issued - repealed
            out[row] = {"issued": issued, "repealed": repealed, "in_force": in_force}
        out["admin_license"] = {"decisions": _scaled(rng, k, 40, 5000, 300000)}
        out["admin_penalty"] = {"decisions": _scaled(rng, k, 12, 900, 60000)}
        out["admin_coercion"] = {"decisions": _scaled(rng, k, 0, 60, 3000)}
        fee = 0.0 if k == "township" else _money(rng, 900.0 if k == "county" else 120000.0, rng.choice((1, 2)))
        out["admin_fees"] = {"amount_wan_yuan": fee}
        return out
    for row, top in (("regulations", (0, 0, 10)), ("normative_docs", (3, 12, 50))):
        made = _scaled(rng, k, *top)
        out[row] = {"new_made": made, "new_published": made,
                    "total_published": made + _scaled(rng, k, top[0] * 5, top[1] * 6, top[2] * 10)}
    for row, top in (("admin_license", (10, 300, 2000)), ("other_admin_services", (8, 120, 900)),
                     ("admin_penalty", (6, 80, 600)), ("admin_coercion", (2, 20, 90))):
        prev = _scaled(rng, k, *top)
        change = rng.randint(-min(prev, 5), 8) if prev else rng.randint(0, 2)
        out[row] = {"prev_year_items": prev, "items_change": change,
                    "decisions": _scaled(rng, k, top[0] * 3, top[1] * 20, top[2] * 60)}
    prev_fees = _scaled(rng, k, 2, 15, 80)
    out["admin_fees"] = {"prev_year_items": prev_fees, "items_change": rng.randint(-min(prev_fees, 3), 2)}
    projects = _scaled(rng, k, 4, 60, 900)
    amount: Number = 0
    if projects:
        amount = projects * rng.randint(8000, 400000)
        if rng.random() < 0.4:
            amount = round(amount + rng.randint(1, 99) / 100, 2)
    out["gov_procurement"] = {"projects": projects, "amount_yuan": amount}
    return out


def negative_changes(rng: random.Random, template: schema.TemplateVersion, values: Values) -> None:
    """negative_change: every signed table-2 cell whose row had items last year goes below zero
    (at most all of them), a few go up instead; rows with no items last year keep their change."""
    signed = [c.key for c in schema.proactive(template).columns if c.type == "signed"]
    for row in values.values():
        for column in signed:
            prev = row.get("prev_year_items")
            if column not in row or not isinstance(prev, int) or prev <= 0:
                continue
            if rng.random() < 0.2:
                row[column] = rng.randint(1, max(2, prev // 4))
            else:
                row[column] = -rng.randint(1, min(prev, max(3, prev // 5)))


def _split(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """Share `total` among weighted parts: floor shares, then the remainder one by one."""
    s = sum(weights)
    if total == 0 or s == 0:
        return [0] * len(weights)
    parts = [int(total * w / s) for w in weights]
    live = [i for i, w in enumerate(weights) if w > 0]
    for _ in range(total - sum(parts)):
        parts[rng.choices(live, weights=[weights[i] for i in live])[0]] += 1
    return parts


_RESULT_WEIGHTS: dict[str, float] = {
    "result_open": 45, "result_partial": 5,
    "withheld_state_secret": 0.3, "withheld_law_prohibited": 1, "withheld_safety_stability": 0.5,
    "withheld_third_party": 2, "withheld_internal_affairs": 1.5, "withheld_process_info": 2.5,
    "withheld_enforcement_file": 1, "withheld_admin_query": 1.5,
    "unavailable_not_held": 20, "unavailable_needs_creation": 3, "unavailable_unclear": 3,
    "not_processed_complaint": 5, "not_processed_duplicate": 3, "not_processed_publication": 0.5,
    "not_processed_excessive": 1, "not_processed_confirm": 1,
    "other_no_correction": 3, "other_fee_unpaid": 0.5, "other_misc": 3,
}
_APPLICANT_WEIGHTS = (80.0, 12.0, 1.0, 1.0, 3.0, 3.0)


def requests_values(rng: random.Random, p: Profile, split_other: bool, new_total: int | None = None,
                    carried: list[int] | None = None) -> Values:
    """Table 3 with R1, R2, R3 true; the （六） rows not printed are null, as the contract wants.

    A region sets `new_total` (a year with many more requests) and `carried` (last year's
    carried_forward per applicant column, so R6 holds); the draws are made either way."""
    rel = schema.requests().relations
    columns = [c.key for c in schema.requests().columns]
    applicants = columns[:-1]
    drawn_new = _scaled(rng, p.kind, 3, 60, 2500)
    carried_total = _scaled(rng, p.kind, 1, 6, 150)
    wa = [w * rng.uniform(0.3, 1.7) if i == 0 or p.kind != "township" else 0.0
          for i, w in enumerate(_APPLICANT_WEIGHTS)]
    wr = {key: (w * rng.uniform(0.4, 1.6) if rng.random() < 0.7 or key == "result_open" else 0.0)
          for key, w in _RESULT_WEIGHTS.items()}
    new = _split(rng, drawn_new if new_total is None else new_total, wa)
    carried = _split(rng, carried_total, wa) if carried is None else list(carried)
    out: Values = {row.key: dict.fromkeys(columns) for row in schema.requests().rows}
    for ci, col in enumerate(applicants):
        handled = new[ci] + carried[ci]
        forward = min(handled, int(handled * rng.uniform(0.0, 0.12)))
        parts = _split(rng, handled - forward, list(wr.values()))
        for key, v in zip(wr, parts, strict=True):
            out[key][col] = v
        if not split_other:
            out["other"][col] = sum(out[k][col] or 0 for k in rel["R2"]["other_split"])
            for k in rel["R2"]["other_split"]:
                out[k][col] = None
        out["new_requests"][col] = new[ci]
        out["carried_over"][col] = carried[ci]
        out["result_total"][col] = handled - forward
        out["carried_forward"][col] = forward
    for row in out.values():
        if row[applicants[0]] is not None:
            row["total"] = sum(row[c] or 0 for c in applicants)
    return out


def review_values(rng: random.Random, p: Profile) -> Values:
    """Table 4: three groups of five with total = upheld + corrected + other + pending (R4)."""
    cols = [c.key for c in schema.review_litigation().columns]
    tops = {"review": (1, 6, 350), "litigation_direct": (1, 3, 200), "litigation_after_review": (0, 2, 80)}
    out: Values = {}
    for g in schema.review_litigation().groups:
        n = _scaled(rng, p.kind, *tops[g.key])
        parts = _split(rng, n, [rng.uniform(2, 6), rng.uniform(0, 1.5), rng.uniform(0, 2), rng.uniform(0, 1.5)])
        out[g.key] = dict(zip(cols, [*parts, n], strict=True))
    return out


def break_one_relation(rng: random.Random, tables: dict[str, Values]) -> str:
    """Spoil exactly one relation family and return its id.

    Each edit is paired so the other three relations still hold: e.g. for R1 the carried-forward
    cell and its row total both move, so R3 stays true and only the column sums disagree.
    """
    req, rev = tables["requests"], tables["review_litigation"]
    col = rng.choice([c.key for c in schema.requests().columns][:-1])
    rid = rng.choice(("R1", "R2", "R3", "R4"))
    delta = rng.randint(1, 9)

    def bump(row: str, column: str, table: Values = req) -> None:
        table[row][column] = (table[row][column] or 0) + delta

    if rid == "R1":
        bump("carried_forward", col)
        bump("carried_forward", "total")
    elif rid == "R2":
        bump("result_open", col)
        bump("result_open", "total")
    elif rid == "R3":
        bump("new_requests", col)
        bump("carried_forward", col)
    else:
        bump(rng.choice([g.key for g in schema.review_litigation().groups]), "total", rev)
    return rid
