"""A small PDF that makes MuPDF draw for hours: form XObjects that each draw the previous
one `fan` times, `depth` deep (fan ** depth rectangles in a few KB) — the shape of the
corpus's hostile PDF of issue 17 (H2), made smaller."""

from __future__ import annotations


def nested_forms_pdf(depth: int = 7, fan: int = 16) -> bytes:
    """The PDF's bytes; depth 5 takes seconds in MuPDF, each level more takes `fan` times longer."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    }
    first = 5
    for level in range(depth + 1):
        number = first + level
        if level == 0:
            body, resources = b"0 0 1 1 re f", b""
        else:
            body = b" ".join([b"q /X Do Q"] * fan)
            resources = b"/Resources << /XObject << /X %d 0 R >> >>" % (number - 1)
        objects[number] = (
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] %s /Length %d >>\n"
            b"stream\n%s\nendstream" % (resources, len(body), body)
        )
    objects[3] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] "
        b"/Resources << /XObject << /X %d 0 R >> >> /Contents 4 0 R >>" % (first + depth)
    )
    objects[4] = b"<< /Length 5 >>\nstream\n/X Do\nendstream"
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)
