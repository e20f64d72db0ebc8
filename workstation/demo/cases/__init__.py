"""The four demo cases, as data: 食品 (clean, major, heard), 城管查封 (coercion), 生态环境 (flawed),
露天烧烤 (a minor, the wrong procedure, a deadline past the calendar)."""

from __future__ import annotations

from workstation.demo.model import CaseSpec


def all_cases() -> tuple[CaseSpec, ...]:
    """The demo cases in the order they are written."""
    from workstation.demo.cases import barbecue, environment, food, urban

    return (food.SPEC, urban.SPEC, environment.SPEC, barbecue.SPEC)
