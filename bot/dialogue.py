"""What the conversation remembers between turns, per user, stored in the database (dialogue_states).

- `pending`: the bot's open question: which movie a title meant ("did you mean ...?", answered by "yes", "the
  first one", "2", "the 1977 one" or "no"), whether to forget the user, whether to clear the history ("start
  over", whose choices are the movies asked about), or whether a misspelt "remove" meant a movie of the history,
  each answered by "yes" / "no".
- `shown`: the movies recommended in this conversation, so "more" and "something else" page on past them.
- `last_shown`: the latest list, for "I've seen those".
- `reasons`: the reason shown under each movie of the latest lists (movie id, source, reason), for "why that one?".
- `last_added`: the movies the latest add put in the history, for "undo" and "I meant X".
- `last_guessed`: those of them added on a best guess, for "wrong one" / "not that one".
- `last_removed`: the movies the latest removal took out, which "undo" / "put it back" restores; `last_undone`:
  those the latest "undo" took back, which "put it back" (not a second "undo") restores.
- `disliked_genres`: standing tastes ("I hate horror") that hold for later requests until changed.
- `only_genres`: a standing "only comedies" ("I only watch comedies"): what a later request that names no genre
  asks for, until changed.
- `last_named`: the movies the latest message named and did not store ("is the matrix on netflix?", "never seen
  casablanca"), which "I saw it" / "we just watched it" the next turn stores.
- `removal_missed`: the latest message asked to remove films none of which was in the history ("remove dogma"),
  so "oh wait I meant mallrats" the next turn removes that one instead of replacing the latest add.
- `standing_years`: (from, to) years a standing taste keeps requests to ("nothing older than 1990 for me"), where
  a request says no years itself; (None, None) for none.
- `ruled_out`: movies the user ruled out for good ("no more Star Wars"), never recommended again.
- `seen_by_others`: movies someone the user chooses for has seen ("my niece has already seen X"): left out of the
  lists, and no signal of taste.
Pure: the service loads it, applies acts with these functions, and saves it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from bot.intents import Recommend, SetTaste
from recommender.constraints import Constraints

MAX_SHOWN = 200  # remembered for paging; older ones may come back
MAX_REASONS = 30  # the reasons of about the last ten lists: "why X?" about an older one is computed anew


@dataclass(frozen=True)
class Pending:
    kind: str  # "choose" | "forget" | "start_over" | "remove" | "seen" (did you watch it yourself?)
    text: str = ""  # what the user typed for the movie in question
    choices: tuple[int, ...] = ()  # movie ids offered, best first


MAX_SAID_UNSEEN = 50  # the films said unseen that a conversation keeps
MAX_UNFINISHED = 80  # a broken-off message is a few words ("I watched the"): no more is carried


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
    reasons: tuple[tuple[int, str, str], ...] = ()  # (movie id, source, reason) as shown, latest last
    only_genres: tuple[str, ...] = ()
    last_removed: tuple[int, ...] = ()
    last_undone: tuple[int, ...] = ()  # the movies the latest "undo" took back, which "put it back" restores
    standing_years: tuple[int | None, int | None] = (None, None)
    last_named: tuple[int, ...] = ()
    removal_missed: bool = False
    seen_by_others: tuple[int, ...] = ()
    last_unseen: bool = False  # the latest message named films not watched ("never seen the godfather", "is X any good?")
    last_excluded: tuple[int, ...] = ()  # the films the latest request left out ("no phantom menace pls"), which "more" keeps out
    just_added: bool = False  # the latest message stored films: "actually I never saw it" takes them back
    unfinished: str = ""  # the words of a message that broke off ("I HAVE NOT SEEN"): the next one goes on from them
    # films the speaker said they had not seen or asked about ("Is The English Patient worth it?"): a later "something
    # similar to The English Patient" starts from it without storing it
    said_unseen: tuple[int, ...] = ()

    def reason_for(self, movie_id: int) -> tuple[str, str] | None:
        """(source, reason) shown with the movie most recently, or None."""
        return next(((source, reason) for m, source, reason in reversed(self.reasons) if m == movie_id), None)

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
        if isinstance(pending, dict) and pending.get("kind") in ("choose", "forget", "start_over", "remove", "seen"):
            pending_state = Pending(pending["kind"], str(pending.get("text", "")), ints(pending.get("choices")))
        else:
            pending_state = None
        data = data if isinstance(data, dict) else {}
        genres = data.get("disliked_genres")
        only = data.get("only_genres")
        last_request = data.get("last_request")
        if isinstance(last_request, dict):  # only Constraints' own fields, of their own types
            last_request = {k: v for k, v in last_request.items()
                            if k in ("genres", "excluded_genres", "min_year", "max_year", "like", "all_genres")
                            and isinstance(v, (list, tuple, int, str, type(None)))}
        reasons = data.get("reasons")
        reasons = tuple((r[0], r[1], r[2]) for r in reasons if isinstance(r, (list, tuple)) and len(r) == 3
                        and isinstance(r[0], int) and isinstance(r[1], str) and isinstance(r[2], str)) \
            if isinstance(reasons, (list, tuple)) else ()
        years = data.get("standing_years")
        years = tuple(y if isinstance(y, int) and not isinstance(y, bool) else None for y in years) \
            if isinstance(years, (list, tuple)) and len(years) == 2 else (None, None)
        return cls(pending_state, ints(data.get("shown")), ints(data.get("last_shown")), ints(data.get("last_added")),
                   tuple(g for g in genres if isinstance(g, str)) if isinstance(genres, (list, tuple)) else (),
                   last_request if isinstance(last_request, dict) else None, ints(data.get("ruled_out")),
                   last_guessed=ints(data.get("last_guessed")), reasons=reasons[-MAX_REASONS:],
                   only_genres=tuple(g for g in only if isinstance(g, str)) if isinstance(only, (list, tuple)) else (),
                   last_removed=ints(data.get("last_removed")), last_undone=ints(data.get("last_undone")),
                   standing_years=years, last_named=ints(data.get("last_named")),
                   removal_missed=data.get("removal_missed") is True, seen_by_others=ints(data.get("seen_by_others")),
                   unfinished=unfinished[:MAX_UNFINISHED] if isinstance(unfinished := data.get("unfinished"), str) else "",
                   last_unseen=data.get("last_unseen") is True, last_excluded=ints(data.get("last_excluded")),
                   just_added=data.get("just_added") is True, said_unseen=ints(data.get("said_unseen"))[-MAX_SAID_UNSEEN:])


def after_recommending(state: DialogueState, movie_ids: list[int],
                       reasons: list[tuple[str, str]] = ()) -> DialogueState:
    """`reasons`: (source, reason) shown with each movie, for "why that one?"."""
    shown = tuple(dict.fromkeys(state.shown + tuple(movie_ids)))[-MAX_SHOWN:]
    kept = (state.reasons + tuple((m, *r) for m, r in zip(movie_ids, reasons)))[-MAX_REASONS:]
    return replace(state, shown=shown, last_shown=tuple(movie_ids), pending=None, reasons=kept)


def after_adding(state: DialogueState, added: list[int], guessed: list[int] = ()) -> DialogueState:
    """The latest add is the one "undo" takes back: every movie it put in the history, even those typed exactly
    (two adds in a row, then "undo", takes back the second). An add that put nothing in leaves nothing to undo."""
    added = tuple(dict.fromkeys(added))
    return replace(state, last_added=added, last_guessed=tuple(m for m in dict.fromkeys(guessed) if m in added),
                   last_removed=(), last_undone=())


def after_removing(state: DialogueState, removed: list[int]) -> DialogueState:
    """The latest change took movies out: "undo" ("wait undo that, my thumb slipped") puts them back, and no earlier
    add is taken back instead."""
    return replace(after_adding(state, []), last_removed=tuple(dict.fromkeys(removed)))


def with_tastes(state: DialogueState, disliked: tuple[str, ...] = (), allowed: tuple[str, ...] = (),
                only: tuple[str, ...] = ()) -> DialogueState:
    """Standing tastes changed: a dislike holds until allowed again; a new "only X" replaces the last one and
    allows X; a dislike of a genre, or X allowed in so many words, takes it out of "only"."""
    genres = tuple(g for g in dict.fromkeys(state.disliked_genres + disliked) if g not in allowed + only)
    # "lift the drama-only thing": a kind held as the only one, allowed, is no longer the only one
    kept = tuple(g for g in (only or state.only_genres) if g not in disliked and g not in allowed)
    return replace(state, disliked_genres=genres, only_genres=kept)


def with_standing_years(state: DialogueState, taste: SetTaste) -> DialogueState:
    """The years a standing taste says replace the last ones; "any year is fine" drops them."""
    if taste.any_year:
        return replace(state, standing_years=(None, None))
    if taste.min_year is None and taste.max_year is None:
        return state
    return replace(state, standing_years=(taste.min_year, taste.max_year))


def within_standing_years(state: DialogueState, asked: Constraints) -> Constraints:
    """A request that says no years keeps to the standing ones; one that says its own is met as asked."""
    if asked.min_year is not None or asked.max_year is not None or state.standing_years == (None, None):
        return asked
    return replace(asked, min_year=state.standing_years[0], max_year=state.standing_years[1])


def taste_follow_up(state: DialogueState, taste: SetTaste) -> Recommend | None:
    """A taste said after a list changes that list ("a thriller", then "no horror for me", "80s ones only"): the
    last request again, without the genres now disliked, with only those now wanted, or within the years now
    held; None before any list."""
    years = taste.min_year is not None or taste.max_year is not None
    if state.last_request is None or not state.last_shown or not (taste.disliked_genres or taste.only_genres or years):
        return None
    return Recommend(Constraints(taste.only_genres, taste.disliked_genres, taste.min_year, taste.max_year),
                     follow_up=True)


def last_constraints(state: DialogueState) -> Constraints | None:
    """The latest request's constraints, as stored (None before any request)."""
    last = state.last_request
    if last is None:
        return None
    return Constraints(**{**last, "genres": tuple(last.get("genres", ())),
                          "excluded_genres": tuple(last.get("excluded_genres", ()))})


def follow_up(state: DialogueState, intent: Recommend, shown_years: list[int]) -> Constraints:
    """What a request asks, read against the last one. "more" repeats it; a follow-up changes only what it says:
    a year or decade replaces the years and keeps the genres, "only comedies" replaces the genres and keeps the
    years ("comedies too" adds them), "older" / "newer" with no year move the years past the last request's or,
    with none, past the years of the last list (`shown_years`). Anything else is a new request."""
    asked, last = intent.constraints, last_constraints(state)
    if last is None or not (intent.follow_up or intent.more and asked.empty):
        return asked
    genres = tuple(dict.fromkeys(last.genres + asked.genres)) if intent.also else asked.genres or last.genres
    genres = tuple(g for g in genres if g not in asked.excluded_genres)
    excluded = tuple(g for g in dict.fromkeys(last.excluded_genres + asked.excluded_genres) if g not in asked.genres)
    said_years = asked.min_year is not None or asked.max_year is not None or intent.any_year
    min_year, max_year = (asked.min_year, asked.max_year) if said_years else (last.min_year, last.max_year)
    # "only before 1970", then "and after 1950": one bound said beside the other kept makes a window, and one inside
    # the last window narrows it ("80s comedies", then "nothing before 1985": 1985-1989); one that cannot stand
    # with it ("before 1970", then "after 1990") replaces it
    if asked.min_year is not None and asked.max_year is None and last.max_year is not None and (
            (last.min_year is None or last.min_year <= asked.min_year) and asked.min_year <= last.max_year):
        max_year = last.max_year
    elif asked.max_year is not None and asked.min_year is None and last.min_year is not None and (
            (last.max_year is None or asked.max_year <= last.max_year) and last.min_year <= asked.max_year):
        min_year = last.min_year
    if intent.relative == "older" and not said_years:
        edge = last.min_year if last.min_year is not None else min(shown_years, default=None)
        min_year, max_year = None, edge - 1 if edge is not None else last.max_year
    elif intent.relative == "newer" and not said_years:
        edge = last.max_year if last.max_year is not None else max(shown_years, default=None)
        min_year, max_year = edge + 1 if edge is not None else last.min_year, None
    # "a crime thriller" then "from the 90s": still both; "comedies too" or "only comedies": any of the genres now
    both = last.all_genres and not asked.genres and genres == last.genres
    return Constraints(genres, excluded, min_year, max_year, asked.like or last.like, both or asked.all_genres)


def choice_for(pending: Pending, index: int | None, year: int | None, years: dict[int, int | None],
               age: str | None = None, decade: int | None = None) -> int | None:
    """The movie an answer picks among the pending choices (`chosen_among`)."""
    return chosen_among(pending.choices, index, year, years, age, decade)


def chosen_by_kind(choices: tuple[int, ...], genres: dict[int, tuple[str, ...]], kind: str) -> int | None:
    """The one choice that has the genre ("Animation") or lacks it ("-Animation"); None when not exactly one."""
    genre, lacking = kind.lstrip("-"), kind.startswith("-")
    matching = [m for m in choices if (genre in genres.get(m, ())) != lacking]
    return matching[0] if len(matching) == 1 else None


def chosen_among(choices: tuple[int, ...], index: int | None, year: int | None, years: dict[int, int | None],
                 age: str | None = None, decade: int | None = None) -> int | None:
    """The movie an answer picks among `choices`: by position (-1: the last), by year, by decade (its first
    year), or by age ("older": the earliest year, "newer": the latest; None when two share it)."""
    if decade is not None:
        matching = [m for m in choices if years.get(m) and decade <= years[m] <= decade + 9]
        return matching[0] if len(matching) == 1 else None
    if age is not None:
        dated = [m for m in choices if years.get(m)]
        if not dated:
            return None
        extreme = (min if age == "older" else max)(years[m] for m in dated)
        matching = [m for m in dated if years[m] == extreme]
        return matching[0] if len(matching) == 1 else None
    if year is not None and len(matching := [m for m in choices if years.get(m) == year]) == 1:
        return matching[0]  # "The first one, from 1962": the year said is surer than a place in the list
    if index is not None:
        return choices[index] if -len(choices) <= index < len(choices) else None
    if year is not None:
        return None
    return choices[0] if choices else None


__all__ = ["DialogueState", "Pending", "after_adding", "after_removing", "after_recommending", "with_tastes", "choice_for", "chosen_among", "chosen_by_kind",
           "follow_up",
           "last_constraints", "taste_follow_up"]
