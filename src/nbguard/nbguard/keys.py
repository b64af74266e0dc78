"""Names the guard's pieces share: where findings travel between preprocessors, and the report file."""
from __future__ import annotations

__all__ = ["META_KEY", "RESOURCES_KEY", "UNREADABLE_KEY", "REPORT_NAME", "EXECUTION_TAGS"]

#: notebook metadata key carrying sanitize/scan findings from the sanitize pass to the autograde pass
#: (removed by GuardReport; whatever a submission puts there is discarded by GuardInspect)
META_KEY = "nbguard"
#: key in nbconvert's ``resources`` carrying the executor's runtime findings to GuardReport
RESOURCES_KEY = "nbguard"
#: key in ``resources``: why the exporter replaced an unreadable submission by the blank release
UNREADABLE_KEY = "nbguard_unreadable"
#: per-notebook report file in the autograded folder
REPORT_NAME = "guard-{notebook}.json"
#: cell tags that change how a cell executes (removed before grading)
EXECUTION_TAGS = ("skip-execution", "raises-exception")
