"""`make run` (bot.demo) before the chat exists: prepares, trains when needed, prints 3 suggestions."""
from __future__ import annotations

from dataclasses import replace

from bot.config import AppConfig, load_app_config
from bot.demo import main, run
from tests.conftest import TEST_MODEL, TEST_TRAIN
from tests.synthetic import chain_movie_ids
from tests.conftest import SPEC


def test_demo_trains_when_missing_and_recommends(data_cfg, prepared, tmp_path, capsys):
    cfg = AppConfig(data=replace(data_cfg, home=tmp_path / "home"), model=TEST_MODEL, train=replace(TEST_TRAIN, epochs=2))
    chain = chain_movie_ids(SPEC)[4]
    titles = [prepared.catalog.by_id(m).display_title for m in chain[:3]]
    text = run(cfg, titles)
    assert "training one now" in capsys.readouterr().out
    lines = text.splitlines()
    assert lines[0].startswith("You watched: " + prepared.catalog.by_id(chain[0]).label)
    assert [line.strip()[:2] for line in lines[2:]] == ["1.", "2.", "3."]
    assert all(prepared.catalog.by_id(m).label not in "\n".join(lines[2:]) for m in chain[:3])


def test_demo_reports_missing_data_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DUALREC_DATA_DIR", str(tmp_path / "absent"))
    assert load_app_config().data.data_dir == tmp_path / "absent"
    assert main([]) == 2
    assert capsys.readouterr().err.strip() == f"error: MovieLens directory {tmp_path / 'absent'} does not exist (set --data-dir or DUALREC_DATA_DIR)"
