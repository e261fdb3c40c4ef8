"""Batch runs of the workbooks: every selected notebook for every selected province.

:mod:`~ntmplan.batch.runner` orchestrates a batch (``ntmplan run``); beside it: planning
(:mod:`~ntmplan.batch.tasks`), checks before any kernel (:mod:`~ntmplan.batch.parameters`),
the cache (:mod:`~ntmplan.batch.cache_key`, :mod:`~ntmplan.batch.cache`), one run
(:mod:`~ntmplan.batch.execute`, :mod:`~ntmplan.batch.html_export`), workers
(:mod:`~ntmplan.batch.pool`, :mod:`~ntmplan.batch.dask_executor`), pre-imported kernels
(:mod:`~ntmplan.batch.kernel_server`, :mod:`~ntmplan.batch.kernel_preload`,
:mod:`~ntmplan.batch.kernel_provisioner`), results (:mod:`~ntmplan.batch.results`,
:mod:`~ntmplan.batch.summaries`) and the index pages (:mod:`~ntmplan.batch.index_pages`).
"""
