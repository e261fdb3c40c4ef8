"""The order of a batch's runs: a dependency graph, not phase barriers.

A run starts as soon as the runs it reads have finished: a province's 03 waits for that
province's 02 and 04 only (not for every province's first notebooks), its 06 for its own
01–05, and the national roll-up for every provincial run. Among the runs that may start,
the one with the longest chain of runs waiting on it goes first (02 and 04, read by 03,
which 06 reads), then the one planned first: the last runs of the batch are then short
ones of many provinces side by side, not one province's chain alone while a worker idles.
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
        self.height = chain_heights(self.needs)

    def ready(self) -> list[RunTask]:
        """Return the runs not started whose inputs are all finished, best first.

        Longest chain of waiting runs first, then planned order.

        Returns
        -------
        list of RunTask
        """
        free = [t for k, t in self.waiting.items() if self.needs[k] <= self.done]
        return sorted(free, key=lambda t: (-self.height[t.key], self.order[t.key]))

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


def chain_heights(needs: dict[str, set[str]]) -> dict[str, int]:
    """Return, for every run, the length of the longest chain of runs that need it.

    Parameters
    ----------
    needs : dict
        run key -> keys of the runs it needs (all keys of the batch are keys here).

    Returns
    -------
    dict
        run key -> 0 for a run nothing needs, else 1 + the largest height of its readers.
    """
    readers: dict[str, list[str]] = {k: [] for k in needs}
    for key, inputs in needs.items():
        for inp in inputs:
            readers[inp].append(key)
    height: dict[str, int] = {}

    def of(key: str) -> int:
        if key not in height:
            height[key] = 1 + max(map(of, readers[key])) if readers[key] else 0
        return height[key]

    for key in needs:
        of(key)
    return height
