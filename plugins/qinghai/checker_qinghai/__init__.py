"""青海 (QH) region plugin (domain.md §3.2): a manifest plus data, no code of its own but a layout.

* templates: QH10 机关运行经费支出情况表 and QH11 政府采购支出情况表 (公开10/11表), and QH09B,
  the 实物量 block printed without a title under the 三公 table (``options.under``);
* layout ``qinghai_counts_block``: reads that block (``layouts/qinghai_counts_block.py``);
* rules: the 公开10/11 tables and the 实物量 counts (``rules/qinghai.rules``);
* region detection: a 青海 place (海东市 …) in the department name, on the cover or in a table
  header; the 公开10/11 table codes only support a claim (a 江苏 budget prints 公开10表 too)
  (``region.yaml``).
"""

from __future__ import annotations

from checker.region_plugin import RegionPlugin

plugin = RegionPlugin(__file__)
