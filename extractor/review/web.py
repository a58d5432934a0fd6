"""The review web app (Starlette + Jinja2, plain forms and one small script; no build step, no CDN).

Pages: the report list (filters, paging, the next report to review), a report (page image or running
text beside the tables, checks, narrative, corrections), page images, exports. Every change goes
through `extractor.review.corrections.add_correction`. Forms carry a per-process token and POSTs
must come from the app's own origin, so another web page cannot post corrections into it; Jinja
escapes everything it prints, and the content security policy allows only the app's own script.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..settings import DEFAULT_SETTINGS
from ..sinks.corrections import ReportNotFound
from ..sinks.review_state import set_reviewed, stale_report_ids, states
from ..sinks.sql import make_engine
from ..version import __version__
from .cells import CELL_KINDS_ORDER
from .corrected import CorrectionError, validate
from .corrections import add_correction, corrected_document
from .export import FORMATS, MEDIA_TYPES, corrected_json, export_corrections, export_reports, report_ids
from .forms import Draft, corrections_asked, draft_from_form
from .messages import (
    CELL_KINDS,
    CHECK_NAMES,
    ITEM_KINDS,
    PLATFORM_KINDS,
    REPORT_FIELDS,
    STATUS_NAMES,
    in_chinese,
    warning_title,
)
from .pages import ReportPage, report_page, when
from .queries import STATUSES, ListFilter, list_reports, next_to_review, status_counts, years
from .reviewed import review_report
from .sources import Sources

CSP = ("default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("extractor.review", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(CHECK_NAMES=CHECK_NAMES, STATUS_NAMES=STATUS_NAMES, CELL_KINDS=CELL_KINDS, ITEM_KINDS=ITEM_KINDS,
                       PLATFORM_KINDS=PLATFORM_KINDS, REPORT_FIELDS=REPORT_FIELDS, STATUSES=STATUSES,
                       warning_title=warning_title,
                       CELL_KINDS_ORDER=CELL_KINDS_ORDER, version=__version__)
    env.filters["shown"] = _shown
    env.filters["when"] = when
    env.filters["tojson_attr"] = lambda v: json.dumps(v, ensure_ascii=False)
    return env


def _shown(value: Any) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return "；".join(f"{k}: {_shown(v)}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None  # type: ignore[arg-type]
    except ValueError:
        return None


class ReviewApp:
    """Routes over one database and the folders where source files may be."""

    def __init__(self, engine: Engine, files: Sequence[Path] = ()) -> None:
        self.engine = engine
        self.sources = Sources(files)
        self.env = _environment()
        self.token = secrets.token_urlsafe(24)
        self.size = DEFAULT_SETTINGS.review_page_size

    # ------------------------------------------------------------ helpers

    def render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(token=self.token, **context)
        return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP})

    def refused(self, request: Request) -> Response | None:
        """Refuse a POST without this app's token or from another origin (a page elsewhere posting into it)."""
        origin = request.headers.get("origin") or request.headers.get("referer")
        if origin and urlsplit(origin).netloc != request.headers.get("host"):
            return self.render("message.html", 403, title="请求被拒绝", message="该请求来自其他网页，已拒绝。请在本页面内操作。")
        return None

    # ------------------------------------------------------------ list

    def list_page(self, request: Request) -> Response:
        q = request.query_params
        year = _int(q.get("year"))
        template = q.get("template") if q.get("template") in ("2019", "2021") else None
        flt = ListFilter(agency=q.get("agency", "")[:100], year=year, template=template,
                         status=q.get("status", "") if q.get("status", "") in STATUSES else "", page=max(1, _int(q.get("page")) or 1))
        page = list_reports(self.engine, flt, self.size)
        return self.render("list.html", page=page, flt=flt, years=years(self.engine), counts=status_counts(self.engine),
                           urlencode=urlencode, notice=q.get("notice"))

    def next_report(self, request: Request) -> Response:
        after = _int(request.query_params.get("after"))
        found = next_to_review(self.engine, after)
        if found is None:
            return RedirectResponse("/?status=todo&notice=none", status_code=303)
        return RedirectResponse(f"/reports/{found}", status_code=303)

    # ------------------------------------------------------------ one report

    def _report_page(self, report_id: int, selected: str | None) -> ReportPage:
        return report_page(review_report(self.engine, report_id), self.sources, selected)

    def _show(self, page: ReportPage, status: int = 200) -> HTMLResponse:
        report_id = page.reviewed.doc.stored.id
        state = states(self.engine, [report_id]).get(report_id)
        return self.render("report.html", status, p=page, state=state, data_json=json.dumps(page.data, ensure_ascii=False),
                           next_url=f"/next?after={report_id}")

    def report(self, request: Request) -> Response:
        report_id = int(request.path_params["report_id"])
        q = request.query_params
        try:
            page = self._report_page(report_id, q.get("cell") or q.get("item"))
        except ReportNotFound:
            return self._gone(report_id, None)
        saved = _int(q.get("saved"))
        if saved is not None:
            page.notices.extend(self._saved_notices(page, saved, q.get("conflict") == "1"))
        if q.get("reviewed") in ("1", "0"):
            page.notices.append("已标记为复核完成。" if q.get("reviewed") == "1" else "已取消“复核完成”标记。")
        return self._show(page)

    def _saved_notices(self, page: ReportPage, saved: int, conflict: bool) -> list[str]:
        corrections = page.reviewed.doc.corrections
        mine = next((c for c in corrections if c.id == saved), None)
        if mine is None:
            return []
        label = page.cells[mine.path].label if mine.path in page.cells else mine.path
        notices = [f"已保存更正 #{mine.id}：{label}：{_shown(mine.old_value)} → {_shown(mine.new_value)}"]
        if conflict:
            notices.append(f"注意：您编辑期间，此项已被他人更正（您打开时看到的值与保存前的值不同）。您的更正 #{mine.id} 已保存并生效，"
                           "之前的更正也保留在更正记录中。")
        return notices

    def _gone(self, report_id: int, draft: Draft | None) -> HTMLResponse:
        typed = ""
        if draft is not None:
            typed = "；".join(f"{k} = {v}" for k, v in draft.fields.items() if v) or "（无）"
        return self.render("message.html", 404, title="报告不存在",
                           message=f"报告 #{report_id} 已不在数据库中（可能已被删除或重新导入）。" + ("更正未保存。" if draft else ""),
                           typed=typed, path=draft.path if draft else None, note=draft.note if draft else None)

    async def correct(self, request: Request) -> Response:
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        return await run_in_threadpool(self._correct, request, form)  # database work off the event loop

    def _correct(self, request: Request, form: dict[str, str]) -> Response:
        report_id = int(request.path_params["report_id"])
        draft = draft_from_form(form)
        if (refused := self.refused(request)) is not None:
            return refused
        if form.get("token") != self.token:
            return self.render("message.html", 403, title="页面已过期",
                               message="这个页面来自之前启动的复核程序，更正未保存。请刷新页面后重新输入。",
                               typed="；".join(f"{k} = {v}" for k, v in draft.fields.items() if v), path=draft.path)
        try:
            asked = corrections_asked(draft)
            current = corrected_document(self.engine, report_id)
            for path, value in asked:  # all of a form's fields are valid, or none is stored
                validate(current.view, current.item_keys, path, value)
            seen = draft.seen_value
            stored = [add_correction(self.engine, report_id, path, value, draft.note) for path, value in asked]
        except ReportNotFound:
            return self._gone(report_id, draft)
        except CorrectionError as exc:
            page = self._report_page(report_id, draft.path if draft.path != "report" else None)
            page.draft, page.error = draft, in_chinese(str(exc))
            return self._show(page, 400)
        review_report(self.engine, report_id)  # the list's line follows the correction
        last = stored[-1]
        conflict = draft.seen != "" and draft.path != "report" and _differs(last.old_value, seen)
        target = last.path if last.path.startswith(("tables.", "narrative.")) else None
        params = {"saved": str(last.id), **({"conflict": "1"} if conflict else {}),
                  **({"cell" if target.startswith("tables.") else "item": target} if target else {})}
        return RedirectResponse(f"/reports/{report_id}?{urlencode(params)}#{'editor' if target else 'top'}", status_code=303)

    async def mark_reviewed(self, request: Request) -> Response:
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        return await run_in_threadpool(self._mark_reviewed, request, form)

    def _mark_reviewed(self, request: Request, form: dict[str, str]) -> Response:
        report_id = int(request.path_params["report_id"])
        if (refused := self.refused(request)) is not None:
            return refused
        if form.get("token") != self.token:
            return self.render("message.html", 403, title="页面已过期", message="请刷新页面后重试。")
        reviewed = form.get("reviewed") == "1"
        try:
            review_report(self.engine, report_id)
        except ReportNotFound:
            return self._gone(report_id, None)
        set_reviewed(self.engine, report_id, reviewed)
        if reviewed and form.get("then") == "next":
            return RedirectResponse(f"/next?after={report_id}", status_code=303)
        return RedirectResponse(f"/reports/{report_id}?reviewed={'1' if reviewed else '0'}", status_code=303)

    def page_image(self, request: Request) -> Response:
        report_id, number = int(request.path_params["report_id"]), int(request.path_params["page"])
        try:
            stored = corrected_document(self.engine, report_id).stored
        except ReportNotFound:
            return Response("report not found", status_code=404, media_type="text/plain; charset=utf-8")
        located = self.sources.locate(stored.file, stored.sha256)
        if located.path is None:
            return Response(located.reason or "", status_code=404, media_type="text/plain; charset=utf-8")
        png = self.sources.page_png(located.path, number, DEFAULT_SETTINGS.review_page_zoom)
        if isinstance(png, str):
            return Response(png, status_code=404, media_type="text/plain; charset=utf-8")
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    # ------------------------------------------------------------ exports

    def export_one(self, request: Request) -> Response:
        report_id = int(request.path_params["report_id"])
        try:
            reviewed = review_report(self.engine, report_id, save=False)
        except ReportNotFound:
            return self._gone(report_id, None)
        body = json.dumps(corrected_json(reviewed), ensure_ascii=False, indent=2) + "\n"
        name = Path(reviewed.doc.stored.file).stem or f"report-{report_id}"
        return Response(body, media_type="application/json; charset=utf-8",
                        headers={"Content-Disposition": _attachment(f"{name}.corrected.json")})

    def export(self, request: Request) -> Response:
        q = request.query_params
        fmt = q.get("format", "jsonl")
        if fmt not in FORMATS:
            return self.render("message.html", 400, title="无法导出", message=f"不支持的格式：{fmt}（可选 jsonl、json、csv）")
        if q.get("what") == "corrections":
            chunks = export_corrections(self.engine, fmt)
            name = f"corrections.{fmt}"
        else:
            template = q.get("template") if q.get("template") in ("2019", "2021") else None
            flt = ListFilter(agency=q.get("agency", ""), year=_int(q.get("year")), template=template,
                             status=q.get("status", "") if q.get("status", "") in STATUSES else "")
            ids = report_ids(self.engine, flt, corrected_only=q.get("corrected_only") == "1")
            chunks = export_reports(self.engine, fmt, ids)
            name = f"reports.corrected.{fmt}"
        # a plain iterator: Starlette reads it in a worker thread, so a long export never blocks other pages
        return StreamingResponse((chunk.encode("utf-8") for chunk in chunks), media_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8",
                                 headers={"Content-Disposition": _attachment(name)})


def _attachment(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(name)}"


def _differs(stored_old: Any, seen: Any) -> bool:
    """The value before this save is not what the reviewer's form showed: someone changed it meanwhile."""
    if isinstance(stored_old, int | float) and isinstance(seen, int | float):
        return float(stored_old) != float(seen)
    return bool(stored_old != seen)


def create_app(db: str | Engine, files: Sequence[Path] = (), allowed_hosts: Sequence[str] | None = None) -> Starlette:
    """The ASGI app over a database URL or engine; `allowed_hosts` (Host header) guards against DNS rebinding."""
    engine = make_engine(db) if isinstance(db, str) else db
    from ..sinks.sql import SqlSink

    SqlSink(engine)  # create or migrate the schema (the review state table is migration 3)
    app = ReviewApp(engine, files)
    for report_id in stale_report_ids(engine):  # corrected by a script since the app last ran
        try:
            review_report(engine, report_id)
        except ReportNotFound:
            continue
    static = Path(__file__).with_name("static")
    routes = [
        Route("/", app.list_page),
        Route("/next", app.next_report),
        Route("/reports/{report_id:int}", app.report),
        Route("/reports/{report_id:int}/correct", app.correct, methods=["POST"]),
        Route("/reports/{report_id:int}/reviewed", app.mark_reviewed, methods=["POST"]),
        Route("/reports/{report_id:int}/page/{page:int}.png", app.page_image),
        Route("/reports/{report_id:int}/export.json", app.export_one),
        Route("/export", app.export),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))] if allowed_hosts else []
    starlette = Starlette(routes=routes, middleware=middleware)
    starlette.state.review = app
    return starlette


__all__ = ["create_app", "ReviewApp"]
