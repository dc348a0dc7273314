"""青海 (QH) region plugin (domain.md §3.2).

* templates: QH10 机关运行经费支出情况表 and QH11 政府采购支出情况表 (公开10/11表), and QH09B,
  the 实物量 block under the 三公 table;
* post-parse step: reads the 实物量 block into ``final.QH09B`` (``counts.py``);
* rules: the 公开10/11 tables and the 实物量 counts (``rules/qinghai.rules``);
* region detection: a 青海 place (海东市 …) in the department name, on the cover or in a table
  header; the 公开10/11 table codes only support a claim (a 江苏 budget prints 公开10表 too)
  (``region.yaml``).
"""

from __future__ import annotations

from checker.hookspecs import hookimpl
from checker.model import Document
from checker.region_plugin import RegionPlugin
from checker.templates.loader import TemplateRegistry
from checker_qinghai.counts import read_counts_block


class QinghaiPlugin(RegionPlugin):
    """The kit's hooks (``region.yaml``, ``templates/``, ``rules/``) and the 实物量 post-parse step."""

    @hookimpl
    def checker_post_parse(self, document: Document, registry: TemplateRegistry) -> None:
        """Read the 实物量 block under the 三公 table into final.QH09B, when the report has one."""
        read_counts_block(document, registry)


plugin = QinghaiPlugin(__file__)
