"""Narrative facts: the national fact patterns (``patterns.yaml``) and how facts are shown."""
