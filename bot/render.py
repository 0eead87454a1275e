"""Every sentence and piece of markdown the chat shows, in one place: the service decides what to say, this module
says it. Sentences with blanks are `str.format` templates (`ADDED.format(labels=...)`); those that need logic
are functions. Text a user typed or the LLM wrote is escaped (`as_plain_text`) before it fills a blank."""
from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from bot.intents import clean_text
from recommender.errors import RankingError

if TYPE_CHECKING:
    from recommender.catalog import Movie
    from recommender.chain import ChainProgress, Recommendation
    from bot.wait import Estimate
    from recommender.constraints import Constraints

HELP_TEXT = (
    "Tell me what you have watched and I will suggest what to watch next.\n\n"
    "- **Add movies:** \"I watched Heat and Toy Story\", \"add The Matrix\", or paste a list, one per line.\n"
    "- **Get suggestions:** \"what should I watch next?\", \"something like Alien\", \"a comedy from the 90s\", "
    "\"no horror\".\n"
    "- **Your history:** \"show my history\", \"remove Heat\", \"start over\".\n"
    "- Rate each suggestion with 👍 or 👎: it helps the next version of the model."
)


def as_plain_text(text: str) -> str:
    """Text a user typed or the LLM wrote, safe inside markdown: HTML escaped, and "![" kept from becoming an
    image that the browser would fetch from any host."""
    return html.escape(clean_text(text), quote=False).replace("![", "!\\[")


# -- the recommendation chain's words (recommender/chain.py): the reasons under each movie, and its notes -------------
LLM_UNAVAILABLE = "The language model is unavailable right now; these picks come from the sequence model alone."


def constraint_words(constraints: Constraints) -> str:
    """"Comedy, from 1990 to 1999, no Horror" ("" when the request set nothing)."""
    parts = []
    if constraints.genres:
        parts.append((" and " if constraints.all_genres else " or ").join(constraints.genres))
    if constraints.min_year is not None and constraints.min_year == constraints.max_year:
        parts.append(f"from {constraints.min_year}")  # "1999 movies": not "from 1999 to 1999"
    elif constraints.min_year is not None and constraints.max_year is not None:
        parts.append(f"from {constraints.min_year} to {constraints.max_year}")
    elif constraints.min_year is not None:
        parts.append(f"from {constraints.min_year} on")
    elif constraints.max_year is not None:
        parts.append(f"up to {constraints.max_year}")
    if constraints.excluded_genres:
        parts.append("no " + " or ".join(constraints.excluded_genres))
    return ", ".join(parts)


def describe_constraints(constraints: Constraints) -> str:
    """"Comedy, from 1990 to 1999, no Horror, as you asked" ("" when the request set nothing)."""
    words = constraint_words(constraints)
    return f"{words}, as you asked" if words else ""


def lstm_reason(drivers: list[tuple[str, bool]] | None, anchor: str | None, constraints: Constraints,
                anchor_only: bool = False) -> str:
    """What led the sequence model to a movie: `drivers`, the history's titles that raised its score most (each
    with whether the user liked it; None: there was no history), the "like" `anchor` (`anchor_only`: it was the
    whole context), and the request's constraints."""
    if anchor_only:
        reason = f"Often watched by people who watched {anchor}"
    elif drivers is None:
        reason = "One of the most watched movies on MovieLens"
    else:
        names = [title + (" (you liked it)" if liked else "") for title, liked in drivers]
        if not names:
            reason = "Often watched next by people with a history like yours"
        else:
            reason = f"People who watched {' and '.join(names)} often watch this next"
        if anchor is not None:
            reason += f"; starting from {anchor}, as you asked"
    wanted = describe_constraints(constraints)
    return f"{reason}; {wanted}" if wanted else reason


def llm_fallback_reason(shared_genres: list[str], pick: str) -> str:
    """The reason under a language model's movie that came without one: what it shares with the pick."""
    if shared_genres:
        return f"{' and '.join(shared_genres)}, like {pick}, the pick for your next watch"
    return f"A change of genre from {pick}, chosen by the language model"


def nothing_fits(constraints: Constraints) -> str:
    """The chain's note when no movie is left for a request."""
    asked = constraint_words(constraints)
    return (f"No movie I know fits all of that ({asked}) and is new to you; try fewer constraints." if asked
            else "I have no movie left that is new to you.")


INTRO = "Here is what I would watch next:"
OUTRO = "Rate them with 👍 or 👎."


SOURCE_WORDS = {"lstm": "the sequence model", "llm": "the language model"}  # also how the page finds movie messages


_MARKDOWN = re.compile(r"[\\`*_\[\]()#|~]")


def tagged_words(movie: Movie) -> str:
    """"; tagged “dreamlike” and “thought-provoking” on MovieLens": the tags its raters gave it most, where the
    release has tags.csv (ML-1M has none)."""
    if not movie.tags:
        return ""
    quoted = ["“" + _MARKDOWN.sub(r"\\\g<0>", as_plain_text(t)) + "”" for t in movie.tags]  # a tag is text, not markup
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
    return f"; tagged {listed} on MovieLens"


def recommendation_markdown(rank: int, item: Recommendation) -> str:
    by = SOURCE_WORDS["lstm"] if item.source == "lstm" else SOURCE_WORDS["llm"]
    link = f" · [IMDb]({item.movie.imdb_url})" if item.movie.imdb_url else ""
    return (f"{rank}. {movie_markdown(item.movie)}{link}  \n"
            f"   _{as_plain_text(item.reason)}{tagged_words(item.movie)}_ ({by})")


def closing_markdown(note: str) -> str:
    return (f"_{as_plain_text(note)}_\n\n" if note else "") + OUTRO


def draft_text(step: ChainProgress) -> str:
    """The pick at once, then each of the LLM's movies as soon as it is matched in the catalogue. The LLM's own
    words are never shown raw: only movies the user has not watched and the request allows become cards."""
    lines = [INTRO]
    if step.pick is not None:
        lines.append(recommendation_markdown(1, step.pick))
    lines.extend(recommendation_markdown(rank, item) for rank, item in enumerate(step.resolved, start=2))
    lines.append("_Asking the language model for more…_")
    return "\n\n".join(lines)


def movie_markdown(movie: Movie) -> str:
    genres = ", ".join(movie.kinds) if movie.kinds else "no genre listed"
    return f"**{as_plain_text(movie.display_title)}** ({movie.year or 'year unknown'}) · {genres}"


SMALL_TALK = {
    "greeting": "Hi! Tell me a few movies you have watched (\"I watched Heat and Toy Story\") and ask \"what should "
                "I watch next?\". Say \"help\" for everything I understand.",
    "thanks": "You're welcome! Ask for \"more\" whenever you like, or rate a suggestion with 👍 or 👎.",
    "bye": "Enjoy the movie! Your history is kept for next time.",
    "how_are_you": "All good here, thanks! Ready when you are: tell me a movie you watched, or ask what to watch next.",
    "chat": "👍 Tell me a movie you watched, or ask what to watch next.",
    "kept": "OK, I left your history as it was.",
    "other": "I'm not sure what you mean: I can only help with movies. Tell me one you watched, or ask \"what should I "
             "watch next?\".",
}


def known_movies(count: int, newest: int | None) -> str:
    """"the 1,000 movies I know (the most-rated of MovieLens, up to 2000)": what the catalogue is, from its data."""
    reach = f", up to {newest}" if newest else ""
    return f"the {count:,} movies I know (the most-rated of MovieLens{reach})"


def who_i_am(count: int, newest: int | None, ratings: int) -> str:
    reach = f" up to {newest}" if newest else ""
    return (f"I'm DUALRec Chat, a movie recommender: a sequence model trained on {ratings:,} MovieLens ratings picks "
            f"what you are likely to watch next, and a language model adds more. I know {count:,} popular movies"
            f"{reach}.")


UNSUPPORTED = {
    "length": "I can't filter by length: I don't know running times.",
    "cast": "I can't search by cast or director: I only know titles, years and genres.",
    "language": "I can't filter by language or country.",
    "rating": "I can't filter by awards or critics' ratings.",
    "streaming": "I don't know what is streaming where.",
    "series": "I only know movies, not TV series.",
}


def cannot_filter(keys: tuple[str, ...]) -> str:
    """A request for nothing but what the catalogue cannot filter by ("something short", "a French film")."""
    return " ".join([*(UNSUPPORTED[k] for k in keys), "Ask for a genre or a decade instead, \"something like\" a "
                     "movie, or \"what should I watch next?\" for picks from your history."])


# The heading of a list for a request that also asked what the catalogue cannot filter by ("a short comedy")
REST_OF_REQUEST = "Here is what I would watch next for the rest of what you asked:"


def _years(min_year: int | None, max_year: int | None) -> str:
    if min_year is not None and max_year is not None:
        return f"from {min_year}" if min_year == max_year else f"from {min_year} to {max_year}"
    return f"from {min_year} on" if min_year is not None else f"before {max_year + 1}"


def years_unknown(asked: tuple[int | None, int | None], known: tuple[int, int]) -> str:
    """A year the catalogue does not reach ("movies from 2024")."""
    oldest, newest = known
    reach = f"up to {newest}" if asked[0] is not None and asked[0] > newest else f"from {oldest} on"
    return f"I only know movies {reach}, so I have nothing {_years(*asked)}."


def closest_years(closest: tuple[int | None, int | None]) -> str:
    """What to ask instead of years the catalogue does not reach (no list is shown that would pretend)."""
    return f"Ask for movies {_years(*closest)} instead, or any other year I know."


def shown_again(titles: list[str]) -> str:
    return (f"I suggested {' and '.join(titles)} earlier in our conversation; nothing else I know fits this "
            "request." if titles else "")


# -- "why that one?" (bot.service's Explain) and questions the catalogue cannot answer ---------------------------
def explain_shown(label: str, reason: str, source: str, tags: str = "") -> str:
    """The reason that was shown under a recommendation, as it was shown (`tags`: its tagged_words)."""
    by = SOURCE_WORDS["lstm"] if source == "lstm" else SOURCE_WORDS["llm"]
    return f"I suggested {label} because: _{as_plain_text(reason.rstrip(' .'))}{tags}_ ({by})."


def explain_computed(label: str, rank: int | None, total: int, drivers: list[str], shown: bool = False) -> str:
    """A movie asked about that was not suggested (or whose reason is no longer kept: `shown`): where the sequence
    model puts it for the user's history, and the history movies that raise it most. `drivers` are escaped."""
    said = (f"I suggested {label} earlier, but I no longer have the reason I gave." if shown
            else f"I haven't suggested {label}.")
    if rank is None:
        return f"{said} The sequence model does not rank it for you."
    because = f", mostly because of {' and '.join(drivers)} in your history" if drivers else ""
    return f"{said} For your history, the sequence model ranks it {rank} of the {total} movies new to you{because}."


EXPLAIN_WATCHED = "You told me you watched {label}, so I don't suggest it."
EXPLAIN_NO_HISTORY = ("I haven't suggested {label}, and you haven't told me any movies you watched, so I have nothing "
                      "to rank it by yet.")
EXPLAIN_UNKNOWN = ("I haven't suggested anything called “{typed}”. Ask \"why?\" about my latest list, or name a movie "
                   "in it.")
EXPLAIN_NO_SUCH = "My latest list has {count} movie(s); ask about one of them by its number or title."
EXPLAIN_OTHERS = "Ask \"why the second one?\" about another."
# One honest sentence each: what the app cannot know, and what it can do (read_question's topics)
CANNOT_ANSWER = {
    "streaming": "I don't know where movies are streaming, rented or sold: I only know titles, years and genres, "
                 "and can suggest what to watch next.",
    "length": "I don't know running times: I only know titles, years and genres, and can suggest what to watch next.",
    "cast": "I don't know who is in a movie or who made it: I only know titles, years and genres, and can suggest "
            "what to watch next.",
    "rating": "I don't know age ratings: I only know titles, years and genres, and can suggest what to watch next.",
    "plot": "I don't know plots: I only know titles, years and genres, and can suggest \"something like\" a movie.",
    "news": "I don't know news about actors or films being made: I only know titles, years and genres, and can "
            "suggest what to watch next.",
    "general": "I can't tell you that: I only know each movie's title, year and genres. I can suggest more like it, "
               "or tell you why I picked it.",
}


NO_QUESTION = "I have no open question. Tell me a movie you watched, or ask what to watch next."
NOTHING_TO_UNDO = "There is nothing to undo."
# "keep ronin, remove the rest" with nothing else in the history
NOTHING_TO_REMOVE = "There is nothing else in your history to remove."
NOTHING_TO_CORRECT = "Which movie do you mean? Tell me its full title."
NOTHING_SHOWN = "I haven't suggested anything yet. Ask \"what should I watch next?\""
NOTHING_STORED = "There was nothing stored about you."
NOTHING_DELETED_NOW = "OK, I deleted nothing."
COLD_START = ("You haven't told me any movies you watched yet, so these are popular ones. Tell me a few you watched "
              "(\"I watched Heat and Toy Story\") and I'll pick for you.")
NO_MORE = "I have nothing more for that request. Try another genre or decade, or tell me more movies you watched."


def tastes_noted(disliked: tuple[str, ...], allowed: tuple[str, ...], only: tuple[str, ...] = ()) -> str:
    lines = []
    if only:
        lines.append(f"Noted: only {' and '.join(only)} from now on, unless you ask for something else.")
    if disliked:
        names = " or ".join(disliked)
        lines.append(f"Noted: no {names} from now on. Say \"{disliked[0].lower()} is fine again\" to change that.")
    if allowed:
        lines.append(f"Noted: {' and '.join(allowed)} can come up again.")
    return " ".join(lines) or "Noted."


def standing_years_noted(min_year: int | None, max_year: int | None) -> str:
    """"nothing older than 1990 for me": kept for later requests that name no years."""
    return f"Noted: movies {_years(min_year, max_year)} from now on, unless you ask for other years. " \
           "Say \"any year is fine\" to change that."


WHICH_IT = "Which movie do you mean? Tell me its title, like \"I watched Heat\"."

ANY_YEAR_NOTED = "Noted: movies of any year can come up again."


def standing_years(min_year: int | None, max_year: int | None) -> str:
    return f"Movies {_years(min_year, max_year)}, as you told me."


def standing_tastes(genres: tuple[str, ...]) -> str:
    return f"Leaving out {' and '.join(genres)}, as you told me." if genres else ""


def standing_only(genres: tuple[str, ...]) -> str:
    return f"Only {' and '.join(genres)}, as you told me." if genres else ""


BEST_GUESS = "I took “{typed}” to be {movie_label}. Not that one? Say \"undo\"."

ASK_WHEN_READY = "Ask \"what should I watch next?\" when you are ready."
CHOSE = "Added {movie_label} to your history.\n\n" + ASK_WHEN_READY

LEFT_OUT = "OK, I left “{typed}” out. Tell me its full title if you like."

def put_back(labels: list[str]) -> str:
    """"undo" right after a removal, or "put it back" after a removal or an undo."""
    return f"Undone: put {'; '.join(labels)} back in your history."


def undone(labels: list[str], ask_which: bool = True) -> str:
    """`ask_which`: a best guess was taken back ("wrong one"); otherwise the latest add ("undo")."""
    if ask_which:
        return f"Removed {'; '.join(labels)} from your history. Which movie did you mean? Tell me its full title."
    return f"Undone: removed {'; '.join(labels)} from your history."


EMPTY_MESSAGE = "Your message is empty. Tell me a movie you watched, or ask what to watch next."
TOO_LONG = "That message is {length:,} characters; the limit is {limit:,}. Send a shorter one, or your list in parts."
LONG_NOT_UNDERSTOOD = ("I did not understand that. Say \"I watched ...\" with some titles, or \"what should I watch "
                       "next?\"")

NOT_UNDERSTOOD = ("I'm not sure what you mean by “{typed}”. I know movies: tell me one you watched (\"I watched Heat\"), "
            "ask \"what should I watch next?\", or say \"help\".")

def seen_by_others(labels: list[str]) -> str:
    """Films someone the user chooses for has seen: left out of the lists from now on."""
    return (f"Noted: {labels[0]} has been seen already, so I'll leave it out of my suggestions." if len(labels) == 1
            else f"Noted: {', '.join(labels[:-1])} and {labels[-1]} have been seen already, so I'll leave them out "
                 f"of my suggestions.")


def ruled_out(titles: list[str]) -> str:
    shown = ", ".join(titles[:3]) + (f" and {len(titles) - 3} more" if len(titles) > 3 else "")
    return f"Leaving out {shown}, as you asked."


def movies_disliked(titles: list[str]) -> str:
    if not titles:
        return ""
    return (f"Noted: you didn't like {' and '.join(titles)}. I won't suggest it, and it won't steer my picks; "
            "movies very like it move to the back.")


GO_ON = "Go on: which film?"  # after a message that broke off before its film ("I watched the")
NOTHING_NEW = "I have nothing new to suggest for that request."
HISTORY_EMPTY = "Your history is empty. Tell me a movie you watched."
HISTORY_HEADER = "Your history, in the order you told me:"
NOT_YOURS = "That recommendation is not yours to rate."
RATING_REMOVED = "Rating removed."
NO_RATING = "There was no rating to remove."
ALL_DELETED = "Everything about you is deleted: history, recommendations and ratings."


def all_deleted(feedback_dataset: str = "", synced: bool = True) -> str:
    """The reply to a confirmed "forget me"; with a Hub feedback dataset, what its history keeps, and what the
    dataset itself keeps when it could not be reached at this start."""
    if not feedback_dataset:
        return ALL_DELETED
    if not synced:
        return (f"{ALL_DELETED} The feedback dataset {feedback_dataset} cannot be reached right now: ratings of yours "
                "sent there before stay in it, under a pseudonym.")
    return (f"{ALL_DELETED} Your ratings also leave the feedback dataset {feedback_dataset} at its next update, "
            "within minutes; its earlier versions on Hugging Face keep them in their history, under a pseudonym.")


NOT_SAVED = "Sorry, I could not save that: {error}. Nothing you saved before was lost."
# a message past the rate limit (bot.ratelimit): read by no model and stored nowhere; what was saved stays
SLOW_DOWN = "You're sending messages faster than I can read them — please wait a moment."

def ranking_failed(error: Exception) -> str:
    """A failure inside the recommendation chain (the database is not involved): what failed, in a sentence."""
    what = "the sequence model failed" if isinstance(error, RankingError) else "an internal error, logged on the server"
    return f"Sorry, I couldn't rank movies just now ({what}); your history is saved. Please try again later."


HISTORY_CLEARED = ("Done: I cleared the {removed} movie(s) in your history; your ratings are kept. Tell me what you have "
                   "watched, or say \"undo\" to put them back.")
ALREADY_CLEARED = "Your history is already clear. Tell me a movie you watched."

WHICH_ONE = "Which one: {listed}?"

ADDED = "Added to your history: {labels}."
ASK_WATCHED = ("Did you watch {movie_label} yourself? I could not tell from what you said. Say \"yes\" and I'll add "
               "it to your history, or \"no\".")
ASK_FILM_MEANT = ("Do you mean the movie {movie_label}? Say \"yes\" and I'll add it to your history, or \"no\".")
NOT_SEEN_NOTED = "OK, I have not added {movie_label}."
UNSURE_NOT_ADDED = "I could not tell whether you watched {typed} yourself, so I have not added it."
NOT_ADDED = "I have not added {typed}: you haven't watched {it} yet. Tell me once you have."
NOT_ADDED_WANTED = ("I have not added {typed} to your history, since you haven't watched {it}. Ask "
                    "\"what should I watch?\" for more like {it}, or tell me once you have seen {it}.")


def not_added(typed: list[str], wanted: bool) -> str:
    """Movies said not watched, as typed, left out of the history: "it" for one, "them" for several."""
    marked = [f"“{t}”" for t in typed]
    quoted = marked[-1] if len(marked) == 1 else ", ".join(marked[:-1]) + " and " + marked[-1]
    return (NOT_ADDED_WANTED if wanted else NOT_ADDED).format(typed=quoted, it="it" if len(typed) == 1 else "them")

ALREADY = "Already in your history: {labels}."

ONE_MOVIE_MEANT = ("By “{typed}”, do you mean {movie_label}? Say \"yes\" and I'll add it to your history, or \"no\".")

WHICH_MOVIE = ("Which movie is “{typed}”: {listed}? Say \"yes\" for the first, {another} for another, "
            "or \"no\".")


def which_movie(typed: str, choices: list) -> str:
    """The question for a name of several movies; its example answer is a year one of them has ("the 1996 one"); for
    a name near one movie only, whether that movie is meant."""
    if len(choices) == 1:
        return ONE_MOVIE_MEANT.format(typed=typed, movie_label=movie_markdown(choices[0]))
    listed = " or ".join(movie_markdown(m) for m in choices)
    second = choices[1]
    dated = second.year and len({m.year for m in choices}) == len(choices)
    another = f'"2" or "the {second.year} one"' if dated else '"2"'
    return WHICH_MOVIE.format(typed=typed, listed=listed, another=another)

NOT_SURE_WHICH = "I am not sure which movie “{typed}” is. Did you mean {listed}? Say \"add\" with the full title."

UNKNOWN_TITLE = "I don't know “{typed}”: it is not among {known}. Check the spelling, or try another."

OUTSIDE_TITLE = "“{typed}” is {title}, which is not among {known}, so I left it out."

NEWER_FILM = "I left out “{typed}”: it is newer than {known}."  # "dune (2021)", "the new dune"

SEQUEL_UNKNOWN = ("I don't know “{typed}”: of that series I know {listed}, and none of them is that number. Name the "
                  "one you meant, or try another title.")

JOINED_TITLE = "I don't know “{typed}”: it is not among {known}, and I did not take it for {listed}."

LIST_CUT = "I read the first {read} titles of your list; send the other {skipped} in another message."

REMOVED = "Removed {label} from your history."

NOT_IN_HISTORY = "{label} is not in your history."

REMOVE_NAMED_NOTHING = ("I removed nothing: I could not find a title in that. Say \"remove\" and the film's name, \"undo\" "
                        "for the last add, or \"clear my history\" to start over.")

REMOVED_AS_TYPED = "Removed {label} from your history (I took “{typed}” to be it)."

REMOVE_ASK = "“{typed}” is not in your history. Did you mean {near_label}? Say yes to remove it, or no."

REMOVE_KEPT = "OK, I removed nothing."
def remove_which(labels: list[str]) -> str:
    """"one of those was my flatmate's, remove it": which of the latest add's films goes."""
    listed = f"{', '.join(labels[:-1])} or {labels[-1]}"
    return f"Which one should I take off: {listed}? Say its title, or \"the first\", \"the second\"..."

REMOVED_UNWATCHED = "Removed {label} from your history, since you haven't watched it."

REMOVE_NEAR = "“{typed}” is not in your history; did you mean {near_label}? Say \"remove {near_title}\" to remove it."

UNKNOWN_ANCHOR = "I don't know “{typed}”: it is not among {known}."

RATING_NOT_SAVED = "Sorry, your rating was not saved: {error}."

def rated(value: int) -> str:
    return "Thanks, noted 👍" if value > 0 else "Thanks, noted 👎"


RATING_NOT_CHANGED = "Sorry, your rating was not changed: {error}."

NOTHING_DELETED = "Sorry, nothing was deleted: {error}. Please try again."

PARTLY_DELETED = "Sorry, not everything was deleted ({reason}). Please try again."


# -- the page and its API (bot/app.py) ----------------------------------------------------------------------------
PAGE_HEADER = ("# 🎬 DUALRec Chat\nTell me what you watched; I suggest what to watch next. "
               "A sequence model trained on MovieLens picks first, a language model adds more.")
EXAMPLES = ["I watched Heat, Toy Story and The Matrix", "What should I watch next?", "A comedy from the 90s",
            "Something like Alien", "Show my history", "Help"]
MESSAGE_PLACEHOLDER = "I watched Heat and Toy Story…"
WELCOME = ("Hi! Tell me movies you have watched (\"I watched Heat and Toy Story\") and ask "
           "\"what should I watch next?\". Say \"help\" for everything I understand.")
WELCOME_BACK = ("Welcome back! You have {known} movie(s) in your history (on the right). Ask \"what should I watch "
                "next?\".")
NOT_A_MOVIE = "Thumbs go on a suggested movie's own message."


# -- the first start's waiting page (bot/startup.py, bot/wait.py) -------------------------------------------------
def duration_words(seconds: float) -> str:
    """"45 s", "9 min", "2.5 hours": as close as an estimate deserves."""
    if seconds < 90:
        return f"{max(5, 5 * round(seconds / 5))} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} hours"


def _time_left_parts(estimate: Estimate) -> tuple[str, str]:
    """("about 9 min left", "at most 19 min, if training runs all 20 passes; ..." or "")."""
    if estimate.overrun:  # the running step takes longer than last time: only what follows it is known
        return ("almost ready" if estimate.likely_s < 5 else f"about {duration_words(estimate.likely_s)} left after "
                "this step", "this step is taking longer than it did before")
    aside = ""
    if estimate.passes and estimate.most_s - estimate.likely_s >= 60:
        aside = (f"at most {duration_words(estimate.most_s)}, if training runs all {estimate.passes} passes; "
                 "it usually stops earlier")
    return f"about {duration_words(estimate.likely_s)} left", aside


def time_left(estimate: Estimate) -> str:
    """"about 9 min left (at most 19 min, if training runs all 20 passes; it usually stops earlier)"."""
    main, aside = _time_left_parts(estimate)
    return f"{main} ({aside})" if aside else main


def getting_ready(step: str, elapsed_s: float, estimate: Estimate | None) -> str:
    """The banner over the chat while the app prepares: the time left in all, then the step running now."""
    main, aside = _time_left_parts(estimate) if estimate else ("", "")
    left = f"Getting ready, {main}" if main else "Getting ready"
    step = step if step.endswith(".") else step + "…"
    so_far = f"{duration_words(elapsed_s)} so far" if elapsed_s >= 5 else ""
    notes = "; ".join(filter(None, (aside, so_far)))
    return f"⏳ **{left}**{f' ({notes})' if notes else ''}. Now: {step}"


def still_getting_ready(step: str, estimate: Estimate | None) -> str:
    """The answer to an API call made before the app is ready."""
    when = f"in about {duration_words(estimate.likely_s)}" if estimate and not estimate.overrun else "in a moment"
    return f"I'm still getting ready: {step.rstrip('.')}. Try again {when}."


def held_note(count: int, estimate: Estimate | None) -> str:
    """Under the messages typed while the app prepares: each is kept and answered, in order, once it is ready."""
    what = "your message" if count == 1 else f"your {count} messages, in order,"
    return f"Got it: I'll answer {what} as soon as I'm ready{': ' + time_left(estimate) if estimate else ''}."


NO_USER_YET = "Please reload the page: this browser has no user id yet."
FORGET_CONFIRM = "Delete your history, suggestions and ratings?"
HISTORY_NOT_READ = "Your history could not be read: {error}"
NOTHING_MORE_REMOVED = "Nothing more was removed: {error}"
DATA_NOT_READ = "Your data could not be read: {error}"
BAD_TOKEN = "Give a user_token of 16-64 letters, digits, _ or -."
MESSAGE_NOT_TEXT = "Give the message as text."
BAD_RECOMMENDED_ID = "recommended_id must be the whole number given with the recommendation."
BAD_LIKED = "liked must be true (👍) or false (👎)."


def history_label(count: int) -> str:
    """The side panel's heading over the history."""
    return f"Your history ({count}, oldest first)"


# -- published artefacts at start (bot/startup.py, DUALREC_ARTEFACTS) -------------------------------------------------
# The first start's steps (bot/startup.py), as the waiting page names them; bot/wait.py keeps each step's time
# under the words before its first blank, parenthesis or comma, so a reworded step keeps its measurements.
STEP_READING = "Reading MovieLens ({dataset}; the first start prepares it, or downloads it from GroupLens: about a minute)"
STEP_TRAINING = "Training the sequence model, a one-time step"
STEP_LOADING_LSTM = "Loading the sequence model"
STEP_SBERT = "Loading Sentence-BERT for title matching"
STEP_LLM = "Loading the language model ({backend}; the first local start converts SmolLM2, ~30 s)"
STEP_DATABASE = "Opening the database"


def step_lead(words: str) -> str:
    """A step's words up to its first blank, parenthesis or comma: what every report of that step starts with."""
    return words.split("{")[0].split(" (")[0].split(",")[0].rstrip()


FETCHING_ARTEFACTS = "Fetching the published models from {source} and checking them against the prepared catalogue"
INSTALLING_ARTEFACTS = "Installing the published sequence model from {source}"


def artefacts_not_used(source: str, reason: str) -> str:
    """A clause: why DUALREC_ARTEFACTS were not served (in the start's step, "Training ... (<this>)")."""
    return f"the published models in {source} were not used: {reason}"


def artefacts_warning(source: str, reason: str, auto_train: bool) -> str:
    """The page's warning once the app is ready without the published models."""
    instead = ("it serves a sequence model trained here, training one when there is none" if auto_train
               else "it serves the sequence model already trained here")
    return f"The published models in {source} were not used ({reason}); {instead}."


# -- the database's disk at start (bot/startup.py, db/mounts.py) -------------------------------------------------------
def sqlite_on_network_refused(path: object, fstype: str, mount_point: str) -> str:
    """Why the app does not start on SQLite on a network or FUSE mount, and the two ways on."""
    return (f"The database would be SQLite at {path}, which is on a {fstype} mount ({mount_point}): a network or "
            "FUSE file system, where SQLite's file locking cannot be trusted and two writers can corrupt the "
            "database. Set DUALREC_DB_URL to a PostgreSQL server (on a Space, as a secret), or put DUALREC_HOME on "
            "a local disk; DUALREC_SQLITE_ON_NETWORK=1 keeps SQLite there anyway.")


def sqlite_on_network_warning(path: object, fstype: str, mount_point: str) -> str:
    """The page's warning when the operator keeps SQLite on such a mount (DUALREC_SQLITE_ON_NETWORK=1)."""
    return (f"The database is SQLite on a {fstype} mount ({mount_point}), kept there by DUALREC_SQLITE_ON_NETWORK: "
            f"SQLite's locking cannot be trusted on it, so {path} may be damaged when two writers meet. A "
            "PostgreSQL server (DUALREC_DB_URL) is the safe place for data that must last.")
