"""Every tolerance and limit of the pipeline, named in one place (pdfplumber's table settings)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel


class Settings(BaseModel):
    # --- input limits
    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 300
    max_html_bytes: int = 20 * 1024 * 1024
    max_html_depth: int = 200  # element nesting; libxml2 itself gives up at 256 without huge_tree
    max_page_side_pt: float = 14_400.0  # PDF's own bound on a page side (200 in); larger boxes are hostile
    max_stream_bytes: int = 64 * 1024 * 1024  # one PDF stream, decompressed (Flate bombs)
    max_pdf_inflate_bytes: int = 512 * 1024 * 1024  # all of a PDF's Flate streams, decompressed
    max_zip_members: int = 2_000  # DOCX package parts; a real report has < 50
    max_zip_member_bytes: int = 64 * 1024 * 1024  # one DOCX part, declared and actually inflated
    max_zip_total_bytes: int = 256 * 1024 * 1024  # the whole DOCX package, inflated

    # --- PDF table recovery
    use_layout_model: bool = False  # PyMuPDF's ONNX layout mode costs ~10x the ruling-line path
    table_stitch_max_gap_pt: float = 120.0  # max distance to page bottom/top for a continued table
    char_in_cell_overlap: float = 0.5  # share of a character box that must lie inside a cell
    table_strategy: str = "lines_strict"  # PyMuPDF find_tables strategy; "lines" also reads fill-only boxes as rules
    table_min_cols: int = 2  # a ruled box with one column is a framed paragraph, not a table
    table_grid_snap_pt: float = 1.0  # cell edges closer than this are one grid line
    table_stitch_edge_tolerance_pt: float = 6.0  # column edges of two table parts this close are one edge
    cell_baseline_tolerance: float = 0.5  # share of the font size: baselines closer are one text line
    line_row_overlap: float = 0.5  # share of the shorter line's height two lines must share to be one row
    pdf_eof_tail_bytes: int = 4096  # a PDF without "%%EOF" in its last bytes and needing repair is truncated

    # --- OCR detection (PDF pages without a usable text layer)
    ocr_enabled: bool = True  # False: PDF pages without a text layer are listed in ocr_pages, not read (fuzzing)
    ocr_min_text_chars: int = 20  # fewer characters than this on a page covered by an image: scanned
    ocr_image_cover: float = 0.6  # share of the page area images must cover to count as a scan
    ocr_garbage_share: float = 0.3  # share of unmapped (U+FFFD, private-use, control) characters
    ocr_region_min_cover: float = 0.05  # a picture on a text page this share of the page or larger is OCR'd
    #   (a pasted table 4 covers ~7.5 % of A4, table 2 or 3 25-50 %; an official seal ~3 %)
    ocr_region_max_chars: int = 4  # ... when at most this many text-layer characters lie over it

    # --- models
    model_dir: Path | None = None  # a model set from `xxgk train --from-db/--from-json` (model_sets.py); None: shipped models

    # --- mapping
    min_label_probability: float = 0.05  # below this a row is treated as "unknown" by the alignment
    low_confidence: float = 0.6  # mapping probability under which the cell confidence is lowered
    skip_key_penalty: float = 2.5  # log-penalty for a schema row that is not printed
    reordered_row_probability: float = 0.9  # a row left out of the printed-order alignment keeps a key no row
    #   took when the classifier names it this surely (a local template printing two rows the other way round)
    crossed_rows_probability: float = 0.5  # two aligned rows each named this surely as the other's key swap keys
    max_digit_split_candidates: int = 20000  # enumeration bound for run-together digits
    max_digit_split_steps: int = 100_000  # partial readings tried per row (~0.4 s); beyond it the row stays null
    # a cell whose boundaries were inferred (run-together digits, blank positions lost in flattened
    # text) and chosen by the column kinds and relations: below 0.9, the level at which a cell counts as read
    inferred_cell_confidence: float = 0.8

    # --- OCR (scanned pages and images; extractor/ocr)
    ocr_dpi: int = 200  # render dpi for vector pages; measured: 150-200 read 7-pt table text exactly
    ocr_min_dpi: int = 120  # a scan's own resolution is used, clamped to this range
    ocr_max_dpi: int = 300
    ocr_max_side_px: int = 2400  # longest rendered side; rapidocr would downscale beyond its own bound
    ocr_text_score: float = 0.5  # OCR boxes scoring below this are dropped
    ocr_rec_batch_num: int = 6  # recogniser batch; 6 measured fastest here (16: +8 %, 32: +35 %)
    ocr_threads: int = 0  # onnxruntime intra-op threads; 0 = its default (all cores)
    ocr_rec_mem_arena: bool = True  # the recogniser's session keeps its buffers between runs (recognizer.py)
    ocr_max_skew_deg: float = 3.0  # deskew searches |angle| <= this
    ocr_min_skew_deg: float = 0.05  # smaller estimated skews are not worth a resample
    ocr_blank_ink_share: float = 0.0005  # a page with less dark-pixel share than this is blank
    ocr_line_join_gap: float = 1.0  # loose boxes of one row closer than this many text heights are one line
    ocr_min_table_rows: int = 2  # a ruled grid or aligned block needs this many rows to be a table
    ocr_min_table_cols: int = 2
    ocr_numeric_column_share: float = 0.6  # share of numeric cells that makes a column numeric
    ocr_cell_path: bool = True  # read trusted ruled grids cell by cell with the recogniser alone (cell_read.py)
    ocr_grid_max_doubtful_share: float = 0.2  # more doubtful text cells than this share: full-page OCR instead
    ocr_rec_min_width_px: int = 48  # recogniser input width floor; narrower, single digits lose confidence
    ocr_cell_batch_num: int = 16  # crops per recogniser call on the cell path (sorted by width)
    ocr_projected_lines: bool = True  # prose strips of plain lines are cut by projection, not detected (strips.py)
    image_assumed_dpi: int = 200  # images carry no trustworthy size: 1 px = 72/this points
    max_image_pixels: int = 80_000_000  # per frame; an A4 scan at 600 dpi is ~35 MP

    # --- legacy .doc through LibreOffice
    soffice_path: str = "soffice"  # a name looked up on PATH, or a path
    libreoffice_timeout_s: float = 60.0  # the whole conversion; the process group is killed after it

    # --- publication date (layout/dates.py)
    signature_tail_lines: int = 12  # non-empty lines at the end of a report searched for a signature date
    printed_date_earliest_month: int = 12  # a printed date of a year-Y report is no earlier than Y-12-01
    publication_latest_years: int = 3  # ... and no later than the end of Y+3 (later is a repost or a crawl)

    # --- confidence of a cell by where its text came from
    text_confidence: float = 0.99
    ocr_confidence: float = 0.85

    # --- review app (xxgk review)
    review_low_confidence: float = 0.8  # values extracted with less confidence are marked for a second look
    review_page_zoom: float = 2.0  # pixels per point of the page pictures (a 595 pt A4 page → 1190 px)
    review_page_size: int = 50  # reports per page of the review list


DEFAULT_SETTINGS = Settings()
