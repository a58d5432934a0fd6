"""HTML in two shapes: a real <table> with rowspan/colspan, or "flat" with one cell per <p>.

The flat shape is what many portals publish after a CMS strips the table; a reader has to rebuild
the grid from the schema and the arithmetic. The gbk variant writes the bytes in gbk and says so
in a <meta> tag, as older county portals do.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from extractor.synth.render_txt import glue_rng, run_text
from extractor.synth.report import SynthReport
from extractor.synth.tables import Grid


def _text(s: str) -> str:
    return escape(s).replace("\n", "<br>")


def _table(grid: Grid) -> list[str]:
    out = ['<table border="1" cellspacing="0" cellpadding="3" style="border-collapse:collapse">']
    for row in grid.rows():
        tds = []
        for c in row:
            span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            tds.append(f"<td{span}>{_text(c.text)}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return out


def _flat(grid: Grid) -> list[str]:
    return [f"<p>{_text(c.text) if c.text else '&nbsp;'}</p>" for row in grid.rows() for c in row]


def render(report: SynthReport, path: Path) -> None:
    gbk = report.layout.has("gbk")
    charset = "gbk" if gbk else "utf-8"
    flat = report.fmt == "html-flat"
    glue = glue_rng(report) if flat and report.layout.has("run_together") else None
    title_plain = report.title.replace("\n", "")
    out = ["<!DOCTYPE html>", "<html>", "<head>", f'<meta charset="{charset}">',
           f"<title>{escape(title_plain)}</title>"]
    if report.dated and report.published is not None:  # as CMS pages state it
        out.append(f'<meta name="PubDate" content="{report.published.isoformat()} 09:30">')
    out += ["</head>", "<body>", '<div class="article">']
    for kind, payload in report.blocks:
        if isinstance(payload, Grid):
            if glue is not None:  # run_together: the whole table in one paragraph, boundaries lost
                out.append(f"<p>{escape(run_text(payload, *glue))}</p>")
            else:
                out.extend(_flat(payload) if flat else _table(payload))
        elif kind == "title":
            out.append(f'<h1 style="text-align:center">{_text(payload)}</h1>')
        elif kind == "heading":
            out.append(f"<p><strong>{_text(payload)}</strong></p>")
        else:
            out.append(f'<p style="text-indent:2em">{_text(payload)}</p>')
    out += ["</div>", "</body>", "</html>", ""]
    path.write_bytes("\n".join(out).encode(charset))
