"""OCR for pages and images without a text layer (rapidocr, bundled models, offline).

`ocr_pdf_page` serves the PDF reader for pages whose text layer is missing or unusable;
`ocr_image` serves readers/image.py. Both return lines and tables in points with source OCR.
"""

from __future__ import annotations

from .page import ocr_image, ocr_pdf_page

__all__ = ["ocr_image", "ocr_pdf_page"]
