"""A small synthetic MovieLens-1M in the real file format, with a planted sequential pattern.

Movies form chains (a franchise watched in order). Each user walks one chain from a random start, so the next
movie follows from the last one: an LSTM learns it, while popularity alone cannot. No real ML-1M is used.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

GENRE_POOL = ("Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Drama", "Fantasy", "Horror",
              "Romance", "Sci-Fi", "Thriller")
WORDS = ("Star", "River", "Night", "Garden", "Storm", "Iron", "Secret", "Blue", "Moon", "Glass", "Last", "Road",
         "Winter", "Paper", "Silent", "Golden", "Ghost", "Wild", "Crystal", "Echo")


@dataclass(frozen=True)
class SyntheticSpec:
    num_chains: int = 8
    chain_length: int = 10
    rare_movies: int = 10  # rated once or twice: outside a catalogue of num_chains * chain_length
    num_users: int = 240
    min_history: int = 14
    max_history: int = 30
    noise: float = 0.05  # chance that a step is a random movie instead of the chain's next
    seed: int = 7


def chain_movie_ids(spec: SyntheticSpec) -> list[list[int]]:
    """MovieLens ids of each chain, in watch order (ids start at 1, as in ML-1M)."""
    return [[c * spec.chain_length + p + 1 for p in range(spec.chain_length)] for c in range(spec.num_chains)]


# Titles that test reading people: a latin-1 letter, a comma inside a title, a sequel whose title starts with
# its original's and a comma ("The Karate Kid" / "The Karate Kid, Part II"), and a plural of another title
# ("Alien" / "Aliens").
SPECIAL_TITLES = {3: "Cité des Étoiles", 4: "Crouching Moon, Hidden River", 6: "Harbor Kid, The",
                  7: "Harbor Kid, Part II, The", 9: "Lantern (1979)", 10: "Lanterns (1986)"}


def movie_title(movie_id: int) -> str:
    """Invented titles; some use MovieLens's moved article ("Garden, The"), and SPECIAL_TITLES."""
    name = f"{WORDS[movie_id % len(WORDS)]} {WORDS[(movie_id * 7 + 3) % len(WORDS)]} {movie_id}"
    if movie_id % 5 == 0:
        name = f"{name}, The"
    name = SPECIAL_TITLES.get(movie_id, name)
    return name if name.endswith(")") else f"{name} ({1960 + movie_id % 40})"


def write_synthetic_movielens(directory: Path, spec: SyntheticSpec = SyntheticSpec()) -> Path:
    """Write ratings.dat, movies.dat and users.dat (latin-1, '::') and return the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(spec.seed)
    chains = chain_movie_ids(spec)
    num_movies = spec.num_chains * spec.chain_length + spec.rare_movies
    with open(directory / "movies.dat", "w", encoding="latin-1", newline="\n") as f:
        for movie_id in range(1, num_movies + 1):
            genres = rng.choice(GENRE_POOL, size=int(rng.integers(1, 4)), replace=False)
            f.write(f"{movie_id}::{movie_title(movie_id)}::{'|'.join(sorted(genres))}\n")
    with open(directory / "users.dat", "w", encoding="latin-1", newline="\n") as f:
        for user_id in range(1, spec.num_users + 1):
            f.write(f"{user_id}::{'MF'[user_id % 2]}::25::{user_id % 20}::{10000 + user_id}\n")
    catalogue = [m for chain in chains for m in chain]
    lines = []
    for user_id in range(1, spec.num_users + 1):
        chain = chains[int(rng.integers(spec.num_chains))]
        position = int(rng.integers(spec.chain_length))
        length = int(rng.integers(spec.min_history, spec.max_history + 1))
        seen: list[int] = []
        time = 978_300_000 + int(rng.integers(0, 1_000_000))
        while len(seen) < min(length, len(catalogue)):
            if rng.random() < spec.noise:
                movie = int(rng.choice(catalogue))
            else:
                movie = chain[position % spec.chain_length]
                position += 1
            if movie in seen:
                chain = chains[int(rng.integers(spec.num_chains))]  # the chain is done: start another
                continue
            seen.append(movie)
            time += int(rng.integers(0, 3))  # 0 gives equal timestamps: order must follow the file
            lines.append(f"{user_id}::{movie}::{int(rng.integers(3, 6))}::{time}")
    for i, movie_id in enumerate(range(len(catalogue) + 1, num_movies + 1)):
        lines.append(f"{i % spec.num_users + 1}::{movie_id}::3::{978_200_000 + i}")
    (directory / "ratings.dat").write_text("\n".join(lines) + "\n", encoding="latin-1")
    return directory


def write_synthetic_csv_release(directory: Path, spec: SyntheticSpec = SyntheticSpec()) -> Path:
    """The same synthetic data as a CSV release (ml-latest-small, ML-25M, ML-32M): UTF-8 `movies.csv` and
    `ratings.csv` with headers, half-star ratings, "Children" for "Children's", one movie with IMAX and one with
    "(no genres listed)", and no users file."""
    import csv
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        dat = write_synthetic_movielens(Path(scratch), spec)
        movies = [line.split("::") for line in (dat / "movies.dat").read_text(encoding="latin-1").splitlines()]
        ratings = [line.split("::") for line in (dat / "ratings.dat").read_text(encoding="latin-1").splitlines()]
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "movies.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["movieId", "title", "genres"])
        for movie_id, title, genres in movies:
            genres = genres.replace("Children's", "Children")
            if int(movie_id) == 2:
                genres += "|IMAX"
            if int(movie_id) == len(movies):
                genres = "(no genres listed)"
            writer.writerow([movie_id, title, genres])
    with open(directory / "ratings.csv", "w", encoding="utf-8", newline="") as f:
        f.write("userId,movieId,rating,timestamp\n")
        for row, (user, movie, stars, time) in enumerate(ratings):
            f.write(f"{user},{movie},{int(stars) - 0.5 * (row % 2):.1f},{time}\n")
    return directory
