"""Meeting papers: what a file is, judged from its content and never from its name.

A paper may be a PDF, a Word document (DOCX), an Excel workbook (XLSX) or an OpenDocument text
(ODT). PDF files start with `%PDF-`; the other three are ZIP packages whose parts say what they are
(OOXML: `[Content_Types].xml` and `word/document.xml` or `xl/workbook.xml`; ODF: a first member
`mimetype` holding the media type). A file whose name claims one type and whose content is another
is refused, as is anything over the size limit: in both cases nothing is stored.
"""

import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from partnerships.core.choices import PaperKind

# Papers larger than this are refused (a deployment may change it in settings).
PAPER_MAX_BYTES = getattr(settings, "PAPER_MAX_BYTES", 20 * 1024 * 1024)

_EXTENSIONS = {"pdf": PaperKind.PDF, "docx": PaperKind.DOCX, "xlsx": PaperKind.XLSX, "odt": PaperKind.ODT}
ACCEPTED = "PDF, DOCX, XLSX or ODT"


def _zip_kind(upload):
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").strip()
                if mimetype == PaperKind.ODT.content_type.encode():
                    return PaperKind.ODT
                return None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return PaperKind.DOCX
                if "xl/workbook.xml" in names:
                    return PaperKind.XLSX
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def sniff(upload):
    """The PaperKind of the file's content, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PaperKind.PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    return None


def identify(upload, max_bytes=None):
    """Check an uploaded paper and return its PaperKind, or raise ValidationError saying why not."""
    max_bytes = max_bytes or PAPER_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            f"The file must be smaller than {filesizeformat(max_bytes)} (this one is {filesizeformat(upload.size)})",
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    claimed = _EXTENSIONS.get(extension)
    if claimed is None:
        raise ValidationError(f"The selected file must be a {ACCEPTED}", code="bad_type")
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(
            f"The selected file is not a real {claimed.label}: its content is not a {ACCEPTED} file",
            code="forged",
        )
    if kind != claimed:
        raise ValidationError(
            f"The selected file is named as a {claimed.label} but its content is a {kind.label}: "
            "rename it or choose the right file",
            code="mismatch",
        )
    return kind


def paper_path(instance, filename):
    # Stored under a random name with the extension of the type found in the content: the
    # uploader's file name is kept only as a label (it may say anything).
    return f"papers/{instance.partnership_id}/{uuid.uuid4().hex}.{instance.file_kind}"
