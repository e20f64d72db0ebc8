"""A throw-away PostgreSQL cluster for the tests: real server, loopback, a free port.

`initdb` refuses root, and CI runs as root: then the cluster belongs to the `postgres` account
(Debian's package creates it) and every server program runs through `runuser`. The superuser
logs in over TCP with a password, as an office PC would. A missing PostgreSQL is an error,
never a skip: the office mode is tested on a real server or not at all.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "postgres"
PASSWORD = "test-office-password"
TEMPLATE = "workstation_template"


def server_bin() -> Path:
    """The folder of `initdb`/`pg_ctl`: the newest Debian cluster version, else PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise RuntimeError(
        "PostgreSQL is not installed (no initdb): run scripts/system-packages.sh "
        "(Debian package `postgresql`); the office tests need a real server"
    )


def _version_key(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class TestCluster:
    """One cluster in a temporary folder; `start()`, `url(name)`, `stop()`."""

    def __init__(self) -> None:
        self.bin = server_bin()
        self.root = Path(tempfile.mkdtemp(prefix="workstation-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_postgres = os.geteuid() == 0
        self._counter = 0

    def _run(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(a) for a in args]
        if self._as_postgres:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        password_file = self.root / "password"
        password_file.write_text(PASSWORD + "\n", encoding="utf-8")
        if self._as_postgres:
            account = pwd.getpwnam(SUPERUSER)
            os.chown(self.root, account.pw_uid, account.pw_gid)
            os.chown(password_file, account.pw_uid, account.pw_gid)
        self._run(
            self.bin / "initdb",
            "-D",
            self.data,
            "-U",
            SUPERUSER,
            "--pwfile",
            password_file,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        # Durability is the server's business, not the tests': no fsync makes CREATE DATABASE
        # and each commit cheap. Sockets stay in the cluster's folder, not /var/run.
        self._options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self.start_server()

    def stop_server(self) -> None:
        """The server goes away (a restart, a cut cable); the cluster stays."""
        self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def start_server(self) -> None:
        self._run(
            self.bin / "pg_ctl", "-D", self.data, "-l", self.root / "server.log", "-w",
            "-t", "120", "-o", self._options, "start",
        )  # fmt: skip

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        """Run one statement as the superuser, outside a transaction (CREATE DATABASE…)."""
        import psycopg

        with psycopg.connect(self.url().replace("+psycopg", ""), autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def make_template(self) -> None:
        """A database at the shipped schema that each test's database is copied from."""
        from workstation.store import migrate
        from workstation.store.db import Database

        self.admin(f'CREATE DATABASE "{TEMPLATE}"')
        db = Database(self.url(TEMPLATE))
        try:
            migrate.upgrade(db, self.root / "backups")
        finally:
            db.dispose()

    def fresh_database(self) -> str:
        """A new database at the shipped schema; its URL."""
        self._counter += 1
        name = f"test_{os.getpid()}_{self._counter}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}" STRATEGY FILE_COPY')
        return name

    def blank_database(self) -> str:
        """A new, empty database (no schema): what an office's IT person creates."""
        self._counter += 1
        name = f"blank_{os.getpid()}_{self._counter}"
        self.admin(f'CREATE DATABASE "{name}"')
        return name

    def drop(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)
