"""甘肃 (GS) region plugin (domain.md §3.1).

* templates: the 甘肃-only 预算 tables B05, B06, B11, B12, the funds block of the
  整体支出绩效目标申报表 (``perf.target.department``, read by the package's layout
  ``layouts/target_funds.py``), and aliases for the national 决算 tables T01–T03, whose 2024
  wording prints 部门 for 单位 and 上交 for 上缴 (hazard H3);
* rules: the internal sums of B05, B06, B11, B12; the 甘肃 cross-table identities X14, X16, X18,
  X19; the 预算说明 against the tables (N09 机关运行经费, N11 政府采购, N15 基本/项目) and the
  plausibility warning P02 (``rules/gansu.rules``);
* region detection: a 甘肃 place (临夏市 …) in the department name, on the cover or in a table
  header; the "金额部门：万元" header only supports a claim (``region.yaml``).
"""

from __future__ import annotations

from checker.region_plugin import RegionPlugin

plugin = RegionPlugin(__file__)
