"""The six prose sections, assembled from phrase banks, with the gold an extractor must recover.

Counts are printed the way clerks write them ("5500余条", "32.1万条", "近200条") and the gold
keeps the value as stated times its scale, so "32.1万条" is 321000. Request and review counts are
restated from the printed tables, so R8 (prose equals tables) holds in every synthetic report.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from typing import Any

from extractor.synth import phrases as ph
from extractor.synth.layout import Layout
from extractor.synth.values import Number, Profile, Values

_ORDINALS = "一二三四五六七八九"


@dataclass
class Narrative:
    """Paragraphs per section key (tables are placed by report.py) and the narrative gold."""

    sections: dict[str, list[str]] = field(default_factory=dict)
    published: list[dict[str, Any]] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)
    fees: dict[str, Any] = field(default_factory=dict)
    restated: dict[str, Number] = field(default_factory=dict)
    defects: list[str] = field(default_factory=list)  # narrative defects shown, e.g. "wrong_year"

    def gold(self) -> dict[str, Any]:
        return {
            "published": self.published,
            "platforms": {"required": self.platforms, "optional": []},
            "problems": self.problems,
            "fixes": self.fixes,
            "fees": self.fees,
            "restated": self.restated,
        }


def count_text(rng: random.Random, value: int, unit: str) -> tuple[str, int]:
    """Write a count as a report would; return the text and the value it states."""
    space = " " if rng.random() < 0.15 else ""
    if value < 30 or rng.random() < 0.35:
        return f"{value}{space}{unit}", value
    digits = len(str(value))
    step = 10 ** max(digits - 2, 1)
    low, high = value // step * step, -(-value // step) * step
    if value >= 10000 and rng.random() < 0.6:
        wan = round(value / 10000, 1)
        qual = rng.choice(("", "", "余", "约"))
        body = f"{wan:g}万{qual}{unit}" if qual == "余" else f"{qual}{wan:g}万{unit}"
        return body, int(round(wan * 10000))
    form = rng.choice(("余", "近", "约", "超", "多"))
    if form == "余":
        return f"{low}{space}余{unit}", low
    if form == "多":
        return f"{low}多{unit}", low
    if form == "近":
        return f"近{high}{unit}", high
    return f"{form}{low}{unit}", low


class _Writer:
    """Holds the per-report choices (platform names, ordinal style) while the sections are written."""

    def __init__(self, rng: random.Random, profile: Profile, year: int, layout: Layout,
                 numbers: random.Random | None = None) -> None:
        self.rng, self.p, self.year, self.layout = rng, profile, year, layout
        # wording comes from `rng`, numbers from `num`: one generator by default (the seeded stream
        # of every existing corpus), two when a region copies a report's wording with new numbers
        self.num = numbers or rng
        self.published_total: int | None = None  # a region fixes the year's total publication count
        self.n = Narrative()
        self.defects = True

    def fill(self, template: str, **slots: object) -> str:
        return template.format(year=self.year, agency=self.p.agency, **slots)

    def platform(self, name: str) -> str:
        if name not in self.n.platforms:
            self.n.platforms.append(name)
        return name

    def count(self, value: int, unit: str) -> str:
        text, stated = count_text(self.num, value, unit)
        self.n.published.append({"value": stated, "unit": unit})
        return text

    def ordinal(self, i: int, numeric: bool) -> str:
        s = self.layout.style
        if numeric:
            return f"{i + 1}{'、' if s.item_sep == '、' else '.'}"
        return f"{_ORDINALS[i]}是"

    def heading(self, i: int, text: str) -> str:
        return f"({_ORDINALS[i]}){text}" if self.layout.style.half_brackets else f"（{_ORDINALS[i]}）{text}"


def _scale(kind: str) -> int:
    return {"township": 300, "county": 4000, "city": 400000}[kind]


def _overview(w: _Writer, tables: dict[str, Values]) -> list[str]:
    rng, p = w.rng, w.p
    out = [w.fill(rng.choice(ph.INTROS))]
    site = w.platform(rng.choice(ph.SITES))
    total = max(5, int(_scale(p.kind) * w.num.uniform(0.1, 1.0)))
    if w.published_total is not None:
        total = w.published_total
    parts = [w.fill(rng.choice(ph.PUBLISH_TOTAL), channel=site, count=w.count(total, "条"))]
    if w.defects and _shows_wrong_year(p.agency, w.year):
        # a defect real reports have: last year's date left in this year's publication count
        parts[0] = f"于{w.year - 1}年在{site}共公开政府信息{w.count(total, '条')}"
        w.n.defects.append("wrong_year")
    slots = {"wechat": ph.WECHAT, "video": ph.VIDEO, "gazette": ph.GAZETTES, "board": ph.BOARDS}
    chosen = rng.sample(ph.PUBLISH_PARTS, rng.randint(1, 3))
    for template, unit in chosen:
        kw = {k: w.platform(rng.choice(v)) for k, v in slots.items() if "{" + k + "}" in template}
        small = {"township": 12, "county": 40, "city": 200}[p.kind]
        value = max(1, int(total * w.num.uniform(0.02, 0.4))) if unit in ("条", "篇") else w.num.randint(1, small)
        parts.append(w.fill(template, count=w.count(value, unit), **kw))
    out.append(rng.choice(ph.PROACTIVE_LEADS) + "，".join(parts) + "。")
    out.append(_requests_prose(w, tables["requests"]))
    out.append(w.fill(rng.choice(ph.MANAGEMENT)))
    app = w.platform(rng.choice(ph.APP_PATTERNS).format(place=p.place))
    others = [f"“{app}”{rng.choice(('APP', '客户端', '政务号'))}"]
    if rng.random() < 0.4:
        account = w.platform(rng.choice(ph.ACCOUNT_PATTERNS).format(place=p.place))
        others.append(f"“{account}”{w.platform('微信公众号')}")
    others += [w.platform(rng.choice(v)) for v in (ph.WECHAT, ph.VIDEO) if rng.random() < 0.7]
    out.append(w.fill(rng.choice(ph.PLATFORM_LEADS), site=site, others="、".join(others)))
    out.append(w.fill(rng.choice(ph.OVERSIGHT), train=w.num.randint(1, 6)))
    return out


def _shows_wrong_year(agency: str, year: int) -> bool:
    """About one report in eight, decided by a hash so the main random stream is not disturbed."""
    digest = hashlib.sha256(f"wrong_year|{agency}|{year}".encode()).digest()
    return digest[0] < 32


def _val(table: Values, row: str, col: str = "total") -> int:
    v = table[row][col]
    return int(v or 0)


def _requests_prose(w: _Writer, req: Values) -> str:
    new, carried = _val(req, "new_requests"), _val(req, "carried_over")
    if new == 0 and carried == 0:
        w.n.restated["requests.new_requests.total"] = 0
        return w.fill(w.rng.choice(ph.REQUEST_NONE))
    nums = {"new": new, "carried": carried, "done": _val(req, "result_total"),
            "open": _val(req, "result_open"), "forward": _val(req, "carried_forward")}
    keys = {"new": "new_requests", "carried": "carried_over", "done": "result_total",
            "open": "result_open", "forward": "carried_forward"}
    for slot, row in keys.items():
        w.n.restated[f"requests.{row}.total"] = nums[slot]
    return w.fill(w.rng.choice(ph.REQUEST_SOME), **nums)


def _review_prose(w: _Writer, rev: Values) -> str:
    review = _val(rev, "review")
    suits = _val(rev, "litigation_direct") + _val(rev, "litigation_after_review")
    if review == 0 and suits == 0:
        return w.fill(w.rng.choice(ph.REVIEW_NONE))
    w.n.restated.update({"review_litigation.review.total": review,
                         "review_litigation.review.upheld": _val(rev, "review", "upheld"),
                         "review_litigation.review.corrected": _val(rev, "review", "corrected")})
    return w.fill(w.rng.choice(ph.REVIEW_SOME), review=review, upheld=_val(rev, "review", "upheld"),
                  corrected=_val(rev, "review", "corrected"), suits=suits)


def _problems(w: _Writer) -> list[str]:
    rng = w.rng
    problems = rng.sample(ph.PROBLEMS, rng.randint(2, 3))
    fixes = rng.sample(ph.FIXES, rng.randint(2, 3))
    w.n.problems, w.n.fixes = list(problems), list(fixes)
    numeric = rng.random() < 0.5

    def fix_item(i: int, core: str) -> str:
        tail = rng.choice(ph.FIX_TAILS)
        return w.ordinal(i, numeric) + core + (f"，{tail}" if tail else "")

    probs = "；".join(w.ordinal(i, False) + p for i, p in enumerate(problems)) + "。"
    if rng.random() < 0.5:
        fix_text = "；".join(fix_item(i, f) for i, f in enumerate(fixes)) + "。"
        return [w.heading(0, "存在的主要问题"), probs, w.heading(1, "改进情况"), fix_text]
    fix_text = "".join(fix_item(i, f) + "。" for i, f in enumerate(fixes))
    return [w.fill(rng.choice(ph.PROBLEM_OPENERS)) + probs, w.fill(rng.choice(ph.FIX_OPENERS)) + fix_text]


def _other(w: _Writer) -> list[str]:
    rng = w.rng
    if w.p.kind != "township" and rng.random() < 0.3:
        amount = w.num.randint(1, 80) * 50
        w.n.fees = {"charged": True, "amount_yuan": amount}
        out = [w.fill(rng.choice(ph.FEES_CHARGED), amount=amount)]
    else:
        w.n.fees = {"charged": False, "amount_yuan": 0}
        out = [w.fill(rng.choice(ph.FEES_NONE))]
    if rng.random() < 0.6:
        out.append(w.fill(rng.choice(ph.OTHER_EXTRAS), a=w.num.randint(1, 40), b=w.num.randint(1, 60)))
    return out


def write(rng: random.Random, profile: Profile, year: int, layout: Layout,
          tables: dict[str, Values], defects: bool = True, numbers: random.Random | None = None,
          published_total: int | None = None) -> Narrative:
    """All six sections; `tables` are the gold tables, so restated counts match what is printed.

    `defects` allows the narrative defects of real reports (the wrong year) in the seeded mix;
    a caller asking for exact variants gets none. `numbers` draws the numbers apart from the
    wording (same `rng` seed, other `numbers`: the same text with new numbers)."""
    w = _Writer(rng, profile, year, layout, numbers)
    w.published_total = published_total
    w.defects = defects
    w.n.sections = {
        "overview": _overview(w, tables),
        "proactive": [],
        "requests": [],
        "review_litigation": [_review_prose(w, tables["review_litigation"])] if rng.random() < 0.6 else [],
        "problems": _problems(w),
        "other": _other(w),
    }
    return w.n
