"""Train the message-act reader: what an open clause asks for (bot.act_reader.ACTS).

    python -m training.train_acts [--out bot/models/message-acts] [--per-template 30]

A clause with its titles replaced by MOVIE_SLOT is embedded by the frozen all-MiniLM-L6-v2 encoder, and a
multinomial logistic regression reads the embedding. Training data, in files:
- the act templates (training/understanding/act_templates.yaml), less the families held out;
- real seekers' clauses from ReDial's train dialogues less the hold-out (training.redial), labelled where a
  closed rule is exact: a clause that tags a movie the seeker answered about is "state", one that is only a
  greeting or thanks is "small_talk", a question asking for films with no movie tagged is "request";
- the conversation corpus's messages (tests/conversations), labelled by the rules' reading, which the corpus
  pins down (its test passes at 100%): where that reading is one act of ACTS, it is the label.
The held-out template families and ReDial's hold-out are never trained or tuned on, and are reported apart.
The head is shipped (a few kB): training takes about a minute, and a shipped head keeps every start identical.
"""
from __future__ import annotations

import argparse
import logging
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bot.act_reader import ACTS, FEATURES_VERSION, SHIPPED_HEAD
from bot.linear_head import LinearHead
from bot.mention_reader import MOVIE_SLOT, encode
from recommender.errors import DualRecError, run_script
from training import redial, written
from training.templates import TEMPLATES_DIR, TemplateSet, data_fingerprint, expand, load_templates, settings_of

log = logging.getLogger(__name__)

TEMPLATES = TEMPLATES_DIR / "act_templates.yaml"
_TAG = re.compile(r"@(\d+)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_GREETING = re.compile(r"^(?:(?:hi|hello|hey|hiya|howdy|good (?:morning|evening|afternoon)|thanks?(?: you)?(?: so much)?|"
                       r"thank you|bye|goodbye|you too|have a (?:good|great|nice) (?:day|night|one)|ok(?:ay)?|cool|great|"
                       r"awesome|nice|sounds good|how are you(?: doing)?(?: today)?|how'?s (?:it going|your day|the day "
                       r"going)|(?:i'?m|i am) (?:good|great|fine|well|doing (?:good|well|great|fine))|not bad|"
                       r"and (?:you|yours)|doing (?:good|well)|pretty good|same to you|you'?re welcome|no problem)"
                       r"(?: there| thanks?| thank you| too| today)?[\s!.,:)?]*)+$", re.I)
_ASKS_FOR_FILMS = re.compile(r"\b(?:recommend|suggest|looking for|suggestions?|recommendations?|any (?:good )?(?:movies?|"
                             r"films?|ideas)|what (?:should|can|would) i watch|in the mood for|something)\b", re.I)


CORPUS = Path(__file__).resolve().parents[1] / "tests" / "conversations"


@dataclass(frozen=True)
class ActConfig:
    redial_dir: Path = redial.DEFAULT_DATA
    templates: Path = TEMPLATES
    corpus: Path = CORPUS
    written_dir: Path = written.WRITTEN_DIR / "acts"
    written_mentions: Path = written.WRITTEN_DIR / "mentions"  # their clauses about films are states (written_states)
    per_template: int = 30
    redial_per_act: int = 1500  # ReDial clauses kept per act, at most (requests and states are plentiful)
    regularization: float = 4.0
    max_template_weight: float = 10.0  # a one-sentence template weighs as this many rows at most
    seed: int = 0


@dataclass(frozen=True)
class ActRow:
    text: str
    act: str
    source: str  # "redial", "corpus", "written", "written states" or the template family
    holdout: bool
    weight: float = 1.0  # a template's rows weigh as one full template: "surprise me" has one sentence, not 30


def redial_rows(folder: Path, per_act: int, rng: random.Random) -> list[ActRow]:
    """Seekers' clauses labelled where a closed rule is exact (see the module's docstring); the rest are left out."""
    paths = [folder / name for name in redial.FILES if (folder / name).is_file()]
    by_act: dict[str, list[ActRow]] = {}
    for dialogue in redial.read_dialogues(paths):
        held = redial.in_holdout(str(dialogue.get("conversationId", "")))
        answered = redial.seeker_statuses(dialogue)
        for message in dialogue.get("messages", []):
            if message.get("senderWorkerId") != dialogue.get("initiatorWorkerId"):
                continue
            for clause in _SENTENCE.split(" ".join(str(message.get("text") or "").split())):
                tags = _TAG.findall(clause)
                text = _TAG.sub(MOVIE_SLOT, clause).strip()
                if not text:
                    continue
                if tags and all(t in answered for t in tags) and not _ASKS_FOR_FILMS.search(text):
                    act = "state"
                elif not tags and _GREETING.match(text):
                    act = "small_talk"
                elif not tags and text.endswith("?") and _ASKS_FOR_FILMS.search(text):
                    act = "request"
                else:
                    continue
                by_act.setdefault(act, []).append(ActRow(text, act, "redial", held))
    rows = []
    for act, found in sorted(by_act.items()):
        distinct = list({r.text.lower(): r for r in found}.values())
        rng.shuffle(distinct)
        rows += distinct[:per_act]
    return rows


def corpus_rows(folder: Path) -> list[ActRow]:
    """Each message of the corpus, its roles filled by six made-up films (a catalogue of their own) and slotted,
    with the act the rules read in it; messages of several acts, or of acts outside ACTS, are left out."""
    from benchmarks.conversation import ROLES, fill, load_corpus
    from bot.act_reader import slotted_clause
    from bot.mentions import sentence_spans
    from bot.understanding import _act_of, read_acts
    from recommender.catalog import Movie, MovieCatalog
    from recommender.titles import TitleIndex

    names = ("Harbor Lights", "The Copper Canyon", "Midnight Orchard", "Velvet Thunder", "Paper Kingdom", "Iron Tide")
    genres = ("Drama", "Western", "Romance", "Action", "Comedy", "Thriller")
    movies = [Movie(i + 1, f"{n} ({1980 + i})", n, 1980 + i, (g,)) for i, (n, g) in enumerate(zip(names, genres))]
    catalog = MovieCatalog(movies, rating_counts=[10] * len(movies), title_vocab=["<pad>", "<unk>"], max_title_tokens=6)
    index, cast = TitleIndex(catalog), dict(zip(ROLES, movies))
    rows = []
    for conversation in load_corpus(folder):
        for turn in conversation.turns:
            text = fill(str(turn.get("say", "")), cast)
            if not text.strip() or "\n" in text or len(text) > 300:
                continue
            acts = read_acts(text, index)
            guessed = getattr(acts[0], "guessed", False)  # bare words read as a title for want of a verb: no label
            act = _act_of(acts[0]) if len(acts) == 1 and not guessed else ""
            if act in ACTS:
                spans = sentence_spans(text, index, said_watched=True)
                rows.append(ActRow(slotted_clause(text, [(s.start, s.stop) for s in spans]), act, "corpus", False))
    return list({r.text.lower(): r for r in rows}.values())


def written_states(folder: Path) -> list[ActRow]:
    """The written messages' clauses about films, every film slotted, labelled "state" by the rule that labels
    ReDial's: no film in it named as a reference and no words that ask for films. The act lines hold few states,
    all short; these hold the long ones people write ("me and jess saw [MOVIE] at the weekend (8/10), ..., and i
    still havent seen [MOVIE]" was read as a removal)."""
    from bot.mention_reader import OTHER_SLOT, STATUSES

    labels: dict[tuple[str, bool], set[str]] = {}
    for example in written.mention_examples(folder, STATUSES):
        labels.setdefault((example.text.replace(OTHER_SLOT, MOVIE_SLOT), example.holdout), set()).add(example.label)
    return [ActRow(text, "state", "written states", held) for (text, held), found in labels.items()
            if "reference" not in found and not _ASKS_FOR_FILMS.search(text)]


def template_rows(templates: TemplateSet, per_template: int, max_weight: float, rng: random.Random) -> list[ActRow]:
    """Up to `per_template` sentences of each template, labelled with its family's label; each template's rows
    weigh as one full template (at most `max_weight` each)."""
    rows = []
    for family in templates.families:
        for template in family.sentences:
            made = expand(TemplateSet(templates.slots, (replace(family, sentences=(template,)),)), per_template, rng)
            weight = min(per_template / max(len(made), 1), max_weight)
            rows += [ActRow(text, label, name, held, weight) for text, label, name, held in made]
    return rows


def training_rows(cfg: ActConfig) -> list[ActRow]:
    rng = random.Random(cfg.seed)
    rows = template_rows(load_templates(cfg.templates, label_key="act"), cfg.per_template, cfg.max_template_weight, rng)
    rows += redial_rows(cfg.redial_dir, cfg.redial_per_act, rng)
    if cfg.corpus.is_dir():
        rows += corpus_rows(cfg.corpus)
    rows += [ActRow(e.text, e.label, "written", e.holdout) for e in written.act_examples(cfg.written_dir, ACTS)]
    rows += written_states(cfg.written_mentions)
    unknown = {r.act for r in rows} - set(ACTS)
    if unknown:
        raise DualRecError(f"unknown act(s) {sorted(unknown)} in the training data")
    return rows


def settings(cfg: ActConfig) -> dict:
    return settings_of(cfg, FEATURES_VERSION)


def fingerprint(cfg: ActConfig) -> str:
    return data_fingerprint(settings(cfg), [cfg.templates, *(cfg.redial_dir / name for name in redial.FILES),
                                            *sorted(cfg.corpus.glob("*.yaml"), key=lambda p: p.name),
                                            *written.author_files(cfg.written_dir),
                                            *written.author_files(cfg.written_mentions)])


def act_weights(rows: list[ActRow]) -> np.ndarray:
    """Each row's template weight, scaled so that every act weighs the same in all: ReDial's clauses are mostly
    states and requests, and the acts people say less often are the ones to teach."""
    weights = np.array([r.weight for r in rows], dtype=np.float64)
    acts = np.array([r.act for r in rows])
    for act in set(acts):
        weights[acts == act] /= weights[acts == act].sum()
    return weights / weights.mean()


def accuracy_table(head: LinearHead, vectors: np.ndarray, rows: list[ActRow]) -> dict[str, dict[str, float]]:
    """Per part (ReDial and templates, trained on or held out): act accuracy."""
    predicted = [head.labels[i] for i in head.probabilities(vectors).argmax(axis=1)]
    parts: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        part = (row.source if row.source in ("redial", "corpus", "written", "written states") else "templates") + (
            " hold-out" if row.holdout else " train")
        parts.setdefault(part, []).append(i)
    return {part: {"rows": len(ix), "accuracy": float(np.mean([predicted[i] == rows[i].act for i in ix]))}
            for part, ix in sorted(parts.items())}


def fit_and_save(rows: list[ActRow], regularization: float, seed: int, out_dir: Path, meta: dict,
                 encoder=None) -> tuple[LinearHead, dict]:
    """A logistic-regression head on the frozen encoder's embeddings of the rows not held out (each label weighing
    the same: act_weights), saved with `meta` and its accuracy on every part."""
    from sklearn.linear_model import LogisticRegression

    if encoder is None:
        from recommender.matching import MatchConfig, load_encoder

        encoder = load_encoder(MatchConfig())
    log.info("embedding %d clauses", len(rows))
    vectors = encode(encoder, [r.text for r in rows])
    train = [i for i, r in enumerate(rows) if not r.holdout]
    model = LogisticRegression(C=regularization, max_iter=3000, random_state=seed)
    model.fit(vectors[train], [rows[i].act for i in train], sample_weight=act_weights([rows[i] for i in train]))
    head = LinearHead(model.coef_.astype(np.float32), model.intercept_.astype(np.float32),
                      tuple(str(c) for c in model.classes_))
    table = accuracy_table(head, vectors, rows)
    head.save(out_dir, {**meta, "accuracy": table})
    return head, table


def main(cfg: ActConfig, out_dir: Path, encoder=None) -> tuple[LinearHead, dict]:
    return fit_and_save(training_rows(cfg), cfg.regularization, cfg.seed, out_dir,
                        {"fingerprint": fingerprint(cfg), "config": settings(cfg)}, encoder)


def cli(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redial", type=Path, default=ActConfig.redial_dir)
    parser.add_argument("--per-template", type=int, default=ActConfig.per_template)
    parser.add_argument("--out", type=Path, default=SHIPPED_HEAD)
    args = parser.parse_args(argv)
    _, table = main(ActConfig(redial_dir=args.redial, per_template=args.per_template), args.out)
    print("| part | rows | act accuracy |\n|---|---:|---:|")
    for part, row in table.items():
        print(f"| {part} | {row['rows']} | {row['accuracy']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(run_script(lambda: cli()))
