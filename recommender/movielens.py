"""Read MovieLens-1M (`ratings.dat`, `movies.dat`, `users.dat`), or download it from GroupLens and check it.

The files are latin-1 with `::` separators. Titles keep their original form ("Bug's Life, A (1998)") and also get
a display title ("A Bug's Life") and a year. Every problem raises MovieLensError with one line naming the file.
"""
from __future__ import annotations

import hashlib
import logging
import re
import shutil
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from recommender.errors import MovieLensError

log = logging.getLogger(__name__)

ML1M_URL = "https://files.grouplens.org/datasets/movielens/ml-1m.zip"
ML1M_MD5 = "c4d9eecfca2ab87c1945afe126590906"
REQUIRED_FILES = ("ratings.dat", "movies.dat", "users.dat")
ENCODING = "latin-1"  # ML-1M predates UTF-8 at GroupLens: "Cité des enfants perdus" is latin-1
GENRES = (
    "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
    "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
)
# MovieLens moves a leading article to the end: "Matrix, The", "Cité des enfants perdus, La".
_ARTICLES = ("The", "A", "An", "Les", "La", "Le", "L'", "Il", "Das", "Der", "Die", "El", "Det", "Den", "Lo")
_YEAR_RE = re.compile(r"^(?P<name>.*?)\s*\((?P<year>\d{4})\)\s*$")
_ARTICLE_RE = re.compile(r"^(?P<body>.+?), (?P<article>" + "|".join(map(re.escape, _ARTICLES)) + r")(?P<rest>\s*\(.*\))?$")


@dataclass(frozen=True)
class MovieRecord:
    movie_id: int
    title: str  # as MovieLens writes it: "Bug's Life, A (1998)"
    display_title: str  # "A Bug's Life"
    year: int | None
    genres: tuple[str, ...]


@dataclass(frozen=True)
class UserRecord:
    user_id: int
    gender: str
    age: int
    occupation: int
    zip_code: str


@dataclass(frozen=True)
class Ratings:
    """All ratings as parallel arrays, in file order (kept so equal timestamps have a stable order)."""

    user_ids: np.ndarray
    movie_ids: np.ndarray
    ratings: np.ndarray
    timestamps: np.ndarray

    def __len__(self) -> int:
        return len(self.user_ids)


@dataclass(frozen=True)
class MovieLens:
    ratings: Ratings
    movies: dict[int, MovieRecord]
    users: dict[int, UserRecord]


def split_title(title: str) -> tuple[str, int | None]:
    """"Bug's Life, A (1998)" -> ("A Bug's Life", 1998); a title without a year keeps year None."""
    match = _YEAR_RE.match(title)
    name, year = (match["name"], int(match["year"])) if match else (title.strip(), None)
    article = _ARTICLE_RE.match(name)
    if article:
        joiner = "" if article["article"].endswith("'") else " "
        name = f"{article['article']}{joiner}{article['body']}{article['rest'] or ''}"
    return name, year


def _fields(path: Path, expected: int):
    """Yield (line_number, fields) for each non-empty line, refusing lines with the wrong shape."""
    with open(path, encoding=ENCODING, newline="") as f:
        for line_number, line in enumerate(f, start=1):
            line = line.rstrip("\r\n")
            if not line:
                continue
            parts = line.split("::")
            if len(parts) != expected:
                raise MovieLensError(
                    f"{path}:{line_number}: malformed line, expected {expected} '::'-separated fields, got {len(parts)}"
                )
            yield line_number, parts


def _int(value: str, path: Path, line_number: int, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise MovieLensError(f"{path}:{line_number}: malformed line, {name} {value!r} is not an integer") from None


def read_ratings(path: Path) -> Ratings:
    columns: list[list[int]] = [[], [], [], []]
    for line_number, parts in _fields(path, 4):
        values = [_int(v, path, line_number, n) for v, n in zip(parts, ("UserID", "MovieID", "Rating", "Timestamp"))]
        if not 1 <= values[2] <= 5:
            raise MovieLensError(f"{path}:{line_number}: malformed line, rating {values[2]} is outside 1-5")
        for column, value in zip(columns, values):
            column.append(value)
    if not columns[0]:
        raise MovieLensError(f"{path}: no ratings in the file")
    users, movies, stars, times = (np.asarray(c, dtype=np.int64) for c in columns)
    return Ratings(users, movies, stars.astype(np.int8), times)


def read_movies(path: Path) -> dict[int, MovieRecord]:
    movies: dict[int, MovieRecord] = {}
    known = set(GENRES)
    for line_number, (movie_id, title, genres) in _fields(path, 3):
        genre_list = tuple(g for g in genres.split("|") if g)
        unknown = [g for g in genre_list if g not in known]
        if unknown:
            raise MovieLensError(f"{path}:{line_number}: malformed line, unknown genre {unknown[0]!r}")
        display_title, year = split_title(title)
        mid = _int(movie_id, path, line_number, "MovieID")
        movies[mid] = MovieRecord(mid, title, display_title, year, genre_list)
    if not movies:
        raise MovieLensError(f"{path}: no movies in the file")
    return movies


def read_movies_csv(path: Path) -> dict[int, MovieRecord]:
    """The `movies.csv` of the newer MovieLens releases (ml-latest-small, ML-32M): UTF-8, quoted CSV with a header
    `movieId,title,genres`, genres as MovieLens names them there ("Children", "(no genres listed)"). Minimal: the
    served catalogue of these releases is issue 21's."""
    import csv

    movies: dict[int, MovieRecord] = {}
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            if next(rows, None) != ["movieId", "title", "genres"]:
                raise MovieLensError(f"{path}: not a movies.csv (expected the header movieId,title,genres)")
            for line_number, row in enumerate(rows, start=2):
                if len(row) != 3:
                    raise MovieLensError(f"{path}:{line_number}: malformed line, expected 3 fields, got {len(row)}")
                mid = _int(row[0], path, line_number, "movieId")
                display_title, year = split_title(row[1])
                genres = tuple(g for g in row[2].split("|") if g and g != "(no genres listed)")
                movies[mid] = MovieRecord(mid, row[1], display_title, year, genres)
    except UnicodeDecodeError as error:
        raise MovieLensError(f"{path}: not UTF-8 ({error.reason})") from None
    if not movies:
        raise MovieLensError(f"{path}: no movies in the file")
    return movies


def read_users(path: Path) -> dict[int, UserRecord]:
    users: dict[int, UserRecord] = {}
    for line_number, (user_id, gender, age, occupation, zip_code) in _fields(path, 5):
        uid = _int(user_id, path, line_number, "UserID")
        users[uid] = UserRecord(
            uid, gender, _int(age, path, line_number, "Age"), _int(occupation, path, line_number, "Occupation"), zip_code
        )
    return users


def check_directory(data_dir: Path) -> None:
    """Refuse a directory that is missing or lacks one of the three files, naming what is missing."""
    if not data_dir.is_dir():
        raise MovieLensError(f"MovieLens directory {data_dir} does not exist (set --data-dir or DUALREC_DATA_DIR)")
    for name in REQUIRED_FILES:
        if not (data_dir / name).is_file():
            raise MovieLensError(f"MovieLens file {data_dir / name} is missing")


def load_movielens(data_dir: Path) -> MovieLens:
    """Read the three files; ratings of movies absent from movies.dat are refused."""
    data_dir = Path(data_dir)
    check_directory(data_dir)
    movies = read_movies(data_dir / "movies.dat")
    ratings = read_ratings(data_dir / "ratings.dat")
    users = read_users(data_dir / "users.dat")
    unknown = np.setdiff1d(np.unique(ratings.movie_ids), np.fromiter(movies, dtype=np.int64))
    if unknown.size:
        raise MovieLensError(f"{data_dir / 'ratings.dat'}: MovieID {unknown[0]} is not in movies.dat")
    log.info("read %d ratings, %d movies, %d users from %s", len(ratings), len(movies), len(users), data_dir)
    return MovieLens(ratings, movies, users)


def file_md5(path: Path) -> str:
    digest = hashlib.md5()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download_ml1m(home: Path, url: str = ML1M_URL, md5: str = ML1M_MD5, timeout: float = 60.0) -> Path:
    """Download ml-1m.zip into `home`, verify its MD5, unpack it and return the ml-1m directory."""
    home = Path(home).expanduser()
    target = home / "ml-1m"
    if all((target / name).is_file() for name in REQUIRED_FILES):
        return target
    home.mkdir(parents=True, exist_ok=True)
    archive = home / "ml-1m.zip"
    partial = archive.with_suffix(".zip.part")
    if not archive.is_file():
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response, open(partial, "wb") as out:
                total = int(response.headers.get("Content-Length") or 0) or None
                with tqdm(total=total, unit="B", unit_scale=True, desc="ml-1m.zip") as bar:
                    for block in iter(lambda: response.read(1 << 16), b""):
                        out.write(block)
                        bar.update(len(block))
        except (urllib.error.URLError, OSError) as exc:
            partial.unlink(missing_ok=True)
            reason = getattr(exc, "reason", exc)
            raise MovieLensError(
                f"could not download {url} ({reason}); with no network, point DUALREC_DATA_DIR at an ml-1m directory"
            ) from None
        partial.rename(archive)
    actual = file_md5(archive)
    if actual != md5:
        archive.unlink()
        raise MovieLensError(f"checksum mismatch for {archive}: md5 {actual}, expected {md5}; the file was removed")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(home)
    if not target.is_dir():
        shutil.rmtree(target, ignore_errors=True)
        raise MovieLensError(f"{archive} did not contain an ml-1m/ directory")
    return target


def resolve_data_dir(data_dir: Path | None, home: Path) -> Path:
    """The given directory if any (checked), else the GroupLens download under `home`."""
    if data_dir is not None:
        check_directory(Path(data_dir).expanduser())
        return Path(data_dir).expanduser()
    return download_ml1m(home)
