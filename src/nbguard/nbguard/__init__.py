"""nbguard: hardened ``nbgrader autograde`` for hostile submissions, plugged in through nbgrader's own
configuration (``Autograde.exporter_class`` / ``sanitize_preprocessors`` / ``autograde_preprocessors``);
nbgrader is not patched. Knows nothing about any particular course: what a course protects is configuration
(:func:`nbguard.config.apply` in its ``nbgrader_config.py``).

nbgrader side, one preprocessor per file, in the order they run:

* :mod:`~nbguard.exporter` — ``GuardedNotebookExporter``: an unreadable submission is graded as the blank
  release notebook;
* :mod:`~nbguard.inspect_cells` — ``GuardInspect`` (sanitize): records and repairs edits of nbgrader cells,
  re-inserts deleted read-only cells;
* :mod:`~nbguard.finalize` — ``GuardFinalize`` (sanitize): strips execution-changing tags, static scan
  (:mod:`~nbguard.scan`);
* :mod:`~nbguard.execute` — ``GuardedExecute`` (autograde, replaces ``Execute``): guarded kernel, per-cell
  restore, completion nonce, crash/hang recovery, output cap; helped by :mod:`~nbguard.launch` (kernel spec,
  launch, restart and replay), :mod:`~nbguard.channel` (requests to the kernel-side runtime),
  :mod:`~nbguard.cells` (cell instrumentation: names, nonce, entry expression), :mod:`~nbguard.events`
  (runtime flags, refused operations), :mod:`~nbguard.output_cap`, :mod:`~nbguard.messages` (uk/en);
* :mod:`~nbguard.report_writer` — ``GuardReport`` (autograde, last): ``guard-<notebook>.json``;
* :mod:`~nbguard.feedback` — ``ReduceTestErrors`` for ``GenerateFeedback``: no hidden-test source in
  tracebacks.

Kernel side: :mod:`~nbguard.kernel` (``python -m nbguard.kernel``: limits, trusted imports, audit hook),
:mod:`~nbguard.policy` (the audit hook), :mod:`~nbguard.runtime` (restore/check of trusted state).

Instructor tools: ``python -m nbguard.report <assignment>`` (:mod:`~nbguard.report`), ``python -m
nbguard.parallel <assignment> -j 2`` (:mod:`~nbguard.parallel`); helpers :mod:`~nbguard.procs` (running
nbgrader), :mod:`~nbguard.gradebook` and :mod:`~nbguard.coursedir` (where nbgrader keeps things);
:mod:`~nbguard.keys` names the pieces share; :mod:`~nbguard.config` wires it all into ``nbgrader_config.py``.
"""
from __future__ import annotations

__version__ = "0.1.0"
