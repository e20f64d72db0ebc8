"""An office for the tests: a blank database on the test server, a shared evidence folder,
and a PC's data folder whose settings.toml points at both (the password in its keyring)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import DEMO_PACK_SETTINGS

from workstation.office.credentials import remember_password


def other_filesystem(near: Path) -> Path:
    """A folder on another filesystem than `near`: /dev/shm (a tmpfs on Linux). An office's
    share is never the data folder's disk, and the tests must take the path that follows."""
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == near.stat().st_dev:
        raise RuntimeError("the office tests need /dev/shm on a filesystem of its own")
    return shm


@dataclass
class Office:
    cluster: Any
    database: str
    evidence: Path

    @property
    def url(self) -> str:
        """The server's address with the password (for --db and WORKSTATION_DB)."""
        return str(self.cluster.url(self.database))

    @property
    def public_url(self) -> str:
        """The address as settings.toml holds it: no password."""
        from pg_server import PASSWORD

        return self.url.replace(f":{PASSWORD}@", "@").replace("+psycopg", "")

    def pc(self, folder: Path, *, demo_pack: bool = True) -> Path:
        """A PC's data folder set up for this office, its keyring holding the password."""
        from pg_server import PASSWORD

        folder.mkdir(parents=True, exist_ok=True)
        settings = DEMO_PACK_SETTINGS if demo_pack else ""
        settings += (
            f'\n[office]\ndatabase_url = "{self.public_url}"\nevidence_root = "{self.evidence}"\n'
        )
        (folder / "settings.toml").write_text(settings, encoding="utf-8")
        remember_password(self.public_url, PASSWORD, folder)
        return folder
