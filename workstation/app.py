"""Composition root: settings → database → services → window or command line."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from workstation.casefile.importer import BundleImporter
from workstation.clock import Clock, system_clock
from workstation.errors import StorageError
from workstation.paths import resolve_paths
from workstation.security import audit_anchor
from workstation.services import Workstation
from workstation.settings import load_settings
from workstation.store import migrate
from workstation.store.db import Database
from workstation.store.evidence import EvidenceStore
from workstation.store.staging import import_lock, recover

log = logging.getLogger(__name__)

DB_URL_ENV = "WORKSTATION_DB"


def open_workstation(
    data_dir: str | Path | None = None, db_url: str | None = None, clock: Clock = system_clock
) -> Workstation:
    """Open (creating if needed) a data folder and its database, upgraded to this version."""
    paths = resolve_paths(data_dir)
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建数据文件夹 {paths.data_dir}：{exc.strerror or exc}") from exc
    settings = load_settings(paths.settings_file)
    db = Database(db_url or os.environ.get(DB_URL_ENV) or paths.database_url)
    report = migrate.upgrade(db, paths.backup_dir)
    if report.from_revision != report.to_revision:
        log.info(
            "database at %s: %s → %s, backup %s",
            db.url,
            report.from_revision,
            report.to_revision,
            report.backup,
        )
    audit_anchor.install(db, paths.data_dir / audit_anchor.ANCHOR_FILE)
    store = EvidenceStore(paths.evidence_dir)
    importer = BundleImporter(db, store, paths.data_dir, settings.import_limits, clock)
    _recover_interrupted_imports(importer)
    return Workstation(paths, settings, db, store, clock, importer)


def _recover_interrupted_imports(importer: BundleImporter) -> None:
    """Clean what a killed import left behind, unless another import is running now.

    Never stops the app from opening: what cannot be cleaned now is tried again later.
    """
    try:
        if not importer.staging_root.is_dir() or not any(importer.staging_root.iterdir()):
            return
        with import_lock(importer.data_dir):
            discarded = recover(importer.staging_root, importer.store, importer.is_committed)
    except StorageError:
        return  # another process is importing; it cleans up when it is done
    except OSError as exc:
        log.warning("could not clean interrupted imports: %s", exc)
        return
    log.info("recovered interrupted imports, %d orphan files discarded", discarded)


def run_desktop(workstation: Workstation, last_login: str = "") -> int:
    """Log in (offering `last_login`) and open the main window; returns the exit status."""
    from workstation.ui.launcher import launch

    return launch(workstation, last_login)
