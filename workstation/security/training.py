"""The one place that says who practises on exercises only: someone whose only role is 学员
sees and acts on exercise cases alone (the case list, the startup list, every review action).
Kept free of imports, so the startup's quick read of the case list can ask it too."""

from __future__ import annotations

from collections.abc import Iterable

TRAINEE = "trainee"
TRAINER = "trainer"


def exercises_only(roles: Iterable[str]) -> bool:
    """Whether someone holding `roles` sees and acts on exercise cases only."""
    return set(roles) <= {TRAINEE}


def exercise_refusal(login: str, case_number: str) -> str:
    """The refusal of a trainee's action on a real case."""
    return f"学员 {login} 只能处理练习案件，{case_number} 不是练习案件"


def imports_exercises_only(granting: Iterable[str]) -> bool:
    """Whether someone whose right to import comes from `granting` (their roles that allow
    it) brings in exercises only: a trainer builds exercises; a real case, or a new version
    of one, comes in through a clerk, reviewer, head or administrator."""
    return set(granting) <= {TRAINER}


def exercise_import_refusal(login: str, bundle: str) -> str:
    """The refusal of a trainer's import of a real case."""
    return f"培训教员 {login} 只能导入练习案卷，{bundle} 不是练习案卷（没有 exercise.json）"
