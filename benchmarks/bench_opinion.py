"""opinion: render the written opinion as DOCX vs python-docx writing the same text plainly."""

from __future__ import annotations

import importlib.util
import io
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.registry import BenchmarkError, Options, Trial, benchmark

REPEAT = 20  # renders per measurement: one render takes milliseconds
TEST_MODULE = Path(__file__).resolve().parent.parent / "tests" / "test_opinion_docx.py"


def _sample_opinion() -> Callable[[], object]:
    """`sample_opinion` of tests/test_opinion_docx.py: the full case the tests check."""
    spec = importlib.util.spec_from_file_location("_opinion_sample", TEST_MODULE)
    if spec is None or spec.loader is None:
        raise BenchmarkError(f"cannot load the sample opinion from {TEST_MODULE}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sample: Callable[[], object] = module.sample_opinion
    return sample


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
    """The tests' sample case; the reference gets exactly the rendered paragraphs' text."""
    import docx

    from workstation.opinion.content import OpinionContent
    from workstation.opinion.docx_writer import render_opinion

    content = _sample_opinion()()
    if not isinstance(content, OpinionContent):
        raise BenchmarkError("the sample opinion is not an OpinionContent")
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
