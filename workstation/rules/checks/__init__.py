"""The automatic checks, one module per family of rules (review-rules.md "The rules")."""
