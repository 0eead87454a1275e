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
    training = report["rows"][2]["training"]  # what the README says it took, read from the checkpoint
    assert training["model_config"]["hidden2"] == 24 and training["epochs_run"] == 1 and training["device"] == "cpu"
    assert training["validation"]["hr@10/full"] >= 0 and training["seconds"] > 0


def test_the_sweep_table_marks_the_best_validation_run_and_says_why_one_failed(tmp_path):
    """benchmarks.sweep chooses by validation NDCG@10 alone; a run without a report shows the end of its log."""
    from benchmarks.sweep import markdown, summary

    def report(name: str, valid: float, test: float) -> None:
        row = {"model": "DUALRec LSTM", "hr@10/full": test, "ndcg@10/full": test / 2, "training": {
            "validation": {"hr@10/full": valid, "ndcg@10/full": valid / 2}, "best_epoch": 3, "epochs_run": 5,
            "seconds": 90.0, "device": "NVIDIA H200", "mixed_precision": "bf16", "model_config": {}, "train_config": {}}}
        (tmp_path / f"{name}.json").write_text(json.dumps({"rows": [row]}))

    report("small", valid=0.30, test=0.33)  # the better test figure does not choose
    report("large", valid=0.34, test=0.31)
    (tmp_path / "broken.log").write_text("epoch 1: loss 8.1\nCUDA out of memory\n")
    rows = [summary(name, tmp_path) for name in ("small", "large", "broken")]
    table = markdown(rows)
    assert "| large (chosen by validation) | 5 (3) | 1.5 | 0.3400 |" in table
    assert "| small | 5 (3)" in table and "failed: epoch 1: loss 8.1 / CUDA out of memory" in table
