"""The review: rule packs, automatic checks, checklist, workflow (later issues)."""
