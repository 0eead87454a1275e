"""Fetch a MovieLens release from GroupLens, check its MD5 and unpack it, when no local directory is given.

`DUALREC_DATASET` names the release (ml-1m by default). The MD5 is the one GroupLens publishes beside each zip
(`<zip>.md5`); for the releases whose checksum is well known it is also written here, so a changed file on the
server is refused rather than trusted.
"""
from __future__ import annotations

import hashlib
import http.client
import re
import shutil
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from recommender.data.readers import REQUIRED, detect_format
from recommender.errors import MovieLensError

GROUPLENS = "https://files.grouplens.org/datasets/movielens"


@dataclass(frozen=True)
class Dataset:
    name: str  # also the folder inside the zip
    md5: str | None = None  # None: read the checksum GroupLens publishes beside the zip

    @property
    def url(self) -> str:
        return f"{GROUPLENS}/{self.name}.zip"


DATASETS = {
    "ml-1m": Dataset("ml-1m", "c4d9eecfca2ab87c1945afe126590906"),
    "ml-latest-small": Dataset("ml-latest-small"),
    "ml-20m": Dataset("ml-20m", "cd245b17a1ae2cc31bb14903e1204af3"),
    "ml-25m": Dataset("ml-25m", "6b51fb2759a8657d3bfcbfc42b592ada"),
    "ml-32m": Dataset("ml-32m"),
    "ml-latest": Dataset("ml-latest"),
}
DEFAULT_DATASET = "ml-1m"


def dataset(name: str) -> Dataset:
    try:
        return DATASETS[name]
    except KeyError:
        raise MovieLensError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}") from None


def file_md5(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "md5").hexdigest()


def _fetch(url: str, target: Path, timeout: float, desc: str) -> None:
    partial = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, open(partial, "wb") as out:
            total = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(total=total, unit="B", unit_scale=True, desc=desc) as bar:
                for block in iter(lambda: response.read(1 << 16), b""):
                    out.write(block)
                    bar.update(len(block))
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:  # IncompleteRead: a cut connection
        partial.unlink(missing_ok=True)
        reason = getattr(exc, "reason", exc)
        raise MovieLensError(f"could not download {url} ({reason}); with no network, point DUALREC_DATA_DIR at a "
                             "MovieLens directory") from None
    partial.rename(target)


def published_md5(url: str, timeout: float) -> str:
    """The hex digest in GroupLens's `<zip>.md5` ("MD5 (ml-32m.zip) = 0123..." or "0123...  ml-32m.zip")."""
    try:
        with urllib.request.urlopen(url + ".md5", timeout=timeout) as response:
            text = response.read(4096).decode("ascii", "replace")
    except (urllib.error.URLError, OSError) as exc:
        raise MovieLensError(f"could not download {url}.md5 ({getattr(exc, 'reason', exc)})") from None
    found = re.search(r"\b[0-9a-f]{32}\b", text)
    if not found:
        raise MovieLensError(f"{url}.md5 holds no MD5 checksum")
    return found.group(0)


def download(home: Path, release: Dataset, url: str | None = None, timeout: float = 60.0) -> Path:
    """Download `release` into `home`, verify its MD5, unpack it and return its directory."""
    home = Path(home).expanduser()
    target = home / release.name
    try:
        detect_format(target)
        return target
    except MovieLensError:
        pass  # not there yet, or torn: fetch it
    url = url or release.url
    home.mkdir(parents=True, exist_ok=True)
    archive = home / f"{release.name}.zip"
    if not archive.is_file():
        _fetch(url, archive, timeout, archive.name)
    expected = release.md5 or published_md5(url, timeout)
    actual = file_md5(archive)
    if actual != expected:
        archive.unlink()
        raise MovieLensError(f"checksum mismatch for {archive}: md5 {actual}, expected {expected}; the file was removed")
    try:
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(home)
    except zipfile.BadZipFile:
        archive.unlink()
        raise MovieLensError(f"{archive} is not a zip archive, although its MD5 matched; the file was removed") from None
    try:
        detect_format(target)
    except MovieLensError:
        shutil.rmtree(target, ignore_errors=True)
        raise MovieLensError(f"{archive} did not contain a {release.name}/ directory with "
                             f"{' or '.join(' and '.join(names) for names in REQUIRED.values())}") from None
    return target


def resolve_data_dir(data_dir: Path | None, home: Path, dataset_name: str = DEFAULT_DATASET) -> Path:
    """The given directory if any (checked), else the named GroupLens release downloaded under `home`."""
    if data_dir is not None:
        data_dir = Path(data_dir).expanduser()
        detect_format(data_dir)
        return data_dir
    return download(home, dataset(dataset_name))


def local_data_dir(data_dir: Path | None, home: Path, dataset_name: str = DEFAULT_DATASET) -> Path | None:
    """Where the data would be read from, if it is on disk now (never downloads); None when it is not."""
    source = Path(data_dir).expanduser() if data_dir is not None else Path(home).expanduser() / dataset(dataset_name).name
    try:
        detect_format(source)
    except MovieLensError:
        return None
    return source
