"""Tests for ntmplan.batch.pool: worker processes, and runs lost with a worker that died."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import BrokenExecutor, ThreadPoolExecutor

from ntmplan.batch import pool, results, tasks


def _tasks(tmp_path, *codes):
    return tasks.build_tasks(list(codes), ["ok"], tmp_path)


def _work(task):
    if task.province_code == "04":
        raise BrokenExecutor("a worker died")
    if task.province_code == "08":
        raise ValueError("bad")
    return results.RunResult(task.notebook, task.province_code, "ok", 0.1, task.out_dir)


class TestWorkerPool:
    def test_lost_runs_are_redone_alone_and_only_the_culprit_fails(self, tmp_path):
        made = []

        def factory(jobs):
            made.append(jobs)
            return ThreadPoolExecutor(jobs)

        with pool.WorkerPool(factory, 2) as workers:
            got = {
                t.province_code: r
                for t, r in workers.run(_tasks(tmp_path, "01", "04", "08"), _work)
            }
            assert got["01"].status == "ok"
            assert got["04"].status == "failed" and got["04"].error == results.WORKER_DIED
            assert got["08"].status == "failed" and "bad" in got["08"].error
            assert made == [2, 1]  # the pool, then one fresh worker for the lost run
            list(workers.run(_tasks(tmp_path, "01"), _work))
            assert made == [2, 1, 2]  # the broken pool was replaced

    def test_the_executor_is_made_on_first_use(self):
        made = []
        workers = pool.WorkerPool(lambda n: made.append(n) or ThreadPoolExecutor(n), 3)
        assert made == []
        workers.executor()
        workers.executor()
        workers.close()
        assert made == [3]


class TestProcessPool:
    def test_workers_are_forked(self, monkeypatch):
        if "fork" not in multiprocessing.get_all_start_methods():
            assert pool.fork_context() is None
            return
        assert pool.fork_context().get_start_method() == "fork"
        made = {}
        monkeypatch.setattr(pool, "ProcessPoolExecutor", lambda **kw: made.update(kw) or kw)
        pool.process_pool(3)
        assert made["max_workers"] == 3
        assert made["mp_context"].get_start_method() == "fork"  # not the platform's default
