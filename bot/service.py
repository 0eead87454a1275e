"""ChatService: one user message in, one reply out. The UI is a thin layer over this.

It reads the message (bot.messages), resolves titles with the SBERT matcher (bot.titles: asking "did you mean
...?" instead of storing a guess), keeps the watch history in the repository, and recommends through the DUALRec
chain. Every user-facing failure is a reply, never an exception. Text a user typed or the LLM wrote is cleaned
(bot.messages.clean_text) and escaped before it is shown, so markup shows as text and no image is fetched.
Reads never create a user; only a write does.
"""
from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace


from bot import policy, render
from bot.render import INTRO, as_plain_text, closing_markdown, draft_text, movie_markdown, recommendation_markdown
from bot.dialogue import (MAX_SAID_UNSEEN, MAX_UNFINISHED, DialogueState, Pending, after_adding, after_recommending, after_removing, choice_for, chosen_by_kind, follow_up,
                          with_standing_years, with_tastes, within_standing_years)
from bot.act_reader import ActReader
from bot.intents import CannotAnswer, Correct, Explain, NotWatched, unmarked, unshouted
from bot.mention_reader import MentionReader
from bot.messages import (AddWatched, Answer, ForgetMe, Help, Recommend, Rejected, RemoveWatched, SeenThose, SetTaste,
                          ShowHistory, SmallTalk, StartOver, TitleLine, TitleList, Undo, clean_text,
                          NEXT_IN_SERIES, ORDINAL_INDEX, looks_conversational, number_said,
                          split_titles, talk_beside_titles, version_kind, version_said, DESCRIBES_THE_ONE_BEFORE, THE_NAMED_ONE, asks_for_films,
                          both_versions_said)
from bot.prewarm import LatestOnlyWorker
from bot.budget import MeteredIndex, WorkBudget
from bot.config import ServiceConfig  # with the app's other settings, importable from here
from bot.titles import (Unsure, closest_in_history, fragment_in_history, resolve_titles, same_series, series_of,
                        start_in_history, named_one_in_history,
                        version_chosen)
from bot.mentions import described_as_a_film, sentence_spans, verdict_on_a_name
from bot.series import series_members
from bot.understanding import (answer_said_first, broken_off, goes_on, going_on_unseen, letter_body, read_acts, removal_chosen,
                              version_answers)
from recommender.constraints import Constraints
from db.repository import DatabaseError, NotFoundError, Repository
from recommender.catalog import Movie, MovieCatalog
from recommender.chain import ChainResult, DualRecChain
from recommender.matching import TitleMatcher, split_mention
from recommender.titles import everyday_name, normalize_title, strip_article
from recommender.torch_threads import use_threads
from db.feedback_log import FeedbackLog, cleared

log = logging.getLogger(__name__)
MAX_UNSAVED_NAMED = 4096  # users with no row yet whose last named films are kept in memory for "I saw it"

@dataclass(frozen=True)
class ShownRecommendation:
    recommended_id: int
    rank: int
    movie: Movie
    source: str
    score: float
    reason: str


@dataclass(frozen=True)
class Reply:
    text: str  # markdown; user text inside it is escaped
    recommendations: tuple[ShownRecommendation, ...] = ()
    choices: tuple[Movie, ...] = ()  # "did you mean" candidates
    history_changed: bool = False
    partial: bool = False  # a streamed draft: the final Reply follows
    note: str = ""  # e.g. "the language model is unavailable": shown after the recommendations
    intro: str = INTRO  # the line above the recommendations: says when they are not quite what was asked
    preface: str = ""  # what earlier acts of the message did ("Added Heat."), shown before the recommendations
    forgotten: bool = False  # the user was deleted this turn: the page drops the conversation it shows


class _Turn:
    """One message's view of its user: the row id (created only when something is written) and the dialogue
    state, saved once at the end if it changed."""

    def __init__(self, repo: Repository, user: str, titles: MeteredIndex, text: str = ""):
        self.repo, self.user = repo, user
        # the message's work budget, spent by every act (reading, matching, titles inside sentences)
        self.titles, self.budget = titles, titles.budget
        self.user_id = repo.find_user(user)
        self.state = DialogueState.from_json(repo.dialogue_state(self.user_id)) if self.user_id is not None else DialogueState()
        self._saved = self.state
        self.asked_before = self.state.pending  # the question open when the message came; its later acts keep new ones
        self.named_before = self.state.last_named  # what "I saw it" stands for in this message
        # the last message's removal found none of its films: "I meant X" now removes X
        self.missed_before, self.state = self.state.removal_missed, replace(self.state, removal_missed=False)
        self.text = text  # the message, for words said beside a title ("Cape Fear, the Scorsese remake")

    def writer(self) -> int:
        if self.user_id is None:
            self.user_id = self.repo.user_id(self.user)
        return self.user_id

    def forgotten(self) -> None:
        """The user was deleted this turn: nothing of them is written again."""
        self.user_id, self.state = None, DialogueState()
        self._saved = self.state

    def save(self) -> None:
        if self.state != self._saved and (self.user_id is not None or self.state != DialogueState()):
            self.repo.save_dialogue_state(self.writer(), self.state.to_json())
            self._saved = self.state


def _without_descriptions(titles: TitleList) -> TitleList:
    """The pieces of a list without the ones that describe or judge the film before them ("Predator, the jungle one
    with Arnold", "Jaws, the best": no title to guess from "the jungle one")."""
    lines = []
    for line in titles.lines:
        kept = [i for i, piece in enumerate(line.pieces) if not (i and DESCRIBES_THE_ONE_BEFORE.match(piece))]
        lines.append(TitleLine(tuple(line.pieces[i] for i in kept),
                               tuple(line.joiners[i - 1] for i in kept[1:])) if len(kept) < len(line.pieces) else line)
    return TitleList(tuple(lines), titles.skipped)


# the speaker's own viewing said in the message: "I loved X", "just watched X"
_SPEAKER_VIEWED = re.compile(r"\b(?:i|we)\s+(?:\w+\s+)?(?:watched|saw|seen|loved|liked|enjoyed|finished|caught|rewatched)\b|"
                             r"(?:^|[.!?;,]\s*)\W*(?:just\s+|finally\s+|also\s+)?(?:watched|saw|seen|loved|liked|enjoyed|finished|"
                             r"caught|rewatched)\b", re.I)


# a film of the latest add kept by its place: "I only saw the first one, remove the others"
_A_PLACE_SAID = re.compile(r"\bthe\s+(first|second|third|1st|2nd|3rd|last)(?:\s+one)?\b", re.I)


# the films of the latest add other than those the message names: "remove the other two", "the rest can go"
_THE_OTHERS = re.compile(r"^(?:the\s+)?(?:others|rest|other\s+(?:two|three|four|ones|films|movies))(?:\s+of\s+(?:them|those))?$",
                         re.I)
# an ordinal alone, for a film of the latest add ("drop the second one"); "the last one" is an undo of its own
_ORDINAL_PIECE = re.compile(r"^(?:(?:the\s+)?(?P<n>first|second|third|1st|2nd|3rd|middle)(?:\s+(?:one|film|movie))?"
                            # "Kindly remove point 2" after a numbered list of films
                            r"|(?:point|number|no\.?|#)\s*(?P<n_said>[123])"
                            # "Remove 2 and 3, those were my husband's" after a numbered list of three
                            r"|(?P<n_bare>[1-9]))"
                            # "take off the first one i only saw half": the reason said after it
                            r"(?:\s+(?:i|we|it|cos|coz|because|since|as)\b.*)?$", re.I)


# more of the same asked in so many words: a filter it lacks beside it still gets the list ("a few more still")
_MORE_ASKED = re.compile(r"\b(?:more|others?|another|again|next)\b", re.I)
# a film named before, as what a request starts from: "something like that but newer", "something similar but older"
_LIKE_THAT = re.compile(r"\b(?:like (?:that|it|this)(?: one| film| movie)?|similar)\b", re.I)


def _said_before_in(text: str, typed: str) -> bool:
    """Whether `typed` (a film taken back) is named in `text` before the words that take it back, as its own words."""
    first = text.lower().find(typed.lower())
    return 0 <= first and text.lower().find(typed.lower(), first + len(typed)) > first


def _asks_only_a_filter_it_lacks(intent: Recommend, asked: Constraints, text: str) -> bool:
    """ "something short", or after a list "only British ones, please": the one thing asked is a filter the catalogue
    lacks, said with no list that would pretend; not "a short comedy" (a comedy asked beside it), "more please, in
    English only" or "similar ones? and are they on prime" (films asked for in so many words)."""
    return bool(intent.unsupported) and (asked.empty and not intent.more or intent.constraints.empty and not intent.relative
                                         and not _MORE_ASKED.search(text)) \
        and not _LIKE_THAT.search(text) and not intent.excluded_movies


# talk about a film beside its removal, not another title: "didnt even finish it", "I only saw half"
_SAID_OF_IT = re.compile(r"\b(?:it|i|me|my|didn'?t|didnt|wasn'?t|was|even|only)\b", re.I)


def _moved_past(asked: Constraints, year: int, relative: str) -> Constraints:
    """The years of a request moved to after (`relative` "newer") or before ("older") a film's `year`, within those
    already asked or held where they agree."""
    if relative == "newer":
        low = max(year + 1, asked.min_year or 0)
        return replace(asked, min_year=low, max_year=asked.max_year if (asked.max_year or 0) >= low else None)
    high = min(year - 1, asked.max_year if asked.max_year is not None else year - 1)
    return replace(asked, max_year=high, min_year=asked.min_year if asked.min_year is not None
                   and asked.min_year <= high else None)


# where the words about one title end: the next sentence, or "also" / "and" before the next one
_NEXT_TITLE_OR_SENTENCE = re.compile(r"[.;!?](?:\s|$)|\b(?:also|and also|plus)\b", re.I)

_BARE_NO = re.compile(r"^\W*(?:no|nope|nah|no no|wait no|no wait|no,? put (?:it|them) back)\W*$", re.I)


def _of_a_series_named(unsure: Unsure, found: list[Movie]) -> Movie | None:
    """The one film a name may mean, where the message names another film of its series: "we watched Star Wars A New
    Hope and Empire" (The Empire Strikes Back), "Star Trek II ... The Motion Picture"; None otherwise."""
    if len(unsure.choices) != 1:
        return None
    [only] = unsure.choices
    return only if any(same_series(only.display_title, m.display_title) for m in found) else None


# a sentence, not a title, where nothing matched: "the heat today is unbearable" (four words or more around a verb
# "to be", opening with a determiner or pronoun and none capitalised after it: "Interstellar is my favourite" names a
# film it does not know; a title
# with such a verb, "Life Is Beautiful", is matched or guessed before this is asked)
_A_SENTENCE = re.compile(r"^\W*(?:the|my|our|your|his|her|their|this|that|it|its|today|tonight|we|i)(?:\W+(?-i:[a-z0-9']+))*?"
                         r"\W+(?:is|are|was|were|am)(?:\W+(?-i:[a-z0-9']+))+\W*$", re.I)
_SENTENCE_WORDS = 4


def _talk_not_a_title(typed: str) -> bool:
    """Words that read as talk or as a sentence of their own, not a title: said so when nothing matched them."""
    return looks_conversational(typed) or len(typed.split()) >= _SENTENCE_WORDS and bool(_A_SENTENCE.search(typed))


# which film of the latest add a correction takes back: "it was the Last Crusade, not Temple of Doom", "delete that
# last one, it was ..."
_NOT_BEFORE = re.compile(r"\bnot\s+$", re.I)
_THE_FIRST_TOO = re.compile(r"\b(?:and|plus)\s+the\s+(?:first|original)(?:\s+one)?\s*,?\s+(?:too|also|as\s+well)\b", re.I)
_THE_LAST_ONE = re.compile(r"\b(?:that|the|this)\s+last\s+one\b", re.I)


def _the_one_taken_back(turn: "_Turn", latest: list[Movie]) -> list[Movie]:
    """Of the films the latest add stored, the one the correction names after "not", or the last one where it says
    "that last one"; all of them where it says neither ("I meant Antz")."""
    if len(latest) < 2:
        return latest
    named = {m for s in turn.titles.spans(turn.text) if _NOT_BEFORE.search(turn.text[:s.start]) for m in s.movies}
    if said_not := [m for m in latest if m.movie_id in named]:
        return said_not
    return latest[-1:] if _THE_LAST_ONE.search(turn.text) else latest


class ChatService:
    def __init__(self, catalog: MovieCatalog, matcher: TitleMatcher, chain: DualRecChain, repo: Repository,
                 config: ServiceConfig = ServiceConfig(), reader: MentionReader | None = None,
                 acts: ActReader | None = None, feedback: FeedbackLog | None = None):
        """`reader`: the mention-status model that keeps movies not watched out of the history; `acts`: the
        message-act model that reads open language (None: the rules alone); `feedback`: the JSONL log every
        rating is appended to, and that "forget me" scrubs (None: the database alone)."""
        self.catalog = catalog
        self.reader = reader
        self.acts = acts
        self.feedback = feedback
        self.matcher = matcher
        self.chain = chain
        self.repo = repo
        self.config = config
        years = [m.year for m in catalog.movies if m.year]
        self.years = (min(years), max(years)) if years else None  # the catalogue's reach: asking past it is said
        self.known = render.known_movies(len(catalog), self.years[1] if self.years else None)
        wanted = config.prewarm and hasattr(chain.llm, "prefill")  # a local model; an endpoint caches on its own
        self._prewarmer = LatestOnlyWorker(self._prewarm_history, config.prewarm_delay_s) if wanted else None
        # what "I saw it" means for a user with no row yet ("is the matrix on netflix?" as a first message): held in
        # memory only, the latest MAX_UNSAVED_NAMED users, since a message that stores nothing writes nothing
        self._named_unsaved: OrderedDict[str, tuple[int, ...]] = OrderedDict()
        self._named_lock = threading.Lock()

    # -- the conversation ------------------------------------------------------------------------------
    def reply(self, user: str, text: str) -> Reply:
        """The final reply to one message (the last item of `reply_stream`)."""
        final = Reply("")
        for final in self.reply_stream(user, text):
            pass
        return final

    def reply_stream(self, user: str, text: str) -> Iterator[Reply]:
        """Drafts (`partial=True`) while the LLM writes, then the final reply; one reply for everything else.

        A message may hold several acts (bot.understanding): each is applied in order and the replies are joined;
        a request comes last and streams, with what the others did as its preface."""
        replies = self._replies(user, text)
        try:
            while True:
                use_threads(self.config.turn_threads)  # each step: Gradio resumes it on whichever thread is free
                try:
                    reply = next(replies)
                except StopIteration:
                    return
                yield reply
        finally:
            replies.close()

    def _replies(self, user: str, text: str) -> Iterator[Reply]:
        text = unshouted(clean_text(text)) if isinstance(text, str) else ""
        try:
            # markdown's marks left out ("**Heat** — 10/10"); a letter's greeting and sign-off left out, its
            # paragraphs one text ("Hello dear,\n\n...\n\nBernice")
            text = letter_body(unmarked(text), self.matcher.index)
            turn = _Turn(self.repo, user, MeteredIndex(self.matcher.index, WorkBudget(self.config.work)), text)
            if turn.user_id is None:
                turn.named_before = self._named_unsaved_before(user)
            if turn.state.unfinished:  # "I HAVE NOT SEEN", then "GLADIATOR. IS IT ANY GOOD": one sentence
                text = f"{turn.state.unfinished} {text}" if goes_on(text, turn.titles) else text  # "help" starts anew
                turn.state = replace(turn.state, unfinished="")
            elif broken_off(text) and not turn.titles.spans(text):
                turn.state = replace(turn.state, unfinished=text[:MAX_UNFINISHED])
                turn.save()
                yield Reply(render.GO_ON)
                return
            acts = read_acts(text, turn.titles, self.reader, self.acts)
            added_before = turn.state.last_added
            if (asked := turn.state.pending) is not None and asked.kind == "remove" and len(asked.choices) > 1:
                acts = removal_chosen(text, acts, asked.choices, turn.titles)  # "which one should I take off?"
            elif asked is not None and asked.kind == "choose":  # "Which movie is X: A or B?" "no, it was the 1995 one"
                acts = answer_said_first(text, version_answers(acts), turn.titles, self.reader, self.acts)
            if turn.state.last_unseen:  # "never seen the godfather", then "or godfather 2 obviously"
                acts = going_on_unseen(text, acts)
            if turn.state.said_unseen:  # "Is X worth it?" ... "Something similar to X then": X is not stored
                acts = self._start_not_stored(turn, acts)
            done: list[Reply] = []
            for act in policy.steps(acts, lambda: turn.state, text):  # the policy decides; this runs it
                if policy.streams(act):
                    # "ask when you are ready" is moot beside the request it would invite
                    preface = "\n\n".join(t for r in done if (t := r.text.replace(f"\n\n{render.ASK_WHEN_READY}", "")))
                    # what the earlier acts did rides on the reply: the page shows the history after the turn
                    changed, forgotten = any(r.history_changed for r in done), any(r.forgotten for r in done)
                    final = None
                    for final in self._recommend(turn, text, act, preface):
                        yield replace(final, history_changed=final.history_changed or (changed and not final.partial),
                                      forgotten=forgotten)
                    done.append(final)
                    break
                done.append(self._run(turn, act))
            else:
                yield Reply("\n\n".join(r.text for r in done if r.text),
                            choices=tuple(m for r in done for m in r.choices),
                            history_changed=any(r.history_changed for r in done),
                            forgotten=any(r.forgotten for r in done))
            # "is X on netflix?", "never seen X": the films "I saw it" may mean next
            said_apart = any(isinstance(act, (NotWatched, CannotAnswer)) for act in acts)
            # "actually I never saw it" takes back an add of this message only (a new tuple, written by after_adding)
            added_now = bool(turn.state.last_added) and turn.state.last_added is not added_before and not any(
                isinstance(a, Recommend) for a in acts)  # "I watched Heat, what next?" then "I haven't seen it": a list's
            turn.state = replace(turn.state, last_unseen=any(isinstance(a, NotWatched) for a in acts),
                                 just_added=added_now)
            named = self._named_not_stored(turn, text) if said_apart else ()
            if not named and acts and all(isinstance(a, (CannotAnswer, SmallTalk)) for a in acts) \
                    and not turn.titles.spans(text) and not turn.titles.unnamed(text):
                named = turn.named_before  # "What's the story on it, roughly?": a question of it (no film named) keeps it
            if acts and all(isinstance(a, SmallTalk) for a in acts):
                # "Fine, I'll give it a go tonight": talk keeps the film the message before named for "watched it"
                if turn.user_id is None:
                    self._remember_unsaved(user, turn.named_before)
            elif turn.user_id is None and replace(turn.state, last_named=()) == DialogueState():
                self._remember_unsaved(user, named)  # a question alone writes no user's row
            else:
                turn.state = replace(turn.state, last_named=named)
            turn.save()
            if any(r.history_changed for r in done):
                self._prewarm(turn.user_id)
        except DatabaseError as exc:
            yield Reply(render.NOT_SAVED.format(error=exc))

    def _named_not_stored(self, turn: _Turn, text: str) -> tuple[int, ...]:
        """The movies this message named outright (one each) that are not in the history after it: what "I saw
        it" the next turn stores. Within the message's budget (none past it)."""
        # said watched: an everyday word named in a question is its title here ("is heat on netflix?")
        named = list(dict.fromkeys(s.movies[0] for s in sentence_spans(text, turn.titles, said_watched=True)
                                   if len(s.movies) == 1))
        if not named or turn.user_id is None:
            return tuple(named)
        stored = set(self.repo.history(turn.user_id))
        return tuple(m for m in named if m not in stored)

    def _remember_unsaved(self, user: str, named: tuple[int, ...]) -> None:
        with self._named_lock:
            self._named_unsaved.pop(user, None)
            if named:
                self._named_unsaved[user] = named
                while len(self._named_unsaved) > MAX_UNSAVED_NAMED:
                    self._named_unsaved.popitem(last=False)

    def _named_unsaved_before(self, user: str) -> tuple[int, ...]:
        with self._named_lock:
            return self._named_unsaved.pop(user, ())

    def _run(self, turn: _Turn, act) -> Reply:
        """Every act but a request, by the policy's action; clears the question the message found open unless the
        policy keeps it."""
        if not policy.keeps_question(act) and turn.state.pending is not None and turn.state.pending == turn.asked_before:
            turn.state = replace(turn.state, pending=None)  # a question asked by this message stays open
        return getattr(self, f"_{policy.action_for(act)}")(turn, act)

    def _reject(self, turn: _Turn, act: Rejected) -> Reply:
        return Reply(act.reason)

    def _help(self, turn: _Turn, act: Help) -> Reply:
        return Reply(render.HELP_TEXT)

    def _small_talk(self, turn: _Turn, act: SmallTalk) -> Reply:
        if act.kind == "who":
            return Reply(render.who_i_am(len(self.catalog), self.years[1] if self.years else None,
                                         int(self.catalog.rating_counts.sum())))
        return Reply(render.SMALL_TALK[act.kind])

    def _forget_me(self, turn: _Turn, act: ForgetMe) -> Reply:
        """Typed "forget me" is done at once: the words are the request, and people expect their data gone when
        they say so (the page's button asks first: a click is easy to make by mistake)."""
        if turn.user_id is None:
            return Reply(render.NOTHING_STORED)
        return self._forget_now(turn)

    def _forget_now(self, turn: _Turn) -> Reply:
        said = self.forget(turn.user)
        turn.forgotten()
        return Reply(said, history_changed=True, forgotten=said.startswith(render.ALL_DELETED))

    def _set_taste(self, turn: _Turn, act: SetTaste) -> Reply:
        turn.state = with_standing_years(with_tastes(turn.state, act.disliked_genres, act.allowed_genres,
                                                     act.only_genres), act)
        movies = [m for m in act.disliked_movies if m in self.catalog]
        if movies:
            turn.state = replace(turn.state, ruled_out=tuple(dict.fromkeys(turn.state.ruled_out + tuple(movies))))
        turn.writer()
        genres = act.disliked_genres or act.allowed_genres or act.only_genres
        years = act.min_year is not None or act.max_year is not None
        return Reply(" ".join(filter(None, [
            render.tastes_noted(act.disliked_genres, act.allowed_genres, act.only_genres)
            if genres or not (movies or years or act.any_year) else "",
            render.standing_years_noted(act.min_year, act.max_year) if years else "",
            render.ANY_YEAR_NOTED if act.any_year else "",
            render.movies_disliked([as_plain_text(self.catalog.by_id(m).display_title) for m in movies])])))

    def _show_history(self, turn: _Turn, act: ShowHistory) -> Reply:
        return Reply(self._history_text(turn.user_id))

    def _start_over(self, turn: _Turn, act: StartOver) -> Reply:
        """Clears the history at once, as asked; "undo" (or "no" right after) puts the movies back."""
        history = tuple(self.repo.history(turn.user_id)) if turn.user_id is not None else ()
        if not history:
            turn.state = replace(turn.state, shown=(), last_shown=(), last_added=())
            return Reply(render.HISTORY_EMPTY)
        removed = self.repo.clear_history(turn.user_id, history)
        turn.state = replace(turn.state, shown=(), last_shown=(), last_added=(), last_guessed=(), last_undone=(),
                             last_removed=history, pending=Pending("start_over", choices=history))
        return Reply(render.HISTORY_CLEARED.format(removed=removed), history_changed=bool(removed))

    def _explain(self, turn: _Turn, act: Explain) -> Reply:
        """"why that one?", "why Heat?": the reason shown with a recommendation or, for a movie not suggested, where
        the sequence model puts it. Reads only."""
        shown = [m for m in turn.state.last_shown if m in self.catalog]
        if act.title:
            movie = self._named_to_explain(turn, act.title)
            if movie is None:
                return Reply(render.EXPLAIN_UNKNOWN.format(typed=as_plain_text(act.title)))
            return Reply(self._why(turn, movie))
        if not shown:
            return Reply(render.NOTHING_SHOWN)
        if act.every:
            return Reply("\n\n".join(self._why(turn, self.catalog.by_id(m)) for m in shown))
        if act.index is not None and not -len(shown) <= act.index < len(shown):
            return Reply(render.EXPLAIN_NO_SUCH.format(count=len(shown)))
        why = self._why(turn, self.catalog.by_id(shown[act.index or 0]))  # "why?" after a list: its first movie
        return Reply(" ".join([why, render.EXPLAIN_OTHERS]) if act.index is None and len(shown) > 1 else why)

    def _named_to_explain(self, turn: _Turn, typed: str) -> Movie | None:
        """The movie "why X?" asks about: one suggested in this conversation that `typed` spells or nearly spells,
        else the one the matcher finds (a doubtful match: the one of its choices that was suggested, or its best
        guess, which the answer names), else None."""
        suggested = [self.catalog.by_id(m) for m in dict.fromkeys(
            (*reversed(turn.state.last_shown), *(m for m, _, _ in reversed(turn.state.reasons)),
             *reversed(turn.state.shown))) if m in self.catalog]
        sure, _ = closest_in_history(typed, suggested)
        if sure is not None:
            return sure
        resolved = self._resolve(turn, split_titles(typed), said_watched=False)
        if resolved.movies:
            return resolved.movies[0]
        ids = {m.movie_id for m in suggested}
        return next((m for u in resolved.unsure for m in u.choices if m.movie_id in ids),
                    next((u.likely for u in resolved.unsure if u.likely is not None), None))

    def _why(self, turn: _Turn, movie: Movie) -> str:
        label = movie_markdown(movie)
        kept = turn.state.reason_for(movie.movie_id)
        if kept is not None:
            return render.explain_shown(label, kept[1], kept[0], render.tagged_words(movie))
        history = self.repo.history(turn.user_id) if turn.user_id is not None else []
        if movie.movie_id in history:
            return render.EXPLAIN_WATCHED.format(label=label)
        if not history:
            return render.EXPLAIN_NO_HISTORY.format(label=label)
        ratings = self.repo.ratings(turn.user_id)
        rank, total, drivers = self.chain.standing(
            history, movie.movie_id, liked=[m for m, v in ratings.items() if v > 0],
            disliked=[m for m, v in ratings.items() if v < 0] + list(turn.state.ruled_out))
        return render.explain_computed(label, rank, total,
                                       [as_plain_text(self.catalog.by_id(m).display_title) for m in drivers],
                                       shown=movie.movie_id in turn.state.shown)

    def _cannot_answer(self, turn: _Turn, act: CannotAnswer) -> Reply:
        return Reply(render.CANNOT_ANSWER[act.topic])

    def _add_watched(self, turn: _Turn, act: AddWatched) -> Reply:
        # "Scream, the first one, ...": the piece that says which film the one before is, not the latest add's first
        return self._add(turn, self._numbers_in_series(turn, _without_descriptions(act.titles)), liked=act.liked,
                         guessed=act.guessed)

    def _numbers_in_series(self, turn: _Turn, titles: TitleList) -> TitleList:
        """A piece that is a sequel number alone ("and part 2 yesterday" after Back to the Future) names that film
        of the latest add's series; with no add before it, it stays as typed (and names nothing)."""
        numbers = {piece: n for piece in titles.titles if (n := number_said(piece))}
        if not numbers or not turn.state.last_added or turn.user_id is None:
            return titles
        latest = [m for m in self._history_movies(turn.user_id) if m.movie_id in turn.state.last_added]
        if not latest:
            return titles
        series = series_of(latest[-1].display_title)

        def numbered(n: str) -> str:  # "the third one" after Aliens: "alien 3", the name the series is numbered by
            named = [f"{name} {n}" for name in (series, series[:-1] if series.endswith("s") else "") if name]
            return next((name for name in named if turn.titles.lookup(name)[0]), named[0])

        named = {piece: series if n == "1" else numbered(n) for piece, n in numbers.items()}
        lines = [TitleLine(tuple(named.get(p, p) for p in line.pieces), line.joiners) for line in titles.lines]
        return TitleList(tuple(lines), titles.skipped)

    def _remove_watched(self, turn: _Turn, act: RemoveWatched) -> Reply:
        if act.all_but:
            held = [m.movie_id for m in self._history_movies(turn.user_id)] if turn.user_id is not None else []
            titles = self._all_but_named(turn, act, held)
            return self._remove(turn, titles) if titles.titles else Reply(render.NOTHING_TO_REMOVE)
        return self._remove(turn, act.titles)

    def _answer(self, turn: _Turn, answer: Answer) -> Reply:
        pending = turn.state.pending
        turn.state = replace(turn.state, pending=None)
        if pending is None:
            return Reply(render.NO_QUESTION)
        if pending.kind == "forget":  # "delete everything?" asked before "forget me" was done at once (a kept state)
            return self._forget_now(turn) if answer.yes else Reply(render.NOTHING_DELETED_NOW)
        if answer.every and pending.kind == "choose":  # "both of them": every version of the name
            return self._store_every(turn, [m for m in pending.choices if m in self.catalog])
        if pending.kind == "seen":  # "did you watch X yourself?"
            chosen = pending.choices[0] if pending.choices else None
            if chosen not in self.catalog:
                return Reply(render.NOTHING_TO_UNDO)
            if not (answer.yes or answer.every):
                return Reply(render.NOT_SEEN_NOTED.format(movie_label=movie_markdown(self.catalog.by_id(chosen))))
            return self._store_chosen(turn, chosen)
        if pending.kind == "remove" and len(pending.choices) > 1:  # "which one should I take off?": "the second"
            years = {m: self.catalog.by_id(m).year for m in pending.choices if m in self.catalog}
            chosen = choice_for(pending, answer.index, answer.year, years, answer.age, answer.decade)
            if chosen is None or answer.yes is not None:
                return Reply(render.REMOVE_KEPT)
            pending = replace(pending, choices=(chosen,))
            answer = replace(answer, yes=True)
        if pending.kind == "remove":  # "did you mean X?" after a misspelt "remove"
            chosen = pending.choices[0] if pending.choices else None
            if not (answer.yes or answer.index in (0, -1)) or turn.user_id is None or chosen not in self.catalog:
                return Reply(render.REMOVE_KEPT)
            removed = self.repo.remove_watched(turn.user_id, chosen)
            turn.state = after_removing(turn.state, [chosen]) if removed else turn.state
            label = movie_markdown(self.catalog.by_id(chosen))
            return Reply((render.REMOVED if removed else render.NOT_IN_HISTORY).format(label=label),
                         history_changed=removed)
        if pending.kind == "start_over":  # a bare "no" right after the history was cleared: it goes back
            if answer.yes or turn.user_id is None or not _BARE_NO.match(turn.text):
                turn.state = replace(turn.state, last_removed=())  # "yes": the clear stands, "undo" keeps to it
                return Reply(render.ALREADY_CLEARED)
            back = [m for m in pending.choices if m in self.catalog]
            added = self.repo.add_watched(turn.writer(), back, source="chat")
            turn.state = replace(turn.state, last_removed=())
            return Reply(render.put_back([movie_markdown(self.catalog.by_id(m)) for m in added]),
                         history_changed=bool(added))
        if answer.yes is False:
            return Reply(render.LEFT_OUT.format(typed=as_plain_text(pending.text)))
        years = {m: self.catalog.by_id(m).year for m in pending.choices if m in self.catalog}
        chosen = choice_for(pending, answer.index, answer.year, years, answer.age, answer.decade) if answer.kind is None else \
            chosen_by_kind(pending.choices, {m: self.catalog.by_id(m).genres for m in years}, answer.kind)
        if chosen is None or chosen not in self.catalog:
            turn.state = replace(turn.state, pending=pending)  # still open: ask again
            listed = " or ".join(movie_markdown(self.catalog.by_id(m)) for m in pending.choices if m in self.catalog)
            return Reply(render.WHICH_ONE.format(listed=listed))
        return self._store_chosen(turn, chosen)

    def _store_every(self, turn: _Turn, movie_ids: list[int]) -> Reply:
        """Every choice a "which one?" offered ("both of them") goes in; one in the history already is said so."""
        if not movie_ids:
            return Reply(render.NOTHING_TO_UNDO)
        added = list(self.repo.add_watched(turn.writer(), movie_ids, source="chat"))
        turn.state = after_adding(turn.state, added)
        lines = [render.ADDED.format(labels="; ".join(movie_markdown(self.catalog.by_id(m)) for m in added))] if added else []
        if already := [m for m in movie_ids if m not in added]:
            lines.append(render.ALREADY.format(labels="; ".join(movie_markdown(self.catalog.by_id(m)) for m in already)))
        return Reply("\n\n".join(lines), history_changed=bool(added))

    def _store_chosen(self, turn: _Turn, movie_id: int) -> Reply:
        """The movie an answer chose ("the second one", "yes" to "did you watch X yourself?") goes in."""
        added = self.repo.add_watched(turn.writer(), [movie_id], source="chat")
        turn.state = after_adding(turn.state, list(added))  # "undo" takes it back
        return Reply(render.CHOSE.format(movie_label=movie_markdown(self.catalog.by_id(movie_id))), history_changed=True)

    def _undo(self, turn: _Turn, act: Undo) -> Reply:
        """Takes back the latest add ("undo"), only what it added on a best guess ("wrong one"), or only the last
        movie it added ("remove the last one")."""
        only_guess, last_only = act.only_guess, act.last_only
        last = [m for m in (turn.state.last_guessed if only_guess else turn.state.last_added) if m in self.catalog]
        kept = last[:-1] if last_only else []
        last = last[-1:] if last_only else last
        if act.both and len(last) != 2 and turn.user_id is not None:  # "add Speed", "and Twister", "remove both of them"
            last = [m for m in self.repo.history(turn.user_id) if m in self.catalog][-2:]
        if act.restore or (not last and not only_guess and not last_only and not act.takes_out
                           and turn.state.last_removed):
            return self._put_back(turn)
        if act.one_of and len(last) > 1:  # "one of those was my flatmate's": which, before anything goes
            turn.state = replace(turn.state, pending=Pending("remove", "", tuple(last)))
            return Reply(render.remove_which([movie_markdown(self.catalog.by_id(m)) for m in last]))
        turn.state = after_adding(turn.state, kept)
        removed = [m for m in last if self.repo.remove_watched(turn.user_id, m)] if turn.user_id is not None else []
        if not removed:
            return Reply(render.NOTHING_TO_UNDO)
        turn.state = replace(turn.state, last_undone=tuple(removed))  # "no sorry, I did watch it. put it back"
        return Reply(render.undone([movie_markdown(self.catalog.by_id(m)) for m in removed], ask_which=only_guess),
                     history_changed=True)

    def _put_back(self, turn: _Turn) -> Reply:
        """Undo after a removal, or "put it back" after one or after an undo: the movies taken out go back in (a
        second "undo" takes them out again)."""
        back = [m for m in turn.state.last_removed or turn.state.last_undone if m in self.catalog]
        added = self.repo.add_watched(turn.writer(), back, source="chat") if back and turn.user_id is not None else []
        if not added:
            return Reply(render.NOTHING_TO_UNDO)  # the latest add stays what "undo" takes back
        turn.state = after_adding(turn.state, list(added))
        return Reply(render.put_back([movie_markdown(self.catalog.by_id(m)) for m in added]), history_changed=True)

    def _seen_those(self, turn: _Turn, act: SeenThose) -> Reply:
        if act.it:  # "ok I saw it years ago anyway": the one movie the last message named and did not store
            named = [m for m in turn.named_before if m in self.catalog]
            if len(named) != 1 and len(turn.state.last_added) == 1 and turn.state.last_added[0] in self.catalog:
                # "me and my dad watched airplane", then "yes I saw it": stored already
                return Reply(render.ALREADY.format(labels=movie_markdown(self.catalog.by_id(turn.state.last_added[0]))))
            if len(named) != 1:
                return Reply(render.WHICH_IT)
            if _THE_FIRST_TOO.search(turn.text):  # "we've both seen it, and the first one too": its series' first
                first = series_members(series_of(self.catalog.by_id(named[0]).display_title), turn.titles)[:1]
                named = [*(m for m in first if m != named[0]), *named]
            added = self.repo.add_watched(turn.writer(), named, source="chat")
            turn.state = after_adding(turn.state, list(added))
            labels = "; ".join(movie_markdown(self.catalog.by_id(m)) for m in named)
            return Reply(render.ADDED.format(labels=labels), history_changed=bool(added))
        shown = [m for m in turn.state.last_shown if m in self.catalog]
        if act.index is not None:  # "i've already seen the first one": that one of the list
            shown = shown[act.index:act.index + 1]
        if not shown:
            return Reply(render.NOTHING_SHOWN)
        added = self.repo.add_watched(turn.writer(), shown, source="chat")
        turn.state = after_adding(turn.state, list(added))
        labels = "; ".join(movie_markdown(self.catalog.by_id(m)) for m in added)
        return Reply(render.ADDED.format(labels=labels) if added else "", history_changed=bool(added))

    def _resolve(self, turn: _Turn, titles: TitleList, said_watched: bool = True):
        return resolve_titles(titles, self.matcher, self.config.sure, budget=turn.budget, index=turn.titles,
                              said_watched=said_watched)

    def _add(self, turn: _Turn, titles: TitleList, liked: bool = False, guessed: bool = False) -> Reply:
        """`guessed`: no verb said these are titles: a message naming no movie at all may be anything else. The
        pieces that only describe a film are taken out by the callers that read typed words (`_without_descriptions`)."""
        resolved = self._resolve(turn, titles, said_watched=not guessed)
        typed = " ".join(titles.titles)
        if guessed and not resolved.movies and (film := described_as_a_film(typed, turn.titles)) is not None:
            return self._add(turn, TitleList.listed([film.text]), liked)  # "speed was fun but way too long"
        if guessed and (asked := self._ask_film_meant(turn, typed, resolved)) is not None:
            return Reply(asked)
        if (guessed and _talk_not_a_title(typed) and not resolved.movies
                and all(not u.choices and u.likely is None for u in resolved.unsure)):
            return Reply(render.NOT_UNDERSTOOD.format(typed=as_plain_text(typed)))
        best_guesses = [(u.likely, u.text) for u in resolved.unsure if u.likely is not None]
        found = list(dict.fromkeys(x if isinstance(x, Movie) else x.likely for x in resolved.in_order
                                   if isinstance(x, Movie) or x.likely is not None))  # in the order typed
        added: set[int] = set()
        if found:
            added = set(self.repo.add_watched(turn.writer(), [m.movie_id for m in found], source="chat"))
        lines = []
        if added:
            lines.append(render.ADDED.format(labels="; ".join(movie_markdown(m) for m in found if m.movie_id in added)))
        already = [m for m in found if m.movie_id not in added]
        if already:
            lines.append(render.ALREADY.format(labels="; ".join(movie_markdown(m) for m in already)))
        for movie, typed in best_guesses:
            lines.append(render.BEST_GUESS.format(movie_label=movie_markdown(movie), typed=as_plain_text(typed)))
        turn.state = after_adding(turn.state, [m.movie_id for m in found if m.movie_id in added],
                                  [m.movie_id for m, _ in best_guesses])
        choices: tuple[Movie, ...] = ()
        # films this message names (as typed, or one version of a name by its year): talk beside them is no title
        names_films = bool(found) or any(u.choices and self._version_named(turn, u) for u in resolved.unsure)
        # "a double feature of both versions of The Fly": the one name of several versions said, every version watched
        every_version = sum(bool(u.choices) for u in resolved.unsure) == 1 and both_versions_said(turn.text)
        for unsure in resolved.unsure:
            if unsure.likely is not None:
                continue
            if unsure.choices and every_version:
                versions = list(unsure.choices)
                stored = self.repo.add_watched(turn.writer(), [m.movie_id for m in versions], source="chat")
                turn.state = after_adding(turn.state, list(turn.state.last_added) + list(stored),
                                          list(turn.state.last_guessed))
                lines.insert(0, render.ADDED.format(labels="; ".join(movie_markdown(m) for m in versions)))
                added.update(stored)
                continue
            version = self._version_named(turn, unsure) or _of_a_series_named(unsure, found) if unsure.choices else None
            if version is not None:
                if self.repo.add_watched(turn.writer(), [version.movie_id], source="chat"):
                    turn.state = after_adding(turn.state, list(turn.state.last_added) + [version.movie_id],
                                              list(turn.state.last_guessed))
                    lines.insert(0, render.ADDED.format(labels=movie_markdown(version)))
                    added.add(version.movie_id)
                else:
                    lines.append(render.ALREADY.format(labels=movie_markdown(version)))
                continue
            if unsure.choices:
                listed = " or ".join(movie_markdown(m) for m in unsure.choices)
                if turn.state.pending is None:  # one question at a time; "yes", "the first one", "2" answer it
                    turn.state = replace(turn.state, pending=Pending("choose", unsure.text,
                                                                     tuple(m.movie_id for m in unsure.choices)))
                    lines.append(render.which_movie(as_plain_text(unsure.text), list(unsure.choices)))
                else:
                    lines.append(render.NOT_SURE_WHICH.format(typed=as_plain_text(unsure.text), listed=listed))
                choices += unsure.choices
            elif not (names_films and not unsure.near and talk_beside_titles(unsure.text)):
                lines.append(self._not_known(unsure))  # talk beside the films found is no unknown title
        if titles.skipped:
            lines.append(render.LIST_CUT.format(read=len(titles.titles), skipped=titles.skipped))
        if added and turn.state.pending is None:
            lines.append(render.ASK_WHEN_READY)
        return Reply("\n\n".join(lines), choices=choices, history_changed=bool(added))

    def _ask_film_meant(self, turn: _Turn, typed: str, resolved) -> str | None:
        """Where no verb said a film was watched and the only name is also everyday words, a verdict on it ("Heat
        was great") or a near spelling ("dinner was great": Diner?): the question whether the film is meant, with
        "yes" set to store it; None when the words name a film surely or ask something else."""
        if resolved.movies or turn.state.pending is not None or any(u.choices and u.likely is None for u in resolved.unsure):
            return None
        guesses = [u for u in resolved.unsure if u.likely is not None]
        if len(guesses) == 1 and len(resolved.unsure) == 1 and everyday_name(strip_article(normalize_title(guesses[0].text))):
            movie = guesses[0].likely
        elif not guesses and (span := verdict_on_a_name(typed, turn.titles)) is not None:
            movie = self.catalog.by_id(span.movies[0])
        else:
            return None
        if turn.user_id is not None and movie.movie_id in self.repo.history(turn.user_id):
            return render.ALREADY.format(labels=movie_markdown(movie))
        turn.state = replace(turn.state, pending=Pending("seen", typed, (movie.movie_id,)))
        return render.ASK_FILM_MEANT.format(movie_label=movie_markdown(movie))

    def _version_named(self, turn: _Turn, unsure: Unsure) -> Movie | None:
        """The one of several versions of a name ("Cape Fear" 1962 and 1991) that the message names beside it by a
        year, "original" / "remake" or its kind ("the musical one"); None when it names none."""
        # the words right after this title first ("The Fly - the '86 one ..., also Cape Fear, the '91 one"), then the
        # whole message's
        at = turn.text.lower().find(unsure.text.lower()) if unsure.text else -1
        near = _NEXT_TITLE_OR_SENTENCE.split(turn.text[at + len(unsure.text):], maxsplit=1)[0] if at >= 0 else ""
        for words in (near, turn.text):
            said = version_said(words, strong_only=True) if words else None
            if said is not None and (chosen := version_chosen(list(unsure.choices), said)) is not None:
                return chosen
            # "little shop of horrors, the musical one with the plant": the one version of that kind
            if words and (kind := version_kind(words)) is not None \
                    and (chosen := version_chosen(list(unsure.choices), Answer(kind=kind))) is not None:
                return chosen
        return None

    def _not_known(self, unsure: Unsure) -> str:
        """Why a title names no movie, as precisely as the resolution knows it."""
        typed, known = as_plain_text(unsure.text), self.known
        near = " and ".join(movie_markdown(m) for m in unsure.near)
        if unsure.reason == "outside":
            return render.OUTSIDE_TITLE.format(typed=typed, title=as_plain_text(unsure.outside), known=known)
        if unsure.reason == "newer":
            return render.NEWER_FILM.format(typed=typed, known=known)
        if unsure.reason == "sequel" and near:
            return render.SEQUEL_UNKNOWN.format(typed=typed, listed=near)
        if unsure.reason == "joined" and near:
            return render.JOINED_TITLE.format(typed=typed, known=known, listed=near)
        return render.UNKNOWN_TITLE.format(typed=typed, known=known)

    def _all_but_named(self, turn: _Turn, act: RemoveWatched, held: list[int]) -> TitleList:
        """"keep ronin, remove the rest": every film but those the keeping words name (a series' name keeps all its
        films), of the latest add when it holds them all, else (or for "everything except") of the whole history;
        where those words name no film of the history, the names said, which the removal reports as not there."""
        named = turn.titles.spans(act.all_but, all_tiers=True)
        kept = {m for span in named for m in span.movies if m in held}
        added = [m for m in turn.state.last_added if m in held]
        pool = added if kept and not act.of_all and len(added) >= 2 and kept <= set(added) else held
        gone = [self.catalog.by_id(m).label for m in pool if m not in kept] if kept else [span.text for span in named]
        return TitleList.listed(gone) if gone else act.titles

    def _ordinals_of_last_add(self, turn: _Turn, titles: TitleList, held: set[int]) -> TitleList:
        """"drop the second one" right after "watched amadeus, gandhi and the last emperor": an ordinal alone names
        that film of the latest add of several, in the order told, or of a latest add of one, that film's series in
        the history (`held`: the history's movie ids, read once by the removal)."""
        added = [m for m in turn.state.last_added if m in self.catalog]
        if turn.state.last_shown:
            return titles  # after a list, "the second one" may be its second suggestion: no guess
        # a number alone ("remove 2 and 3") is a place only in an add of several films, not of one series ("Star
        # Trek II, III, and IV", then "I never finished III. Remove it.": the number is the film's own)
        several = len({series_of(self.catalog.by_id(m).display_title) for m in added}) > 1
        if len(added) == 1:
            # "watched ghostbusters", "and ghostbusters 2", "remove the second one": the films of the series of the
            # latest add that the history holds, oldest first
            series = series_of(self.catalog.by_id(added[0]).display_title)
            added = sorted((m for m in series_members(series, turn.titles) if m in held and m in self.catalog),
                           key=lambda m: (self.catalog.by_id(m).year or 0, m))
        if len(added) < 2:
            return titles
        def named(piece: str) -> str:
            said = _ORDINAL_PIECE.match(piece.strip())
            if said is None or said["n_bare"] and not several:
                return piece
            if said["n_bare"]:
                index = int(said["n_bare"]) - 1
            else:
                n = (said["n"] or said["n_said"]).lower()
                index = len(added) // 2 if n == "middle" else ORDINAL_INDEX[n]
            return self.catalog.by_id(added[index]).label if index < len(added) else piece

        def others(line: TitleLine) -> TitleLine:
            if not any(_THE_OTHERS.match(p.strip()) for p in line.pieces):
                return TitleLine(tuple(named(p) for p in line.pieces), line.joiners)
            # "I have only seen Mr. Holland's Opus; please remove the other two": the latest add but what is named
            kept = {m for span in turn.titles.spans(turn.text) for m in span.movies} | {
                added[i] for place in _A_PLACE_SAID.findall(turn.text) if (i := ORDINAL_INDEX[place.lower()]) < len(added)}
            pieces = [label for p in line.pieces for label in (
                [self.catalog.by_id(m).label for m in added if m not in kept] if _THE_OTHERS.match(p.strip())
                else [named(p)])]
            return TitleLine(tuple(pieces), (", ",) * (len(pieces) - 1))
        return TitleList(tuple(others(line) for line in titles.lines), titles.skipped)

    def _remove(self, turn: _Turn, titles: TitleList) -> Reply:
        """Remove a movie the words surely name, or, for words that name none surely, the movie of the history
        they spell or nearly spell ("remove shpere": Sphere; the history is a handful of titles, so a slip is told
        apart safely). A title the words surely name is never swapped for a near one: "remove Aliens" leaves
        Alien. A doubtful spelling is asked about ("did you mean X?"), not removed."""
        user_id = turn.user_id
        left = {m.movie_id: m for m in self._history_movies(user_id)}
        resolved = self._resolve(turn, self._ordinals_of_last_add(turn, titles, set(left)))
        lines, taken = [], []
        for movie in resolved.movies:
            if movie.movie_id in left and self.repo.remove_watched(user_id, movie.movie_id):
                taken.append(movie.movie_id)
                del left[movie.movie_id]
                lines.append(render.REMOVED.format(label=movie_markdown(movie)))
            else:
                lines.append(render.NOT_IN_HISTORY.format(label=movie_markdown(movie)))
                if user_id is not None:  # no user: nothing stored, none written
                    # "Leave out Chariots of Fire ... Others?": a film not watched that is taken off is kept out of
                    # the lists that go on from here
                    turn.state = replace(turn.state, last_excluded=tuple(dict.fromkeys(turn.state.last_excluded
                                                                                       + (movie.movie_id,))))
        for unsure in resolved.unsure:
            sure, near = closest_in_history(unsure.text, list(left.values()))
            if sure is None:  # "remove part 2 actually": the one film of the history named so
                sure = fragment_in_history(unsure.text, list(left.values()), turn.titles.names_of)
            if sure is None:  # "take Dial M off": the one film whose title starts so
                sure = start_in_history(unsure.text, list(left.values()), turn.titles.titles_starting)
            if sure is None:  # "take the Empire one off"
                sure = named_one_in_history(unsure.text, list(left.values()))
            if sure is None and not unsure.choices and looks_conversational(unsure.text):
                continue  # "..., that was my dad not me": talk beside the removal, not a title
            near = near or next((m for m in unsure.choices if m.movie_id in left), None) if sure is None else None
            if sure is None and near is None and not unsure.choices and taken and _SAID_OF_IT.search(unsure.text):
                continue  # "remove the second one, didnt even finish it": the reason beside a film removed
            if sure is not None and self.repo.remove_watched(user_id, sure.movie_id):
                taken.append(sure.movie_id)
                del left[sure.movie_id]
                spelled = normalize_title(unsure.text) in {normalize_title(sure.display_title), normalize_title(sure.label)}
                lines.append((render.REMOVED if spelled else render.REMOVED_AS_TYPED).format(
                    label=movie_markdown(sure), typed=as_plain_text(unsure.text)))
            elif near is not None and turn.state.pending is None:  # one question at a time; "yes" removes it
                turn.state = replace(turn.state, pending=Pending("remove", unsure.text, (near.movie_id,)))
                lines.append(render.REMOVE_ASK.format(typed=as_plain_text(unsure.text), near_label=movie_markdown(near)))
            elif near is not None:
                lines.append(render.REMOVE_NEAR.format(typed=as_plain_text(unsure.text), near_label=movie_markdown(near),
                                                       near_title=as_plain_text(near.label)))
            else:
                lines.append(render.NOT_IN_HISTORY.format(label=f"“{as_plain_text(unsure.text)}”"))
        if taken:  # "undo" now puts these back; it never takes back an earlier add
            turn.state = after_removing(turn.state, taken)
        elif lines and turn.state.pending is None and user_id is not None:  # no user: nothing stored, none written
            turn.state = replace(turn.state, removal_missed=True)
        if not lines:  # only talk where a title was looked for ("remove everything I've told you about ..."): say so
            lines.append(render.REMOVE_NAMED_NOTHING)
        return Reply("\n\n".join(lines), history_changed=bool(taken))

    def _in_history(self, turn: _Turn, typed: str, history: list[Movie]) -> Movie | None:
        """The movie of the history that `typed` surely names: spelt as one of them, or named surely by the
        matcher; None when unsure. A name that is exactly another catalogue movie's names that one, not a history
        movie spelt like it: "haven't seen Aliens" leaves Alien in the history."""
        if THE_NAMED_ONE.match(typed):
            return named_one_in_history(typed, history)  # "the Empire one"
        name = split_mention(typed)[0]
        named, _ = turn.titles.lookup(name)
        if named:
            held = [m for m in history if m.movie_id in named] or [
                m for m in history if m.movie_id in turn.titles.lookup(name, all_tiers=True)[0]]
            return held[0] if len(held) == 1 else None
        sure, _ = closest_in_history(typed, history)
        if sure is not None:
            return sure
        if (ending := fragment_in_history(typed, history, turn.titles.names_of)) is not None:
            return ending  # "not Zhivago" with Doctor Zhivago in the history
        ids = {m.movie_id for m in history}
        return next((m for m in self._resolve(turn, split_titles(typed)).movies if m.movie_id in ids), None)

    def _correct_sequel(self, turn: _Turn, act: Correct, history: list[Movie]) -> Reply:
        """"no wait it was part 2", "I meant part 3, not part 2": the film of that number in the series of the latest
        add goes in, and the one it replaces leaves, once the new one is found."""
        latest = [m for m in history if m.movie_id in turn.state.last_added]
        if not latest:  # no add to correct: a number alone names no film
            return Reply(render.NOTHING_TO_CORRECT)
        base = latest[-1]
        series = series_of(base.display_title)

        def numbered(number: str) -> str:
            return series if number == "1" else f"{series} {number}"

        gone = self._in_history(turn, numbered(act.old_sequel), history) if act.old_sequel else base
        if act.sequel == NEXT_IN_SERIES:  # "that was the sequel": the film after it in the series, by title
            members = [self.catalog.by_id(m) for m in series_members(series, turn.titles) if m in self.catalog]
            later = [m for m in members if m.year and base.year and m.year > base.year]
            if not later:
                return Reply(render.NOTHING_TO_CORRECT)
            added = self._add(turn, split_titles(f"{later[0].display_title} ({later[0].year})"))
        else:
            added = self._add(turn, split_titles(numbered(act.sequel)))
        if not added.history_changed or gone is None or gone.movie_id in turn.state.last_added:
            return added
        removed = self.repo.remove_watched(turn.user_id, gone.movie_id)
        lines = [render.REMOVED.format(label=movie_markdown(gone))] if removed else []
        return replace(added, text="\n\n".join(filter(None, [*lines, added.text])), history_changed=True)

    def _correct(self, turn: _Turn, act: Correct) -> Reply:
        """"I meant X not Y": Y leaves the history and X goes in; "I meant X" alone replaces the latest add."""
        history = self._history_movies(turn.user_id)
        if act.sequel:
            return self._correct_sequel(turn, act, history)
        if act.version is not None:
            return self._correct_version(turn, act.version, history)
        if act.old is None and turn.missed_before:
            return self._remove(turn, act.new)  # "remove dogma" (not in the history), then "oh wait I meant mallrats"
        lines, gone = [], []
        if act.old is None:
            gone = _the_one_taken_back(turn, [m for m in history if m.movie_id in turn.state.last_added])
        else:
            for typed in act.old.titles:
                movie = self._in_history(turn, typed, history)
                if movie is None and len(act.old.titles) > 1 and talk_beside_titles(typed):
                    continue  # "not Zhivago; I always confuse my David Lean epics": the reason, no title
                if movie is None and not _said_before_in(turn.text, typed):
                    # (a film taken back in the message that named it, never stored: "Watched Die Hard last night.
                    # No wait, it was Die Hard 2" needs no word that Die Hard is not in the history)
                    lines.append(render.NOT_IN_HISTORY.format(label=f"“{as_plain_text(typed)}”"))
                elif movie is not None:
                    gone.append(movie)
        removed = [m for m in dict.fromkeys(gone) if self.repo.remove_watched(turn.user_id, m.movie_id)]
        lines[:0] = [render.REMOVED.format(label=movie_markdown(m)) for m in removed]
        added = self._add(turn, _without_descriptions(act.new))
        return replace(added, text="\n\n".join(filter(None, [*lines, added.text])),
                       history_changed=added.history_changed or bool(removed))

    def _correct_version(self, turn: _Turn, said: Answer, history: list[Movie]) -> Reply:
        """"I meant the 1962 original, not the remake": the latest add's film swapped for its other version."""
        for movie in (m for m in history if m.movie_id in turn.state.last_added):
            ids, _ = turn.titles.lookup(movie.display_title, all_tiers=True)
            chosen = version_chosen([self.catalog.by_id(m) for m in ids if m in self.catalog], said)
            if chosen is None or chosen.movie_id == movie.movie_id:
                continue
            chosen = chosen.movie_id
            if not self.repo.remove_watched(turn.user_id, movie.movie_id):
                continue
            added = self.repo.add_watched(turn.writer(), [chosen], source="chat")
            turn.state = after_adding(turn.state, list(added))
            label = movie_markdown(self.catalog.by_id(chosen))
            return Reply("\n\n".join([render.REMOVED.format(label=movie_markdown(movie)),
                                       (render.ADDED if added else render.ALREADY).format(labels=label)]),
                         history_changed=True)
        return Reply(render.NOTHING_TO_CORRECT)

    def _ask_watched(self, turn: _Turn, typed: str, history: list[Movie]) -> str | None:
        """For a movie the model could not read as watched or not: the question, with "yes" set to store it (one
        question at a time); "" when it is in the `history` already; None when the words name no one movie surely."""
        resolved = self._resolve(turn, split_titles(typed))
        if len(resolved.movies) != 1 or resolved.unsure or turn.state.pending is not None:
            return None
        movie = resolved.movies[0]
        if movie.movie_id in {m.movie_id for m in history}:
            return ""
        turn.state = replace(turn.state, pending=Pending("seen", typed, (movie.movie_id,)))
        return render.ASK_WATCHED.format(movie_label=movie_markdown(movie))

    def _ids_named(self, turn: _Turn, typed: list[str]) -> tuple[int, ...]:
        """The ids of the films the typed names surely name (no guess, no question), in the order named."""
        return tuple(m.movie_id for m in self._resolve(turn, split_titles("; ".join(typed)), said_watched=False).movies)

    def _start_not_stored(self, turn: _Turn, acts: tuple) -> tuple:
        """The acts without the add of a film a request starts from, where the speaker said earlier in the
        conversation that they had not seen it or asked about it."""
        likes = [a.constraints.like for a in acts if isinstance(a, Recommend) and a.constraints.like]
        if not likes or _SPEAKER_VIEWED.search(turn.text):
            return acts  # "ok I finally watched X, loved it, something like it?": a viewing now
        unseen = set(self._ids_named(turn, likes)) & set(turn.state.said_unseen)
        if not unseen:
            return acts
        kept = []
        for act in acts:
            if isinstance(act, AddWatched) and act.liked:
                left = [t for t in act.titles.titles if not set(self._ids_named(turn, [t])) & unseen]
                if not left:
                    continue
                act = replace(act, titles=TitleList.listed(left)) if len(left) < len(act.titles.titles) else act
            kept.append(act)
        return tuple(kept)

    def _not_watched(self, turn: _Turn, act: NotWatched) -> Reply:
        """Movies a message names as not watched are never stored; one said not watched that IS in the history
        ("actually I didn't watch Heat") leaves it, since the history is what the recommender reads."""
        history = self._history_movies(turn.user_id) if act.unseen or act.ask else []  # read once
        lines, kept, taken = [], [], []
        mine = [t for t in act.titles if t not in act.seen_by_others]
        if mine:  # remembered: "something similar to X" later starts from X without storing it
            turn.state = replace(turn.state, said_unseen=tuple(dict.fromkeys(
                turn.state.said_unseen + self._ids_named(turn, mine)))[-MAX_SAID_UNSEEN:])
        for typed in act.titles:
            movie = self._in_history(turn, typed, history) if typed in act.unseen and history else None
            if movie is not None and self.repo.remove_watched(turn.user_id, movie.movie_id):
                taken.append(movie.movie_id)
                history = [m for m in history if m.movie_id != movie.movie_id]
                lines.append(render.REMOVED_UNWATCHED.format(label=movie_markdown(movie)))
            else:
                kept.append(typed)
        if taken:
            turn.state = after_removing(turn.state, taken)
        changed = bool(taken)
        if act.seen_by_others:  # left out of the lists from now on; titles not resolved surely are said as typed
            resolved = self._resolve(turn, split_titles("; ".join(act.seen_by_others)), said_watched=False).movies
            if resolved:
                turn.state = replace(turn.state, seen_by_others=tuple(dict.fromkeys(
                    turn.state.seen_by_others + tuple(m.movie_id for m in resolved))))
                kept = [t for t in kept if t not in act.seen_by_others]
                lines.append(render.seen_by_others([movie_markdown(m) for m in resolved]))
        for typed in act.newer:
            if typed in kept:
                kept.remove(typed)
                lines.append(render.NEWER_FILM.format(typed=f"the new {as_plain_text(typed)}", known=self.known))
        for typed in act.ask:
            if typed not in kept:
                continue  # said not watched as well, and taken out of the history above
            kept.remove(typed)
            asked = self._ask_watched(turn, typed, history)
            if asked is None:
                lines.append(render.UNSURE_NOT_ADDED.format(typed=f"“{as_plain_text(typed)}”"))
            elif asked:  # "": in the history already, nothing to ask
                lines.append(asked)
        if kept:
            lines.append(render.not_added([as_plain_text(t) for t in kept], act.wanted))
        return Reply("\n\n".join(lines), history_changed=changed)

    def _enough_of(self, genres: tuple[str, ...], at_least: int = 5) -> bool:
        """Whether the catalogue has `at_least` movies with every one of `genres`."""
        return sum(1 for m in self.catalog.movies if set(genres) <= set(m.genres)) >= at_least

    def _recommend(self, turn: _Turn, text: str, intent: Recommend, preface: str = "") -> Iterator[Reply]:
        state = with_tastes(turn.state, intent.disliked_genres, only=intent.only_genres)
        if intent.any_year:
            state = replace(state, standing_years=(None, None))
        if intent.disliked_movies:  # "no more Star Wars": for good
            state = replace(state, ruled_out=tuple(dict.fromkeys(state.ruled_out + intent.disliked_movies)))
        # "more" repeats the last request, "only comedies" or "older" change it, anything else starts anew
        shown_years = [self.catalog.by_id(m).year for m in state.last_shown if m in self.catalog]
        asked = follow_up(state, intent, [y for y in shown_years if y])
        only = tuple(g for g in state.only_genres if g not in asked.excluded_genres)
        if only and not asked.genres and not asked.like:  # "I only watch comedies" holds where no genre is asked
            asked = replace(asked, genres=only)
        elif len(only) == 1 and len(asked.genres) == 1 and only != asked.genres and self._enough_of(only + asked.genres):
            # "I only watch animated movies", then "something funny": an animated comedy, where the catalogue has some
            asked = replace(asked, genres=only + asked.genres, all_genres=True)
        # "nothing older than 1990 for me" holds where no year is asked; the request is remembered without them, so
        # "more" after "any year is fine again" has none
        own, asked = asked, within_standing_years(state, asked)
        standing_years = own != asked
        if _asks_only_a_filter_it_lacks(intent, asked, text) and not state.ruled_out:
            turn.state = state
            yield Reply("\n\n".join(filter(None, [preface, render.cannot_filter(intent.unsupported)])))
            return
        said = [render.UNSUPPORTED[key] for key in intent.unsupported]  # "a short comedy": said above the list
        anchor, beside = None, []
        if asked.like:  # "something like Borat": a film it does not know is said, and the rest of the request met
            movies = self._resolve(turn, split_titles(asked.like)).movies
            if movies:  # "like A; B": A leads, B joins what the ranking reads; neither is suggested
                anchor, beside = movies[0].movie_id, [m.movie_id for m in movies[1:]]
            else:
                said.append(render.UNKNOWN_ANCHOR.format(typed=as_plain_text(asked.like), known=self.known))
        said_years = intent.constraints.min_year is not None or intent.constraints.max_year is not None
        # "something like Die Hard but newer": newer or older than the film it starts from, not the last list; with
        # no film named and no list before, than the film added last ("it was die hard 2", "something like that but
        # newer", "any older ones?"; not "any other musicals? older ones", a kind asked with old ones)
        start = anchor if anchor is not None else state.last_added[-1] if (
            state.last_added and state.last_request is None and state.last_added[-1] in self.catalog
            and (_LIKE_THAT.search(text) or not intent.constraints.genres or intent.relative == "same")) else None
        if start is not None and intent.relative and not said_years and self.catalog.by_id(start).year:
            year = self.catalog.by_id(start).year
            # within the years held still ("nothing before 1990", then "like Casablanca but newer": from 1990); "from
            # the same year": that year alone
            own, asked = (replace(c, min_year=year, max_year=year) if intent.relative == "same"
                          else _moved_past(c, year, intent.relative) for c in (own, asked))
        outside = self._closest_years(asked)
        if outside is not None:  # "movies from 2024", "newer than that" after 2000: said, with no list that pretends
            # the rest of the request is kept, without the years it cannot meet: "a comedy from 2018", then "90s then"
            turn.state = replace(state, last_request=asdict(replace(own, min_year=None, max_year=None)))
            yield Reply("\n\n".join(filter(None, [preface, render.years_unknown((asked.min_year, asked.max_year),
                                                                                self.years),
                                                   render.closest_years(outside)])))
            return
        heading = render.REST_OF_REQUEST if said else INTRO
        intro = " ".join([*said, heading])
        standing = tuple(g for g in state.disliked_genres if g not in asked.genres)  # asked for outright: allowed
        constraints = replace(asked, excluded_genres=tuple(dict.fromkeys(asked.excluded_genres + standing)))
        history = self.repo.history(turn.user_id) if turn.user_id is not None else []
        ratings = self.repo.ratings(turn.user_id) if turn.user_id is not None else {}
        disliked = [m for m, v in ratings.items() if v < 0]
        liked = [m for m, v in ratings.items() if v > 0]
        notes = []
        if standing:
            notes.append(render.standing_tastes(standing))
        if only and asked.genres == only:
            notes.append(render.standing_only(only))
        if standing_years:
            notes.append(render.standing_years(asked.min_year, asked.max_year))
        # "more" or a follow-up keeps out what the request it repeats left out ("no phantom menace pls", then "more")
        excluded = tuple(dict.fromkeys(intent.excluded_movies + (
            state.last_excluded if intent.more or intent.follow_up else ())))
        ruled_out = [m for m in dict.fromkeys(excluded + state.ruled_out) if m in self.catalog]
        if ruled_out:
            notes.append(render.ruled_out([as_plain_text(self.catalog.by_id(m).display_title) for m in ruled_out]))
        if len(history) < self.config.min_history and anchor is None and not liked:
            notes.insert(0, render.COLD_START)  # popular movies that fit, said to be just that
        # "more" pages on past everything shown; any other request may bring a shown movie back, last of all
        exclude = set(disliked) | set(ruled_out) | set(beside) | set(state.seen_by_others) | (
            set(state.shown) if intent.more else set())
        inputs = {"history": history, "constraints": constraints, "anchor": anchor, "exclude": exclude,
                  "liked": liked + beside, "disliked": list(dict.fromkeys(disliked + list(state.ruled_out))),
                  "shown_before": list(state.shown)}
        result: ChainResult | None = None
        try:
            for step in self.chain.stream(inputs):
                if step.result is None:
                    yield Reply(draft_text(step), partial=True, preface=preface)
                result = step.result
        except Exception as exc:  # noqa: BLE001 - a failure inside ranking is said as one, never as the database's
            log.exception("ranking failed")
            yield Reply("\n\n".join(filter(None, [preface, render.ranking_failed(exc)])))
            return
        assert result is not None  # the chain's stream always ends with its result
        turn.state = replace(state, last_request=asdict(own), last_excluded=excluded)
        if not result.recommendations:
            message = render.NO_MORE if intent.more else (result.note or render.NOTHING_NEW)
            yield Reply("\n\n".join(filter(None, [preface, " ".join(said), message, *notes])))
            return
        model_version, _, adapter = result.llm_version.partition("+")
        stored = self.repo.record_turn(
            turn.writer(), [{"movie_id": r.movie.movie_id, "source": r.source, "score": r.score, "reason": r.reason}
                            for r in result.recommendations],
            request=text, prompt=result.prompt, mode=self.chain.config.mode,
            model_version=model_version or "lstm", adapter_version=adapter, note=result.note)
        shown = tuple(ShownRecommendation(s.recommended_id, s.rank, r.movie, r.source, r.score, r.reason)
                      for s, r in zip(stored, result.recommendations))
        again = [r.movie.display_title for r in result.recommendations if r.movie.movie_id in state.shown]
        notes.append(render.shown_again(again))
        # "Which movie is sabrina?" asked by this message above a list it did not ask for ("i saw sabrina, n also notting
        # hill. she's into these kinds lol"): it stays open for the answer; a list asked for takes the next words
        # ("seen the second one already")
        asked_now = turn.state.pending if turn.state.pending != turn.asked_before and not asks_for_films(text) else None
        turn.state = after_recommending(turn.state, [r.movie.movie_id for r in result.recommendations],
                                        [(r.source, r.reason) for r in result.recommendations])
        turn.state = replace(turn.state, pending=asked_now) if asked_now is not None else turn.state
        note = " ".join(filter(None, [*notes, result.note]))
        lines = [intro] + [recommendation_markdown(item.rank, item) for item in shown] + [closing_markdown(note)]
        yield Reply("\n\n".join(lines), recommendations=shown, note=note, preface=preface, intro=intro)

    def _closest_years(self, asked: Constraints) -> tuple[int | None, int | None] | None:
        """The years to offer instead when the request's years lie wholly outside the catalogue's: its newest (or
        oldest) decade. None when the request's years meet the catalogue's."""
        if self.years is None:
            return None
        oldest, newest = self.years
        if asked.min_year is not None and asked.min_year > newest:
            return newest - 9, newest
        if asked.max_year is not None and asked.max_year < oldest:
            return oldest, oldest + 9
        return None

    # -- the side panel and data rights ----------------------------------------------------------------
    def history(self, user: str) -> list[Movie]:
        return self._history_movies(self.repo.find_user(user))

    def _history_movies(self, user_id: int | None) -> list[Movie]:
        if user_id is None:
            return []
        return [self.catalog.by_id(m) for m in self.repo.history(user_id) if m in self.catalog]

    def _history_text(self, user_id: int | None) -> str:
        movies = self._history_movies(user_id)
        if not movies:
            return render.HISTORY_EMPTY
        return render.HISTORY_HEADER + "\n\n" + "\n".join(
            f"{i}. {movie_markdown(m)}" for i, m in enumerate(movies, start=1))

    def remove(self, user: str, movie_id: int) -> bool:
        user_id = self.repo.find_user(user)
        removed = user_id is not None and self.repo.remove_watched(user_id, movie_id)
        if removed:
            self._prewarm(user_id)
        return removed

    # -- prefill ahead -----------------------------------------------------------------------------------
    def prewarm(self, user: str) -> None:
        """Get the user's likely next request ready in the background (e.g. when a returning user opens the app)."""
        self._prewarm(self.repo.user_id(user))

    def _prewarm(self, user_id: int | None) -> None:
        if self._prewarmer is not None and user_id is not None:
            self._prewarmer.submit(user_id)

    def _prewarm_history(self, user_id: int) -> None:
        use_threads(self.config.turn_threads)  # the LSTM here; the LLM's prefill runs on its own worker
        history = self.repo.history(user_id)
        if len(history) >= self.config.min_history:
            self.chain.prewarm(history)

    def wait_for_prewarm(self, timeout: float | None = None) -> bool:
        return self._prewarmer.wait_idle(timeout) if self._prewarmer is not None else True

    def rate(self, user: str, recommended_id: int, value: int, comment: str = "") -> str:
        user_id = self.repo.find_user(user)
        try:
            if user_id is None:
                raise NotFoundError("unknown user")
            self.repo.set_feedback(user_id, recommended_id, value, clean_text(comment))
        except NotFoundError:
            return render.NOT_YOURS
        except DatabaseError as exc:
            return render.RATING_NOT_SAVED.format(error=exc)
        self._log_rating(recommended_id)
        return render.rated(value)

    def unrate(self, user: str, recommended_id: int) -> str:
        user_id = self.repo.find_user(user)
        try:
            # the rating's context, read before it goes: the log's line for "taken back" carries it
            before = self.repo.feedback_records(recommended_id) if self.feedback is not None and user_id else []
            removed = user_id is not None and self.repo.clear_feedback(user_id, recommended_id)
        except DatabaseError as exc:
            return render.RATING_NOT_CHANGED.format(error=exc)
        if removed and before:
            self.feedback.append(cleared(before[0]))
        return render.RATING_REMOVED if removed else render.NO_RATING

    def _log_rating(self, recommended_id: int) -> None:
        """The saved rating, with its turn, as a line of the feedback log. A failure here is logged: the rating
        is in the database, and the user is told it is saved."""
        if self.feedback is None:
            return
        try:
            records = self.repo.feedback_records(recommended_id)
        except DatabaseError as exc:
            log.warning("rating %s saved but not logged: %s", recommended_id, exc)
            return
        for record in records:
            self.feedback.append(record)

    def export(self, user: str) -> dict:
        """Everything stored about the user: the history with when and how each movie was stated, every request
        with the prompt sent to the LLM, the movies shown and the ratings, with their times (UTC)."""
        user_id = self.repo.find_user(user)
        record = self.repo.user_record(user_id) if user_id is not None else {}
        title = lambda movie_id: self.catalog.by_id(movie_id).label if movie_id in self.catalog else ""  # noqa: E731
        for event in record.get("history", []):
            event["title"] = title(event["movie_id"])
        for turn in record.get("turns", []):
            for movie in turn["movies"]:
                movie["title"] = title(movie["movie_id"])
        return {"user": user, **record}

    def forget(self, user: str) -> str:
        """Delete everything held about the user: every row, their lines in the feedback files (the log, whose next
        commit to a feedback dataset no longer holds them, and exports), and the database's own copies (SQLite's
        write-ahead log). Creates nothing, even for an unknown user."""
        try:
            user_id = self.repo.find_user(user)
            if user_id is None:
                return render.NOTHING_STORED
            if self.feedback is not None:  # first: a file that cannot be rewritten keeps the user, to try again
                self.feedback.forget(user, legacy_user_id=user_id)
            self.repo.forget_user(user_id)
        except DatabaseError as exc:
            return render.NOTHING_DELETED.format(error=exc)
        except OSError as exc:
            return render.PARTLY_DELETED.format(reason=exc.strerror)
        if self.feedback is None:
            return render.all_deleted()
        return render.all_deleted(self.feedback.dataset, synced=self.feedback.scheduler is not None)
