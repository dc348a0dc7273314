"""The region files of this repository's region packages, shipped in the core as ``checker.regions``.

Each ``<name>.yaml`` here is a symbolic link to ``plugins/<name>/checker_<name>/region.yaml``: the
file stays the region package's own (its places, signatures and distribution name), and the core
reads it only to tell that a report is of a region whose package is not installed
(``checker.region.known_regions``, ``checker.plugins.detect.missing_region``), so that such a report is
not silently checked with the national rules only. A new region package adds its link here
(``tests/test_regions.py`` checks that every package has one).
"""
