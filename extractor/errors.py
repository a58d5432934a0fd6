"""Fatal errors (no report can be produced) and the codes of non-fatal warnings.

A fatal error names the file and the reason in one line; the CLI maps it to exit status 1.
"""

from __future__ import annotations


class ExtractorError(Exception):
    """A file that cannot be turned into a report. `code` is stable and machine-readable."""

    code = "extraction_failed"
    stage = "extract"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormat(ExtractorError):
    code = "unsupported_format"
    stage = "detect"


class EmptyFile(ExtractorError):
    code = "empty_file"
    stage = "detect"


class UnreadableFile(ExtractorError):
    """The operating system refuses the read (permissions, a folder, a symlink loop)."""

    code = "unreadable"
    stage = "detect"


class EncryptedFile(ExtractorError):
    code = "encrypted"
    stage = "read"


class CorruptFile(ExtractorError):
    code = "corrupt"
    stage = "read"


class LimitExceeded(ExtractorError):
    code = "limit_exceeded"
    stage = "read"


class FileTooLarge(LimitExceeded):
    code = "file_too_large"
    stage = "detect"


class TooManyPages(LimitExceeded):
    code = "too_many_pages"


class PageTooLarge(LimitExceeded):
    code = "page_too_large"


class StreamTooLarge(LimitExceeded):
    """A compressed PDF stream inflates past the limit (a decompression bomb)."""

    code = "stream_too_large"


class ZipMemberTooLarge(LimitExceeded):
    """A DOCX zip member (or the whole package) inflates past the limit, or the zip has too many members."""

    code = "zip_member_too_large"


class ImageTooLarge(LimitExceeded):
    code = "image_too_large"


class HtmlTooLarge(LimitExceeded):
    code = "html_too_large"


class HtmlTooDeep(LimitExceeded):
    code = "html_too_deep"


# Limits enforced by the batch runner around a worker process rather than raised by a reader
# (extractor.batch.worker records them with these codes).
TIMEOUT_CODE = "timeout"
MEMORY_LIMIT_CODE = "memory_limit"


class NotAReport(ExtractorError):
    code = "not_a_report"
    stage = "map"


class ModelError(Exception):
    """A trained artifact is missing or does not match this code or schema."""


class WarningCode:
    """Codes of the structured warnings attached to a report (partial results)."""

    TABLE_MISSING = "table_missing"
    SECTION_MISSING = "section_missing"
    AMBIGUOUS_DIGITS = "ambiguous_digits"
    UNREADABLE_CELL = "unreadable_cell"
    LOW_CONFIDENCE_MAPPING = "low_confidence_mapping"
    YEAR_MISMATCH = "year_mismatch"
    TEMPLATE_UNCERTAIN = "template_uncertain"
    AGENCY_UNKNOWN = "agency_unknown"
    YEAR_UNKNOWN = "year_unknown"
    NARRATIVE_EMPTY = "narrative_empty"
    EXTRA_ROW = "extra_row"
