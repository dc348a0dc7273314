"""Rule grammar (rules.lark), shipped inside the wheel as checker.grammars."""
