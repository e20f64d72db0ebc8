"""The case list tab: a lazy model over the paged case query, and its view."""
