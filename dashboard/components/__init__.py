"""Reusable layout pieces: the page frame, filter bar, cards, tables and messages."""
