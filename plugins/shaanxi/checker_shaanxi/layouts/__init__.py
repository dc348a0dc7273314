"""Table layouts only 陕西 reports print: layouts/<name>.py is layout <name> (checker.region_plugin)."""
