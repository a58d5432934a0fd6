"""Label variants as the generator prints them, for `xxgk train labels --with-generated`.

The generator's layouts (punctuation habits, wrapped headers, stacked group labels) are applied to
every canonical label; each printed form becomes one training row for its key. The wrapped and
stacked forms are also cut at their line breaks, as a text layer that loses one half would show.
"""

from __future__ import annotations

import random

from .. import schema
from ..mapping.label_data import label_of
from .layout import choose_layout, header, vertical


def _printed_forms(text: str, layout_text: str) -> list[str]:
    forms = [layout_text.replace("\n", ""), layout_text.replace("\n", " ")]
    if "\n" in layout_text:
        forms.append(layout_text.split("\n", 1)[0])  # the half that stays on the first line
    return [f for f in dict.fromkeys(forms) if f.strip()] or [text]


def generated_label_variants(layouts: int = 60, seed: int = 0) -> list[tuple[str, str]]:
    """(printed text, namespace:key) pairs from `layouts` seeded generator layouts, deterministic."""
    rng = random.Random(seed)
    rows: list[tuple[str, str]] = []
    fields: list[tuple[str, str, str]] = []  # (namespace, key, label)
    for template in schema.TEMPLATES:
        p = schema.proactive(template)
        fields += [("proactive.row", f.key, f.label) for f in p.rows]
        fields += [("proactive.col", f.key, f.label) for f in p.columns]
    req = schema.requests()
    fields += [("requests.row", f.key, (f.group or "") + f.label if f.group and rng.random() < 0.5 else f.label) for f in req.rows]
    fields += [("requests.col", f.key, f.label) for f in req.columns]
    rl = schema.review_litigation()
    fields += [("review.group", f.key, f.label) for f in rl.groups]
    fields += [("review.col", f.key, f.label) for f in rl.columns]
    for _ in range(layouts):
        template = rng.choice(schema.TEMPLATES)
        layout = choose_layout(rng, template, rng.choice(("pdf", "docx", "html", "txt")), None)
        for namespace, key, label in fields:
            printed = layout.label(label)
            if namespace.endswith(".col"):
                printed = header(layout, printed)
            elif namespace == "requests.row" and printed.startswith("三、本年度办理结果"):
                printed = vertical(layout, "三、本年度办理结果") + printed[len("三、本年度办理结果") :]
            rows.extend((form, label_of(namespace, key)) for form in _printed_forms(label, printed))
    return list(dict.fromkeys(rows))
