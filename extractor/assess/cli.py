"""`xxgk assess` and `xxgk compare`: thin commands over extractor.assess and extractor.exports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"xxgk: {message}", err=True)
    return typer.Exit(code)


def assess_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Report files or folders (extracted here), report .json or .jsonl.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Assess every report stored by `xxgk extract --db`.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding the default rules (extractor/assess/default.toml).")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the full assessment (verdicts, pairs, changes) as JSON.")] = None,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Write a workbook: verdicts, findings, tables, comparisons, similar pairs.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write printable HTML: a region overview and one page per agency.")] = None,
    details: Annotated[bool, typer.Option("--details", help="Print every finding with its evidence.")] = False,
) -> None:
    """Judge each report like an assessor: timeliness, completeness, accuracy, copy-paste, explained change."""
    from .config import ConfigError, load_config
    from .run import assess_items
    from .sources import load_database, load_paths
    from .text import render_assessment
    from .verdict import InputError

    if bool(paths) == bool(db):
        raise _fail("give report files or folders, or --db URL (not both)", 2)
    try:
        rules = load_config(config)
    except ConfigError as exc:
        raise _fail(str(exc), 2) from None
    errors: list[InputError] = []
    if db is not None:
        try:
            items = load_database(db)
        except Exception as exc:  # noqa: BLE001 - a database that cannot be read is one line, not a traceback
            raise _fail(f"{db}: cannot read the database ({type(exc).__name__}: {exc})", 1) from None
    else:
        items, errors = load_paths(paths or [])
    assessment = assess_items(items, rules, errors)
    typer.echo(render_assessment(assessment, details))
    if json_out is not None:
        json_out.write_text(assessment.model_dump_json(indent=2) + "\n", encoding="utf-8")
    if xlsx is not None:
        from ..exports.xlsx import write_assessment_xlsx

        write_assessment_xlsx(assessment, items, xlsx)
    if html is not None:
        from ..exports.html import write_html

        write_html(assessment, items, html)
    if errors:
        raise typer.Exit(1)


def compare_command(
    files: Annotated[list[Path] | None, typer.Argument(help="Two report files (or report .json).")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Compare the years of one agency stored in a database.")] = None,
    agency: Annotated[str | None, typer.Option("--agency", help="With --db: the agency (spaces, brackets, 人民政府/政府 do not matter).")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding the default rules.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the comparisons as JSON.")] = None,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Write the comparisons as a workbook.")] = None,
    all_cells: Annotated[bool, typer.Option("--all", help="List every cell, not only those that changed.")] = False,
) -> None:
    """Two reports side by side: indicators, cell changes, R6/R7, section-by-section text diff."""
    from ..agency import normalise_agency
    from .compare import compare_items, render_comparison
    from .config import ConfigError, load_config
    from .sources import load_database, load_paths

    try:
        rules = load_config(config)
    except ConfigError as exc:
        raise _fail(str(exc), 2) from None
    if db is not None:
        if files or not agency:
            raise _fail("with --db give --agency NAME (and no files)", 2)
        key = normalise_agency(agency)
        items = sorted((i for i in load_database(db) if i.agency_key == key), key=lambda i: (i.year or 0, i.sha256))
        if not items:
            raise _fail(f"{agency}: no report of this agency in {db}", 1)
        by_year = {i.year: i for i in reversed(items)}  # one per year: the smallest sha256
        years = sorted(y for y in by_year if y is not None)
        pairs = [(by_year[y - 1], by_year[y]) for y in years if y - 1 in by_year]
        if not pairs:
            held = f"仅有 {'、'.join(map(str, years))} 年度报告" if years else "报告均未写明年度"
            typer.echo(f"{items[0].report.report.agency or agency}：{held}，没有可对照的上一年度")
            return
    else:
        if not files or len(files) != 2:
            raise _fail("give two report files, or --db URL --agency NAME", 2)
        loaded, errors = load_paths(files)
        if errors or len(loaded) != 2:
            for e in errors:
                typer.echo(f"xxgk: {e.file}: {e.reason}", err=True)
            raise _fail("both files must be readable reports", 1)
        pairs = [(loaded[0], loaded[1])]
    comparisons = [compare_items(a, b, rules) for a, b in pairs]
    typer.echo("\n\n".join(render_comparison(c, all_cells) for c in comparisons))
    if json_out is not None:
        import json

        json_out.write_text(json.dumps([c.model_dump(mode="json") for c in comparisons], ensure_ascii=False, indent=2)
                            + "\n", encoding="utf-8")
    if xlsx is not None:
        from ..exports.xlsx import write_comparisons_xlsx

        write_comparisons_xlsx(comparisons, xlsx)
