"""Reading both MovieLens formats (ML-1M's .dat, the CSV releases), titles, the download path and its errors, on
synthetic files and file:// URLs."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile

import pytest

import numpy as np

from recommender.data.download import DATASETS, Dataset, dataset, download, resolve_data_dir
from recommender.data.readers import (CSV, DAT, ML1M_GENRES, detect_format, load_movielens, read_movies,
                                      read_movies_csv, read_ratings, split_title)
from recommender.errors import MovieLensError
from tests.synthetic import write_synthetic_csv_release


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
    assert all(g in ML1M_GENRES for m in movielens.movies.values() for g in m.genres)
    assert movielens.format == DAT and movielens.ratings.ratings.dtype == np.float32


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
    (data / "movies.dat").unlink()
    with pytest.raises(MovieLensError, match=r"movies\.dat is missing"):
        load_movielens(data)


def test_users_dat_is_optional(synthetic_dir, tmp_path):
    data = _copy(synthetic_dir, tmp_path / "ml")
    (data / "users.dat").unlink()
    movielens = load_movielens(data)
    assert movielens.users == {} and len(movielens.ratings) == len(load_movielens(synthetic_dir).ratings)


def test_a_directory_of_neither_format_is_named_in_one_line(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(MovieLensError, match="holds no MovieLens release: expected ratings.dat and movies.dat"):
        detect_format(tmp_path)
    (tmp_path / "movies.csv").write_text("movieId,title,genres\n1,Heat (1995),Crime\n")  # ML-32M's list, say
    with pytest.raises(MovieLensError, match=r"ratings\.csv is missing"):
        detect_format(tmp_path)


def test_malformed_line_names_file_and_line(synthetic_dir, tmp_path):
    data = _copy(synthetic_dir, tmp_path / "ml")
    lines = (data / "ratings.dat").read_text(encoding="latin-1").splitlines()
    lines[4] = "1::2::3"
    (data / "ratings.dat").write_text("\n".join(lines) + "\n", encoding="latin-1")
    with pytest.raises(MovieLensError, match=r"ratings\.dat:5: malformed line"):
        load_movielens(data)


def test_bad_rating_is_named_and_genres_come_from_the_data(synthetic_dir, tmp_path):
    data = _copy(synthetic_dir, tmp_path / "ml")
    (data / "movies.dat").write_text("1::Some Movie (1990)::Comedy|Cartoon\n", encoding="latin-1")
    assert read_movies(data / "movies.dat")[1].genres == ("Comedy", "Cartoon")  # a genre ML-1M lacks is kept
    (data / "ratings.dat").write_text("1::1::4::978300000\n1::1::9::978300000\n", encoding="latin-1")
    with pytest.raises(MovieLensError, match=r"ratings\.dat:2: .*rating 9 is outside 0.5-5"):
        read_ratings(data / "ratings.dat")
    (data / "ratings.dat").write_text("1::1::4.5::978300000\n", encoding="latin-1")
    assert read_ratings(data / "ratings.dat").ratings.tolist() == [4.5]  # ML-10M's .dat has half stars


def test_the_csv_release_reads_like_the_dat_one(synthetic_dir, tmp_path):
    """The same ratings in both formats give the same histories; the CSV's half stars are floats, its "Children" is
    the product's "Children's", IMAX joins the genres and "(no genres listed)" is no genre."""
    csv_dir = write_synthetic_csv_release(tmp_path / "csv")
    dat, csv = load_movielens(synthetic_dir), load_movielens(csv_dir)
    assert csv.format == CSV and csv.users == {}
    for column in ("user_ids", "movie_ids", "timestamps"):
        assert np.array_equal(getattr(csv.ratings, column), getattr(dat.ratings, column))
    assert set(np.unique(csv.ratings.ratings) % 1) == {0.0, 0.5}  # half stars survive as floats
    assert {m: r.display_title for m, r in csv.movies.items()} == {m: r.display_title for m, r in dat.movies.items()}
    assert "IMAX" in csv.genres and "Children's" in csv.genres and "Children" not in csv.genres
    assert csv.movies[max(csv.movies)].genres == ()
    assert csv.files == (csv_dir / "ratings.csv", csv_dir / "movies.csv")


def test_a_malformed_ratings_csv_names_its_line(tmp_path):
    release = write_synthetic_csv_release(tmp_path / "csv")
    lines = (release / "ratings.csv").read_text().splitlines()
    lines[3] = "1,2,three,978300000"
    (release / "ratings.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(MovieLensError, match=r"ratings\.csv:4: malformed line, 'three' is not a number"):
        read_ratings(release / "ratings.csv", CSV)


def _zip_of(directory, tmp_path):
    archive = tmp_path / "ml-1m.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name in ("ratings.dat", "movies.dat", "users.dat"):
            zipped.write(directory / name, f"ml-1m/{name}")
    return archive, hashlib.md5(archive.read_bytes()).hexdigest()


def test_download_verifies_checksum_and_unpacks(synthetic_dir, tmp_path):
    archive, md5 = _zip_of(synthetic_dir, tmp_path)
    target = download(tmp_path / "home", Dataset("ml-1m", md5), url=archive.as_uri())
    assert (target / "ratings.dat").read_bytes() == (synthetic_dir / "ratings.dat").read_bytes()


def test_a_release_without_a_known_checksum_uses_the_published_one(tmp_path):
    """ml-latest-small and ML-32M: the MD5 GroupLens publishes beside the zip, in its `md5` tool's format."""
    release = write_synthetic_csv_release(tmp_path / "src" / "ml-latest-small")
    archive = tmp_path / "ml-latest-small.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name in ("ratings.csv", "movies.csv"):
            zipped.write(release / name, f"ml-latest-small/{name}")
    md5 = hashlib.md5(archive.read_bytes()).hexdigest()
    (tmp_path / "ml-latest-small.zip.md5").write_text(f"MD5 (ml-latest-small.zip) = {md5}\n")
    target = download(tmp_path / "home", dataset("ml-latest-small"), url=archive.as_uri())
    assert detect_format(target) == CSV
    (tmp_path / "ml-latest-small.zip.md5").write_text(f"MD5 (ml-latest-small.zip) = {'1' * 32}\n")
    with pytest.raises(MovieLensError, match="checksum mismatch"):
        download(tmp_path / "other", dataset("ml-latest-small"), url=archive.as_uri())


def test_checksum_mismatch_is_refused_and_removed(synthetic_dir, tmp_path):
    archive, _ = _zip_of(synthetic_dir, tmp_path)
    home = tmp_path / "home"
    with pytest.raises(MovieLensError, match="checksum mismatch"):
        download(home, Dataset("ml-1m", "0" * 32), url=archive.as_uri())
    assert not (home / "ml-1m.zip").exists()


def test_no_network_says_how_to_work_offline(tmp_path):
    # Port 9 on loopback refuses at once: the same error path as no network, without leaving this machine.
    with pytest.raises(MovieLensError, match="could not download .*DUALREC_DATA_DIR"):
        download(tmp_path / "home", DATASETS["ml-1m"], url="http://127.0.0.1:9/ml-1m.zip", timeout=5)
    assert not (tmp_path / "home" / "ml-1m.zip.part").exists()


def test_an_unknown_dataset_names_the_known_ones(tmp_path):
    with pytest.raises(MovieLensError, match="unknown dataset 'ml-2m'; choose one of ml-1m, ml-latest-small"):
        resolve_data_dir(None, tmp_path, "ml-2m")


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
    assert movies[1].display_title == "Toy Story" and movies[1].year == 1995 and movies[1].genres[-1] == "Children's"
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


def test_a_csv_release_saved_by_a_spreadsheet_reads_the_same(tmp_path):
    """A byte-order mark and Windows line endings, as a spreadsheet writes them."""
    release = write_synthetic_csv_release(tmp_path / "csv")
    plain = load_movielens(release)
    for name in ("ratings.csv", "movies.csv"):
        path = release / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    again = load_movielens(release)
    assert np.array_equal(again.ratings.movie_ids, plain.ratings.movie_ids) and again.movies == plain.movies


@pytest.mark.parametrize("line, message", [
    ("1,1.5,4.0,978300000", r"ratings\.csv:3: malformed line, movie id 1\.5 is not a whole number"),
    ("1,2,,978300000", r"ratings\.csv:3: malformed line, rating nan is outside 0.5-5"),
    ("1,2,4.0,", r"ratings\.csv:3: malformed line, timestamp nan is not a whole number"),
])
def test_a_ratings_csv_value_that_is_not_what_it_should_be_is_named(tmp_path, line, message):
    path = tmp_path / "ratings.csv"
    path.write_text(f"userId,movieId,rating,timestamp\n1,1,4.0,978300000\n{line}\n")
    with pytest.raises(MovieLensError, match=message):
        read_ratings(path, CSV)


def test_a_ratings_csv_without_its_header_is_refused(tmp_path):
    path = tmp_path / "ratings.csv"
    path.write_text("1,1,4.0,978300000\n1,2,3.5,978300001\n")  # the first rating would be lost as a header
    with pytest.raises(MovieLensError, match="not a ratings.csv .expected the header userId,movieId,rating,timestamp"):
        read_ratings(path, CSV)
    path.write_text("")
    with pytest.raises(MovieLensError, match="the file is empty"):
        read_ratings(path, CSV)


def test_a_directory_given_as_a_file_is_one_line(tmp_path):
    (tmp_path / "movies.dat").mkdir()
    with pytest.raises(MovieLensError, match=r"movies\.dat: cannot be read"):
        read_movies(tmp_path / "movies.dat")


def test_links_and_tags_give_each_movie_its_imdb_id_and_most_given_tags(tmp_path):
    release = write_synthetic_csv_release(tmp_path / "csv")
    (release / "links.csv").write_text("movieId,imdbId,tmdbId\n1,0114709,862\n2,0113497,\n3,,15602\n")
    (release / "tags.csv").write_text(
        "userId,movieId,tag,timestamp\n"
        "1,1,pixar,1\n2,1,Pixar ,2\n3,1,fun,3\n3,1,fun,4\n1,1,toys,5\n2,1,funny,6\n4,1, funny,7\n"
        "1,2,\"dark, twisty\",8\n1,2,ACTION,9\n1,2,"
        + "a tag that goes on and on past any short phrase" + ",10\n")
    movies = load_movielens(release).movies
    # two raters each for "pixar" (first typed) and "funny"; "fun" is one rater's twice, "toys" one rater's once
    assert movies[1].tags == ("pixar", "funny", "fun") and movies[1].imdb_id == 114709
    genres = {g.casefold() for g in movies[2].genres}
    assert "action" in genres and movies[2].tags == ("dark, twisty",)  # a genre again and a sentence say nothing
    assert movies[3].tags == () and movies[3].imdb_id is None
    assert load_movielens(release).files[-2:] == (release / "links.csv", release / "tags.csv")


def test_a_bad_tags_file_is_named_in_one_line(tmp_path):
    release = write_synthetic_csv_release(tmp_path / "csv")
    (release / "tags.csv").write_text("user,movie,tag\n1,1,fun\n")
    with pytest.raises(MovieLensError, match=r"tags\.csv"):
        load_movielens(release)
