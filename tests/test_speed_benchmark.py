"""benchmarks.speed runs on a trained checkpoint and reports every history length (no timing asserts)."""
from __future__ import annotations

from benchmarks.speed import HISTORY_LENGTHS, main


def test_speed_rows_cover_every_length(data_cfg, trained, monkeypatch):
    import benchmarks.speed as speed

    monkeypatch.setattr(speed, "HISTORY_LENGTHS", (0, 5, 14))  # synthetic histories are short
    rows = main(data_cfg, calls=5, threads=1)
    assert [(r["context"], r["history"]) for r in rows] == [(c, h) for c in (20, 50, 30) for h in (0, 5, 14)]
    assert all(0 < r["p50_ms"] <= r["p95_ms"] for r in rows)
    assert all(0 <= r["hr@1/next5"] <= r["hr@5/next5"] <= 1 for r in rows)
    assert HISTORY_LENGTHS[-1] == 200
