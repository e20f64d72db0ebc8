"""opinion: render the written opinion as DOCX vs python-docx writing the same text plainly."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from contextlib import contextmanager

from benchmarks.registry import Options, Trial, benchmark
from workstation.demo.opinion_sample import sample_opinion

REPEAT = 20  # renders per measurement: one render takes milliseconds


@benchmark(
    "opinion",
    unit="ms",
    goal=0.4,
    higher_is_better=False,
    summary="render the 11-section sample opinion to DOCX bytes from the template vs "
    "python-docx writing the same paragraphs into a blank Document and saving",
)
@contextmanager
def opinion_speed(options: Options) -> Iterator[Trial]:
    """The sample case of workstation/demo/opinion_sample.py (the rendering tests check the
    same); the reference gets exactly the rendered paragraphs' text."""
    import docx

    from workstation.opinion.docx_writer import render_opinion

    content = sample_opinion()
    rendered = docx.Document(io.BytesIO(render_opinion(content)))  # also warms both paths
    texts = [p.text for p in rendered.paragraphs]

    def reference() -> float:
        start = time.perf_counter()
        for _ in range(REPEAT):
            document = docx.Document()
            for text in texts:
                document.add_paragraph(text)
            document.save(io.BytesIO())
        return (time.perf_counter() - start) * 1000 / REPEAT

    def project() -> float:
        start = time.perf_counter()
        for _ in range(REPEAT):
            render_opinion(content)
        return (time.perf_counter() - start) * 1000 / REPEAT

    reference()  # untimed: python-docx's default template and lxml warm-up
    yield Trial(reference=reference, project=project)
