"""Spanish mixed into English ("ayer vi Heat", "algo de acción de los 90s", "ya las vi todas, dame otras"), read as
the English the models and rules were trained and written for: a closed table of function words, viewing verbs,
people and times, applied only to a message that looks Spanish (`looks_spanish`). Titles are untouched
where they are typed in English ("Con Air" stays: "con" turns to "with" only before an article or a pronoun)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recommender.titles import TitleIndex

# words only Spanish has (not "de", "la", "con", "y", "solo", which English names and titles hold)
_MARKERS = frozenset("""vi vimos vieron vio visto pelis peli película películas pelicula peliculas quiero quiere dame
danos anoche ayer porfa también tambien nunca ninguna ninguno algo otras otros más todavía todavia pa' esposa esposo
niños ninos hermano hermana abuela abuelo suegra suegro viejas viejitas nuevas muy pero que nada antes después despues
jaja recomiéndame recomiendame recomienda encantó encanto gustó gusto hoy sábado domingo viernes mamá papá chiquita
nenes fue siempre espera hijo hija casa noche bueno vamos una esa ese equivoqué mío clásica dibujos animados bórrala
digo perdón odio sola ella él otra mis novio novia primos papás hijos hace mucho""".split())
# ... and words Spanish shares with English names ("ya know", "Los Angeles"): they count beside another
_WEAK_MARKERS = frozenset("ya las los esta ver era es lo".split())
_OF_THE = re.compile(r"\bde\s+(?:los|las|la|el)\b|\bdel\s+\d", re.I)  # "de los 90s", "del 95"
MAX_SHORT_WORDS = 4
# (Spanish, English), most specific first; each a whole-word, case-insensitive pattern
_TABLE = [
    (r"(?:la|lo)\s+vio", "watched it"), (r"(?:la|lo)\s+vieron", "watched it"), (r"me\s+puse\s+a\s+ver", "I watched"), (r"volv[íi]\s+a\s+ver", "I rewatched"), (r"nunca\s+vi", "I never watched"),
    (r"nunca\s+m[áa]s", "never again"), (r"(?:yo\s+)?ni\s+(?:la|lo)\s+(?:he|hemos)\s+visto", "I haven't even seen it"),
    (r"vale\s+la\s+pena", "is it worth it"), (r"todo\s+el\s+mundo", "everyone"), (r"habla(?:n)?\s+de", "talks about"),
    (r"dice(?:n)?\s+que", "says"), (r"no\s+pude\s+dormir", "couldn't sleep"), (r"en\s+mi\s+vida", "in my life"),
    (r"todav[íi]a", "yet"), (r"la\s+mejor", "the best"), (r"de\s+la\s+historia", "ever"), (r"de\s+qu[ée]\s+trata", "what is it about"),
    (r"me\s+equivoqu[ée]", "my mistake"), (r"no\s+era", "not"), (r"era(?=\s+(?-i:[A-Z]))", "it was"), (r"digo\s+no", "no wait"), (r"perd[óo]n", "sorry"),
    (r"no\s+es\s+lo\s+m[íi]o", "is not my thing"), (r"odio", "I hate"), (r"no\s+me\s+gustan", "I don't like"),
    (r"me\s+encantan", "I love"), (r"b[óo]rral[ao]s?|qu[íi]tal[ao]s?", "remove it"),
    (r"la\s+(?:primera|1ra)", "the first one"), (r"la\s+segunda", "the second one"), (r"la\s+tercera", "the third one"),
    (r"(?:de\s+)?dibujos\s+animados", "cartoon"), (r"(?:la|el)\s+de(?=\s)", "the one with"),
    (r"(?:el|los)\s+(?=(?:s[áa]bado|domingo|viernes|lunes|martes|mi[ée]rcoles|jueves)\b)", "on "),
    (r"s[áa]bados?", "Saturday"), (r"domingos?", "Sunday"), (r"viernes", "Friday"),
    (r"m[áa]s\s+viej(?:it)?[ao]s", "older"), (r"(?:de\s+)?antes\s+de\s+los", "before the"), (r"que\s+sea", "make it"),
    (r"viendo", "watching"), (r"yo\s+estaba", "I was"), (r"su\s+hermana", "her sister"), (r"su\s+hermano", "her brother"),
    (r"(?:yo\s+)?nunca\s+(?:la|lo)\s+(?:he|hemos)\s+visto", "I have never seen it"),
    (r"(?:yo\s+)?nunca\s+(?:las\s+|los\s+)?(?:he|hemos)\s+visto", "I have never seen"),
    (r"(?:yo\s+)?no\s+(?:la|lo)\s+(?:he|hemos)\s+visto", "I haven't seen it"),
    (r"(?:yo\s+)?no\s+(?:las\s+|los\s+)?(?:he|hemos)\s+visto", "I haven't seen"), (r"no\s+(?-i:[Vv]i)(?:mos)?", "I haven't seen"),
    (r"y\s+yo\s+tambi[ée]n", "and I watched it too"), (r"yo\s+no", "I didn't"),
    (r"no\s+(?:la|lo)\s+vi", "I didn't see it"),
    (r"no\s+(?:las|los)\s+vi", "I didn't see them"),
    (r"ya\s+(?:las|los)\s+vi(?:mos)?\s+tod[ao]s", "seen all of those"),
    (r"(?:ya\s+)?(?:la|lo)\s+vi(?:mos)?", "I already watched it"),
    (r"(?:ya\s+)?(?:las|los)\s+vi(?:mos)?", "I already watched them"),
    (r"(?:la|lo)\s+(?:he|hemos)\s+visto", "I have seen it"),
    (r"ya\s+vi", "I already watched"), (r"que\s+no\s+(?:haya|hayamos|he|hemos)\s+visto", "that I haven't seen"),
    (r"pa'?\s+ver|para\s+ver", "to watch"),
    (r"en\s+casa\s+de", "at the house of"), (r"mi\s+hijo", "my son"), (r"mi\s+hija", "my daughter"),
    (r"sus\s+amig[ao]s", "their friends"),
    (r"vimos", "we watched"), (r"(?-i:[Vv]i)", "I watched"), (r"(?:he|hemos)\s+visto", "have seen"), (r"vieron", "watched"),
    (r"vio", "watched"), (r"quiero\s+ver", "I want to see"), (r"queremos\s+ver", "we want to see"),
    (r"quiere\s+ver", "wants to see"), (r"vamos\s+a\s+ver", "we are going to watch"),
    (r"no\s+me\s+gust[óo]", "I didn't like it"), (r"me\s+encant[óo]", "I loved it"), (r"me\s+gust[óo]", "I liked it"),
    (r"recomi[ée]nd(?:a|ame|anos)|recomiendame", "recommend me"), (r"dame|danos", "give me"),
    (r"que\s+no\s+sea\s+de\s+esas", "not one of those"), (r"que\s+no\s+sea", "that isn't"),
    (r"esa\s+no", "not that one"), (r"ninguna\s+me\s+llama\s+la\s+atenci[óo]n", "none of those"),
    (r"(?:otras|otros|otra)", "others"), (r"m[áa]s\s+todav[íi]a", "more"), (r"m[áa]s\s+nuevas", "newer"),
    (r"m[áa]s\s+viejas", "older"), (r"m[áa]s", "more"), (r"algo\s+como", "something like"), (r"algo\s+de", "something"),
    (r"algo", "something"), (r"pel[íi]culas|pelis", "movies"), (r"pel[íi]cula|peli", "movie"),
    (r"de\s+los\s+(?=(?:19|20)?\d0'?s)", "from the "), (r"de\s+antes\s+del?", "before"), (r"antes\s+del?", "before"),
    (r"despu[ée]s\s+del?", "after"), (r"del\s+(?=(?:19|20)?\d\d\b)", "from "),
    (r"(?:pa'|para)\s+(?:arriba|ac[áa])|en\s+adelante", "and later"),
    (r"nada\s+de", "no"), (r"sin", "without"), (r"s[óo]lo|solamente", "only"), (r"ya", "already"),
    (r"por\s+qu[ée]", "why"), (r"porfa|por\s+favor", "please"), (r"tambi[ée]n", "too"), (r"pero", "but"),
    (r"mi\s+esposa", "my wife"), (r"mi\s+esposo", "my husband"), (r"mi\s+hermano", "my brother"),
    (r"mi\s+hermana", "my sister"), (r"mi\s+(?:mam[áa]|madre)", "my mom"), (r"mi\s+(?:pap[áa]|padre)", "my dad"),
    (r"mi\s+abuela", "my grandma"), (r"mi\s+abuelo", "my grandpa"), (r"mi\s+suegra", "my mother-in-law"),
    (r"mi\s+suegro", "my father-in-law"), (r"los\s+(?:niños|ninos|nenes|chamacos)", "the kids"),
    (r"la\s+(?:niña|chiquita|nena)", "the little one"), (r"anoche", "last night"), (r"ayer", "yesterday"),
    (r"esta\s+noche", "tonight"), (r"hoy", "today"),
    (r"con\s+(?=(?:mi|mis|los|las|el|la|él|ella|ellos|sus|su)\b)", "with "), (r"con\s+él", "with him"),
    (r"pa'|para", "for"), (r"y", "and"), (r"de\s+terror|terror", "horror"), (r"de\s+miedo", "scary"),
    (r"acci[óo]n", "action"), (r"comedias?", "comedy"), (r"crimen", "crime"), (r"guerra", "war"),
    (r"animad[ao]s?", "animated"), (r"rom[áa]ntic[ao]s?", "romantic"), (r"viej(?:it)?[ao]s?|antiguas?", "old"),
    (r"infantiles", "kids"), (r"ciencia\s+ficci[óo]n", "sci-fi"), (r"vaqueros", "westerns"),
    (r"quiero", "I want"), (r"fue", "it was"), (r"yo", "I"), (r"[ée]l(?=\s+vio)", "he"), (r"mis", "my"),
    (r"novio", "boyfriend"), (r"novia", "girlfriend"), (r"primos", "cousins"), (r"pap[áa]s", "parents"), (r"hijos", "kids"),
    (r"hace\s+mucho", "a long time ago"), (r"esa", "that one"), (r"digo", "I mean"), (r"ella", "she"), (r"sola", "alone"), (r"espera", "wait"), (r"ningun[ao]", "none"), (r"noche", "night"),
    (r"de\s+(?:las|los)\s+de\s+antes", "from back then"), (r"de\s+esas", "of those"), (r"una", "one"),
    (r"las|los|la", "the"),
]
_AFTER = r"(?![\w'])"


def _guarded(spanish: str) -> str:
    """A table pattern as whole words: no letter or apostrophe on either side (one that ends looking ahead stops there)."""
    return rf"(?<![\w'])(?:{spanish})" + ("" if spanish.endswith(")") and "(?=" in spanish else _AFTER)


_PATTERN = re.compile("|".join(f"(?P<w{i}>{_guarded(spanish)})" for i, (spanish, _) in enumerate(_TABLE)), re.I)


def looks_spanish(text: str) -> bool:
    """Whether a message holds two or more different Spanish words, one of them only Spanish has ("de los" counts
    as one), or is short and holds one ("más", "algo de crimen"); "VI" is a number ("Star Trek VI")."""
    words = [w.lower() for w in re.findall(r"[\w']+", text) if not re.fullmatch(r"[IVX]+", w)]
    strong = {w for w in words if w in _MARKERS} | ({"de los"} if _OF_THE.search(text) else set())
    weak = {w for w in words if w in _WEAK_MARKERS}
    return bool(strong) and (len(strong | weak) >= 2 or len(words) <= MAX_SHORT_WORDS)


def as_english(text: str, titles: "TitleIndex | None" = None) -> str:
    """The message with its Spanish words as English, when it looks Spanish; as typed otherwise. With the
    catalogue's `titles`, the names it holds stay as typed ("Leaving Las Vegas", "La Bamba", "Solo")."""
    if not looks_spanish(text):
        return text
    kept = [(s.start, s.stop) for s in titles.spans(text)] if titles is not None else []

    def english(said: re.Match) -> str:
        if any(start < said.end() and said.start() < stop for start, stop in kept):
            return said.group()
        return _TABLE[int(said.lastgroup[1:])][1]
    return _PATTERN.sub(english, text)


__all__ = ["as_english", "looks_spanish"]
