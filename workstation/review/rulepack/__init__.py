"""Jurisdiction rule packs: the YAML an administrator reads and edits, loaded and checked."""

from workstation.review.rulepack.loader import BASELINE_ID, RulePackLibrary
from workstation.review.rulepack.model import RulePack, Threshold

__all__ = ["BASELINE_ID", "RulePack", "RulePackLibrary", "Threshold"]
