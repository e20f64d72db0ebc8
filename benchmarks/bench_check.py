"""check: the automatic checks of one case vs the bare cost of reading that case and its pack."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import yaml

from benchmarks.registry import BenchmarkError, Options, Trial, benchmark

REPEAT = 20  # checks per measurement: one check takes milliseconds
PACK = "cn-xuecheng-2017"


@benchmark(
    "check",
    unit="ms",
    goal=0.5,
    higher_is_better=False,
    summary="check one demo case (read, validate, load pack, run every rule) vs JSON + schema "
    "+ C-YAML pack load; hashing excluded from both",
)
@contextmanager
def check_case_speed(options: Options) -> Iterator[Trial]:
    """The richest demo case, its bundle read without hashing on both sides."""
    from workstation.casefile.bundle import open_bundle
    from workstation.casefile.intake import read_manifest
    from workstation.casefile.manifest import _validator
    from workstation.casefile.model import FileFacts
    from workstation.demo import generate_demo_bundles
    from workstation.rules.engine import check_case
    from workstation.rules.rulepack import RulePackLibrary
    from workstation.rules.rulepack.loader import _parse
    from workstation.settings import ImportLimits

    bundles = generate_demo_bundles(options.workdir / "demo")
    bundle = max(bundles, key=lambda b: len((b / "case.json").read_bytes()))
    library = RulePackLibrary()
    pack_files = library.load(PACK).files
    limits = ImportLimits()

    def reference() -> float:
        start = time.perf_counter()
        for _ in range(REPEAT):
            document = json.loads((bundle / "case.json").read_bytes().decode("utf-8"))
            if any(True for _ in _validator().iter_errors(document)):
                raise BenchmarkError("demo case.json does not validate")
            for file in pack_files:
                yaml.load(file.read_text("utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506
        return (time.perf_counter() - start) * 1000 / REPEAT

    def project() -> float:
        start = time.perf_counter()
        for _ in range(REPEAT):
            _parse.cache_clear()  # no credit for the pack cache: the reference reads it too
            source = open_bundle(bundle, limits)
            try:
                manifest, _ = read_manifest(source, bundle, limits)
            finally:
                source.close()
            files = FileFacts(hashes={d.path: d.sha256 or "" for d in manifest.documents})
            check_case(manifest, library.load(PACK), files)
        return (time.perf_counter() - start) * 1000 / REPEAT

    yield Trial(reference=reference, project=project)
