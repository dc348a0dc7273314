"""The plugin host and what the rest of the tool asks the plugins, one module a job.

* :mod:`~checker.plugins.host`: :func:`load_plugins` (the core plugin and the installed ones),
  :class:`PluginHost` (calling a hook on every plugin, skipping a broken one with **one**
  :class:`PluginWarning`).
* :mod:`~checker.plugins.templates`: :func:`build_registry`, the templates of the core and the
  plugins.
* :mod:`~checker.plugins.collect`: the rule folders, functions, table layouts and file readers
  they add.
* :mod:`~checker.plugins.patterns`: :func:`fact_patterns`, the national ones and the plugins'.
* :mod:`~checker.plugins.replacements`: :func:`apply_replacements` to the compiled rules.
* :mod:`~checker.plugins.detect`: :func:`detect_region`, :func:`missing_region`.
* :mod:`~checker.plugins.pipeline`: :func:`parse_with_plugins` (read → detect region → parse →
  post-parse steps).
* :mod:`~checker.plugins.describe`: :func:`describe_plugins`, the ``checker plugins`` table.

Hook results are combined in a fixed order: the core first, then plugins by entry-point name.
"""
