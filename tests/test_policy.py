"""The dialogue policy (bot.policy, pure): the order a message's acts run in, what an act means given the state,
and that every act has an action ChatService runs."""
import pytest
from dataclasses import replace

from bot import policy
from bot.dialogue import DialogueState, Pending
from bot.intents import (AddWatched, Answer, CannotAnswer, Explain, ForgetMe, Recommend, RemoveWatched, SeenThose,
                         SetTaste, ShowHistory, Undo)
from bot.messages import Constraints, TitleList, split_titles
from bot.service import ChatService

ADD = AddWatched(split_titles("Heat"))
REMOVE = RemoveWatched(split_titles("Fargo"))


def test_history_changes_run_first_and_a_request_or_a_merged_taste_last():
    assert policy.ordered([ADD, REMOVE, ForgetMe()]) == (ForgetMe(), REMOVE, ADD)
    assert policy.ordered([ADD, Undo(), Recommend()]) == (Undo(), ADD, Recommend())
    # acts the table does not list keep the order said, after those it lists; the closing act stays last
    assert policy.ordered([ShowHistory(), SeenThose(), SetTaste(("Horror",))]) == (SeenThose(), ShowHistory(),
                                                                                   SetTaste(("Horror",)))
    assert policy.ordered([Explain("Heat"), ADD]) == (ADD, Explain("Heat"))


def test_not_that_one_after_a_list_asks_for_others_unless_a_guess_or_a_question_is_open():
    after_list = DialogueState(last_shown=(1, 2, 3))
    assert policy.actions(Undo(only_guess=True), after_list, "not that one") == (Recommend(more=True),)
    assert policy.actions(Answer(yes=False), after_list, "none of them") == (Recommend(more=True),)
    guessed = DialogueState(last_shown=(1, 2, 3), last_added=(7,), last_guessed=(7,))
    assert policy.actions(Undo(only_guess=True), guessed, "not that one") == (Undo(only_guess=True),)
    asking = DialogueState(last_shown=(1,), pending=Pending("choose", "heat", (4, 5)))
    assert policy.actions(Answer(yes=False), asking, "no") == (Answer(yes=False),)
    assert policy.actions(Undo(), DialogueState(), "not that one") == (Undo(),)


def test_seen_those_adds_the_list_then_asks_for_new_ones_only_after_a_list():
    assert policy.actions(SeenThose(), DialogueState(last_shown=(1, 2)), "seen those") == (SeenThose(),
                                                                                        Recommend(more=True))
    assert policy.actions(SeenThose(), DialogueState(), "seen those") == (SeenThose(),)
    # the message's own request runs instead of "more", changing the last request: "seen all of those -> still
    # horror, but pre-1980"
    asked = Recommend(Constraints(("Horror",), max_year=1979))
    assert tuple(policy.steps([SeenThose(), asked], lambda: DialogueState(last_shown=(1, 2)),
                              "seen all of those -> still horror, but pre-1980")) == (
        SeenThose(), Recommend(Constraints(("Horror",), max_year=1979), follow_up=True))


def test_steps_decide_each_act_against_the_state_the_acts_before_it_left():
    states = iter([DialogueState(), DialogueState(last_shown=(1,))])
    acts = list(policy.steps([SeenThose(), SeenThose()], lambda: next(states), "seen those"))
    assert acts == [SeenThose(), SeenThose(), Recommend(more=True)]


def test_every_act_has_an_action_the_service_runs_and_side_questions_keep_the_open_question():
    for kind, action in policy.ACTIONS.items():
        assert callable(getattr(ChatService, f"_{action}", None)), kind
    assert policy.streams(Recommend()) and not policy.streams(ADD)
    assert all(policy.keeps_question(act) for act in (Answer(yes=True), Explain(), CannotAnswer("streaming")))
    assert not policy.keeps_question(ADD)


def test_a_taste_said_after_a_list_runs_that_list_again_unless_the_message_asks_itself():
    after_list = DialogueState(last_shown=(1, 2, 3), last_request={"genres": ["Thriller"]})
    taste = SetTaste(("Horror",))
    again = list(policy.steps([taste], lambda: after_list, "no horror for me"))
    assert again[0] == taste and isinstance(again[1], Recommend) and again[1].constraints.excluded_genres == ("Horror",)
    asking = list(policy.steps([taste, Recommend()], lambda: after_list, "no horror, what next?"))
    assert sum(isinstance(a, Recommend) for a in asking) == 1
    assert list(policy.steps([taste], DialogueState, "no horror for me")) == [taste]  # no list yet: a taste only


def test_ruling_out_a_genre_before_any_list_is_a_standing_taste():
    """Issue 20 (a third blind set): "please no soppy romance stuff" before any list gave a list; with nothing to
    change yet it is a taste, kept for every later list. After a list it still changes that list."""
    no_romance = Recommend(Constraints(excluded_genres=("Romance",)), follow_up=True)
    assert policy.actions(no_romance, DialogueState(), "please no soppy romance stuff") == (
        SetTaste(disliked_genres=("Romance",)),)
    assert policy.actions(no_romance, DialogueState(last_shown=(1, 2, 3)), "no romance") == (no_romance,)
    assert policy.actions(no_romance, DialogueState(), "recommend something, no romance") == (no_romance,)


def test_not_that_one_with_a_reason_after_a_list_asks_for_others():
    after_list = DialogueState(last_shown=(1, 2, 3))
    for text in ("Not that one, please, it makes my wife cry.", "not that one. she hates it"):
        assert policy.actions(Undo(only_guess=True), after_list, text) == (Recommend(more=True),)
    assert policy.actions(Undo(only_guess=True), after_list, "not that one, is it any good?") == (Undo(only_guess=True),)


def test_years_ruled_out_before_any_list_are_a_standing_taste():
    """ "nothing before 1990 ok" before any list: later requests keep to 1990 on (a request's own years after a
    list only change that list)."""
    from bot.dialogue import DialogueState
    from bot.intents import Recommend, SetTaste
    from bot.policy import actions
    from bot.understanding import read_acts

    [act] = read_acts("nothing before 1990 ok")
    [taste] = actions(act, DialogueState(), "nothing before 1990 ok")
    assert isinstance(taste, SetTaste) and (taste.min_year, taste.max_year) == (1990, None)
    [kept] = actions(act, DialogueState(last_shown=(1, 2), last_request={}), "nothing before 1990 ok")
    assert isinstance(kept, Recommend)
    [asked] = read_acts("thrillers from the 90s")
    assert actions(asked, DialogueState(), "thrillers from the 90s") == (asked,)


def test_a_lone_no_after_a_list_asks_for_others():
    from bot.dialogue import DialogueState, Pending
    from bot.intents import Answer, Recommend
    from bot.policy import actions

    assert actions(Answer(yes=False), DialogueState(last_shown=(1, 2, 3)), "nah") == (Recommend(more=True),)
    assert actions(Answer(yes=False), DialogueState(last_shown=(1,), pending=Pending("seen")), "nah") == (
        Answer(yes=False),)  # an open question takes the answer


@pytest.mark.parametrize("text", ["not too old please, after 1990", "No, after 1990", "not sure, maybe after 1995"])
def test_years_asked_beside_a_no_are_a_request_not_a_taste(text):
    """A reviewer's messages: the "no" or "not" must rule the years out, not stand anywhere in the message."""
    from bot.dialogue import DialogueState
    from bot.intents import Recommend
    from bot.policy import actions
    from bot.understanding import read_acts

    act = read_acts(text)[-1]
    assert isinstance(act, Recommend) and all(isinstance(a, Recommend) for a in actions(act, DialogueState(), text))


def test_no_thanks_after_a_list_asks_for_nothing():
    from bot.dialogue import DialogueState
    from bot.intents import Answer
    from bot.policy import actions

    assert actions(Answer(yes=False), DialogueState(last_shown=(1, 2, 3)), "no thanks") == (Answer(yes=False),)


def test_no_then_a_place_answers_which_one_or_asks_for_others_after_a_list():
    from bot.intents import Correct
    from bot.understanding import read_acts

    [act] = read_acts("no, the second one")
    assert isinstance(act, Correct) and act.sequel == "2"
    choosing = DialogueState(pending=Pending("choose", "Sabrina", (1, 2)))
    assert policy.actions(act, choosing, "no, the second one") == (Answer(index=1),)
    assert policy.actions(act, DialogueState(last_shown=(1, 2, 3)), "no, the second one") == (Recommend(more=True),)
    assert policy.actions(act, DialogueState(last_added=(7,), just_added=True), "no, the second one") == (act,)


def test_an_answer_runs_before_an_add_said_after_it():
    """Blind dev 41: "The newer one. Also I watched Misery this week." answered nothing: the add, run first, closed
    the question "which Cape Fear?"."""
    asking = DialogueState(pending=Pending("choose", "cape fear", (4, 5)))
    add = AddWatched(TitleList.listed(["Misery"]))
    assert tuple(policy.steps([Answer(age="newer"), add], lambda: asking, "The newer one. Also I watched Misery"))[0] \
        == Answer(age="newer")
    # "the 1986 musical one. also seen the thing": the first sentence answers; its "musical" asks for no list
    musical = Recommend(Constraints(("Musical",)))
    steps = tuple(policy.steps([AddWatched(TitleList.listed(["the thing"])), musical], lambda: asking,
                               "the 1986 musical one. also seen the thing"))
    assert steps[0] == Answer(year=1986) and not any(isinstance(s, Recommend) for s in steps)


def test_a_place_in_the_list_just_shown_is_that_movie_seen():
    """Blind dev 43: "The first one I have already seen. Can you replace it by another?" after a list."""
    after_list = DialogueState(last_shown=(7, 8, 9))
    said = AddWatched(TitleList.listed(["The first one I have"]), guessed=True)
    assert policy.actions(said, after_list, "The first one I have already seen.") == (SeenThose(index=0),
                                                                                      Recommend(more=True))
    assert policy.actions(AddWatched(TitleList.listed(["the last one"])), after_list, "seen the last one")[0] \
        == SeenThose(index=2)
    # right after an add, "the first one" is the first film of its series (bot.service), not of the list
    assert policy.actions(said, replace(after_list, just_added=True), "and the first one")[0] == said


def test_a_goodbye_or_a_second_pick_after_a_list_asks_for_no_new_list():
    """The reviewer's finds: "neither, thanks bye" and "not the first one, the second looks good" brought a list."""
    from bot.dialogue import DialogueState
    from bot.intents import Recommend, SmallTalk
    from bot.policy import actions

    state = DialogueState(last_shown=(1, 2, 3))
    assert actions(SmallTalk("chat"), state, "neither, thanks bye") == (SmallTalk("chat"),)
    assert actions(SmallTalk("chat"), state, "not the first one, the second looks good") == (SmallTalk("chat"),)
    assert actions(SmallTalk("chat"), state, "nah not the first one, I'm not in the mood") == (Recommend(more=True),)
