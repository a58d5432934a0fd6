"""Find the report files under the given paths, by content rather than by name.

Folders are walked recursively in sorted order (so runs are reproducible), symlinks are followed
but each real folder is entered once (no loops), identical files are kept once (by sha256), and
everything skipped is recorded with a reason instead of stopping the walk.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..readers import READER_MODULES, detect_media_type

SNIFF_BYTES = 65536
_CHUNK = 1 << 20


@dataclass(frozen=True)
class FoundFile:
    path: str
    sha256: str
    media_type: str
    size: int


@dataclass(frozen=True)
class Skipped:
    """A path that will not be extracted; `code` is stable (unreadable, not_regular, unrecognised,
    duplicate, loop, missing), `reason` is for people."""

    path: str
    code: str
    reason: str


@dataclass
class Discovery:
    files: list[FoundFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _hash_and_sniff(path: Path) -> tuple[str, str | None, int]:
    """sha256, media type and size in one pass; a zip is read whole because its directory is at the end."""
    digest = hashlib.sha256()
    head = b""
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            if len(head) < SNIFF_BYTES:
                head += chunk[: SNIFF_BYTES - len(head)]
            digest.update(chunk)
            size += len(chunk)
    sample = path.read_bytes() if head.startswith(b"PK\x03\x04") else head
    return digest.hexdigest(), detect_media_type(sample), size


def _walk(root: Path, seen_dirs: set[tuple[int, int]], out: Discovery) -> Iterable[Path]:
    try:
        st = root.stat()
    except FileNotFoundError:
        kind = "broken symlink" if root.is_symlink() else "does not exist"
        out.skipped.append(Skipped(str(root), "missing", kind))
        return
    except OSError as exc:
        out.skipped.append(Skipped(str(root), "unreadable", exc.strerror or str(exc)))
        return
    if stat.S_ISDIR(st.st_mode):
        ident = (st.st_dev, st.st_ino)
        if ident in seen_dirs:
            out.skipped.append(Skipped(str(root), "loop", "folder already visited (symlink loop or alias)"))
            return
        seen_dirs.add(ident)
        try:
            entries = sorted(os.scandir(root), key=lambda e: e.name)
        except OSError as exc:
            out.skipped.append(Skipped(str(root), "unreadable", f"cannot list folder: {exc.strerror or exc}"))
            return
        for entry in entries:
            yield from _walk(Path(entry.path), seen_dirs, out)
    elif stat.S_ISREG(st.st_mode):
        yield root
    else:
        out.skipped.append(Skipped(str(root), "not_regular", "not a regular file (device, FIFO or socket)"))


def discover(paths: Iterable[str | Path]) -> Discovery:
    """Candidate report files under `paths`, each once, with the reasons for everything left out."""
    out = Discovery()
    seen_dirs: set[tuple[int, int]] = set()
    by_sha: dict[str, str] = {}
    for given in paths:
        for path in _walk(Path(given), seen_dirs, out):
            try:
                sha, media_type, size = _hash_and_sniff(path)
            except OSError as exc:
                out.skipped.append(Skipped(str(path), "unreadable", exc.strerror or str(exc)))
                continue
            if size == 0:
                out.skipped.append(Skipped(str(path), "unrecognised", "empty file"))
                continue
            if media_type is None:
                out.skipped.append(Skipped(str(path), "unrecognised", "content is not a known document format"))
                continue
            if media_type not in READER_MODULES:
                out.skipped.append(Skipped(str(path), "unsupported", f"{media_type} is not a report format xxgk reads"))
                continue
            if sha in by_sha:
                out.skipped.append(Skipped(str(path), "duplicate", f"same content as {by_sha[sha]}"))
                continue
            by_sha[sha] = str(path)
            out.files.append(FoundFile(str(path), sha, media_type, size))
    return out
