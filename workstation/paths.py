"""Where the workstation keeps its data: one frozen description of the folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "legal-review-workstation"
DATA_DIR_ENV = "WORKSTATION_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    """The data folder and everything inside it."""

    data_dir: Path
    log_dir: Path

    @property
    def database_file(self) -> Path:
        return self.data_dir / "workstation.sqlite"

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    @property
    def staging_dir(self) -> Path:
        return self.data_dir / "staging"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def rulepack_dir(self) -> Path:
        return self.data_dir / "rulepacks"

    @property
    def cache_dir(self) -> Path:
        """Derived files that can be rebuilt (DOCX converted for viewing); never evidence."""
        return self.data_dir / "cache"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.toml"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "workstation.log"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database_file}"


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """The folders to use: an explicit data dir, else $WORKSTATION_DATA_DIR, else platformdirs."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, log_dir=root / "logs")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
