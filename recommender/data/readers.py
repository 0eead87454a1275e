"""Read any MovieLens release: ML-1M's `.dat` files or the CSV releases (ml-latest-small, ML-20M, ML-25M, ML-32M).

The format is detected from the directory's files. Ratings are read by pandas (pyarrow for the CSV releases), so
no Python runs per rating; they are floats (the CSV releases rate in half stars). The genre vocabulary is the
data's own, with one spelling unified ("Children" in the CSV releases is ML-1M's "Children's") so that the words
people use for a genre name one catalogue genre. `users.dat` is optional. Where a CSV release has them, `links.csv`
gives each movie its IMDb id and `tags.csv` the words its raters tagged it with most (what a reason can quote).
Every problem raises MovieLensError with one line naming the file.
"""
from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from recommender.errors import MovieLensError

log = logging.getLogger(__name__)

DAT, CSV = "dat", "csv"
DAT_ENCODING = "latin-1"  # ML-1M predates UTF-8 at GroupLens: "Cité des enfants perdus" is latin-1
# The files each format needs, and the optional ones that are read (and checksummed) when present.
REQUIRED = {DAT: ("ratings.dat", "movies.dat"), CSV: ("ratings.csv", "movies.csv")}
OPTIONAL = {DAT: ("users.dat",), CSV: ("links.csv", "tags.csv")}
RATING_RANGE = (0.5, 5.0)  # ML-1M rates in whole stars, ML-10M and the CSV releases in half stars
# ML-1M's 18 genres, the names the product's words map to; the CSV releases add IMAX and "(no genres listed)".
ML1M_GENRES = (
    "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
    "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
)
GENRE_SPELLINGS = {"Children": "Children's"}
NO_GENRE = "(no genres listed)"
# MovieLens moves a leading article to the end: "Matrix, The", "Cité des enfants perdus, La".
_ARTICLES = ("The", "A", "An", "Les", "La", "Le", "L'", "Il", "Das", "Der", "Die", "El", "Det", "Den", "Lo")
_YEAR_RE = re.compile(r"^(?P<name>.*?)\s*\((?P<year>\d{4})(?:[-–]\d{0,4})?\)\s*$")
_ARTICLE_RE = re.compile(r"^(?P<body>.+?), (?P<article>" + "|".join(map(re.escape, _ARTICLES)) + r")(?P<rest>\s*\(.*\))?$")


@dataclass(frozen=True)
class MovieRecord:
    movie_id: int
    title: str  # as MovieLens writes it: "Bug's Life, A (1998)"
    display_title: str  # "A Bug's Life"
    year: int | None
    genres: tuple[str, ...]
    tags: tuple[str, ...] = ()  # the tags most raters gave it (tags.csv), most given first
    imdb_id: int | None = None  # links.csv: https://www.imdb.com/title/tt{imdb_id:07d}/


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

    user_ids: np.ndarray  # int64
    movie_ids: np.ndarray  # int64
    ratings: np.ndarray  # float32: 1-5 in ML-1M, 0.5-5 in half steps in the CSV releases
    timestamps: np.ndarray  # int64 seconds

    def __len__(self) -> int:
        return len(self.user_ids)


@dataclass(frozen=True)
class MovieLens:
    ratings: Ratings
    movies: dict[int, MovieRecord]
    users: dict[int, UserRecord] = field(default_factory=dict)  # empty: the CSV releases have no users file
    genres: tuple[str, ...] = ()  # the data's genre vocabulary, sorted (ML-1M: its 18, in its own order)
    format: str = DAT
    files: tuple[Path, ...] = ()  # the files read, for the input checksum


def split_title(title: str) -> tuple[str, int | None]:
    """"Bug's Life, A (1998)" -> ("A Bug's Life", 1998); a title without a year keeps year None."""
    match = _YEAR_RE.match(title)
    name, year = (match["name"], int(match["year"])) if match else (title.strip(), None)
    article = _ARTICLE_RE.match(name)
    if article:
        joiner = "" if article["article"].endswith("'") else " "
        name = f"{article['article']}{joiner}{article['body']}{article['rest'] or ''}"
    return name, year


def detect_format(data_dir: Path) -> str:
    """DAT or CSV from the files present; a one-line error names what is missing."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise MovieLensError(f"MovieLens directory {data_dir} does not exist (set --data-dir or DUALREC_DATA_DIR)")
    for fmt, names in REQUIRED.items():
        present = [n for n in names if (data_dir / n).is_file()]
        if len(present) == len(names):
            return fmt
        if present:
            missing = next(n for n in names if n not in present)
            raise MovieLensError(f"MovieLens file {data_dir / missing} is missing")
    raise MovieLensError(f"{data_dir} holds no MovieLens release: expected ratings.dat and movies.dat (ML-1M) or "
                         "ratings.csv and movies.csv (ml-latest-small, ML-20M, ML-25M, ML-32M)")


def input_files(data_dir: Path) -> tuple[Path, ...]:
    """The files a preparation reads, required first; what their checksum covers."""
    fmt = detect_format(data_dir)
    optional = [data_dir / n for n in OPTIONAL[fmt] if (data_dir / n).is_file()]
    return tuple(data_dir / n for n in REQUIRED[fmt]) + tuple(optional)


def input_checksum(files: tuple[Path, ...]) -> str:
    """sha256 over the input files, so stats.json says exactly which data it came from."""
    digest = hashlib.sha256()
    for path in files:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _first_bad_line(path: Path, expected: int, separator: str, encoding: str, numeric: tuple[int, ...],
                    skip_header: bool) -> str:
    """Find why pandas refused a file, to say so with its line number (run only after a failure)."""
    with open(path, encoding=encoding, newline="") as f:
        rows = csv.reader(f) if separator == "," else (line.rstrip("\r\n").split(separator) for line in f)
        for line_number, parts in enumerate(rows, start=1):
            if skip_header and line_number == 1 or parts in ([], [""]):
                continue
            if len(parts) != expected:
                return f"{path}:{line_number}: malformed line, expected {expected} fields, got {len(parts)}"
            for column in numeric:
                try:
                    float(parts[column])
                except ValueError:
                    return f"{path}:{line_number}: malformed line, {parts[column]!r} is not a number"
    return f"{path}: malformed file"


def _expect_header(path: Path, names: list[str], kind: str) -> None:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f), None)
    except UnicodeDecodeError as error:
        raise MovieLensError(f"{path}: not UTF-8 ({error.reason})") from None
    except OSError as exc:
        raise MovieLensError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if header is None:
        raise MovieLensError(f"{path}: the file is empty")
    if header != names:
        raise MovieLensError(f"{path}: not a {kind} (expected the header {','.join(names)})")


def _whole_numbers(values: np.ndarray, path: Path, fmt: str, name: str) -> np.ndarray:
    """Ids and timestamps read as floats, refused unless whole: "1.5" must not become movie 1."""
    bad = np.flatnonzero(~np.isfinite(values) | (values != np.floor(values)))
    if bad.size:
        row = int(bad[0])
        raise MovieLensError(f"{path}:{row + 1 + (fmt == CSV)}: malformed line, {name} {values[row]:g} is not a "
                             "whole number")
    return values.astype(np.int64)


def read_ratings(path: Path, fmt: str = DAT) -> Ratings:
    """user, movie, rating, timestamp per line; `::`-separated latin-1 (DAT) or CSV with a header."""
    path = Path(path)
    names = ["user_id", "movie_id", "rating", "timestamp"]
    # float64 holds every id and timestamp exactly; _whole_numbers then refuses "1.5" or an empty field
    dtypes = {"user_id": "float64", "movie_id": "float64", "rating": "float32", "timestamp": "float64"}
    if fmt == CSV:
        _expect_header(path, ["userId", "movieId", "rating", "timestamp"], "ratings.csv")
    try:
        if fmt == DAT:  # "::" is not a pandas C separator; no field holds a tab, so swap it for one
            text = path.read_bytes().replace(b"::", b"\t")
            frame = pd.read_csv(io.BytesIO(text), sep="\t", header=None, names=names, dtype=dtypes,
                                encoding=DAT_ENCODING, skip_blank_lines=True)
        else:
            frame = pd.read_csv(path, header=0, names=names, dtype=dtypes, engine="pyarrow")  # skips a BOM itself
    except pd.errors.EmptyDataError:
        raise MovieLensError(f"{path}: no ratings in the file") from None
    except (ValueError, pd.errors.ParserError, OSError) as exc:
        if isinstance(exc, OSError):
            raise MovieLensError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        separator, encoding = ("::", DAT_ENCODING) if fmt == DAT else (",", "utf-8")
        raise MovieLensError(_first_bad_line(path, 4, separator, encoding, (0, 1, 2, 3), fmt == CSV)) from None
    if frame.empty:
        raise MovieLensError(f"{path}: no ratings in the file")
    low, high = RATING_RANGE
    stars = frame["rating"].to_numpy()
    outside = np.flatnonzero(~((stars >= low) & (stars <= high)))  # a missing rating (NaN) is outside too
    if outside.size:
        row = int(outside[0])
        raise MovieLensError(f"{path}:{row + 1 + (fmt == CSV)}: malformed line, rating {stars[row]:g} is outside "
                             f"{low:g}-{high:g}")
    users, movies, times = (_whole_numbers(frame[c].to_numpy(), path, fmt, c.replace("_", " "))
                            for c in ("user_id", "movie_id", "timestamp"))
    return Ratings(users, movies, stars, times)


def _movie_records(ids, titles, genre_fields, path: Path) -> dict[int, MovieRecord]:
    movies: dict[int, MovieRecord] = {}
    for movie_id, title, genres in zip(ids, titles, genre_fields):
        names = tuple(GENRE_SPELLINGS.get(g, g) for g in str(genres).split("|") if g and g != NO_GENRE)
        display_title, year = split_title(str(title))
        movies[int(movie_id)] = MovieRecord(int(movie_id), str(title), display_title, year, names)
    if not movies:
        raise MovieLensError(f"{path}: no movies in the file")
    return movies


def read_movies(path: Path) -> dict[int, MovieRecord]:
    """ML-1M's movies.dat: `id::title::genres`, latin-1."""
    path = Path(path)
    try:
        text = path.read_bytes().replace(b"::", b"\t")
    except OSError as exc:
        raise MovieLensError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        frame = pd.read_csv(io.BytesIO(text), sep="\t", header=None, names=["movie_id", "title", "genres"],
                            dtype={"movie_id": "int64", "title": "str", "genres": "str"}, encoding=DAT_ENCODING,
                            quoting=csv.QUOTE_NONE, keep_default_na=False)
    except (ValueError, pd.errors.ParserError):
        raise MovieLensError(_first_bad_line(path, 3, "::", DAT_ENCODING, (0,), False)) from None
    return _movie_records(frame["movie_id"], frame["title"], frame["genres"], path)


def read_movies_csv(path: Path) -> dict[int, MovieRecord]:
    """The CSV releases' movies.csv: UTF-8, quoted, header `movieId,title,genres`."""
    path = Path(path)
    _expect_header(path, ["movieId", "title", "genres"], "movies.csv")
    try:  # utf-8-sig: a file saved by a spreadsheet starts with a byte-order mark
        frame = pd.read_csv(path, dtype={"movieId": "int64", "title": "str", "genres": "str"},
                            keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise MovieLensError(f"{path}: not UTF-8 ({error.reason})") from None
    except (ValueError, pd.errors.ParserError):
        raise MovieLensError(_first_bad_line(path, 3, ",", "utf-8-sig", (0,), True)) from None
    except OSError as exc:
        raise MovieLensError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return _movie_records(frame["movieId"], frame["title"], frame["genres"], path)


MOST_TAGS = 3  # a reason quotes a few tags, not a movie's whole tag cloud
_LONGEST_TAG = 40


def read_tags(path: Path, most: int = MOST_TAGS) -> dict[int, tuple[str, ...]]:
    """tags.csv (`userId,movieId,tag,timestamp`): each movie's `most` tags given by the most raters (then the most
    often; ties by first use), spelt as first typed. Case and spacing are one tag; a tag that only repeats one of
    the movie's genres, or that runs past a short phrase, says nothing a reason needs."""
    path = Path(path)
    _expect_header(path, ["userId", "movieId", "tag", "timestamp"], "tags.csv")
    try:
        frame = pd.read_csv(path, usecols=["userId", "movieId", "tag"], dtype={"userId": "int64", "movieId": "int64",
                            "tag": "str"}, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise MovieLensError(f"{path}: not UTF-8 ({error.reason})") from None
    except (ValueError, pd.errors.ParserError):
        raise MovieLensError(_first_bad_line(path, 4, ",", "utf-8-sig", (0, 1), True)) from None
    except OSError as exc:
        raise MovieLensError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    frame["tag"] = frame["tag"].str.strip().str.replace(r"\s+", " ", regex=True)
    frame = frame[(frame["tag"].str.len() > 0) & (frame["tag"].str.len() <= _LONGEST_TAG)]
    frame["key"] = frame["tag"].str.casefold()
    frame["order"] = np.arange(len(frame))
    grouped = frame.groupby(["movieId", "key"], sort=False).agg(
        raters=("userId", "nunique"), uses=("userId", "size"), first=("order", "min"), tag=("tag", "first"))
    grouped = grouped.reset_index().sort_values(["movieId", "raters", "uses", "first"],
                                                ascending=[True, False, False, True])
    return {int(movie_id): tuple(rows["tag"].head(most)) for movie_id, rows in grouped.groupby("movieId", sort=False)}


def read_links(path: Path) -> dict[int, int]:
    """links.csv (`movieId,imdbId,tmdbId`): each movie's IMDb number, where it has one."""
    path = Path(path)
    _expect_header(path, ["movieId", "imdbId", "tmdbId"], "links.csv")
    try:
        frame = pd.read_csv(path, usecols=["movieId", "imdbId"], dtype={"movieId": "int64", "imdbId": "Int64"},
                            encoding="utf-8-sig")
    except (ValueError, pd.errors.ParserError):
        raise MovieLensError(_first_bad_line(path, 3, ",", "utf-8-sig", (0,), True)) from None
    except OSError as exc:
        raise MovieLensError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    frame = frame.dropna()
    return dict(zip(frame["movieId"].tolist(), frame["imdbId"].astype("int64").tolist()))


def with_links_and_tags(movies: dict[int, MovieRecord], data_dir: Path) -> dict[int, MovieRecord]:
    """The movies with their IMDb ids and top tags, from the release's links.csv and tags.csv where present."""
    links = read_links(data_dir / "links.csv") if (data_dir / "links.csv").is_file() else {}
    # enough for MOST_TAGS to be left once the tags that only repeat a movie's genres are left out
    most = MOST_TAGS + max((len(r.genres) for r in movies.values()), default=0)
    tags = read_tags(data_dir / "tags.csv", most=most) if (data_dir / "tags.csv").is_file() else {}
    if not links and not tags:
        return movies
    out = {}
    for movie_id, record in movies.items():
        kinds = {g.casefold() for g in record.genres}
        said = tuple(t for t in tags.get(movie_id, ()) if t.casefold() not in kinds)[:MOST_TAGS]
        out[movie_id] = replace(record, tags=said, imdb_id=links.get(movie_id))
    return out


def read_users(path: Path) -> dict[int, UserRecord]:
    """ML-1M's users.dat: `id::gender::age::occupation::zip`."""
    names = ["user_id", "gender", "age", "occupation", "zip_code"]
    try:
        text = Path(path).read_bytes().replace(b"::", b"\t")
    except OSError as exc:
        raise MovieLensError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        frame = pd.read_csv(io.BytesIO(text), sep="\t", header=None, names=names, encoding=DAT_ENCODING,
                            dtype={"user_id": "int64", "gender": "str", "age": "int64", "occupation": "int64",
                                   "zip_code": "str"})
    except (ValueError, pd.errors.ParserError):
        raise MovieLensError(_first_bad_line(Path(path), 5, "::", DAT_ENCODING, (0, 2, 3), False)) from None
    return {int(row.user_id): UserRecord(int(row.user_id), row.gender, int(row.age), int(row.occupation), row.zip_code)
            for row in frame.itertuples(index=False)}


def genre_vocabulary(movies: dict[int, MovieRecord]) -> tuple[str, ...]:
    """The genres the data uses, sorted; ML-1M's 18 sort into the order the paper's model was trained with."""
    return tuple(sorted({g for m in movies.values() for g in m.genres}))


def load_movies(data_dir: Path) -> dict[int, MovieRecord]:
    """Only the movies file of a release of either format."""
    fmt = detect_format(Path(data_dir))
    path = Path(data_dir) / REQUIRED[fmt][1]
    return read_movies(path) if fmt == DAT else read_movies_csv(path)


def load_movielens(data_dir: Path) -> MovieLens:
    """Read a release of either format; ratings of movies absent from the movies file are refused."""
    data_dir = Path(data_dir)
    fmt = detect_format(data_dir)
    files = input_files(data_dir)
    ratings_file, movies_file = (data_dir / n for n in REQUIRED[fmt])
    movies = load_movies(data_dir)
    if fmt == CSV:
        movies = with_links_and_tags(movies, data_dir)
    ratings = read_ratings(ratings_file, fmt)
    users = read_users(data_dir / "users.dat") if fmt == DAT and (data_dir / "users.dat").is_file() else {}
    unknown = np.setdiff1d(np.unique(ratings.movie_ids), np.fromiter(movies, dtype=np.int64))
    if unknown.size:
        raise MovieLensError(f"{ratings_file}: movie id {unknown[0]} is not in {movies_file.name}")
    log.info("read %d ratings, %d movies, %d users from %s", len(ratings), len(movies),
             len(users) or len(np.unique(ratings.user_ids)), data_dir)
    return MovieLens(ratings, movies, users, genre_vocabulary(movies), fmt, files)
