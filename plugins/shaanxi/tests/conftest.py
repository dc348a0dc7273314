"""Fixtures for this plugin's tests: the installed plugins, their templates and functions, and
the main repository's reports (checker.plugin_testing)."""

from checker.plugin_testing import functions, host, registry, report  # noqa: F401
