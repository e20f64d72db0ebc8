"""import_throughput: importing a bundle with one big file vs reading and hashing that file."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from benchmarks.files import (
    CHUNK,
    MIB,
    read_through,
    remove_tree,
    require_free_space,
    write_incompressible,
)
from benchmarks.registry import BenchmarkError, Options, Trial, benchmark

BIG_FILE = "evidence/big.bin"
MB = 1_000_000

MANIFEST = {
    "format": "legal-review-case/1",
    "case": {
        "number": "基准〔2026〕1号",
        "title": "导入基准",
        "agency": {"name": "基准测试局"},
        "action_type": "penalty",
        "submitted_at": "2026-03-10T09:00:00+08:00",
        "parties": [{"kind": "organisation", "name": "某公司", "id_number": "91350100M000100Y43"}],
        "officers": [],
        "proposed_decision": {"measures": [{"type": "warning"}]},
        "documents": [{"id": "d1", "path": BIG_FILE, "kind": "evidence"}],
    },
}


def make_bundle(folder: Path, size: int) -> Path:
    """A case bundle folder holding case.json and one `size`-byte evidence file."""
    (folder / BIG_FILE).parent.mkdir(parents=True)
    (folder / "case.json").write_text(json.dumps(MANIFEST, ensure_ascii=False), "utf-8")
    write_incompressible(folder / BIG_FILE, size)
    return folder


def sha256_throughput(path: Path) -> tuple[str, float]:
    """The reference: read `path` in 1 MiB chunks into hashlib.sha256; (hex digest, MB/s)."""
    start = time.perf_counter()
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    elapsed = time.perf_counter() - start
    return digest.hexdigest(), size / elapsed / MB


@benchmark(
    "import_throughput",
    unit="MB/s",
    goal=0.85,
    summary="full import of a bundle with one big file vs raw read + SHA-256 of that file",
)
@contextmanager
def import_throughput(options: Options) -> Iterator[Trial]:
    """Create the bundle once; each project run imports it into a fresh data folder."""
    from workstation.app import open_workstation

    size = options.size_mib * MIB
    # The big file, plus one data folder (staging copy, then moved into the store), plus slack.
    require_free_space(options.workdir, 3 * size, "import_throughput")
    bundle = make_bundle(options.workdir / "bundle", size)
    big = bundle / BIG_FILE
    read_through(big)
    expected, _ = sha256_throughput(big)

    def reference() -> float:
        read_through(big)  # warm: both sides read from the page cache
        digest, throughput = sha256_throughput(big)
        if digest != expected:
            raise BenchmarkError(f"{big} changed during the benchmark")
        return throughput

    def project() -> float:
        data_dir = Path(tempfile.mkdtemp(prefix="data-", dir=options.workdir))
        try:
            workstation = open_workstation(data_dir)
            try:
                read_through(big)  # warm, like the reference
                start = time.perf_counter()
                result = workstation.import_bundle(bundle, actor="bench")
                elapsed = time.perf_counter() - start
                stored = workstation.store.contains(expected)
            finally:
                workstation.close()
        finally:
            remove_tree(data_dir)
        if result.outcome != "imported" or not stored:
            raise BenchmarkError(f"import did not store the big file ({result.outcome})")
        return size / elapsed / MB

    # An inherited WORKSTATION_DB would send every run to one shared database.
    with mock.patch.dict(os.environ):
        os.environ.pop("WORKSTATION_DB", None)
        try:
            yield Trial(reference=reference, project=project)
        finally:
            remove_tree(bundle)
