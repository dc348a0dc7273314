"""Table layouts only 甘肃 reports print: layouts/<name>.py is layout <name> (checker.region_plugin)."""
