"""The review rules as plain functions: a case model and a jurisdiction's rule pack in, the
automatic findings (and the review's due date) out — no database, no Qt."""
