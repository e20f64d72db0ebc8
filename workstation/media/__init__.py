"""Audio-video review: sync maths (pure), timeline, transcripts, the player adapters."""
