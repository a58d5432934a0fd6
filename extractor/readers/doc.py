"""Legacy Word .doc: LibreOffice converts it to DOCX, which the DOCX reader then reads.

LibreOffice refuses to run two instances on one user profile, so each conversion slot of this
process has its own profile directory (/tmp/xxgk_lo_<pid>_<n>), reused by later conversions (the
first run of a profile costs seconds) and removed at exit. soffice forks soffice.bin: it runs in
its own session so a timeout can kill the whole process group, never just the wrapper script.
Needs the Debian package libreoffice-writer-nogui (or any LibreOffice with Writer).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from ..errors import CorruptFile, LimitExceeded, UnsupportedFormat
from ..model import Document
from ..settings import Settings
from . import DOC, sha256_of

_PROFILE_LOCK = threading.Lock()
_FREE_PROFILES: list[Path] = []
_ALL_PROFILES: list[Path] = []


def _take_profile() -> Path:
    with _PROFILE_LOCK:
        if _FREE_PROFILES:
            return _FREE_PROFILES.pop()
        profile = Path(tempfile.gettempdir()) / f"xxgk_lo_{os.getpid()}_{len(_ALL_PROFILES)}"
        if not _ALL_PROFILES:
            atexit.register(_remove_profiles)
        _ALL_PROFILES.append(profile)
        return profile


def _give_back(profile: Path) -> None:
    with _PROFILE_LOCK:
        _FREE_PROFILES.append(profile)


def _remove_profiles() -> None:
    for profile in _ALL_PROFILES:
        shutil.rmtree(profile, ignore_errors=True)


def find_soffice(settings: Settings) -> str | None:
    """The soffice executable named by the settings (a PATH name or a path), or None."""
    return shutil.which(settings.soffice_path)


def _run(command: list[str], timeout_s: float, name: str) -> subprocess.CompletedProcess[bytes]:
    """Run in a new session; on timeout kill the whole group (soffice.bin included) and raise."""
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=True) as proc:
        try:
            out, err = proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired as exc:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise LimitExceeded(name, f"LibreOffice did not convert the .doc within {timeout_s:g} s "
                                      "(libreoffice_timeout_s); the converter was killed") from exc
        return subprocess.CompletedProcess(command, proc.returncode, out, err)


def convert_to_docx(path: Path, data: bytes, settings: Settings) -> bytes:
    """The .doc bytes converted to DOCX bytes by LibreOffice headless."""
    name = str(path)
    soffice = find_soffice(settings)
    if soffice is None:
        raise UnsupportedFormat(name, f"legacy .doc needs LibreOffice ('{settings.soffice_path}' not found): "
                                      "install libreoffice-writer-nogui")
    profile = _take_profile()
    try:
        with tempfile.TemporaryDirectory(prefix="xxgk_doc_") as work:
            source = Path(work) / "input.doc"  # a fixed name: the original may hold any characters
            source.write_bytes(data)
            outdir = Path(work) / "out"
            command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                       "--nolockcheck", "--convert-to", "docx", "--outdir", str(outdir), str(source)]
            result = _run(command, settings.libreoffice_timeout_s, name)
            converted = outdir / "input.docx"
            if result.returncode != 0 or not converted.is_file() or converted.stat().st_size == 0:
                detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[-300:]
                raise CorruptFile(name, f"LibreOffice could not convert the .doc (exit {result.returncode}"
                                        f"{': ' + detail if detail else ''})")
            return converted.read_bytes()
    finally:
        _give_back(profile)


def read(path: Path, data: bytes, settings: Settings) -> Document:
    """Convert, read with the DOCX reader, and label the result with the original file's identity."""
    from . import docx

    converted = convert_to_docx(path, data, settings)
    document = docx.read(path, converted, settings)
    return document.model_copy(update={"media_type": DOC, "sha256": sha256_of(data)})
