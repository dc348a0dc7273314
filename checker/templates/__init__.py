"""National table templates (YAML) and their loader."""
