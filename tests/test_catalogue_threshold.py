"""benchmarks.catalogue_threshold on synthetic data: what each --min-ratings keeps, and the quality columns."""
from __future__ import annotations

import json

from benchmarks.catalogue_threshold import coverage, real_next5_hr, table
from recommender.config import DataConfig
from recommender.data.prepared import prepare


def test_coverage_shrinks_with_the_threshold_and_matches_the_prepared_catalogue(synthetic_dir, tmp_path):
    rows = coverage(synthetic_dir, [1, 30, 68])
    assert [r.min_ratings for r in rows] == [1, 30, 68]
    assert rows[0].ratings_share == 1.0 and rows[0].test_last5_share == 1.0 and rows[0].all_last5_share == 1.0
    assert rows[0].movies > rows[1].movies > rows[2].movies > 0
    assert rows[0].ratings_share > rows[1].ratings_share > rows[2].ratings_share
    for row in rows:
        stats = prepare(DataConfig(home=tmp_path, data_dir=synthetic_dir, num_movies=0, min_ratings=row.min_ratings)).stats
        assert (row.movies, row.test_users) == (stats["catalog_movies"], stats["next5_test_users"])
        assert abs(row.ratings_share - stats["catalog_ratings"] / stats["ratings"]) < 1e-9


def test_the_table_adds_a_reports_figures_and_the_lift(synthetic_dir, tmp_path):
    def row(model, hr, ndcg):
        return {"model": model, "protocol": "next5", "hr@5/next5": hr, "ndcg@5/next5": ndcg}

    report = {"rows": [row("MostPop", 0.1, 0.02), row("Markov-1", 0.15, 0.03), row("DUALRec LSTM", 0.25, 0.05)]}
    (tmp_path / "q-20.json").write_text(json.dumps(report))
    lines = table(coverage(synthetic_dir, [1, 20]), str(tmp_path / "q-{k}.json")).splitlines()
    assert lines[2].startswith("| 1 |") and lines[2].endswith("| - | - | - | - | - |")  # no report for K=1
    assert "| 0.100 / 0.020 | 0.150 | 0.250 / 0.050 | 2.50x, 2.50x | - |" in lines[3]


def test_no_checkpoint_means_no_real_next5_column(synthetic_dir, tmp_path):
    assert real_next5_hr(tmp_path, synthetic_dir, 20) is None
