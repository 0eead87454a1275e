"""The served modern catalogue: ml-latest-small from ../shared, prepared from DUALREC_DATA_DIR alone, with a
quickly trained LSTM and the real SBERT. Skipped with a reason when the data is not beside the checkout."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from recommender.config import DataConfig
from tests.conftest import TEST_MODEL, TEST_TRAIN

ML_LATEST_SMALL = Path(__file__).resolve().parents[2] / "shared" / "data" / "ml-latest-small"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def modern(tmp_path_factory):
    if not (ML_LATEST_SMALL / "ratings.csv").is_file():
        pytest.skip("ml-latest-small is not beside the checkout (../shared/data/ml-latest-small)")
    from recommender.data.prepared import ensure_prepared
    from recommender.fitting import main as fit

    home = tmp_path_factory.mktemp("modern-home")
    cfg = DataConfig(home=home, data_dir=ML_LATEST_SMALL)  # the CSV release's defaults: 10 or more ratings
    data = ensure_prepared(cfg)
    trained = fit(cfg, TEST_MODEL, replace(TEST_TRAIN, protocol="serve", epochs=1, max_len=50))
    return cfg, data, trained


def test_a_csv_release_is_served_with_every_movie_rated_ten_times(modern):
    cfg, data, _ = modern
    assert cfg.prepared_dir.name == "ml-latest-small-min10-v2"
    assert data.stats["format"] == "csv" and data.stats["catalog_last_year"] == 2018
    assert 2000 < len(data.catalog) < 2600 and data.catalog.rating_counts.min() >= 10  # about 2,300 (issue 21)
    assert sum(1 for m in data.catalog.movies if m.year and m.year > 2000) > 800
    inception = next(m for m in data.catalog.movies if m.display_title == "Inception")  # links.csv, tags.csv
    assert inception.imdb_id == 1375666 and "thought-provoking" in inception.tags


def test_people_name_modern_films_and_get_modern_films_back(modern, tmp_path):
    from bot.act_reader import ActReader
    from bot.mention_reader import MentionReader
    from bot.service import ChatService
    from db.repository import Repository, make_engine
    from recommender.chain import DualRecChain
    from recommender.matching import MatchConfig, TitleMatcher
    from recommender.predictor import NextMoviePredictor

    cfg, data, trained = modern
    matcher = TitleMatcher.load(data.catalog, MatchConfig(), cache_dir=cfg.home / "cache")
    predictor = NextMoviePredictor.from_checkpoint(trained.checkpoint_dir, data.catalog)
    service = ChatService(data.catalog, matcher, DualRecChain(predictor, matcher, None),
                          Repository(make_engine(f"sqlite:///{tmp_path / 'chat.sqlite3'}")),
                          reader=MentionReader.load(matcher.encoder), acts=ActReader.load(matcher.encoder))
    service.reply("fan", "I watched Inception and Whiplash, and loved Get Out")
    assert {m.display_title for m in service.history("fan")} == {"Inception", "Whiplash", "Get Out"}
    reply = service.reply("fan", "any comedies from the 2010s?")
    assert reply.recommendations
    assert all("Comedy" in r.movie.genres and 2010 <= r.movie.year <= 2019 for r in reply.recommendations)
    assert reply.text.count("](https://www.imdb.com/title/tt") == len(reply.recommendations)
    unknown = service.reply("fan", "I watched Oppenheimer")
    assert f"{len(data.catalog):,} movies" in unknown.text and "up to 2018" in unknown.text  # the data's own words
    assert "Oppenheimer" not in {m.display_title for m in service.history("fan")}
