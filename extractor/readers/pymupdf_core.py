"""PyMuPDF without its layout add-ons, which the PDF reader keeps off.

PyMuPDF 2 tries `import pymupdf.layout` and `import pymupdf4llm` when it is imported; with those
packages installed (PyMuPDF depends on them) that loads the ONNX layout model's stack (onnxruntime,
numpy, networkx, ...): ~0.7 s of a one-file `xxgk extract`, for a model that is off unless
`Settings.use_layout_model` asks for it (it costs ~10x the ruling-line tables). Importing PyMuPDF
here makes both optional imports fail, as they would if the packages were absent; `enable_layout`
brings them back when the setting asks for the model. Import PyMuPDF from this module in the reader.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

_ADD_ONS = ("pymupdf.layout", "pymupdf4llm")


def _import_core() -> ModuleType:
    if "pymupdf" in sys.modules:  # imported elsewhere first: use it as it is
        return sys.modules["pymupdf"]
    blocked = [name for name in _ADD_ONS if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # `import name` raises ImportError
    try:
        core = importlib.import_module("pymupdf")
    finally:
        for name in blocked:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    core.no_recommend_layout()  # its hint about the layout package would go to stdout
    return core


pymupdf: Any = _import_core()
# The process-wide switches pymupdf4llm's import used to set, kept as they were: MuPDF prints every
# repair it makes to stderr (with raw bytes of the file) while the reader raises one clear error; and
# character boxes come without ascender/descender corrections (what every test and gold was made with).
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)
pymupdf.TOOLS.unset_quad_corrections(True)
mupdf: Any = pymupdf.mupdf  # the low-level bindings (their error classes)


def enable_layout() -> None:
    """Load the layout add-ons after all (Settings.use_layout_model): activates the ONNX layout model."""
    importlib.import_module("pymupdf.layout")  # registers the model with pymupdf on import
    if getattr(pymupdf, "pymupdf4llm", None) is None:
        with_llm = importlib.import_module("pymupdf4llm")
        pymupdf.pymupdf4llm = with_llm  # pymupdf.use_layout() reads this module global
