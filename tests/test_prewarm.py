"""LatestOnlyWorker: one background thread, the latest item only, failures logged and survived."""
import logging
import threading

from bot.prewarm import LatestOnlyWorker


def test_only_the_latest_waiting_item_runs():
    release = threading.Event()
    started = threading.Event()
    done: list[int] = []

    def job(item: int) -> None:
        started.set()
        release.wait(5)
        done.append(item)

    worker = LatestOnlyWorker(job)
    worker.submit(1)
    assert started.wait(5)  # 1 is running
    for item in (2, 3, 4):  # wait while 1 runs: each replaces the one before
        worker.submit(item)
    assert not worker.wait_idle(timeout=0.05)
    release.set()
    assert worker.wait_idle(timeout=5)
    assert done == [1, 4]


def test_a_failing_job_is_logged_and_the_worker_goes_on(caplog):
    done: list[int] = []

    def job(item: int) -> None:
        if item == 1:
            raise RuntimeError("model gone")
        done.append(item)

    worker = LatestOnlyWorker(job, name="prefill ahead")
    with caplog.at_level(logging.WARNING, logger="bot.prewarm"):
        worker.submit(1)
        assert worker.wait_idle(timeout=5)
        worker.submit(2)
        assert worker.wait_idle(timeout=5)
    assert done == [2]
    assert "prefill ahead failed" in caplog.text and "model gone" in caplog.text


def test_the_job_waits_for_a_quiet_spell():
    done: list[int] = []
    worker = LatestOnlyWorker(done.append, delay_s=0.3)
    worker.submit(1)
    worker.submit(2)  # within the quiet spell: replaces 1 and starts the spell again
    assert worker.wait_idle(timeout=5)
    worker.submit(3)
    assert worker.wait_idle(timeout=5)
    assert done == [2, 3]
