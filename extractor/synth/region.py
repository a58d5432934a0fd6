"""A region's reports over consecutive years, with the assessor's expected verdict in each gold.

One county: its government, a few departments and a township, each publishing one report a year.
Cross-year relations hold (carried_over follows last year's carried_forward, in_force follows last
year's in_force), so what an assessor should find is exactly what was put in on purpose:

- timeliness: every report prints its publication date (a "发布日期" line or the date under the
  signature; web pages also state <meta name="PubDate">, PDFs carry it as CreationDate), on time
  except one department's last report (late) and one township report that states no date (unknown);
- completeness: one report leaves out a section;
- copy-paste: one department's last report is last year's text with new numbers, and two other
  departments publish the same template text in the last year;
- explained change: the government's requests rise sharply and the prose says so; a department's
  rise just as sharply without a word;
- accuracy: one township report breaks a relation of its tables.

The gold's "assessment" block states each expectation, with the deadline rule of 条例第四十九条
(departments and townships by 1月31日, the county government by 3月31日).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from extractor import schema
from extractor.synth.report import Story, SynthReport, build
from extractor.synth.values import _COUNTY_BODIES, _PLACE_CHARS, _TOWN_NAMES, Profile

AgencyKind = Literal["government", "department", "township"]
_COLUMNS = [c.key for c in schema.requests().columns][:-1]


@dataclass(frozen=True)
class _Agency:
    profile: Profile
    kind: AgencyKind


def _agencies(rng: random.Random, departments: int) -> list[_Agency]:
    place = "".join(rng.sample(_PLACE_CHARS, 2))
    county = place + "县"
    bodies = rng.sample([b for b in _COUNTY_BODIES if not b.startswith("人民政府")], departments)
    town = rng.choice(_TOWN_NAMES)
    return [_Agency(Profile("county", f"{county}人民政府", place), "government"),
            *(_Agency(Profile("county", county + body, place), "department") for body in bodies),
            _Agency(Profile("township", f"{county}{town}镇人民政府", place), "township")]


def deadline(kind: AgencyKind, year: int) -> dt.date:
    """条例第四十九条: departments by 31 January, county-level governments by 31 March (townships
    are not named there; this generator puts them with the departments)."""
    return dt.date(year + 1, 3, 31) if kind == "government" else dt.date(year + 1, 1, 31)


def _total(gold: dict[str, Any], row: str) -> int:
    return int(gold["tables"]["requests"][row]["total"] or 0)


def generate_region(out_dir: Path, seed: int, years: Sequence[int] = (2022, 2023, 2024),
                    formats: Sequence[str] = ("txt", "html", "pdf"), departments: int = 4) -> list[Path]:
    """Write every agency's reports for `years` (NAME.EXT + NAME.gold.json); returns the documents."""
    if len(years) < 3 or departments < 4 or list(years) != list(range(years[0], years[0] + len(years))):
        raise ValueError("a region needs at least three consecutive years and four departments")
    if min(years) < 2021:
        raise ValueError("region reports use the 2021 template: years from 2021 on")
    from extractor.synth import write_report

    rng = random.Random(f"xxgk-region:{seed}")
    agencies = _agencies(rng, departments)
    first, middle, last = years[0], years[-2], years[-1]
    gov, dep_late, dep_copy, dep_a, dep_b, town = (0, 1, 2, 3, 4, len(agencies) - 1)
    shared_key = f"{seed}:shared-template:{last}"
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for a, agency in enumerate(agencies):
        prev: SynthReport | None = None
        for year in years:
            fmt = formats[(a + year) % len(formats)]
            due = deadline(agency.kind, year)
            expect: dict[str, Any] = {"agency_kind": agency.kind, "deadline": due.isoformat(), "change": {}}
            prose_key = f"{seed}:{a}:{year}"
            published: dt.date | None = due - dt.timedelta(days=rng.randint(1, 25))
            drop: Literal["problems", "other"] | None = None
            new_requests: int | None = None
            published_total: int | None = None
            if prev is not None:  # this year looks like last year, give or take
                new_requests = round(_total(prev.gold, "new_requests") * rng.uniform(0.85, 1.2))
                published_total = max(5, round(float(prev.gold["narrative"]["published"][0]["value"]) * rng.uniform(0.85, 1.2)))
            explain: int | None = None
            broken = False
            if a == dep_late and year == last:
                published = due + dt.timedelta(days=rng.randint(10, 60))
            if a == town and year == middle:
                published = None
            if a == dep_late and year == middle:
                drop = "problems"
            if a == dep_copy and year == last:
                prose_key = f"{seed}:{a}:{year - 1}"
                expect["copied_from_previous_year"] = True
            if a in (dep_a, dep_b) and year == last:
                prose_key = shared_key
                expect["shares_template_with"] = agencies[dep_b if a == dep_a else dep_a].profile.agency
            if prev is not None and ((a == gov and year == last) or (a == dep_b and year == middle)):
                before = _total(prev.gold, "new_requests")
                new_requests = before * (3 if a == gov else 4) + 30
                if a == gov:
                    explain = round((new_requests - before) * 100 / max(before, 1))
                expect["change"]["requests_received"] = "explained" if a == gov else "unexplained"
            if a == town and year == last:
                broken = True
            expect["published_date"] = published.isoformat() if published else None
            expect["timeliness"] = "unknown" if published is None else ("late" if published > due else "on_time")
            expect["missing_sections"] = [drop] if drop else []
            expect["has_previous_year"] = year != first
            story = Story(
                profile=agency.profile, year=year, prose_key=prose_key, published=published,
                date_style="label" if rng.random() < 0.4 else "signature", drop_section=drop,
                new_requests=new_requests, published_total=published_total, explain_change=explain,
                carried_over=None if prev is None else [
                    int(prev.gold["tables"]["requests"]["carried_forward"][c] or 0) for c in _COLUMNS],
                in_force_before=None if prev is None else {
                    row: int(prev.gold["tables"]["proactive"][row]["in_force"] or 0)
                    for row in ("regulations", "normative_docs")},
                expect=expect)
            name = f"region_{seed}_{a:02d}_{year}"
            report = build(name, seed, a * 100 + year, "2021", fmt, None, broken, ("table_image",), story=story)
            if broken:
                expect["failing_relations"] = [rid for rid, status in report.gold["checks"].items() if status == "fail"]
            paths.append(write_report(report, out_dir))
            prev = report
    return paths
