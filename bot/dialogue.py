"""What the conversation remembers between turns, per user, stored in the database (dialogue_states).

- `pending`: the bot's open question: which movie a title meant ("did you mean ...?", answered by "yes", "the
  first one", "2", "the 1977 one" or "no"), whether to forget the user, whether to clear the history ("start
  over", whose choices are the movies asked about), or whether a misspelt "remove" meant a movie of the history,
  each answered by "yes" / "no".
- `shown`: the movies recommended in this conversation, so "more" and "something else" page on past them.
- `last_shown`: the latest list, for "I've seen those".
- `last_added`: the movies the latest add put in the history, for "undo" and "I meant X".
- `last_guessed`: those of them added on a best guess, for "wrong one" / "not that one".
- `disliked_genres`: standing tastes ("I hate horror") that hold for later requests until changed.
- `ruled_out`: movies the user ruled out for good ("no more Star Wars"), never recommended again.
Pure: the service loads it, applies acts with these functions, and saves it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

MAX_SHOWN = 200  # remembered for paging; older ones may come back


@dataclass(frozen=True)
class Pending:
    kind: str  # "choose" | "forget" | "start_over" | "remove"
    text: str = ""  # what the user typed for the movie in question
    choices: tuple[int, ...] = ()  # movie ids offered, best first


@dataclass(frozen=True)
class DialogueState:
    pending: Pending | None = None
    shown: tuple[int, ...] = ()
    last_shown: tuple[int, ...] = ()
    last_added: tuple[int, ...] = ()
    disliked_genres: tuple[str, ...] = ()
    last_request: dict | None = None  # the constraints of the latest request, which "more" repeats
    ruled_out: tuple[int, ...] = ()
    last_guessed: tuple[int, ...] = ()

    def to_json(self) -> dict:
        data = asdict(self)
        data["pending"] = asdict(self.pending) if self.pending else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> "DialogueState":
        """Tolerant: an unknown or malformed field is dropped, never an error."""
        def ints(value) -> tuple[int, ...]:
            return tuple(v for v in value if isinstance(v, int)) if isinstance(value, (list, tuple)) else ()

        pending = data.get("pending") if isinstance(data, dict) else None
        if isinstance(pending, dict) and pending.get("kind") in ("choose", "forget", "start_over", "remove"):
            pending_state = Pending(pending["kind"], str(pending.get("text", "")), ints(pending.get("choices")))
        else:
            pending_state = None
        data = data if isinstance(data, dict) else {}
        genres = data.get("disliked_genres")
        last_request = data.get("last_request")
        if isinstance(last_request, dict):  # only Constraints' own fields, of their own types
            last_request = {k: v for k, v in last_request.items()
                            if k in ("genres", "excluded_genres", "min_year", "max_year", "like")
                            and isinstance(v, (list, tuple, int, str, type(None)))}
        return cls(pending_state, ints(data.get("shown")), ints(data.get("last_shown")), ints(data.get("last_added")),
                   tuple(g for g in genres if isinstance(g, str)) if isinstance(genres, (list, tuple)) else (),
                   last_request if isinstance(last_request, dict) else None, ints(data.get("ruled_out")),
                   last_guessed=ints(data.get("last_guessed")))


def after_recommending(state: DialogueState, movie_ids: list[int]) -> DialogueState:
    shown = tuple(dict.fromkeys(state.shown + tuple(movie_ids)))[-MAX_SHOWN:]
    return replace(state, shown=shown, last_shown=tuple(movie_ids), pending=None)


def after_adding(state: DialogueState, added: list[int], guessed: list[int] = ()) -> DialogueState:
    """The latest add is the one "undo" takes back: every movie it put in the history, even those typed exactly
    (two adds in a row, then "undo", takes back the second). An add that put nothing in leaves nothing to undo."""
    added = tuple(dict.fromkeys(added))
    return replace(state, last_added=added, last_guessed=tuple(m for m in dict.fromkeys(guessed) if m in added))


def with_tastes(state: DialogueState, disliked: tuple[str, ...] = (), allowed: tuple[str, ...] = ()) -> DialogueState:
    genres = tuple(g for g in dict.fromkeys(state.disliked_genres + disliked) if g not in allowed)
    return replace(state, disliked_genres=genres)


def choice_for(pending: Pending, index: int | None, year: int | None, years: dict[int, int | None]) -> int | None:
    """The movie an answer picks among the pending choices: by position (-1: the last) or by year."""
    if index is not None:
        return pending.choices[index] if -len(pending.choices) <= index < len(pending.choices) else None
    if year is not None:
        matching = [m for m in pending.choices if years.get(m) == year]
        return matching[0] if len(matching) == 1 else None
    return pending.choices[0] if pending.choices else None


__all__ = ["DialogueState", "Pending", "after_adding", "after_recommending", "with_tastes", "choice_for"]
