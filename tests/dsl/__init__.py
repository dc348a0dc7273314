"""Tests of the rule language (checker.dsl) and findings."""
