"""User-facing words for the conversation's newer acts (bot.understanding, bot.dialogue). Plain sentences and
markdown only: the service decides what to say, this module says it."""
from __future__ import annotations

SMALL_TALK = {
    "greeting": "Hi! Tell me a few movies you have watched (\"I watched Heat and Toy Story\") and ask \"what should "
                "I watch next?\". Say \"help\" for everything I understand.",
    "thanks": "You're welcome! Ask for \"more\" whenever you like, or rate a suggestion with 👍 or 👎.",
    "who": "I'm DUALRec Chat, a movie recommender: a sequence model trained on a million MovieLens ratings picks "
           "what you are likely to watch next, and a language model adds more. I know 1,000 popular movies up to 2000.",
    "bye": "Enjoy the movie! Your history is kept for next time.",
    "how_are_you": "All good here, thanks! Ready when you are: tell me a movie you watched, or ask what to watch next.",
}
UNSUPPORTED = {
    "length": "I can't filter by length: I don't know running times.",
    "cast": "I can't search by cast or director: I only know titles, years and genres.",
    "language": "I can't filter by language or country.",
    "rating": "I can't filter by awards or critics' ratings.",
    "streaming": "I don't know what is streaming where.",
}
NO_QUESTION = "I have no open question. Tell me a movie you watched, or ask what to watch next."
NOTHING_TO_UNDO = "There is nothing to undo."
NOTHING_SHOWN = "I haven't suggested anything yet. Ask \"what should I watch next?\""
FORGET_ASK = ("Do you want me to delete everything I have stored about you: your history, suggestions and ratings? "
              "Say yes to confirm, or no.")
FORGET_KEPT = "OK, I deleted nothing."
NOTHING_STORED = "There was nothing stored about you."
COLD_START = ("You haven't told me any movies you watched yet, so these are popular ones. Tell me a few you watched "
              "(\"I watched Heat and Toy Story\") and I'll pick for you.")
NO_MORE = "I have nothing more for that request. Try another genre or decade, or tell me more movies you watched."


def tastes_noted(disliked: tuple[str, ...], allowed: tuple[str, ...]) -> str:
    lines = []
    if disliked:
        names = " or ".join(disliked)
        lines.append(f"Noted: no {names} from now on. Say \"{disliked[0].lower()} is fine again\" to change that.")
    if allowed:
        lines.append(f"Noted: {' and '.join(allowed)} can come up again.")
    return " ".join(lines) or "Noted."


def standing_tastes(genres: tuple[str, ...]) -> str:
    return f"Leaving out {' and '.join(genres)}, as you told me." if genres else ""


def best_guess(movie_label: str, typed: str) -> str:
    return f"I took “{typed}” to be {movie_label}. Not that one? Say \"undo\"."


def chose(movie_label: str) -> str:
    return f"Added {movie_label} to your history. Ask \"what should I watch next?\" when you are ready."


def left_out(typed: str) -> str:
    return f"OK, I left “{typed}” out. Tell me its full title if you like."


def undone(labels: list[str]) -> str:
    return f"Removed {'; '.join(labels)} from your history. Which movie did you mean? Tell me its full title."


def not_understood(typed: str) -> str:
    return (f"I'm not sure what you mean by “{typed}”. I know movies: tell me one you watched (\"I watched Heat\"), "
            "ask \"what should I watch next?\", or say \"help\".")


def ruled_out(titles: list[str]) -> str:
    shown = ", ".join(titles[:3]) + (f" and {len(titles) - 3} more" if len(titles) > 3 else "")
    return f"Leaving out {shown}, as you asked."


def movies_disliked(titles: list[str]) -> str:
    if not titles:
        return ""
    return (f"Noted: you didn't like {' and '.join(titles)}. I won't suggest it, and it won't steer my picks; "
            "movies very like it move to the back.")
