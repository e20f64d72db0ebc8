"""法制审核工作站 — legal review workstation for major administrative enforcement decisions."""

__version__ = "0.1.0"
