"""A minimal region package: one extra table, one rule, region detection (docs/plugins.md).

Everything is data beside this file: ``region.yaml`` (the manifest), ``templates/`` and
``rules/``; the kit answers the hooks from them.
"""

from __future__ import annotations

from checker.region_plugin import RegionPlugin

plugin = RegionPlugin(__file__)
