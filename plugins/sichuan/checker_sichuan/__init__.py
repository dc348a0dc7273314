"""四川 (SC) region plugin (domain.md §3.3).

* templates: the 附表 titles that are not national tables — SC05 财政拨款支出决算明细表, SC07
  一般公共预算财政拨款支出决算明细表, SC09 一般公共预算财政拨款项目支出决算表, SC12
  国有资本经营预算财政拨款支出决算表 (columns provisional: see README.md);
* rules: the thirteen 附表 present, and the sums of SC05/SC07/SC09/SC12 (``rules/sichuan.rules``);
* region detection: a 四川 place (井研县 …) in the department name, on the cover or in a table
  header; a 第五部分 附表 list only supports a claim, and only in a text without table bodies
  (``region.yaml``: the signature's ``unless``).
"""

from __future__ import annotations

from checker.region_plugin import RegionPlugin

plugin = RegionPlugin(__file__)
