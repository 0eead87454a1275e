"""Parsing the .dat files, titles, the download path and its errors, on synthetic files and file:// URLs."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile

import pytest

from recommender.errors import MovieLensError
from recommender.movielens import (GENRES, download_ml1m, load_movielens, read_movies, read_movies_csv, read_ratings,
                                  resolve_data_dir, split_title)


@pytest.mark.parametrize(
    "title, display, year",
    [
        ("Bug's Life, A (1998)", "A Bug's Life", 1998),
        ("Matrix, The (1999)", "The Matrix", 1999),
        ("Heat (1995)", "Heat", 1995),
        ("City of Lost Children, The (1995)", "The City of Lost Children", 1995),
        ("Misérables, Les (1995)", "Les Misérables", 1995),
        ("Shawshank Redemption, The (a.k.a. Rita Hayworth) (1994)", "The Shawshank Redemption (a.k.a. Rita Hayworth)", 1994),
        ("Homme, L' (1990)", "L'Homme", 1990),
        ("No Year Given", "No Year Given", None),
    ],
)
def test_split_title(title, display, year):
    assert split_title(title) == (display, year)


def test_reads_synthetic_files(synthetic_dir):
    movielens = load_movielens(synthetic_dir)
    assert len(movielens.users) == 240
    assert len(movielens.ratings) == len((synthetic_dir / "ratings.dat").read_text(encoding="latin-1").splitlines())
    assert movielens.movies[3].title.startswith("Cité des Étoiles")  # latin-1 decoded, not mojibake
    assert movielens.movies[5].display_title.startswith("The ")
    assert all(g in GENRES for m in movielens.movies.values() for g in m.genres)


def test_ratings_keep_file_order(synthetic_dir):
    ratings = load_movielens(synthetic_dir).ratings
    first = (synthetic_dir / "ratings.dat").read_text(encoding="latin-1").splitlines()[0].split("::")
    assert (ratings.user_ids[0], ratings.movie_ids[0], ratings.timestamps[0]) == (int(first[0]), int(first[1]), int(first[3]))


def _copy(src, dst):
    dst.mkdir()
    for name in ("ratings.dat", "movies.dat", "users.dat"):
        (dst / name).write_bytes((src / name).read_bytes())
    return dst


def test_missing_directory_is_named(tmp_path):
    with pytest.raises(MovieLensError, match="does not exist"):
        load_movielens(tmp_path / "nowhere")


def test_missing_file_is_named(synthetic_dir, tmp_path):
    data = _copy(synthetic_dir, tmp_path / "ml")
    (data / "users.dat").unlink()
    with pytest.raises(MovieLensError, match=r"users\.dat is missing"):
        load_movielens(data)


def test_malformed_line_names_file_and_line(synthetic_dir, tmp_path):
    data = _copy(synthetic_dir, tmp_path / "ml")
    lines = (data / "ratings.dat").read_text(encoding="latin-1").splitlines()
    lines[4] = "1::2::3"
    (data / "ratings.dat").write_text("\n".join(lines) + "\n", encoding="latin-1")
    with pytest.raises(MovieLensError, match=r"ratings\.dat:5: malformed line"):
        load_movielens(data)


def test_bad_rating_and_unknown_genre(synthetic_dir, tmp_path):
    data = _copy(synthetic_dir, tmp_path / "ml")
    (data / "movies.dat").write_text("1::Some Movie (1990)::Comedy|Cartoon\n", encoding="latin-1")
    with pytest.raises(MovieLensError, match=r"movies\.dat:1: .*unknown genre 'Cartoon'"):
        read_movies(data / "movies.dat")
    (data / "ratings.dat").write_text("1::1::9::978300000\n", encoding="latin-1")
    with pytest.raises(MovieLensError, match=r"ratings\.dat:1: .*outside 1-5"):
        read_ratings(data / "ratings.dat")


def _zip_of(directory, tmp_path):
    archive = tmp_path / "ml-1m.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name in ("ratings.dat", "movies.dat", "users.dat"):
            zipped.write(directory / name, f"ml-1m/{name}")
    return archive, hashlib.md5(archive.read_bytes()).hexdigest()


def test_download_verifies_checksum_and_unpacks(synthetic_dir, tmp_path):
    archive, md5 = _zip_of(synthetic_dir, tmp_path)
    target = download_ml1m(tmp_path / "home", url=archive.as_uri(), md5=md5)
    assert (target / "ratings.dat").read_bytes() == (synthetic_dir / "ratings.dat").read_bytes()


def test_checksum_mismatch_is_refused_and_removed(synthetic_dir, tmp_path):
    archive, _ = _zip_of(synthetic_dir, tmp_path)
    home = tmp_path / "home"
    with pytest.raises(MovieLensError, match="checksum mismatch"):
        download_ml1m(home, url=archive.as_uri(), md5="0" * 32)
    assert not (home / "ml-1m.zip").exists()


def test_no_network_says_how_to_work_offline(tmp_path):
    # Port 9 on loopback refuses at once: the same error path as no network, without leaving this machine.
    with pytest.raises(MovieLensError, match="could not download .*DUALREC_DATA_DIR"):
        download_ml1m(tmp_path / "home", url="http://127.0.0.1:9/ml-1m.zip", timeout=5)
    assert not (tmp_path / "home" / "ml-1m.zip.part").exists()


def test_given_directory_wins_over_download(synthetic_dir, tmp_path):
    assert resolve_data_dir(synthetic_dir, tmp_path / "home") == synthetic_dir
    assert not (tmp_path / "home").exists()


def test_cli_error_is_one_line_without_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "training.prepare_data", "--data-dir", str(tmp_path / "missing"), "--home", str(tmp_path)],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"error: MovieLens directory {tmp_path / 'missing'} does not exist "
                                                  "(set --data-dir or DUALREC_DATA_DIR)"]


def test_reads_a_movies_csv_of_the_newer_releases(tmp_path):
    path = tmp_path / "movies.csv"
    path.write_text('movieId,title,genres\n1,Toy Story (1995),Adventure|Animation|Children\n'
                    '2,"City of Lost Children, The (Cité des enfants perdus, La) (1995)",Drama|Fantasy\n'
                    '3,Untitled Film,(no genres listed)\n', encoding="utf-8")
    movies = read_movies_csv(path)
    assert movies[1].display_title == "Toy Story" and movies[1].year == 1995 and movies[1].genres[-1] == "Children"
    assert movies[2].display_title.startswith("The City of Lost Children") and movies[2].year == 1995  # quoted comma
    assert movies[3].year is None and movies[3].genres == ()


@pytest.mark.parametrize("text, message", [
    ("movieId,title\n1,Heat (1995)\n", "expected the header"),
    ("movieId,title,genres\nx,Heat (1995),Crime\n", ":2: malformed line"),
    ("movieId,title,genres\n", "no movies"),
])
def test_a_bad_movies_csv_is_named(tmp_path, text, message):
    path = tmp_path / "movies.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MovieLensError, match=message):
        read_movies_csv(path)
