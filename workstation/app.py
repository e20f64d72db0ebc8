"""Composition root: settings → database → services → window or command line.

Opening a data folder comes in two parts. `begin_opening` does what the first screen needs
in a few milliseconds: the folder, the settings, and a check without Alembic that the
database is at this version (an older database is upgraded, with a backup, and a newer one
refused, right there, as before). `Opening.finish` then loads the database layer and the
services — about a second of imports — and may run on another thread while the window or
the login is already on screen. `open_workstation` does both at once.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from workstation.clock import Clock, system_clock
from workstation.durable import keep_private, make_private_dirs
from workstation.errors import StorageError
from workstation.os_errors import os_error_text
from workstation.paths import AppPaths, resolve_paths
from workstation.settings import Settings, load_settings
from workstation.store import migrate

if TYPE_CHECKING:  # the heavy part loads in `Opening.finish`, off the first screen's path
    from workstation.casefile.importer import BundleImporter
    from workstation.review.quick_read import FirstCases
    from workstation.security.login import SignedIn
    from workstation.services import Workstation

log = logging.getLogger(__name__)

DB_URL_ENV = "WORKSTATION_DB"


class Opening:
    """A data folder on its way open: `paths` and `settings` now, the `Workstation` from
    `finish()` (blocking, callable from any thread, the work done once).

    Until then `first_cases` and `users_registered` answer from the SQLite file directly,
    so a window or a login can show at once.
    """

    def __init__(self, paths: AppPaths, settings: Settings, db_url: str, clock: Clock) -> None:
        self.paths, self.settings, self.db_url, self.clock = paths, settings, db_url, clock
        self._lock = threading.Lock()
        self._workstation: Workstation | None = None
        self._thread: threading.Thread | None = None

    @property
    def workstation(self) -> Workstation | None:
        """The services, once `finish` has run."""
        return self._workstation

    def finish(self) -> Workstation:
        """Load the database layer and the services (about a second the first time); a
        failure is raised to every caller, and the next call tries again."""
        with self._lock:
            if self._workstation is None:
                self._workstation = _open(self.paths, self.settings, self.db_url, self.clock)
            return self._workstation

    def start(self) -> None:
        """Begin `finish` on a background thread now (while a person logs in, say)."""
        if self._thread is None and self._workstation is None:
            self._thread = threading.Thread(
                target=self._finish_quietly, name="open-workstation", daemon=False
            )
            self._thread.start()

    def _finish_quietly(self) -> None:
        try:
            self.finish()
        except Exception as exc:  # noqa: BLE001 - the caller of finish() gets it again
            log.warning("opening %s in the background failed: %s", self.paths.data_dir, exc)

    def first_cases(self, login: str, limit: int) -> FirstCases | None:
        """The newest `limit` cases `login` may see, read without the services (no deadlines,
        no "major" yet); None when only the services can answer."""
        database = migrate.sqlite_file(self.db_url)
        if database is None:
            return None
        from workstation.review.quick_read import first_cases

        return first_cases(database, login, limit)

    def users_registered(self) -> bool:
        """Whether anyone is registered (decides how the login dialog looks)."""
        database = migrate.sqlite_file(self.db_url)
        if self._workstation is None and database is not None:
            from workstation.review.quick_read import users_registered

            known = users_registered(database)
            if known is not None:
                return known
        return self.finish().users_registered()

    def log_in(self, login: str, password: str) -> SignedIn:
        """`Workstation.log_in`, waiting for the services first (call it off the UI thread)."""
        return self.finish().log_in(login, password)

    def change_password(self, login: str, current: str, new: str) -> SignedIn:
        """`Workstation.change_password` (call it off the UI thread)."""
        return self.finish().change_password(login, current, new)

    def close(self) -> None:
        """Wait for an opening under way (on any thread), then release what it opened."""
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            if self._workstation is not None:
                self._workstation.close()


def begin_opening(
    data_dir: str | Path | None = None, db_url: str | None = None, clock: Clock = system_clock
) -> Opening:
    """Open (creating if needed) a data folder; the services load on `finish()`. A database
    not at this version is upgraded (or refused) here, before anything is shown."""
    paths = resolve_paths(data_dir)
    _private_data_folder(paths.data_dir)
    settings = load_settings(paths.settings_file)
    url = db_url or os.environ.get(DB_URL_ENV) or _office_url(paths, settings) or paths.database_url
    opening = Opening(paths, settings, url, clock)
    if not migrate.is_current(url):
        opening.finish()
    return opening


def _office_url(paths: AppPaths, settings: Settings) -> str | None:
    """The office server's address with the password this PC keeps (None: a single PC)."""
    if settings.office is None:
        return None
    from workstation.office.credentials import with_password

    return with_password(
        settings.office.database_url,
        paths.data_dir,
        allow_plaintext_keyring=settings.allow_plaintext_keyring,
    )


def _private_data_folder(folder: Path) -> None:
    """Create the data folder 0700, or take other accounts' access away from an existing one:
    it holds password hashes, ID numbers and evidence."""
    try:
        make_private_dirs(folder)
    except OSError as exc:
        raise StorageError(f"无法创建数据文件夹 {folder}：{os_error_text(exc)}") from exc
    try:
        tightened = keep_private(folder)
    except OSError as exc:  # not our folder to chmod (a shared mount): say so, carry on
        log.warning("could not make the data folder %s private: %s", folder, exc)
        return
    if tightened:
        log.warning("the data folder %s was open to other accounts; now 0700", folder)


def open_workstation(
    data_dir: str | Path | None = None, db_url: str | None = None, clock: Clock = system_clock
) -> Workstation:
    """Open (creating if needed) a data folder and its database, upgraded to this version."""
    return begin_opening(data_dir, db_url, clock).finish()


def _open(paths: AppPaths, settings: Settings, url: str, clock: Clock) -> Workstation:
    from workstation.casefile.importer import BundleImporter
    from workstation.security import audit_anchor
    from workstation.services import Workstation
    from workstation.store.db import Database
    from workstation.store.evidence import EvidenceStore

    db = Database(url)
    report = migrate.upgrade(db, paths.backup_dir)
    if report.from_revision != report.to_revision:
        log.info(
            "database at %s: %s → %s, backup %s",
            db.url,
            report.from_revision,
            report.to_revision,
            report.backup,
        )
    office = settings.office
    store = EvidenceStore(
        office.evidence_root if office else paths.evidence_dir, shared=bool(office)
    )
    importer = BundleImporter(db, store, paths.data_dir, settings.import_limits, clock)
    workstation = Workstation(paths, settings, db, store, clock, importer)
    audit_anchor.install(db, workstation.audit_anchor_file)
    _recover_interrupted_imports(importer)
    return workstation


def _recover_interrupted_imports(importer: BundleImporter) -> None:
    """Clean what a killed import left behind, unless another import is running now.

    Never stops the app from opening: what cannot be cleaned now is tried again later.
    """
    from workstation.store.staging import import_lock, recover

    try:
        if not importer.staging_root.is_dir() or not any(importer.staging_root.iterdir()):
            return
        with import_lock(importer.data_dir, wait_s=0, db=importer.db):
            discarded = recover(importer.staging_root, importer.store, importer.is_committed)
    except StorageError:
        return  # another process is importing; it cleans up when it is done
    except OSError as exc:
        log.warning("could not clean interrupted imports: %s", exc)
        return
    log.info("recovered interrupted imports, %d orphan files discarded", discarded)
