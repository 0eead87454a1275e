"""Train once, serve anywhere: `training.publish` writes the trained artefacts, and a start with DUALREC_ARTEFACTS
serves them without training, or falls back with the reason.

Real files on disk (synthetic ML-1M), a tiny LSTM really trained by the app, real SBERT and SQLite. The Hugging Face
Hub cannot be reached from here: the repo-id branches run against a stand-in for huggingface_hub's HfApi and
snapshot_download (the mocks are named in each test); everything else goes through a local folder, which is also a
supported publication target.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import AppConfig
from bot.startup import Startup, build_service, fetch_artefacts, llm_config_with, load_predictor
from db.repository import Repository, make_engine
from recommender import artefacts, fitting
from recommender.artefacts import ArtefactError, file_sha256, is_repo_id, verify
from recommender.config import DataConfig
from recommender.data.prepared import ensure_prepared
from recommender.errors import CheckpointError, DualRecError
from recommender.llm import LLMConfig
from tests.conftest import CATALOG_SIZE, TEST_MODEL, TEST_TRAIN
from training.publish import PublishConfig, publish

QUICK = replace(TEST_TRAIN, epochs=2, protocol="serve")
HISTORIES = ([1], [1, 2, 3], [11, 12, 13, 14], [21, 35, 47, 58, 62, 63], [80, 79, 78])


def app_config(home: Path, synthetic_dir: Path, **changes) -> AppConfig:
    data = DataConfig(home=home, data_dir=synthetic_dir, num_movies=CATALOG_SIZE)
    return AppConfig(**{"data": data, "model": TEST_MODEL, "train": QUICK, "llm": LLMConfig(backend="none"),
                        "auto_train": False, **changes})


def fake_adapter(folder: Path) -> Path:
    """A PEFT-format folder as training.train_lora leaves it, with a data file beside it that must not travel."""
    folder.mkdir(parents=True)
    (folder / "adapter_config.json").write_text(json.dumps({"peft_type": "LORA", "r": 8}))
    (folder / "adapter_model.safetensors").write_bytes(b"not really weights" * 10)
    (folder / "meta.json").write_text(json.dumps({"base_model": "SmolLM2-135M-Instruct", "steps": 3,
                                                  "train_examples": 12,
                                                  "llm": {"model": "", "api_key": "sk-an-endpoint-key"},
                                                  "metrics": {"valid_loss_before": 2.5, "valid_loss_after": 1.9}}))
    (folder / "train.jsonl").write_text('{"prompt": "a user\'s history"}\n')
    return folder


@pytest.fixture(scope="module")
def trainer(synthetic_dir, tmp_path_factory):
    """The app that trained the model: its config, prepared data and served predictor."""
    cfg = app_config(tmp_path_factory.mktemp("trainer-home"), synthetic_dir)
    data = ensure_prepared(cfg.data)
    predictor = load_predictor(replace(cfg, auto_train=True), data, lambda step: None)
    return cfg, data, predictor


@pytest.fixture(scope="module")
def publication(trainer, tmp_path_factory) -> Path:
    cfg, _, _ = trainer
    adapter = fake_adapter(tmp_path_factory.mktemp("adapters") / "dualrec-smollm2")
    target = tmp_path_factory.mktemp("published") / "dualrec-synthetic"
    assert publish(cfg.data, PublishConfig(to=str(target), adapter=str(adapter))) == str(target.resolve())
    return target


def copy_of(publication: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(publication, tmp_path / "copy"))


def test_a_publication_holds_the_models_a_card_and_fingerprints_never_the_data(trainer, publication, synthetic_dir):
    cfg, data, _ = trainer
    files = sorted(p.relative_to(publication).as_posix() for p in publication.rglob("*") if p.is_file())
    assert files == ["README.md", "adapter/adapter_config.json", "adapter/adapter_model.safetensors", "adapter/meta.json",
                     "artefacts.json", "lstm/meta.json", "lstm/model.safetensors"]
    checkpoint = cfg.train.checkpoint_dir(cfg.data)
    for name in ("model.safetensors", "meta.json"):
        assert (publication / "lstm" / name).read_bytes() == (checkpoint / name).read_bytes()
    manifest = json.loads((publication / "artefacts.json").read_text())
    assert manifest["files"] == {name: file_sha256(publication / name) for name in files if name != "artefacts.json"}
    assert manifest["trained_on"]["prepared_input_sha256"] == data.stats["input_sha256"]
    assert manifest["trained_on"]["catalog_fingerprint"] == data.catalog.fingerprint
    assert manifest["trained_on"]["catalog_movies"] == CATALOG_SIZE and manifest["adapter"]["base_model"] == ""
    card = (publication / "README.md").read_text()
    front = card.split("---")[1]
    assert "license: mit" in front and "- movielens" in front and "recommender" in front and "lora" in front
    assert "not included" in card and "serve" in card and "ndcg@5/next5" in card and f"{CATALOG_SIZE} movies" in card
    # no MovieLens content travels: not a title, not a rating line, not the adapter's training examples
    text = "\n".join(p.read_bytes().decode("latin-1") for p in publication.rglob("*") if p.is_file())
    first_rating = (synthetic_dir / "ratings.dat").read_text(encoding="latin-1").splitlines()[0]
    assert first_rating not in text and "a user's history" not in text
    assert "sk-an-endpoint-key" not in text  # an older adapter's meta.json kept the endpoint key
    assert not [m.title for m in data.catalog.movies if m.title in text]


def test_publishing_again_replaces_the_publication_whole_and_a_failed_one_leaves_it_as_it_was(
        trainer, publication, tmp_path, monkeypatch):
    cfg, data, _ = trainer
    target = copy_of(publication, tmp_path)
    publish(cfg.data, PublishConfig(to=str(target), adapter="none"))
    assert not (target / "adapter").exists() and json.loads((target / "artefacts.json").read_text())["adapter"] is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy"]  # no staging or replaced sibling left
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}

    import training.publish as publish_module

    copies = []

    def fail_on_second(source, destination):
        copies.append(destination)
        if len(copies) == 2:
            raise OSError(28, "No space left on device")
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)

    monkeypatch.setattr(publish_module, "copy_synced", fail_on_second)
    with pytest.raises(OSError):
        publish(cfg.data, PublishConfig(to=str(target), adapter="none"))
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy"]
    verify(target, data.catalog, data.stats["input_sha256"])  # still whole


def test_a_repo_id_is_created_and_uploaded_in_one_commit(trainer):
    """Mocked: HfApi (the Hub cannot be reached from here). The stand-in records what would be sent."""
    cfg, data, _ = trainer
    calls = []

    class StandInHfApi:
        def create_repo(self, repo_id, **kwargs):
            calls.append(("create_repo", repo_id, kwargs))
            return f"https://huggingface.co/{repo_id}"

        def upload_folder(self, **kwargs):
            folder = Path(kwargs["folder_path"])
            sent = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
            calls.append(("upload_folder", sent, kwargs))
            verify(folder, data.catalog, data.stats["input_sha256"])  # what is sent is a whole publication

    url = publish(cfg.data, PublishConfig(to="dualrec/synthetic-lstm", adapter="none", private=True),
                  api=StandInHfApi())
    assert url == "https://huggingface.co/dualrec/synthetic-lstm"
    (create, repo_id, create_args), (upload, sent, upload_args) = calls
    assert create == "create_repo" and repo_id == "dualrec/synthetic-lstm"
    assert create_args == {"repo_type": "model", "private": True, "exist_ok": True}
    assert upload == "upload_folder" and upload_args["repo_id"] == "dualrec/synthetic-lstm"
    assert sent == {"README.md", "artefacts.json", "lstm/meta.json", "lstm/model.safetensors"}
    assert "adapter/*" in upload_args["delete_patterns"] and ".gitattributes" not in upload_args["delete_patterns"]

    class RefusingHfApi(StandInHfApi):
        def create_repo(self, repo_id, **kwargs):
            raise PermissionError("401 Client Error: Unauthorized")

    with pytest.raises(DualRecError, match="dualrec/synthetic-lstm failed .*PermissionError.*write access"):
        publish(cfg.data, PublishConfig(to="dualrec/synthetic-lstm", adapter="none"), api=RefusingHfApi())


def test_what_names_a_repository_and_what_a_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert is_repo_id("dualrec/ml-1m-lstm")
    (tmp_path / "out").mkdir()
    for folder in ("out/ml1m", "./user/name", "/abs/dir", "~/artefacts", "name", "a/b/c", "dualrec/ml 1m"):
        assert not is_repo_id(folder), folder


def test_a_model_that_is_not_servable_is_not_published(trainer, tmp_path):
    cfg, _, _ = trainer
    fresh = replace(cfg.data, home=tmp_path / "untrained-home")
    with pytest.raises(DualRecError, match="no trained sequence model .*python -m training.train_lstm --protocol serve"):
        publish(fresh, PublishConfig(to=str(tmp_path / "out")))
    shutil.copytree(cfg.train.checkpoint_dir(cfg.data), cfg.train.checkpoint_dir(fresh))
    meta_path = cfg.train.checkpoint_dir(fresh) / "meta.json"
    meta_path.write_text(json.dumps({**json.loads(meta_path.read_text()), "prepared_input_sha256": "0" * 64}))
    with pytest.raises(DualRecError, match="trained on other data"):
        publish(fresh, PublishConfig(to=str(tmp_path / "out")))
    assert not (tmp_path / "out").exists()


def test_an_empty_home_serves_the_published_model_without_training(trainer, publication, synthetic_dir, tmp_path,
                                                                   monkeypatch):
    """Done when: the app starts on an empty DUALREC_HOME with DUALREC_ARTEFACTS pointing at published artefacts and
    auto-train off; it is ready without training, and ranks exactly as the app that trained the model."""
    _, _, trained = trainer

    def no_training(*args, **kwargs):
        raise AssertionError("the app trained although published artefacts were there")

    monkeypatch.setattr(fitting, "main", no_training)
    home = tmp_path / "empty-home"
    cfg = app_config(home, synthetic_dir, artefacts=str(publication))
    repo = Repository(make_engine(f"sqlite:///{tmp_path / 'chat.sqlite3'}"))
    steps = []
    startup = Startup(cfg, build=lambda c, report: build_service(c, lambda s: (steps.append(s), report(s)), repo=repo))
    startup.run()
    state = startup.state()
    assert state.ready and not state.error and state.warning == "", (state.error, state.warning)
    assert any("Fetching the published models" in step for step in steps)
    assert not any("Training" in step for step in steps)
    served = startup.service.chain.predictor
    for history in HISTORIES:
        theirs, ours = trained.top_k(history, 10), served.top_k(history, 10)
        assert [p.movie.movie_id for p in ours] == [p.movie.movie_id for p in theirs]
        assert [p.score for p in ours] == pytest.approx([p.score for p in theirs], abs=1e-6)
    installed = cfg.train.checkpoint_dir(cfg.data)
    assert file_sha256(installed / "model.safetensors") == file_sha256(publication / "lstm" / "model.safetensors")
    assert not [p for p in publication.parent.iterdir() if p.name != publication.name]  # the publication only read
    # a restart with the home kept copies nothing again and serves the same
    again = verify(publication, served.catalog, ensure_prepared(cfg.data).stats["input_sha256"])
    assert artefacts.install_lstm(again, installed) is False


def test_a_damaged_published_file_falls_back_to_training_with_the_reason_on_the_page(
        trainer, publication, synthetic_dir, tmp_path):
    target = copy_of(publication, tmp_path)
    weights = target / "lstm" / "model.safetensors"
    damaged = bytearray(weights.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF  # one flipped byte: the same size, another SHA-256
    weights.write_bytes(bytes(damaged))
    cfg = app_config(tmp_path / "home", synthetic_dir, artefacts=str(target), auto_train=True)
    steps = []
    service, warning = build_service(cfg, steps.append, repo=Repository(make_engine(f"sqlite:///{tmp_path / 'db'}")))
    assert "were not used" in warning and "lstm/model.safetensors" in warning and "damaged" in warning
    assert "trained here" in warning
    training = [step for step in steps if step.startswith("Training the sequence model")]
    assert training and "damaged" in training[0] and str(target) in training[0]
    assert service.chain.predictor.top_k([1, 2], 3)


def test_another_catalogue_falls_back_to_training_or_is_a_clear_error_without_auto_train(
        trainer, publication, synthetic_dir, tmp_path):
    cfg = app_config(tmp_path / "home", synthetic_dir, artefacts=str(publication))
    cfg = replace(cfg, data=replace(cfg.data, num_movies=CATALOG_SIZE - 10))
    data = ensure_prepared(cfg.data)
    published, reason = fetch_artefacts(cfg, data, lambda step: None)
    assert published is None and "another catalogue" in reason and f"{CATALOG_SIZE} movies" in reason
    with pytest.raises(CheckpointError) as refused:
        load_predictor(cfg, data, lambda step: None, published, reason)
    message = str(refused.value)
    assert message.startswith(f"The published models in {publication} were not used: they were trained on another")
    assert "python -m training.train_lstm --protocol serve" in message and "DUALREC_AUTO_TRAIN=1" in message
    steps = []
    predictor = load_predictor(replace(cfg, auto_train=True), data, steps.append, published, reason)
    assert len(predictor.catalog) == CATALOG_SIZE - 10
    assert any(step.startswith("Training the sequence model") and "another catalogue" in step for step in steps)


def test_other_movielens_files_and_missing_or_torn_publications_are_named(trainer, publication, synthetic_dir,
                                                                          tmp_path):
    _, data, _ = trainer
    with pytest.raises(ArtefactError, match="other MovieLens files"):
        verify(publication, data.catalog, "0" * 64)
    cfg = app_config(tmp_path / "home", synthetic_dir, artefacts=str(tmp_path / "nowhere"))
    assert fetch_artefacts(cfg, data, lambda step: None) == (None, f"{tmp_path / 'nowhere'} does not exist")
    torn = copy_of(publication, tmp_path)
    (torn / "lstm" / "meta.json").unlink()
    with pytest.raises(ArtefactError, match="lstm/meta.json is missing"):
        verify(torn, data.catalog, data.stats["input_sha256"])
    (torn / "artefacts.json").write_text('{"files": ')
    with pytest.raises(ArtefactError, match="artefacts.json is damaged"):
        verify(torn, data.catalog, data.stats["input_sha256"])
    edited = copy_of(publication, tmp_path / "edited")
    (edited / "README.md").write_text("---\nlicense: mit\n---\nEdited on the Hub.")  # not a reason to train again
    verify(edited, data.catalog, data.stats["input_sha256"])


def test_a_hub_repository_is_downloaded_into_the_home_cache(trainer, publication, synthetic_dir, tmp_path,
                                                             monkeypatch):
    """Mocked: huggingface_hub.snapshot_download (the Hub cannot be reached from here). The stand-in answers with
    the local publication, as the real one answers with the snapshot folder in its cache, or fails as it does
    offline with nothing cached."""
    import huggingface_hub

    _, data, _ = trainer
    asked = []

    def stand_in(repo_id, **kwargs):
        asked.append((repo_id, kwargs))
        return str(publication)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", stand_in)
    cfg = app_config(tmp_path / "home", synthetic_dir, artefacts="dualrec/synthetic-lstm")
    published, reason = fetch_artefacts(cfg, data, lambda step: None)
    assert reason == "" and published.folder == publication
    assert asked == [("dualrec/synthetic-lstm", {"repo_type": "model", "cache_dir": tmp_path / "home" / "cache" /
                                                 "artefacts"})]

    def offline(repo_id, **kwargs):
        raise huggingface_hub.errors.LocalEntryNotFoundError("cannot reach the Hub and nothing is cached")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", offline)
    published, reason = fetch_artefacts(cfg, data, lambda step: None)
    assert published is None and "dualrec/synthetic-lstm could not be downloaded" in reason
    assert "LocalEntryNotFoundError" in reason


def test_the_published_adapter_joins_the_local_model_it_was_trained_on_unless_one_is_set(trainer, publication,
                                                                                         synthetic_dir, tmp_path):
    _, data, _ = trainer
    local = app_config(tmp_path, synthetic_dir, artefacts=str(publication), llm=LLMConfig(backend="local"))
    published, _ = fetch_artefacts(local, data, lambda step: None)
    assert llm_config_with(local, published).adapter == str(publication / "adapter")
    for other in (LLMConfig(backend="local", adapter="/my/adapter"), LLMConfig(backend="tgi"),
                  LLMConfig(backend="local", model="mistralai/Mistral-7B-Instruct-v0.3")):
        assert llm_config_with(replace(local, llm=other), published) == other
    assert llm_config_with(local, None) == local.llm


def test_a_published_converted_llm_is_installed_where_the_local_backend_looks_for_its_conversion(
        trainer, synthetic_dir, tmp_path, monkeypatch, caplog):
    """Mocked: the GGUF conversion (a stand-in folder of two small files under the real conversion's name, instead
    of 40 s converting SmolLM2; tests/test_llm.py converts the real one). Installing it is real."""
    import training.publish as publish_module
    from bot.startup import install_published_llm
    from recommender.llm.loading import smollm2_gguf_path

    cfg, data, _ = trainer
    gguf = smollm2_gguf_path()
    converted = tmp_path / "converted" / f"{gguf.stem}-{gguf.stat().st_size}"
    converted.mkdir(parents=True)
    (converted / "config.json").write_text('{"model_type": "llama"}')
    (converted / "model.safetensors").write_bytes(b"weights" * 1000)
    monkeypatch.setattr(publish_module, "converted_llm", lambda data_cfg: converted)
    target = tmp_path / "published"
    publish(cfg.data, PublishConfig(to=str(target), adapter="none", llm_copy=True))
    assert (target / "llm" / "model.safetensors").read_bytes() == b"weights" * 1000
    serving = app_config(tmp_path / "home", synthetic_dir, artefacts=str(target), llm=LLMConfig(backend="local"))
    published, reason = fetch_artefacts(serving, data, lambda step: None)
    assert reason == "" and published.llm_cache_name == converted.name
    install_published_llm(serving, published)
    installed = tmp_path / "home" / "models" / converted.name
    assert (installed / "model.safetensors").read_bytes() == b"weights" * 1000
    assert (installed / "config.json").read_text() == '{"model_type": "llama"}'
    # a damaged copy is not installed, and leaves nothing half-written: the backend converts its own
    (target / "llm" / "model.safetensors").write_bytes(b"torn")
    other_home = tmp_path / "other-home"
    install_published_llm(replace(serving, data=replace(serving.data, home=other_home)), published)
    assert not (other_home / "models").exists() or not list((other_home / "models").iterdir())
    assert "llm/model.safetensors" in caplog.text and "converts its own" in caplog.text
    # another backend or model than the one it was converted for: nothing installed
    for llm in (LLMConfig(backend="none"), LLMConfig(backend="local", model="mistralai/Mistral-7B-Instruct-v0.3")):
        third = tmp_path / "third-home"
        install_published_llm(replace(serving, llm=llm, data=replace(serving.data, home=third)), published)
        assert not third.exists()


def test_a_folder_that_is_not_a_publication_is_never_replaced(trainer, tmp_path):
    """Publishing replaces its folder whole: a folder holding anything else (a home, a project) is refused, kept
    as it was, and an empty one is used."""
    cfg, _, _ = trainer
    other = tmp_path / "somebody's folder"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    with pytest.raises(DualRecError, match="holds no earlier publication"):
        publish(cfg.data, PublishConfig(to=str(other), adapter="none"))
    assert [p.name for p in other.iterdir()] == ["notes.txt"] and (other / "notes.txt").read_text() == "keep me"
    a_file = tmp_path / "a-file"
    a_file.write_text("keep me too")
    with pytest.raises(DualRecError):
        publish(cfg.data, PublishConfig(to=str(a_file), adapter="none"))
    assert a_file.read_text() == "keep me too"
    empty = tmp_path / "empty"
    empty.mkdir()
    publish(cfg.data, PublishConfig(to=str(empty), adapter="none"))
    assert (empty / "artefacts.json").is_file()


def test_a_published_file_that_cannot_be_read_falls_back_with_the_reason(trainer, publication, synthetic_dir,
                                                                         tmp_path):
    """A read error (here a real one: a link to /proc/self/mem, whose first bytes read as EIO, as a failing bucket
    mount would) is a reason not to serve the publication, never a start that stops on an OSError."""
    _, data, _ = trainer
    target = copy_of(publication, tmp_path)
    weights = target / "lstm" / "model.safetensors"
    weights.unlink()
    weights.symlink_to("/proc/self/mem")
    cfg = app_config(tmp_path / "home", synthetic_dir, artefacts=str(target))
    published, reason = fetch_artefacts(cfg, data, lambda step: None)
    assert published is None and "lstm/model.safetensors" in reason and "cannot be read" in reason
