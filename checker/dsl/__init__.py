"""Rule language: grammar, compiler and evaluator."""
