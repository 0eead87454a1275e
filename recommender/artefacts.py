"""Published artefacts: a trained LSTM (and a LoRA adapter) with a manifest of fingerprints, served without training.

`python -m training.publish` writes a publication; the app reads one (DUALREC_ARTEFACTS). A publication is a folder,
local or a Hugging Face model repository, laid out as

    artefacts.json                           the manifest: every file's SHA-256, what the model was trained on
    README.md                                the model card
    lstm/model.safetensors, lstm/meta.json   the sequence model, as recommender.checkpoints saves it
    adapter/...                              the LoRA adapter (PEFT format), when one was published
    llm/...                                  SmolLM2 as the app converts its GGUF (--llm-copy): saves that step

It never holds MovieLens data (its licence forbids redistribution): only fingerprints of what the model was trained
on, which the reader compares with the data it prepared itself. Readers only read a publication, so it may live in
a mounted bucket; writers replace it whole (training.publish).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from recommender.catalog import MovieCatalog
from recommender.errors import DualRecError

MANIFEST = "artefacts.json"
CARD = "README.md"
LSTM_DIR = "lstm"
ADAPTER_DIR = "adapter"
LLM_DIR = "llm"
FORMAT_VERSION = 1
# What the app needs from a publication; the card is fingerprinted too but not required to match, so that a card
# edited on the Hub is not a reason to train again. The converted LLM's files (half a gigabyte) are checked when they
# are installed, not at every start.
REQUIRED_LSTM_FILES = ("model.safetensors", "meta.json")


class ArtefactError(DualRecError):
    """Published artefacts are missing, unreachable, damaged, or were trained on other data: the reason, one line."""


@dataclass(frozen=True)
class Published:
    """A publication whose files and training data were checked against the data prepared here."""
    folder: Path
    manifest: dict

    @property
    def lstm_dir(self) -> Path:
        return self.folder / LSTM_DIR

    @property
    def adapter_dir(self) -> Path | None:
        return self.folder / ADAPTER_DIR if self.manifest.get("adapter") else None

    @property
    def llm_cache_name(self) -> str:
        """The folder name of the published converted LLM in DUALREC_HOME/models ("" when none was published)."""
        return (self.manifest.get("llm") or {}).get("cache_name", "")

    @property
    def adapter_base_model(self) -> str:
        """LLMConfig.model the adapter was trained on ("" is the default SmolLM2)."""
        return (self.manifest.get("adapter") or {}).get("base_model", "")


def file_sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def movie_ids_sha256(catalog: MovieCatalog) -> str:
    """The catalogue's movie ids in index order: an LSTM's output row i means the i-th of them."""
    return hashlib.sha256(",".join(str(m.movie_id) for m in catalog.movies).encode()).hexdigest()


def trained_on(catalog: MovieCatalog, input_sha256: str | None) -> dict:
    """The fingerprints a publication records and a reader compares with its own prepared data."""
    return {"catalog_fingerprint": catalog.fingerprint, "movie_ids_sha256": movie_ids_sha256(catalog),
            "catalog_movies": len(catalog), "prepared_input_sha256": input_sha256}


def file_fingerprints(folder: Path) -> dict[str, str]:
    """{relative posix path: SHA-256} of every file under `folder` but the manifest."""
    return {path.relative_to(folder).as_posix(): file_sha256(path)
            for path in sorted(folder.rglob("*")) if path.is_file() and path.name != MANIFEST}


def is_repo_id(value: str) -> bool:
    """Whether DUALREC_ARTEFACTS or --to names a Hub repository ("user/name") rather than a folder. A folder is
    anything that exists here, looks like a path (starts with /, ., ~ or has more than one part), or whose first
    part is a folder here (so `out/ml1m` is a folder when ./out exists); write ./user/name to mean a folder."""
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    if value.startswith(("/", ".", "~")) or "\\" in value or value.count("/") != 1:
        return False
    path = Path(value)
    if path.exists() or path.parent.is_dir() and str(path.parent) not in ("", "."):
        return False
    try:
        validate_repo_id(value)
    except HFValidationError:
        return False
    return True


def fetch(source: str, cache_dir: Path) -> Path:
    """The publication's folder: a local folder as it is (read, never written), a repo id downloaded with
    huggingface_hub into `cache_dir` (the Hub's cache layout; a later start without network reuses it)."""
    if not is_repo_id(source):
        folder = Path(source).expanduser()
        if not (folder / MANIFEST).is_file():
            raise ArtefactError(f"there is no {MANIFEST} in {folder}" if folder.is_dir() else f"{folder} does not exist")
        return folder
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(source, repo_type="model", cache_dir=cache_dir))
    except Exception as exc:  # noqa: BLE001 - the Hub and the network fail in many types; each is one reason
        raise ArtefactError(f"the Hub repository {source} could not be downloaded ({type(exc).__name__}: "
                            f"{str(exc).splitlines()[0][:200] if str(exc) else 'no detail'})") from None


def read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArtefactError(f"there is no {MANIFEST} in {folder}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArtefactError(f"{folder / MANIFEST} is damaged ({type(exc).__name__})") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict) \
            or not isinstance(manifest.get("trained_on"), dict):
        raise ArtefactError(f"{folder / MANIFEST} is not a manifest written by python -m training.publish")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ArtefactError(f"{folder / MANIFEST} has format version {manifest.get('format_version')}; this app "
                            f"reads version {FORMAT_VERSION}: publish again with this version")
    return manifest


def check_files(folder: Path, manifest: dict) -> None:
    """Every served file (the LSTM's, the adapter's) is there with the recorded SHA-256."""
    files: dict = manifest["files"]
    needed = [f"{LSTM_DIR}/{name}" for name in REQUIRED_LSTM_FILES]
    missing = [name for name in needed if name not in files]
    if missing:
        raise ArtefactError(f"the manifest in {folder} lists no {', '.join(missing)}")
    for name, expected in sorted(files.items()):
        if name == CARD or name.startswith(f"{LLM_DIR}/"):
            continue
        path = folder / name
        if not path.is_file():
            raise ArtefactError(f"{name} is missing from {folder}")
        try:
            actual = file_sha256(path)
        except OSError as exc:  # a bucket mount's I/O error, say: a reason to fall back, not to stop the start
            raise ArtefactError(f"{name} in {folder} cannot be read ({exc.strerror or type(exc).__name__})") from None
        if actual != expected:
            raise ArtefactError(f"{name} in {folder} is damaged (its SHA-256 differs from the manifest's)")


def check_trained_on(manifest: dict, catalog: MovieCatalog, input_sha256: str | None) -> None:
    """The publication was trained on the catalogue and the MovieLens input prepared here."""
    theirs, ours = manifest["trained_on"], trained_on(catalog, input_sha256)
    if theirs.get("movie_ids_sha256") != ours["movie_ids_sha256"]:
        raise ArtefactError(f"they were trained on another catalogue ({theirs.get('catalog_movies')} movies, "
                            f"{manifest.get('catalogue', 'unnamed')}) than the {len(catalog)} movies prepared here")
    if theirs.get("catalog_fingerprint") != ours["catalog_fingerprint"]:
        raise ArtefactError("they were trained on the same movies with other titles, genres or title words "
                            f"(catalogue {theirs.get('catalog_fingerprint')}, here {ours['catalog_fingerprint']})")
    if theirs.get("prepared_input_sha256") != ours["prepared_input_sha256"]:
        raise ArtefactError("they were trained on other MovieLens files than the ones prepared here "
                            "(the input checksums differ)")


def verify(folder: Path, catalog: MovieCatalog, input_sha256: str | None) -> Published:
    manifest = read_manifest(folder)
    check_files(folder, manifest)
    check_trained_on(manifest, catalog, input_sha256)
    return Published(folder, manifest)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # some mounts cannot open a folder; the rename is then as durable as they make it
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def copy_synced(source: Path, target: Path) -> str:
    """Copy a file and flush it to disk before anyone renames it into place; returns the SHA-256 of what was
    copied (read once)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with open(source, "rb") as src, open(target, "wb") as dst:
        for block in iter(lambda: src.read(1 << 20), b""):
            digest.update(block)
            dst.write(block)
        dst.flush()
        os.fsync(dst.fileno())
    return digest.hexdigest()


def replace_folder(staged: Path, target: Path) -> None:
    """Put the complete folder `staged` at `target`, replacing a folder there whole: never a mix of old and new
    files. The old one is moved aside first, so `target` is absent for the instant between two renames (a reader
    then finds nothing, not half), and removed after. On a bucket mount a rename may be a copy: readers check every
    file's SHA-256 against the manifest, so a torn folder is refused, never served."""
    for path in staged.rglob("*"):
        if path.is_dir():
            _fsync_dir(path)
    _fsync_dir(staged)
    aside = target.with_name(f".{target.name}.replaced-{os.getpid()}")
    shutil.rmtree(aside, ignore_errors=True)
    if target.exists():
        target.rename(aside)
    staged.rename(target)
    _fsync_dir(target.parent)
    shutil.rmtree(aside, ignore_errors=True)


def staging_folder(target: Path) -> Path:
    """A fresh temporary sibling of `target` (same file system, so the final rename does not copy)."""
    staged = target.with_name(f".{target.name}.partial-{os.getpid()}")
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir(parents=True)
    return staged


def install_lstm(published: Published, checkpoint: Path) -> bool:
    """Make the published LSTM the checkpoint the app serves, atomically. False when it already is (a restart with
    a kept DUALREC_HOME copies nothing)."""
    files = published.manifest["files"]
    if all((checkpoint / name).is_file() and file_sha256(checkpoint / name) == files[f"{LSTM_DIR}/{name}"]
           for name in REQUIRED_LSTM_FILES):
        return False
    _install({f"{LSTM_DIR}/{name}": name for name in REQUIRED_LSTM_FILES}, published, checkpoint)
    return True


def _install(names: dict[str, str], published: Published, target: Path) -> None:
    """Copy published files (name in the publication: name in `target`) into a staging sibling, checking each
    copy's SHA-256 against the manifest, then put the folder in place whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = staging_folder(target)
    try:
        for name, local in names.items():
            if copy_synced(published.folder / name, staged / local) != published.manifest["files"][name]:
                raise ArtefactError(f"{name} in {published.folder} is damaged or changed while it was copied")
        replace_folder(staged, target)
    finally:
        shutil.rmtree(staged, ignore_errors=True)  # left only when something failed before the rename


def install_llm(published: Published, cache_root: Path, cache_name: str) -> bool:
    """Put the published converted LLM where the local backend looks for its conversion of the GGUF named
    `cache_name` (recommender.llm.loading.converted_gguf_dir), so that no start converts it. False when nothing
    was published for that GGUF (another version of the package), or a conversion is already there."""
    if not published.llm_cache_name or published.llm_cache_name != cache_name:
        return False
    target = cache_root / cache_name
    if (target / "config.json").is_file() and (target / "model.safetensors").is_file():
        return False
    prefix = f"{LLM_DIR}/"
    _install({name: name[len(prefix):] for name in published.manifest["files"] if name.startswith(prefix)},
             published, target)
    return True


__all__ = ["ADAPTER_DIR", "ArtefactError", "CARD", "FORMAT_VERSION", "LLM_DIR", "LSTM_DIR", "MANIFEST", "Published",
           "REQUIRED_LSTM_FILES", "copy_synced", "fetch", "file_fingerprints", "file_sha256", "install_llm",
           "install_lstm", "is_repo_id", "movie_ids_sha256", "read_manifest", "replace_folder", "staging_folder",
           "trained_on", "verify"]
