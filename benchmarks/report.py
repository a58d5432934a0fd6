"""The results JSON as markdown tables (results/latest.md), ready to paste into the README."""

from __future__ import annotations

from typing import Any


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows]
    return lines + [""]


def _yes(flag: Any) -> str:
    return "yes" if flag else "**no**"


def _pdf(res: dict[str, Any]) -> list[str]:
    out = ["## Text PDF: extract vs raw PyMuPDF (get_text + find_tables, layout off)", ""]
    rows: list[list[Any]] = []
    shares: list[list[Any]] = []
    stage_names: list[str] = []
    for name, s in res.items():
        if "skipped" in s:
            out += [f"- {name}: skipped ({s['skipped']})", ""]
            continue
        rows.append([name, s["files"], s["pages"], s["reps"], s["extract_s_per_page"], s["pymupdf_s_per_page"],
                     f"{s['ratio_vs_pymupdf']}×", _yes(s["meets_target"])])
        shares.append([name] + [f"{v:.0%}" for v in s["stage_share"].values()])
        stage_names = list(s["stage_share"])
    out += _table(["set", "files", "pages", "reps", "extract s/page", "PyMuPDF s/page", "ratio",
                          "≤ 0.1 s/page"], rows)
    if shares:
        out += ["Share of extraction time per stage:", ""] + _table(["set", *stage_names], shares)
    return out


def _formats(res: dict[str, Any]) -> list[str]:
    rows = [[fmt, s["documents"], s["pages"], s["s_per_doc"], s["s_per_page"], s["raw_parse_s_per_doc"],
             f"{s['ratio_vs_raw_parse']}×", f"{s['cell_accuracy']:.2%}", s["silent_errors"], len(s["failures"])]
            for fmt, s in res["per_format"].items()]
    cells = res["accuracy"]["cells"]
    return ["## Per format (generated reports)", ""] + _table(
        ["format", "docs", "pages", "s/doc", "s/page", "raw parse s/doc", "ratio", "cell accuracy", "silent errors", "failures"], rows
    ) + [f"All formats: {cells['right']}/{cells['total']} cells = {cells['accuracy']:.2%} "
         f"(abstained {cells['abstained']}, silent errors {cells['silent_errors']}); "
         f"template {res['accuracy']['template_accuracy']:.2%}.", ""]


def _narrative(res: dict[str, Any]) -> list[str]:
    rows = [[name, s["reports"], s["mean_ms"], s["median_ms"], s["p95_ms"], s["max_ms"],
             f"{s['share_of_extract']:.0%}", _yes(s["meets_target"])]
            for name, s in res.items() if isinstance(s, dict) and "reports" in s]
    out = [f"## Narrative stage: ms added per report (target ≤ {res['target_ms']:g} ms mean)", ""]
    out += _table(["set", "reports", "mean ms", "median ms", "p95 ms", "max ms", "share of extract", "meets"], rows)
    per_file = res.get("corpus", {}).get("per_file_ms")
    if per_file:
        out += ["Corpus: " + ", ".join(f"{k} {v} ms" for k, v in per_file.items()), ""]
    return out


def _batch(res: dict[str, Any]) -> list[str]:
    rows = [[r["workers"], r["reports"], r["failed"], r["elapsed_s"], r["reports_per_hour"],
             ", ".join(str(v) for v in r["peak_rss_mb_per_worker"])] for r in res["runs"]]
    note = [] if res.get("valid", True) else ["**Not valid: some reports failed (see `failures` in the JSON).**", ""]
    return [f"## Batch: {res['n']} generated text PDFs into SQLite", ""] + note + _table(
        ["workers", "reports", "failed", "seconds", "reports/hour", "peak RSS per worker (MB)"], rows
    ) + [f"Speed-up 2 workers over 1: **{res['speedup_2_over_1']}×**. RSS: {res['runs'][0]['rss_method']}.", ""]


def _ocr(res: dict[str, Any]) -> list[str]:
    row = [res["pages"], res["rapidocr_s_per_page"], res["ocr_image_s_per_page"],
           f"{res['ratio_ocr_image_vs_rapidocr']}×", res["render_s_per_page"], res["ocr_pdf_page_s_per_page"],
           _yes(res["meets_target"])]
    return [f"## OCR: our page stage vs raw rapidocr {res['rapidocr_version']} (target ≤ {res['target_ratio']}×)", ""] + _table(
        ["pages", "rapidocr s/page", "ocr_image s/page", "ratio", "render s/page", "ocr_pdf_page s/page (render + ocr_image)",
         "meets"], [row])


def _ocr_scans(res: dict[str, Any]) -> list[str]:
    speed = [[res["pages"], res["rapidocr_s_per_page"], res["page_path_s_per_page"], res["cell_path_s_per_page"],
              f"{res['speedup_cell_path_vs_rapidocr']}×", f"{res['speedup_cell_path_vs_page_path']}×",
              _yes(res["meets_target"])]]
    acc = [[mode, f"{a['right']}/{a['total']}", f"{a['accuracy']:.2%}", a["abstained"], a["flagged_errors"],
            a["silent_errors"], a["extract_s_per_page"], res["peak_rss_mb"].get(mode)]
           for mode, a in res["accuracy"].items()]
    return [f"## OCR on generated scans: cell path vs full-page rapidocr (target ≥ {res['target_speedup']}× faster, "
            "accuracy not lower)", ""] + _table(
        ["pages", "rapidocr s/page", "page path s/page", "cell path s/page", "speed-up vs rapidocr",
         "speed-up vs page path", "meets"], speed) + _table(
        ["path", "cells exact", "accuracy", "abstained", "wrong, flagged", "silent", "extract s/page", "peak RSS MB"], acc
    ) + [f"rapidocr alone peaks at {res['peak_rss_mb'].get('rapidocr')} MB in the same child-process measurement.", ""]


def _loop(res: dict[str, Any]) -> list[str]:
    def row(name: str, s: dict[str, Any]) -> list[Any]:
        return [name, s["documents"], f"{s['right']}/{s['total']}", f"{s['accuracy']:.2%}", s["abstained"], s["silent_errors"]]

    ev = res["evaluation"]
    rows = [row(f"family {res['family']}, 40 other reports: shipped model", ev["before"]),
            row("… after retraining on 20 corrected reports", ev["after"])]
    if "after_without_context" in ev:
        rows.append(row("… retrained without context rows", ev["after_without_context"]))
    rows += [row(f"standard wording (seed {res['standard_set']['seed']}): shipped", res["standard_set"]["before"]),
             row("… retrained", res["standard_set"]["after"])]
    if "before" in res["corpus"]:
        rows += [row("real corpus: shipped", res["corpus"]["before"]), row("… retrained", res["corpus"]["after"])]
    c, samples = res["corrections"], res["label_samples"]
    return ["## Correction loop: a new local template, 20 reports corrected, retrained", ""] + _table(
        ["set", "docs", "cells", "accuracy", "abstained", "silent errors"], rows) + [
        f"{c['cell_corrections']} cell corrections on {c['reports_with_cell_corrections']} of {c['reports']} reports "
        f"→ {samples['samples']} label samples ({samples['mislabelled_rows']} mislabelled rows, {samples['extra_rows']} "
        f"extra rows) + {samples['context_rows']} context rows, {samples['abstained_rows']} corrected rows abstained; "
        f"samples {res['timings']['samples_s']} s, label retraining {res['timings']['labels_train_s']} s. Target ≥ 99.5% after: {_yes(res['meets_target'])}; "
        f"no regression: {_yes(res['no_regression'])}.", ""]
def _cold(res: dict[str, Any]) -> list[str]:
    rows = [[f"`{res['command']} {label}", res[key]["wall_s"], res[key]["cpu_s"], target]
            for label, key, target in ((f"extract` ({res['pdf_pages']}-page text PDF)", "extract", f"≤ {res['target_extract_s']} s"),
                                       ("--help`", "help", f"≤ {res['target_help_s']} s"), ("--version`", "version", ""))]
    rows += [["baseline: `python -c pass`", res["python"]["wall_s"], res["python"]["cpu_s"], ""],
             ["baseline: `import pymupdf` + `get_text()` on every page", res["pymupdf_get_text"]["wall_s"],
              res["pymupdf_get_text"]["cpu_s"], ""]]
    return [f"## Cold start: fresh processes, median of {res['reps']} (interleaved with the baselines)", ""] + _table(
        ["command", "wall s", "CPU s", "target"], rows) + [
        f"extract / raw PyMuPDF read: **{res['extract_ratio_vs_pymupdf_get_text']}×** wall, "
        f"{res['extract_cpu_ratio_vs_pymupdf_get_text']}× CPU; meets ≤ {res['target_extract_s']} s: "
        f"{_yes(res['meets_extract_target'])}; --help meets ≤ {res['target_help_s']} s: {_yes(res['meets_help_target'])}. "
        f"Warm (models loaded, same file, in process): {res['warm_extract_s']} s. "
        f"First run (builds the per-user caches when absent): {res['first_run_wall_s']} s.", ""]


def _batch_scale(res: dict[str, Any]) -> list[str]:
    rows = []
    for sink in ("sqlite", "postgresql"):
        r = res.get(sink, {})
        if "skipped" in r:
            rows.append([sink, "—", "—", "—", "—", "—", r["skipped"]])
            continue
        rows.append([sink, r["reports"], r["failed"], r["elapsed_s"], r["reports_per_hour"],
                     ", ".join(str(v) for v in r["peak_rss_mb_per_worker"]), r["db_mb_per_1000_reports"]])
    p, sink = res["projection"], res["sink_alone"]
    return [f"## Batch at scale: {res['n']} generated reports ({round(100 * res['scan_share'])} % scans), "
            f"{res['workers']} workers", ""] + _table(
        ["sink", "reports", "failed", "seconds", "reports/hour", "peak RSS per worker (MB)", "DB MB per 1,000 reports"], rows
    ) + [f"The sink alone (one process writing {sink['reports']} stored reports back): {sink['reports_per_hour']} reports/hour.", "",
         f"**Calculation, not a measurement** — a {p['workers']}-worker cluster for {p['reports']:,} reports: "
         f"{p['per_worker_reports_per_hour']} reports/hour per worker × {p['workers']} = {p['workers_reports_per_hour']}/hour, "
         f"sink {p['sink_reports_per_hour']}/hour, bound by the {p['bound_by']}: **{p['hours']} hours**. "
         f"Assumes {p['assumes']}.", ""]


def _review(res: dict[str, Any]) -> list[str]:
    from .review_list import section

    return section(res)


def _assess(res: dict[str, Any]) -> list[str]:
    rows = [[k, f"{v['agree']}/{v['total']}"] for k, v in res["agreement"].items()]
    return [f"## Assessment: {res['reports']} reports of {res['regions']} generated regions", ""] + _table(
        ["expected verdict", "agreeing with the gold"], rows) + [
        f"Assessment {res['assess_s']} s ({res['assess_ms_per_report']} ms/report, extraction excluded: "
        f"{res['extract_s']} s); copy-paste comparison {res['similarity_s']} s over {res['candidate_pairs']} "
        f"candidate pairs of {res['all_pairs']}; difflib on every pair of full texts, extrapolated from 200 "
        f"timed pairs: {res['difflib_all_pairs_s_extrapolated']} s ({res['speedup_vs_difflib']}×).", ""]


SECTIONS = {"pdf": _pdf, "formats": _formats, "narrative": _narrative, "batch": _batch, "batch-scale": _batch_scale,
            "ocr": _ocr, "ocr_scans": _ocr_scans, "assess": _assess, "loop": _loop, "cold": _cold, "review": _review}


def _notes(meta: dict[str, Any]) -> list[str]:
    """Each measurement's load average (start, end) and the note it was run with: the context its numbers need."""
    names = sorted(set(meta.get("loadavg", {})) | set(meta.get("notes", {})))
    if not names:
        return []
    lines = ["## Notes", ""]
    for name in names:
        load = meta.get("loadavg", {}).get(name)
        load_text = f"load average {load[0]} at start, {load[1]} at end" if load else "load average not recorded"
        note = meta.get("notes", {}).get(name)
        lines.append(f"- {name}: {load_text}." + (f" {note}" if note else ""))
    return lines + [""]


def markdown(data: dict[str, Any]) -> str:
    """All measured sections, in suite order, under a line naming the machine and versions."""
    meta = data["meta"]
    libs = ", ".join(f"{k} {v}" for k, v in meta["libraries"].items())
    lines = [f"# xxgk benchmarks ({meta['date']})", "",
             f"{meta['cpu_count']} CPUs, Python {meta['python']}, {meta['platform']}; {libs}. "
             f"Measured {', '.join(f'{k} {v}' for k, v in meta.get('measured_at', {}).items())}. "
             f"Commit {meta['git_commit']}{' (dirty tree)' if meta['git_dirty'] else ''}. "
             f"Load average {meta['loadavg_start']} at start, {meta.get('loadavg_end')} at end. "
             f"Mode: {'quick' if meta['quick'] else 'full'}; warm-up extract {meta.get('warmup_s')} s "
             "(model loading, excluded from every number).", ""]
    for name in [n for n in SECTIONS if n in data["results"]]:
        result = data["results"][name]
        if "skipped" in result:
            lines += [f"## {name}", "", f"Skipped: {result['skipped']}", ""]
        elif "error" in result:
            lines += [f"## {name}", "", f"Failed: `{result['error']}`", ""]
        else:
            lines += SECTIONS[name](result)
    lines += _notes(meta)
    return "\n".join(lines).rstrip() + "\n"
