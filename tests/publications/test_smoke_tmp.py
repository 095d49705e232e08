import pytest
from tests.publications.pdftext import pdf_text
from publications import rendering

def test_smoke(world):
    v = world.arrangements_v1
    data = rendering.render_pdf_bytes(v)
    t = pdf_text(data)
    print(t[:3000])
    assert "Alpha Council" in t
