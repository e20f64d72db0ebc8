"""The three demo cases, as data: 食品 (clean, major, heard), 城管查封 (coercion), 生态环境 (flawed)."""

from __future__ import annotations

from workstation.demo.model import CaseSpec


def all_cases() -> tuple[CaseSpec, ...]:
    """The demo cases in the order they are written."""
    from workstation.demo.cases import environment, food, urban

    return (food.SPEC, urban.SPEC, environment.SPEC)
