"""Readers: turn a report file into numbered lines."""
