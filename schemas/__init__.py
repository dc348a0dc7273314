"""JSON Schemas of the document and findings, shipped inside the wheel as checker.schemas."""
