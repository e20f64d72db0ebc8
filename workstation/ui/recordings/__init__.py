"""The recordings dock's widgets: players in step, transport, timeline, transcript."""
