"""National rule files (*.rules), shipped inside the wheel as checker.rules."""
