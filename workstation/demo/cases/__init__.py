"""The five demo cases, as data: 食品 (clean, major, heard), 城管查封 (coercion), 生态环境 (flawed),
露天烧烤 (a minor, the wrong procedure, a deadline past the calendar), 不合格电线 (papers served
on a company the wrong way, a seizure left open)."""

from __future__ import annotations

from workstation.demo.model import CaseSpec


def all_cases() -> tuple[CaseSpec, ...]:
    """The demo cases in the order they are written."""
    from workstation.demo.cases import barbecue, environment, food, urban, wires

    return (food.SPEC, urban.SPEC, environment.SPEC, barbecue.SPEC, wires.SPEC)
