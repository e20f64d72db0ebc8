"""Shared fixtures: a fresh data folder per test, bundle builders, the shared corpus."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

# GUI tests run offscreen unless a developer asks otherwise.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QtMultimedia's FFmpeg plugin logs from its own threads, which may happen just as pytest-qt
# swaps its message handler between tests; PySide then calls a null handler and the run
# segfaults (seen with a player refusing a file). Its categories are silenced in tests only.
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")

from helpers import FixedClock, minimal_case, shared_dir  # noqa: E402


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Any:
    """No test ever reaches the real keyring: each gets an empty in-memory one, selected
    explicitly (PYTHON_KEYRING_BACKEND), unless it chooses another."""
    from memory_keyring import MemoryKeyring, use_keyring

    backend = MemoryKeyring()
    use_keyring(monkeypatch, backend)
    return backend


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked `both_engines` run once on SQLite and once on a real PostgreSQL."""
    if "database_engine" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_engines"
    ):
        metafunc.parametrize("database_engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """One throw-away PostgreSQL server for the session, with a migrated template database."""
    from pg_server import TestCluster

    cluster = TestCluster()
    try:
        cluster.start()
        cluster.make_template()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def shared_office(pg_cluster: Any, tmp_path: Path) -> Iterator[Any]:
    """An office: a blank database on the test server and a shared evidence folder that
    does not exist yet (`office_setup.Office`), on another filesystem than the data
    folders (a tmpfs, as a network share is), so files reach it by copy, not rename."""
    import shutil
    import tempfile

    from office_setup import Office, other_filesystem

    name = pg_cluster.blank_database()
    share = Path(tempfile.mkdtemp(prefix="workstation-share-", dir=other_filesystem(tmp_path)))
    yield Office(pg_cluster, name, share / "evidence")
    pg_cluster.drop(name)
    shutil.rmtree(share, ignore_errors=True)


@pytest.fixture(autouse=True)
def database_engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The engine a test's workstation uses: SQLite in the data folder, or (for tests marked
    `both_engines`, in their second run) a fresh database on the test PostgreSQL server,
    named through WORKSTATION_DB as an office PC would be."""
    engine = getattr(request, "param", "sqlite")
    if engine != "postgresql":
        monkeypatch.delenv("WORKSTATION_DB", raising=False)
        yield engine
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.fresh_database()
    monkeypatch.setenv("WORKSTATION_DB", cluster.url(name))
    yield engine
    cluster.drop(name)


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path) -> None:
    """Window layout and geometry go to a fresh folder per test, never to ~/.config."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qt"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    folder = shared_dir() / "corpus"
    assert folder.is_dir(), f"shared corpus not found at {folder}: set WORKSTATION_SHARED"
    return folder


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five demo bundles, generated once per session (about 5 s) and shared."""
    from workstation.demo import generate_demo_bundles

    root = tmp_path_factory.getbasetemp() / "demo-bundles"
    generate_demo_bundles(root)
    return root


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 12, 9, 30, tzinfo=UTC))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def ws(data_dir: Path, clock: FixedClock) -> Iterator[Any]:
    """A workstation on a fresh data folder with a fixed clock."""
    from workstation.app import open_workstation

    workstation = open_workstation(data_dir, clock=clock)
    yield workstation
    workstation.close()


BundleMaker = Callable[..., Path]


@pytest.fixture
def make_bundle(tmp_path: Path) -> BundleMaker:
    """Build a bundle folder: `files` maps bundle paths to bytes or to a file to copy."""
    counter = iter(range(1_000_000))

    def make(
        case: dict[str, Any] | None = None,
        files: dict[str, bytes | Path] | None = None,
        *,
        name: str | None = None,
        raw_manifest: bytes | None = None,
    ) -> Path:
        root = tmp_path / (name or f"bundle{next(counter)}")
        root.mkdir(parents=True)
        if raw_manifest is not None:
            (root / "case.json").write_bytes(raw_manifest)
        else:
            document = case if case is not None else minimal_case()
            (root / "case.json").write_text(
                json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8"
            )
        for rel, content in (files or {}).items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.read_bytes() if isinstance(content, Path) else content)
        return root

    return make
