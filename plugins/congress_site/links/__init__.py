"""Link checks of a built site: every href, src and srcset resolves, every
#fragment names an id on its target page, and, when asked, every external
URL answers. One parse per page, set look-ups per link.

    from congress_site.links import check_site, LinkOptions
    report = check_site(Path("site"), LinkOptions(site_url="https://example.gov.cn/"))
    report.findings  # list[congress_site.findings.Finding]
"""

from .check import LinkOptions, LinkReport, LinkStats, check_site, for_source_files
from .config import LinkConfig, load_config
from .external import ExternalOptions

__all__ = ["ExternalOptions", "LinkConfig", "LinkOptions", "LinkReport", "LinkStats", "check_site",
           "for_source_files", "load_config"]
