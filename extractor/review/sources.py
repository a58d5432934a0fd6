"""The source file of a stored report, found again and shown: page pictures and running text, cached.

The database keeps `reports.file`, the path as the batch discovered it (often relative to where the
batch ran). It is looked for as stored (absolute, or relative to the current folder), then under
each `--files` folder by its stored relative path and by its name. A found file must have the
stored sha256: a file changed since extraction would put the boxes in the wrong places. Everything
goes through `extractor.api`; a missing or unreadable file gives a reason, never an exception.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from .. import api
from ..errors import ExtractorError

T = TypeVar("T")
_HASH_CHUNK = 1 << 20


class _Lru(Generic[T]):
    """A small thread-safe LRU cache (the app serves requests from several threads)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[object, ...], T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...], make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


@dataclass(frozen=True)
class Located:
    """The file to show for a report, or why there is none."""

    path: Path | None
    reason: str | None  # set when path is None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class Sources:
    def __init__(self, folders: Sequence[Path] = (), cwd: Path | None = None) -> None:
        self.folders = [Path(f) for f in folders]
        self.cwd = cwd or Path.cwd()
        self._hashes: _Lru[str | None] = _Lru(4096)
        self._sizes: _Lru[list[api.PageSize] | str] = _Lru(256)
        self._pages: _Lru[bytes | str] = _Lru(48)
        self._texts: _Lru[api.RunningText | str] = _Lru(12)

    def candidates(self, stored: str) -> list[Path]:
        path = Path(stored)
        found = [path] if path.is_absolute() else [self.cwd / path]
        for folder in self.folders:
            if not path.is_absolute():
                found.append(folder / path)
            found.append(folder / path.name)
        return list(dict.fromkeys(found))

    def _hash(self, path: Path) -> str | None:
        try:
            stat = path.stat()
            return self._hashes.get((str(path), stat.st_mtime_ns, stat.st_size), lambda: _sha256(path))
        except OSError:
            return None

    def locate(self, stored: str, sha256: str) -> Located:
        changed: Path | None = None
        for candidate in self.candidates(stored):
            if not candidate.is_file():
                continue
            digest = self._hash(candidate)
            if digest == sha256:
                return Located(candidate, None)
            changed = changed or candidate
        if changed is not None:
            return Located(None, f"{changed} 的内容与提取时不同（文件已被修改或替换），无法对照原文")
        places = "、".join(str(c) for c in self.candidates(stored))
        return Located(None, f"找不到原文件（查找过：{places}）。可用 --files 目录 指定原文件所在的文件夹")

    def page_sizes(self, path: Path) -> list[api.PageSize] | str:
        """Page sizes in points, or the reason there are none (no pages, unreadable)."""

        def make() -> list[api.PageSize] | str:
            try:
                return api.page_sizes(path)
            except ExtractorError as exc:
                return exc.reason
        return self._sizes.get((str(path),), make)

    def page_png(self, path: Path, page: int, zoom: float) -> bytes | str:
        def make() -> bytes | str:
            try:
                return api.render_page(path, page, zoom)
            except ExtractorError as exc:
                return exc.reason
        return self._pages.get((str(path), page, zoom), make)

    def running_text(self, path: Path) -> api.RunningText | str:
        def make() -> api.RunningText | str:
            try:
                return api.running_text(path)
            except ExtractorError as exc:
                return exc.reason
        return self._texts.get((str(path),), make)
