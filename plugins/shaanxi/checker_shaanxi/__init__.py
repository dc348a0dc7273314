"""陕西 (SX) region plugin (domain.md §3.4).

The 陕西 三公 table with 会议费 and 培训费 ("…“三公”经费及会议费、培训费支出决算表", transposed)
is already read by the core ``sangong`` layout and the national final.T09 template. It adds:

* the template ``perf.department_system``: the 部门整体支出绩效指标体系 (SX23:696–918), read by
  the package's ``perf_indicator_system`` layout (``templates/performance.yaml``,
  ``layouts/perf_indicator_system.py``);

* rules: the 目录's 是否空表 agrees with the table bodies (``rules/shaanxi.rules``); the 执行率
  base and the 指标体系's weights and scores (``rules/shaanxi_performance.rules``);
* region detection: a 陕西 place (白河县 …) in the department name, on the cover or in a table
  header; the 是否空表 目录 only supports a claim (``region.yaml``).
"""

from __future__ import annotations

from checker.region_plugin import RegionPlugin

plugin = RegionPlugin(__file__)
