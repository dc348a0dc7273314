"""Table layouts only 青海 reports print: layouts/<name>.py is layout <name> (checker.region_plugin)."""
