"""benchmarks.quality end to end on synthetic data: both protocols, three rows, a table and JSON."""
from __future__ import annotations

import json
from dataclasses import replace

from benchmarks.quality import COLUMNS, main, markdown_table
from tests.conftest import TEST_MODEL, TEST_TRAIN


def test_quality_report_on_both_protocols(data_cfg, trained, tmp_path):
    output = tmp_path / "quality.json"
    report = main(data_cfg, TEST_MODEL, TEST_TRAIN, ["full", "next5"], output)
    assert json.loads(output.read_text()) == report
    assert report["num_movies"] == 80 and report["catalogue"].endswith("-top80")  # what was ranked, in the JSON
    models = [(r["protocol"], r["model"]) for r in report["rows"]]
    assert models == [(p, m) for p in ("full", "next5") for m in ("MostPop", "Markov-1", "DUALRec LSTM")]
    by = {(r["protocol"], r["model"]): r for r in report["rows"]}
    for protocol in ("full", "next5"):
        assert by[(protocol, "DUALRec LSTM")][f"hr@1/{protocol}"] > by[(protocol, "MostPop")][f"hr@1/{protocol}"]
        table = markdown_table(protocol, [r for r in report["rows"] if r["protocol"] == protocol])
        assert table.count("\n| ") == 4  # header + 3 models
        assert all(c in table for c in COLUMNS[protocol])
    assert (replace(TEST_TRAIN, protocol="full").checkpoint_dir(data_cfg) / "meta.json").is_file()  # trained: it was missing


def test_the_network_sizes_and_run_name_from_the_command_line(synthetic_dir, tmp_path, monkeypatch):
    """`--model-* --run-name` train and evaluate a network of other sizes beside the default checkpoint."""
    from benchmarks.quality import cli
    from recommender.checkpoints import load_checkpoint

    monkeypatch.setenv("DUALREC_HOME", str(tmp_path / "home"))
    output = tmp_path / "sized.json"
    assert cli(["--protocols", "full", "--data-dir", str(synthetic_dir), "--num-movies", "80", "--epochs", "1",
                "--model-movie-dim", "16", "--model-hidden2", "24", "--model-dropout", "0.5", "--run-name", "sized",
                "--output", str(output)]) == 0
    report = json.loads(output.read_text())
    folder = tmp_path / "home" / "checkpoints" / report["catalogue"] / "lstm-full-sized"
    model = load_checkpoint(folder, report["catalog_fingerprint"]).model
    assert (model.config.movie_dim, model.config.hidden2, model.config.dropout) == (16, 24, 0.5)
    assert [r["model"] for r in report["rows"]] == ["MostPop", "Markov-1", "DUALRec LSTM"]
