"""Parsing: segmentation, table bodies, sections, meta."""
