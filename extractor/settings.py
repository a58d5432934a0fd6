"""Every tolerance and limit of the pipeline, named in one place (pdfplumber's table settings)."""

from __future__ import annotations

from pydantic import BaseModel


class Settings(BaseModel):
    # --- input limits
    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 300
    max_html_bytes: int = 20 * 1024 * 1024

    # --- PDF table recovery
    use_layout_model: bool = False  # PyMuPDF's ONNX layout mode costs ~10x the ruling-line path
    table_stitch_max_gap_pt: float = 120.0  # max distance to page bottom/top for a continued table
    char_in_cell_overlap: float = 0.5  # share of a character box that must lie inside a cell

    # --- mapping
    min_label_probability: float = 0.05  # below this a row is treated as "unknown" by the alignment
    low_confidence: float = 0.6  # mapping probability under which the cell confidence is lowered
    skip_key_penalty: float = 2.5  # log-penalty for a schema row that is not printed
    max_digit_split_candidates: int = 20000  # enumeration bound for run-together digits

    # --- confidence of a cell by where its text came from
    text_confidence: float = 0.99
    ocr_confidence: float = 0.85


DEFAULT_SETTINGS = Settings()
