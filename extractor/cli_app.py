"""The `xxgk` command line: parse options, call the library, map errors to exit codes.

Exit status: 0 everything extracted, 1 some file failed (each named with its reason), 2 usage.
Stdout carries only JSON; libraries that print are redirected to stderr.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .errors import ExtractorError, ModelError

if TYPE_CHECKING:  # pydantic is imported by the commands that need it, not by `xxgk --help`
    from .settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Government information-disclosure annual reports → checked JSON.")
train_app = typer.Typer(help="Retrain the shipped models from training_data/, or train a model set from corrections "
                        "(xxgk train --from-db URL | --from-json DIR).")
app.add_typer(train_app, name="train")
ModelsOption = Annotated[Path | None, typer.Option(
    "--models", envvar="XXGK_MODELS", help="A model set written by `xxgk train --from-db/--from-json` (default: the shipped models).")]


def _settings(models: Path | None) -> Settings:
    """Settings with the chosen model set, refused at once (exit 2) when it is not one."""
    from .settings import Settings

    if models is None:
        return Settings()
    from .model_sets import check_model_set

    try:
        check_model_set(models)
    except ModelError as exc:
        raise _fail(str(exc), 2) from None
    return Settings(model_dir=models)


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"xxgk: {message}", err=True)
    return typer.Exit(code)


def _print_version(value: bool) -> None:
    """The package version and the model folders it loads (reads meta.json files; imports nothing heavy)."""
    if not value:
        return
    from .resources import model_versions
    from .version import __version__

    typer.echo(f"xxgk {__version__}")
    for name, model in model_versions().items():
        state = f"version {model['version']}" if model["version"] else "not found"
        typer.echo(f"{name} model: {model['folder']} ({state})")
    raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the version and the model versions, then exit.")] = False,
) -> None:
    pass


def _source_tree_or_fail() -> None:
    """Training writes models/ of a source checkout; say so clearly from an installed package."""
    from .resources import SourceTreeMissing, source_tree

    try:
        source_tree()
    except SourceTreeMissing as exc:
        raise _fail(str(exc)) from None


def _extract_one(path: Path, settings: Settings) -> Any:
    from .api import extract

    with contextlib.redirect_stdout(sys.stderr):
        return extract(path, settings)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Report files, or folders to walk (batch).")],
    pretty: Annotated[bool, typer.Option("--pretty", help="Indent the JSON.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Batch: write one JSON line per report to this file.")] = None,
    csv_dir: Annotated[Path | None, typer.Option("--csv", help="Batch: one wide CSV per table in this folder.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Batch: sqlite:///reports.db or postgresql://…")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Batch worker processes (default: the cores).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Batch: seconds allowed per file.")] = 120.0,
    memory_mb: Annotated[
        int, typer.Option("--memory-mb", help="Batch: address-space cap per worker (OCR needs ~3 GB of address space).")
    ] = 3072,
    dask: Annotated[str | None, typer.Option("--dask", help="Batch on a dask.distributed scheduler address, or 'local'.")] = None,
    models: ModelsOption = None,
) -> None:
    """Extract one report to JSON on stdout, or many into JSONL / CSV / a database."""
    settings = _settings(models)
    sinks = [s for s in (out, csv_dir, db) if s is not None]
    if len(sinks) > 1:
        raise _fail("choose one of --out, --csv, --db", 2)
    if not sinks:
        if len(paths) != 1 or paths[0].is_dir():
            raise _fail("several files or a folder need --out, --csv or --db", 2)
        path = paths[0]
        if not path.exists():
            raise _fail(f"{path}: no such file")
        try:
            report = _extract_one(path, settings)
        except ExtractorError as exc:
            raise _fail(str(exc)) from None
        except ModelError as exc:
            raise _fail(str(exc)) from None
        except Exception as exc:  # noqa: BLE001 - one line, never a traceback, for any unforeseen reader failure
            raise _fail(f"{path}: internal error ({type(exc).__name__}: {exc})") from None
        typer.echo(report.to_json(pretty=pretty))
        return
    from .batch import run_batch

    target = str(out) if out is not None else (str(csv_dir) if csv_dir is not None else str(db))
    summary = run_batch(paths, target, workers=workers, timeout_s=timeout, memory_mb=memory_mb, dask_address=dask, progress=True,
                        settings=settings)
    typer.echo(summary.describe(), err=True)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def check(
    target: Annotated[str | None, typer.Argument(help="A report file, or a JSON written by `xxgk extract`.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Run the cross-year checks R6/R7 over a database.")] = None,
    models: ModelsOption = None,
) -> None:
    """Print a readable verdict: which relations fail and exactly which cells disagree (exit 1 on a failure)."""
    from .checks.verdict import render_verdict

    if db is not None:
        from .batch.cross_year import check_cross_year_url

        lines, failed = check_cross_year_url(db)
        for line in lines:
            typer.echo(line)
        raise typer.Exit(1 if failed else 0)
    if target is None:
        raise _fail("give a report file, a report JSON, or --db", 2)
    path = Path(target)
    if not path.exists():
        raise _fail(f"{path}: no such file")
    data: dict[str, Any]
    if path.suffix.lower() == ".json":
        from .checks.from_json import checks_from_report_json

        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            checks = checks_from_report_json(data)
        except (ValueError, KeyError) as exc:
            raise _fail(f"{path}: not a report JSON ({exc})") from None
        data["checks"] = [c.model_dump() for c in checks] + [c for c in data.get("checks", []) if c.get("id") not in {"R1", "R2", "R3", "R4", "R5"}]
    else:

        try:
            data = _extract_one(path, _settings(models)).model_dump(mode="json")
        except ExtractorError as exc:
            raise _fail(str(exc)) from None
    text, failed = render_verdict(data)
    typer.echo(text)
    raise typer.Exit(1 if failed else 0)


@train_app.callback(invoke_without_command=True)
def train_from_corrections_cmd(
    ctx: typer.Context,
    from_db: Annotated[list[str] | None, typer.Option("--from-db", help="Learn from the corrections in this database (repeatable).")] = None,
    from_json: Annotated[list[Path] | None, typer.Option("--from-json", help="Learn from a folder of exported corrected reports (repeatable).")] = None,
    sources: Annotated[list[Path] | None, typer.Option("--sources", help="Folder where the corrected reports' source files are (repeatable).")] = None,
    models: Annotated[str, typer.Option("--models", help="Which models to retrain: labels, narrative (~80 s more), or both.")] = "labels",
    out: Annotated[Path | None, typer.Option("--out", help="The new model set's folder (default: a new version under $XXGK_MODEL_HOME or ~/.local/share/xxgk/models).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    skip_missing: Annotated[bool, typer.Option("--skip-missing", help="Train on the reports whose source files were found.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", help="Also list the corrected rows and items nothing was learned from.")] = False,
) -> None:
    """Turn reviewers' corrections into training samples and train a new model set; `--models DIR` selects it."""
    if ctx.invoked_subcommand is not None:
        if from_db or from_json:
            raise _fail("--from-db/--from-json train from corrections; they do not go with a subcommand", 2)
        return
    if not from_db and not from_json:
        typer.echo(ctx.get_help())
        raise typer.Exit(2)
    from .learning import sources as corrected
    from .learning.retrain import train_from_corrections

    places = list(sources or [])
    try:
        reports: list[corrected.CorrectedReport] = []
        skipped: list[str] = []
        for url in from_db or []:
            found, missing = corrected.from_db(url, places, skip_missing)
            reports += found
            skipped += missing
        for folder in from_json or []:
            found, missing = corrected.from_json(folder, places, skip_missing)
            reports += found
            skipped += missing
        for line in skipped:
            typer.echo(f"xxgk: skipped {line}", err=True)
        with contextlib.redirect_stdout(sys.stderr):
            meta = train_from_corrections(reports, [m.strip() for m in models.split(",") if m.strip()], out, seed,
                                          progress=lambda message: typer.echo(message, err=True))
    except corrected.TrainingInputError as exc:
        raise _fail(str(exc)) from None
    if not verbose:
        meta.pop("label_details", None)
        meta.pop("narrative_details", None)
    typer.echo(json.dumps(meta, ensure_ascii=False, indent=2))
    drops = meta.get("narrative", {}).get("lower_than_shipped") or {}
    if drops:
        typer.echo("xxgk: warning: on the narrative dev split of training_data (the project's own held-out documents, "
                   "not ../shared) the retrained narrative model scores lower than the shipped one: "
                   + ", ".join(f"{label} F1 {old:.3f} → {new:.3f}" for label, (old, new) in drops.items()), err=True)
    typer.echo(f"model set written to {meta['path']}; extract with --models {meta['path']} (or XXGK_MODELS)", err=True)


@train_app.command("labels")
def train_labels(
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    with_generated: Annotated[int, typer.Option("--with-generated", help="Add label variants from N generator layouts.")] = 0,
) -> None:
    """Rebuild models/labels-v1 from extractor/schema and training_data/labels (+ generated variants)."""
    _source_tree_or_fail()
    from .mapping import classifier

    extra: list[tuple[str, str]] = []
    if with_generated:
        from .synth.labels import generated_label_variants

        extra = generated_label_variants(layouts=with_generated, seed=seed)
    meta = classifier.train(seed=seed, extra_rows=extra)
    typer.echo(json.dumps(meta, ensure_ascii=False, indent=2))


@train_app.command("narrative")
def train_narrative_cmd(seed: Annotated[int, typer.Option(help="Random seed.")] = 0) -> None:
    """Train the narrative spaCy pipeline from training_data/narrative."""
    _source_tree_or_fail()
    from .narrative.train import build_corpus, train_narrative

    build_corpus()  # written/*.txt → JSONL, so edits to the hand-written documents are always used
    with contextlib.redirect_stdout(sys.stderr):  # spaCy's training log goes to stderr; stdout is the meta JSON
        meta = train_narrative(seed=seed)
    typer.echo(json.dumps(meta, ensure_ascii=False, indent=2))


@app.command()
def evaluate(
    target: Annotated[str, typer.Argument(help="A folder of NAME.EXT + NAME.gold.json pairs, or `narrative`.")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the full scores here.")] = None,
    sentences: Annotated[Path | None, typer.Option("--sentences", help="narrative: annotated JSONL (default: the development set ../shared/narrative/real_sentences.jsonl).")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="narrative: classify every sentence alone, without its report's order.")] = False,
    models: ModelsOption = None,
) -> None:
    """Score extraction against gold: cells, template, checks, narrative, s/page (or the narrative model's P/R/F1)."""
    scores: dict[str, Any]
    if target == "narrative":
        from .narrative.scoring import REAL_SENTENCES, evaluate_narrative, render_narrative_scores

        path = sentences or REAL_SENTENCES
        if not path.is_file():
            raise _fail(f"{path}: no annotated sentences (pass --sentences FILE.jsonl)", 2)
        with contextlib.redirect_stdout(sys.stderr):
            scores = evaluate_narrative(path=path, in_context=not isolated)
        typer.echo(render_narrative_scores(scores))
    else:
        folder = Path(target)
        if not folder.is_dir():
            raise _fail(f"{folder}: not a folder of documents with .gold.json files", 2)
        from .evaluate import evaluate_folder, render_scores

        settings = _settings(models)
        with contextlib.redirect_stdout(sys.stderr):
            scores = evaluate_folder(folder, settings)
        typer.echo(render_scores(scores))
    if json_out is not None:
        json_out.write_text(json.dumps(scores, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@app.command()
def synth(
    out: Annotated[Path, typer.Option("--out", help="Folder to write documents and gold JSON into.")],
    n: Annotated[int, typer.Option("--n", min=1, help="How many reports.")] = 10,
    template: Annotated[str, typer.Option("--template", help="2019, 2021 or both.")] = "both",
    formats: Annotated[str, typer.Option("--formats", help="Comma list: pdf,docx,html,html-flat,txt,md,scan")] = "pdf,docx,html,html-flat,txt",
    seed: Annotated[int, typer.Option("--seed")] = 0,
    variants: Annotated[str | None, typer.Option("--variants", help="Comma list of layout variants (default: a seeded mix).")] = None,
    break_relation: Annotated[bool, typer.Option("--break", help="Make one deliberate inconsistency per report.")] = False,
    region: Annotated[bool, typer.Option("--region", help="A county's agencies over three years with the assessor's expected verdicts (--n, --template ignored).")] = False,
    family: Annotated[int | None, typer.Option("--family", help="Print tables 2 and 3 in this local template family's wording.")] = None,
    add_variants: Annotated[str | None, typer.Option("--add-variants", help="Comma list of opt-in variants added on top (negative_change, run_together).")] = None,
) -> None:
    """Generate realistic, fully labelled reports (documents + gold JSON)."""
    from .synth import generate, generate_region

    if region:
        written = generate_region(out, seed, formats=[f.strip() for f in formats.split(",") if f.strip()])
        typer.echo(f"wrote {len(written)} documents to {out}", err=True)
        return

    templates = ["2019", "2021"] if template == "both" else [template]
    written = generate(
        n, templates, [f.strip() for f in formats.split(",") if f.strip()], seed, out,
        variants=[v.strip() for v in variants.split(",")] if variants else None, break_relation=break_relation,
        family=family,
        add_variants=[v.strip() for v in add_variants.split(",") if v.strip()] if add_variants else (),
    )
    typer.echo(f"wrote {len(written)} documents to {out}", err=True)


@app.command("schema")
def json_schema() -> None:
    """Print the JSON Schema of the extract output (docs/report.schema.json is this, committed)."""
    from .json_schema import report_json_schema

    typer.echo(json.dumps(report_json_schema(), ensure_ascii=False, indent=2))


# ---------------------------------------------------------------- xxgk review (the review web app and its exports)

review_app = typer.Typer(help="Review and correct extracted reports in the browser; export the corrected reports.")
app.add_typer(review_app, name="review")
_REVIEW_DB = "sqlite:///reports.db"


@review_app.callback(invoke_without_command=True)
def review(
    ctx: typer.Context,
    db: Annotated[str, typer.Option("--db", help="The database `xxgk extract --db` wrote.")] = _REVIEW_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (this machine only by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port (0: any free one).")] = 8765,
    files: Annotated[list[Path] | None, typer.Option("--files", help="A folder where the source files are (repeatable).")] = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open a browser.")] = False,
) -> None:
    """Start the review app: page image beside the tables, failing checks, corrections, exports."""
    if ctx.invoked_subcommand is not None:
        return
    from .review.server import ReviewSetupError, serve

    try:
        serve(db, host, port, files or [], open_browser=not no_browser)
    except ReviewSetupError as exc:
        raise _fail(str(exc), 2) from None


@review_app.command("export")
def review_export(
    out: Annotated[Path, typer.Option("--out", help="File to write (.jsonl, .json or .csv); - for stdout.")],
    db: Annotated[str, typer.Option("--db", help="The database to export from.")] = _REVIEW_DB,
    fmt: Annotated[str | None, typer.Option("--format", help="jsonl, json or csv (default: from --out's suffix).")] = None,
    corrected_only: Annotated[bool, typer.Option("--corrected-only", help="Only reports that have corrections.")] = False,
    corrections_only: Annotated[bool, typer.Option("--corrections", help="Export the corrections alone.")] = False,
) -> None:
    """Write the corrected reports (output contract + `corrections`) or the corrections alone."""
    from .review.export import FORMATS, export_corrections, export_reports, report_ids
    from .review.server import ReviewSetupError, check_database
    from .sinks.sql import make_engine

    chosen = fmt or (out.suffix.lstrip(".").lower() if str(out) != "-" else "jsonl")
    if chosen not in FORMATS:
        raise _fail(f"--format must be one of {', '.join(FORMATS)} (got {chosen!r})", 2)
    try:
        check_database(db)
    except ReviewSetupError as exc:
        raise _fail(str(exc), 2) from None
    engine = make_engine(db)
    try:
        chunks = (export_corrections(engine, chosen) if corrections_only
                  else export_reports(engine, chosen, report_ids(engine, corrected_only=corrected_only)))
        if str(out) == "-":
            for chunk in chunks:
                sys.stdout.write(chunk)
            return
        tmp = out.with_name(out.name + ".part")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            for chunk in chunks:
                fh.write(chunk)
        tmp.replace(out)
        typer.echo(f"wrote {out}", err=True)
    finally:
        engine.dispose()


from .assess.cli import assess_command, compare_command  # noqa: E402 - user-facing commands beside the pipeline

app.command("assess")(assess_command)
app.command("compare")(compare_command)


def main() -> None:
    app()
