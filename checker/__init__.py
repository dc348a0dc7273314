"""budget-checker: checks 部门预算/决算公开 reports against rules written as data."""

__version__ = "0.1.0"
