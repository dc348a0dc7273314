"""A plugin that fails at import, on purpose (tests/plugins/test_installed.py)."""

raise RuntimeError("this plugin is broken on purpose")
