"""The order of a batch's runs: a dependency graph, not phase barriers.

A run starts as soon as the runs it reads have finished: a province's 03 waits for that
province's 02 and 04 only (not for every province's first notebooks), its 06 for its own
01–05, and the national roll-up for every provincial run. Among the runs that may start,
the one planned first goes first (provinces in order, notebooks in order), so each
province's chain finishes early and no worker waits at a barrier while others still work.
"""

from __future__ import annotations

from ntmplan.batch.tasks import RunTask, reads

__all__ = ["RunGraph"]


class RunGraph:
    """Which runs of a batch may start, given the ones finished.

    Parameters
    ----------
    tasks : list of RunTask
        The provincial runs, in planned order (province, then notebook).
    national : RunTask, optional
        The national roll-up: it needs every provincial run.
    """

    def __init__(self, tasks: list[RunTask], national: RunTask | None = None):
        planned = [*tasks, *([national] if national else [])]
        self.order = {t.key: i for i, t in enumerate(planned)}
        keys = set(self.order)
        self.needs: dict[str, set[str]] = {
            t.key: {f"{t.province_code}/{nb}" for nb in reads(t.notebook)} & keys for t in tasks
        }
        if national is not None:
            self.needs[national.key] = {t.key for t in tasks}
        self.waiting: dict[str, RunTask] = {t.key: t for t in planned}
        self.done: set[str] = set()

    def ready(self) -> list[RunTask]:
        """Return the runs not started whose inputs are all finished, in planned order.

        Returns
        -------
        list of RunTask
        """
        free = [t for k, t in self.waiting.items() if self.needs[k] <= self.done]
        return sorted(free, key=lambda t: self.order[t.key])

    def start(self, task: RunTask) -> None:
        """Mark a run as started (it is no longer offered by :meth:`ready`).

        Parameters
        ----------
        task : RunTask
        """
        self.waiting.pop(task.key, None)

    def finish(self, task: RunTask) -> None:
        """Mark a run as finished (whatever its result: a failed input is still final).

        Parameters
        ----------
        task : RunTask
        """
        self.waiting.pop(task.key, None)
        self.done.add(task.key)

    @property
    def remaining(self) -> int:
        """Runs not started yet."""
        return len(self.waiting)
