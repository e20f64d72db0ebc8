"""The one place that says who practises on exercises only: someone whose only role is 学员
sees and acts on exercise cases alone (the case list, the startup list, every review action).
Kept free of imports, so the startup's quick read of the case list can ask it too."""

from __future__ import annotations

from collections.abc import Iterable

TRAINEE = "trainee"


def exercises_only(roles: Iterable[str]) -> bool:
    """Whether someone holding `roles` sees and acts on exercise cases only."""
    return set(roles) <= {TRAINEE}


def exercise_refusal(login: str, case_number: str) -> str:
    """The refusal of a trainee's action on a real case."""
    return f"学员 {login} 只能处理练习案件，{case_number} 不是练习案件"
