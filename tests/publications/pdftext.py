"""Helpers for checking rendered PDFs: text via poppler's pdftotext, metadata via pdfinfo."""

import shutil
import subprocess  # nosec B404: fixed poppler commands on a temporary file
import tempfile
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs poppler-utils (scripts/test.sh installs it)"
)


def _run(cmd, pdf: bytes, *extra) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(  # noqa: S603  # nosec B603
            [shutil.which(cmd), *extra, str(path), "-"]
            if cmd == "pdftotext"
            else [shutil.which(cmd), *extra, str(path)],
            capture_output=True,
            check=True,
            text=True,
        )
        return out.stdout


def pdf_text(pdf: bytes, layout: bool = False) -> str:
    """The PDF's text, pages separated by form feeds."""
    return _run("pdftotext", pdf, *(["-layout"] if layout else []))


def pdf_info(pdf: bytes) -> dict:
    """pdfinfo's fields (Pages, Tagged, Title, PDF version...)."""
    info = {}
    for line in _run("pdfinfo", pdf).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_fonts(pdf: bytes) -> str:
    return _run("pdffonts", pdf)
