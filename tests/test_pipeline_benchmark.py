"""benchmarks.pipeline on the synthetic data: the LSTM row (the LLM rows run SmolLM2 and are measured, not tested)."""
import json

from benchmarks.pipeline import ROWS, main, markdown_table


def test_lstm_row_scores_lists_of_five_and_writes_its_report(data_cfg, trained, tmp_path):
    output = tmp_path / "pipeline.json"
    [row] = main(data_cfg, users=6, seed=0, rows=["lstm"], adapter=tmp_path, batch_size=4, output=output)
    assert 0 <= row["hr@1/next5"] <= row["hr@5/next5"] <= 1 and row["unusable_share"] is None
    assert json.loads(output.read_text())["users"] == 6
    assert "| LSTM alone |" in markdown_table([row], 6)
    assert set(ROWS) >= {"lstm", "free-base", "grounded-lora", "app"}
