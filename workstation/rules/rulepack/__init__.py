"""Jurisdiction rule packs: the YAML an administrator reads and edits, loaded and checked."""

from workstation.rules.rulepack.loader import BASELINE_ID, RulePackLibrary
from workstation.rules.rulepack.model import RulePack, Threshold

__all__ = ["BASELINE_ID", "RulePack", "RulePackLibrary", "Threshold"]
