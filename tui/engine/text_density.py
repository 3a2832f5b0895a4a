"""Page furniture by what it is: jusText's paragraph classes, the main text, and its neighbours.

A page copied whole from a browser is a head of menus and links, the story,
and a tail of related links, comments and footers. The rule table in
:mod:`tui.engine.boilerplate` names furniture it recognises; this module
finds the rest from each paragraph's shape and from its neighbours, in any
language, following jusText (Pomikálek, 2011):

0. **Only pages** (:func:`_looks_like_a_page`): a run of menu-like lines or
   enough furniture named by the rules. A book, a licence or a policy has
   neither and keeps every paragraph the rules leave alone.
1. **Each paragraph alone** (:func:`_base_class`): *good* (running prose:
   long, or a sentence, with a share of its language's stop words), *near
   good* (prose, but short), *short*, or *bad* (few stop words); furniture
   named by a rule, mostly a link, a © line or (on a page) a line repeated
   three times or a paragraph in square brackets is a *strong sign*, bad
   wherever it stands. A line of code
   (:func:`_looks_like_code`) and an item of a numbered or bulleted list
   (:func:`_list_items`) are near good, whatever their stop words or URLs.
2. **The main text** (:func:`_main_region`): paragraphs weigh for (prose)
   or against (furniture) being in it; the runs of prose that best cover
   the positive weight are found in one Viterbi pass (:func:`_prose_runs`),
   and the main text runs from the first to the last run that weighs enough
   beside the heaviest (on a forum, every post does); lines of code weigh
   nothing there. It reaches out to good prose that only short, unsigned
   lines part from it (:func:`_reach_stray_prose`). Before it lies the page
   head, after it the page foot: furniture, except the headline above the
   story, the line there sharing most words with it (:func:`_headline`).
3. **Inside the main text** (:func:`_revise`): near good is good; the short
   lines of a stretch between good paragraphs are chrome when the stretch
   holds two strong signs (a forum post's "Platform", "PC", "#2", a date),
   else headings, list items or table cells; runs of label-value lines
   ("Messages", "1,234") are furniture as a whole (:func:`_label_runs`).
   Short lines that prose ending in a colon announces (:func:`_announced`:
   a table, a list, a listing) weigh nothing in step 2 and are text here.

Every step is one pass over the paragraphs. The thresholds are named
constants; each says how it was chosen on the "dev" half of the labelled
furniture set (``fixtures/furniture``, ``python -m tui.furniture_eval``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import regex_cache
from .stoplists import detect_language, stopwords

__all__ = ["furniture_by_density"]

#: jusText's ``length_low``: a paragraph shorter than this (in characters) is "short".
SHORT_CHARS = 70
#: jusText's ``length_high``: prose longer than this is "good" without ending a sentence.
LONG_CHARS = 200
#: Stop-word shares (words of the document's language on its jusText list) for "near good" and
#: "good". Words are counted with \w+, which finds ~0.5 in prose (jusText's whitespace tokens
#: find less; its defaults are 0.30 and 0.32); on the dev half the 10th percentile of content
#: paragraphs was 0.25-0.45 per file, so 0.25 and 0.30 keep almost all prose.
STOPWORDS_LOW = 0.25
STOPWORDS_HIGH = 0.30
#: jusText's ``max_link_density``: a paragraph more than this share URL is a link.
MAX_LINK_SHARE = 0.2
#: A Chinese or Japanese character says as much as about three Latin letters.
CJK_WEIGHT = 3
#: Chinese and Japanese prose has a comma or full stop at least every this many characters;
#: a menu of words separated by spaces has none (the dev half's Xinhua page).
CJK_CHARS_PER_PUNCTUATION = 50
#: A Chinese or Japanese line parted by spaces into pieces this long on average reads as
#: clauses, each space a comma: a menu's pieces are words of two to four characters. On the
#: dev half's Taiwanese blog (clauses of 10-16 characters) any value from 5 to 8 keeps the
#: story's first lines (precision 0.981 -> 0.983); no other page changes.
CJK_CLAUSE_CHARS = 6
#: Weights towards the main text: prose for, furniture against; good prose weighs more the
#: longer it is (one unit per GOOD_CHARS_PER_UNIT characters, up to GOOD_MAX_CHARS).
GOOD_WEIGHT = 1.0
GOOD_CHARS_PER_UNIT = 250
GOOD_MAX_CHARS = 1000
NEAR_GOOD_WEIGHT = 0.3
SHORT_WEIGHT = -0.3
BAD_WEIGHT = -1.0
#: What starting a run of prose costs: stretches of prose closer than furniture weighing this
#: much form one run, and a run must outweigh it (a one-paragraph reply does).
RUN_COST = 2.0
#: A run of prose belongs to the main text when it weighs this share of the heaviest run: the
#: teasers and comments under an article weigh a fraction of it, while the parts of an article
#: cut apart by a table or a code listing weigh alike. Chosen with RUN_COST on a grid over the
#: dev half (cost 0.5-3, share 0.2-0.5): precision stays at 0.968 for cost 1.5-3 and share
#: 0.3-0.4, recall is highest (0.932) at cost 2-3 and share 0.4; at share 0.5 an article split
#: by a table lost its last third at cost 2.5.
REGION_SHARE = 0.4
#: A run weighing this much is part of the main text whatever the heaviest weighs: a long
#: document's first and last sections can be small beside its longest one. About five
#: paragraphs of prose; the heaviest run left out on the dev half (a live news feed under a
#: Czech article) weighs 10.5, and any value from 15 up scores the same there.
SECTION_WEIGHT = 15.0
#: On a forum (the rule table found at least FORUM_MIN_CHROME lines of forum chrome: "Reply",
#: "#2", "Joined: ...") every post is content, however short beside the first: a run costs
#: less (a one-sentence reply outweighs it) and any run weighing this share of the heaviest is
#: a post. On the dev forums every post weighs more than 0.1 of the heaviest.
FORUM_MIN_CHROME = 2
FORUM_RUN_COST = 0.5
FORUM_REGION_SHARE = 0.05
#: The headline is looked for this many paragraphs above the main text (bylines, dates, share
#: buttons and a caption sit between them on the dev pages: up to 7; a forum post's profile
#: block, 8 on the dev forum; a table of contents, 14 on the dev Dropbox post). Since the
#: headline is the line sharing most words with the story, a wider window costs nothing: on
#: the dev half 12 and 20 differ by one headline, 20 to 40 score the same.
HEADLINE_WINDOW = 20
#: A headline has at most this many words (or CJK characters) and ends without a full stop.
HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_WORDS = 25
#: "10 Key Moments From Thursday's Hearings" is a headline, "March 13, 2015 9:00PM" is not.
HEADLINE_MAX_DIGITS = 4
HEADLINE_MAX_CJK = 40
HEADLINE_MIN_CJK = 5
#: Only a page copied from a browser has a head and a foot to cut: one with a run of at least
#: PAGE_NAV_RUN menu-like lines (short, few stop words, no sentence; 6-40 on the dev pages,
#: at most 5 in the fixtures' and real pairs' documents), or with at least PAGE_MIN_SIGNS
#: paragraphs the rule table or the strong signs name, making PAGE_SIGN_SHARE of the text. A
#: book, a licence or a policy has neither, and keeps every paragraph the rules leave alone.
PAGE_NAV_RUN = 6
#: A menu item has at most this many words ("Log in", "Fashion & Style", "More sports").
MENU_MAX_WORDS = 3
PAGE_MIN_SIGNS = 5
PAGE_SIGN_SHARE = 0.05
#: A stretch of short lines between prose holding this many furniture lines is chrome (on
#: the dev half, 2 lifts precision from 0.968 to 0.981 for 0.005 of recall; 3 changes nothing).
CHROME_SIGNS = 2
#: A line this short repeated this often is chrome ("Reply", "PC", a user's rank).
REPEATED_MAX_WORDS = 8
MIN_REPEATS = 3
#: A run of at least this many short lines of which this share are figures or dates is a
#: block of label-value pairs ("Beiträge" / "1.626" / "Registriert" / "18.09.2008"). On the
#: dev half it changes nothing, the rule table names such fields there; it speaks for the
#: fields in languages the rules do not know.
LABEL_RUN_MIN = 3
LABEL_RUN_VALUE_SHARE = 1 / 3
#: A line whose characters are this share digits is a value (a count, a date, a price).
VALUE_DIGIT_SHARE = 0.3
#: A code listing copied from a page is a paragraph of at least CODE_MIN_CHARS characters
#: showing at least CODE_MIN_SYMBOLS of the signs {};=()[]<>, one of them {, }, ; or =, that
#: make up at least CODE_SYMBOL_SHARE of its non-space characters. It has few stop words and
#: may hold a URL, as menus do; on the dev half 22 paragraphs pass, all code of its two
#: programming blogs (a caption "Async Task Framework (ATF) [Fig 1]" and Chinese post titles
#: in brackets have no operator), against 4 furniture lines without the operator condition.
CODE_MIN_CHARS = 20
CODE_MIN_SYMBOLS = 3
CODE_SYMBOL_SHARE = 0.05
#: At least this many paragraphs numbered one after the other ("1. Finland", "2. Norway", ...)
#: or opening with the same typed bullet ("- Länge: 2,44 Meter", "+ Added Slime Block") are a
#: list written in the text, its items near good like a short sentence: menus are not typed
#: with bullets or numbers. On the dev half a ranking no longer cuts CNN's article in two, a
#: review keeps its closing list of specifications and a changelog of bullets alone is found
#: (precision 0.983 -> 0.986, recall 0.935 -> 0.941). Numbered references ("[1] http://…")
#: are a list too, and an item is near good though a URL fills it (not when a rule names it):
#: a forum post's list of sources stays with the post (dev precision 0.983 -> 0.986, recall
#: 0.947 -> 0.944: the poster's signature, prose below the list, now stays as well).
LIST_MIN_ITEMS = 3
#: Good prose outside the main text that at most this many short or near-good lines (no sign,
#: no bad line) part from it joins it, with the lines between (:func:`_reach_stray_prose`): a
#: podcast post's opening paragraph above its list of credits. On the dev half any value from
#: 8 to 60 scores the same (precision 0.947 -> 0.951, recall unchanged); below 8 the opening
#: paragraph is not reached.
STRAY_GAP = 12

GOOD, NEAR_GOOD, SHORT, BAD = "good", "near good", "short", "bad"

_URL = regex_cache.compile(r"(?:https?://|www\.)\S+")
_CJK = regex_cache.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CJK_PUNCTUATION = regex_cache.compile(r"[，。！？；：、]")
_SENTENCE_ENDS = frozenset(".!?…:。！？：")
_CLOSERS = "\"'”’»)]）」』"
_DIGIT = regex_cache.compile(r"\d")
_CODE_SIGNS = frozenset("{};=()[]<>")
_CODE_OPERATORS = frozenset("{};=")
_ENUMERATED = regex_cache.compile(r"(?:(\d{1,3})[.)]\s+\D|\[(\d{1,3})\]\s*\S)")
_BULLETED = regex_cache.compile(r"([-*+•–])\s+\w")
_ASCII_DIGITS = "0123456789"


@dataclass(frozen=True, slots=True)
class _Profile:
    """What a paragraph looks like, measured once."""

    chars: int  # length, CJK characters counted CJK_WEIGHT times
    words: int  # \w+ words, each CJK character one word
    stopword_share: float
    link_share: float
    digits: int
    sentence: bool  # ends like a sentence
    cjk: bool  # mostly Chinese or Japanese
    cjk_punctuation: int
    code: bool  # a line of a code listing

    @property
    def is_value(self) -> bool:
        return self.digits >= VALUE_DIGIT_SHARE * self.chars


@dataclass(frozen=True, slots=True)
class PageReading:
    """Everything the classifier decided about a page, for its verdicts and for tuning."""

    profiles: tuple[_Profile, ...]
    strong: tuple[bool, ...]  # furniture by a rule or a strong sign, wherever it stands
    base: tuple[str, ...]  # each paragraph's class alone
    region: tuple[int, int]  # first and last paragraph of the main text
    headline: int | None

    @property
    def title_lines(self) -> tuple[int, ...]:
        """The headline and the standfirst right under it (prose, no sign)."""
        if self.headline is None:
            return ()
        below = self.headline + 1
        standfirst = (
            below < self.region[0]
            and not self.strong[below]
            and self.base[below] in (GOOD, NEAR_GOOD)
        )
        return (self.headline, below) if standfirst else (self.headline,)

    inside: tuple[str, ...]  # classes after revision in context (GOOD or BAD)


def furniture_by_density(
    texts: Sequence[str], words: Sequence[Sequence[str]], known: Sequence[str | None]
) -> list[str | None]:
    """A reason for each paragraph that is furniture by its shape or place, else None.

    ``words`` are each paragraph's words (\\w+, case-folded); ``known`` holds
    the reasons the rule table already gave (they count as furniture
    everywhere); the result labels only paragraphs it left alone.
    """
    reading = read_page(texts, words, known)
    if reading is None:
        return [None] * len(texts)
    start, end = reading.region
    reasons: list[str | None] = []
    for i, known_reason in enumerate(known):
        if known_reason or i in reading.title_lines:
            reasons.append(None)
        elif i < start:
            reasons.append("page header")
        elif i > end:
            reasons.append("page footer")
        else:
            reasons.append(None if reading.inside[i] == GOOD else "beside furniture")
    return reasons


def read_page(
    texts: Sequence[str], words: Sequence[Sequence[str]], known: Sequence[str | None]
) -> PageReading | None:
    """The classifier's reading of a page; None for a text that is not a page or has no prose."""
    language = stopwords(detect_language(words) or "")
    by_text: dict[str, _Profile] = {}  # a repeated line (a menu, a refrain) is measured once
    profiles = tuple(
        by_text[text] if text in by_text else by_text.setdefault(text, _profile(text, w, language))
        for text, w in zip(texts, words, strict=True)
    )
    signs = [
        bool(k) or _is_link_or_notice(t, p) for t, k, p in zip(texts, known, profiles, strict=True)
    ]
    if not _looks_like_a_page(profiles, signs):
        return None
    # Repetition and bracketed asides are signs only on a page: a play repeats its speakers'
    # names and a transcript brackets its "[Applause]".
    strong = tuple(
        s or r or _is_bracketed_aside(t)
        for s, r, t in zip(signs, _repeated(texts, profiles), texts, strict=True)
    )
    base = tuple(
        NEAR_GOOD if item and not k else BAD if s else _base_class(p)
        for s, k, p, item in zip(strong, known, profiles, _list_items(texts), strict=True)
    )
    forum = list(known).count("forum chrome") >= FORUM_MIN_CHROME
    announced = _announced(texts, base, known)
    region = _main_region(base, profiles, announced, forum)
    if region is None:  # no prose at all: nothing to tell furniture from
        return None
    region = _reach_stray_prose(region, base, strong)
    region = _before_comments(region, known, base)
    inside = _revise(
        [
            GOOD if shown else SHORT if c == BAD and not s else c
            for s, c, shown in zip(strong, base, announced, strict=True)
        ]
    )
    return PageReading(
        profiles=profiles,
        strong=strong,
        base=base,
        region=region,
        headline=_headline(texts, words, language, profiles, signs, region, base),
        inside=tuple(_label_runs(inside, profiles, _either(strong, announced))),
    )


def _profile(text: str, words: Sequence[str], language: frozenset[str]) -> _Profile:
    length = len(text)
    plain = text.isascii()  # no CJK to count: most paragraphs skip three scans
    cjk = 0 if plain else len(_CJK.findall(text))
    has_url = "http" in text or "www." in text
    return _Profile(
        chars=length + (CJK_WEIGHT - 1) * cjk,
        words=len(words) + cjk,
        stopword_share=sum(map(language.__contains__, words)) / len(words) if words else 0.0,
        link_share=sum(map(len, _URL.findall(text))) / length if has_url else 0.0,
        digits=sum(map(text.count, _ASCII_DIGITS)) if plain else len(_DIGIT.findall(text)),
        sentence=text.rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS,
        cjk=2 * cjk > length,
        cjk_punctuation=0 if plain else _cjk_clause_marks(text),
        code=_looks_like_code(text),
    )


def _cjk_clause_marks(text: str) -> int:
    """Commas and full stops of Chinese or Japanese text, or the spaces that stand for them.

    Some writers part clauses with a space ("一波波接續性低溫寒流報到 已將新竹尖石鄉…");
    a menu parts words of two or three characters ("时政 地方 法治 高层").
    """
    marks = len(_CJK_PUNCTUATION.findall(text))
    if marks:
        return marks
    clauses = [part for part in text.split() if _CJK.match(part)]
    if len(clauses) < 2:
        return 0
    mean = sum(len(_CJK.findall(part)) for part in clauses) / len(clauses)
    return len(clauses) - 1 if mean >= CJK_CLAUSE_CHARS else 0


def _looks_like_code(text: str) -> bool:
    """Enough of {};=()[]<> among a line's characters, an operator among them."""
    if len(text) < CODE_MIN_CHARS:
        return False
    signs = _CODE_SIGNS.intersection(text)
    if len(signs) < CODE_MIN_SYMBOLS or not signs & _CODE_OPERATORS:
        return False
    visible = len(text) - text.count(" ")
    return sum(map(text.count, signs)) >= CODE_SYMBOL_SHARE * visible


def _looks_like_a_page(profiles: Sequence[_Profile], strong: Sequence[bool]) -> bool:
    signs = sum(strong)
    if signs >= PAGE_MIN_SIGNS and signs >= PAGE_SIGN_SHARE * len(profiles):
        return True
    run = 0
    for profile in profiles:
        run = run + 1 if _is_menu_like(profile) else 0
        if run >= PAGE_NAV_RUN:
            return True
    return False


def _is_menu_like(profile: _Profile) -> bool:
    """A short line that is not a sentence: a few words, or words of no language.

    A word count is needed besides the stop-word share: jusText's lists are
    frequent Wikipedia words, nouns among them, so "Home" or "World" count
    as English stop words.
    """
    few_words = profile.words <= MENU_MAX_WORDS or profile.stopword_share < STOPWORDS_LOW
    return profile.chars < SHORT_CHARS and not profile.sentence and few_words


def _is_link_or_notice(text: str, profile: _Profile) -> bool:
    """jusText's strong signs: mostly a link, or a copyright line."""
    return (profile.link_share > MAX_LINK_SHARE and not profile.code) or "©" in text


def _is_bracketed_aside(text: str) -> bool:
    """A paragraph wholly in square brackets on a page: "[Read: Why Tunisia ...]", a link to
    another story set into the article (the dev Washington Post page has three)."""
    return text.startswith("[") and text.endswith("]") and " " in text


def _repeated(texts: Sequence[str], profiles: Sequence[_Profile]) -> list[bool]:
    keys = [" ".join(text.casefold().split()) for text in texts]
    counts = Counter(keys)
    return [
        counts[key] >= MIN_REPEATS and profile.words <= REPEATED_MAX_WORDS
        for key, profile in zip(keys, profiles, strict=True)
    ]


def _base_class(profile: _Profile) -> str:
    """jusText's context-free class, with a short sentence counted as near good.

    A line of code is near good: prose around it makes it part of the text.
    """
    if profile.code:
        return NEAR_GOOD
    if profile.cjk:
        return _cjk_class(profile)
    if profile.chars < SHORT_CHARS:
        prose = profile.sentence and profile.words >= 4 and profile.stopword_share >= STOPWORDS_LOW
        return NEAR_GOOD if prose else SHORT
    if profile.stopword_share >= STOPWORDS_HIGH:
        return GOOD if profile.chars > LONG_CHARS or profile.sentence else NEAR_GOOD
    return NEAR_GOOD if profile.stopword_share >= STOPWORDS_LOW else BAD


def _cjk_class(profile: _Profile) -> str:
    """Chinese and Japanese have no stoplist: prose is told by its commas and full stops."""
    if not profile.cjk_punctuation:
        return SHORT if profile.chars < SHORT_CHARS else BAD
    if profile.chars < SHORT_CHARS:
        return NEAR_GOOD if profile.sentence else SHORT
    dense = profile.cjk_punctuation * CJK_CHARS_PER_PUNCTUATION >= profile.words
    return GOOD if dense and (profile.sentence or profile.chars > LONG_CHARS) else NEAR_GOOD


def _weight(kind: str, profile: _Profile) -> float:
    if kind == GOOD:
        return GOOD_WEIGHT + min(profile.chars, GOOD_MAX_CHARS) / GOOD_CHARS_PER_UNIT
    return {NEAR_GOOD: NEAR_GOOD_WEIGHT, SHORT: SHORT_WEIGHT}.get(kind, BAD_WEIGHT)


def _main_region(
    base: Sequence[str], profiles: Sequence[_Profile], announced: Sequence[bool], forum: bool
) -> tuple[int, int] | None:
    """First and last paragraph of the main text, or None when nothing weighs for prose.

    The main text runs from the first to the last run of prose that weighs
    enough beside the heaviest one (on a forum, any post does). Lines of code
    weigh nothing: they belong to the text around them, whichever it is.
    """
    cost, share = (FORUM_RUN_COST, FORUM_REGION_SHARE) if forum else (RUN_COST, REGION_SHARE)
    weights = [
        0.0 if profile.code or (shown and kind != NEAR_GOOD) else _weight(kind, profile)
        for kind, profile, shown in zip(base, profiles, announced, strict=True)
    ]
    runs = _prose_runs(weights, cost)
    if not runs:
        return None
    heaviest = max(weight for weight, _, _ in runs)
    enough = min(share * heaviest, SECTION_WEIGHT)
    kept = [(first, last) for weight, first, last in runs if weight >= enough]
    return kept[0][0], kept[-1][1]


def _reach_stray_prose(
    region: tuple[int, int], base: Sequence[str], strong: Sequence[bool]
) -> tuple[int, int]:
    """The main text grown to good prose that only short, unsigned lines part from it.

    A post's opening paragraph above a list of credits ("Mitwirkende:", three
    names, "Länge: 3:28:15"), or a table's caption above its cells, weighs
    too little alone to open a run of prose, and the short lines between cost
    more than joining it is worth. Nothing in the stretch is furniture by a
    sign, and only short or near-good lines part the paragraph from the text,
    so it is taken with the lines between, repeatedly, outwards both ways.
    """
    start, end = region
    while (before := _stray_prose(range(start - 1, -1, -1), base, strong)) is not None:
        start = before
    while (after := _stray_prose(range(end + 1, len(base)), base, strong)) is not None:
        end = after
    return start, end


def _stray_prose(outwards: range, base: Sequence[str], strong: Sequence[bool]) -> int | None:
    """The first good paragraph along ``outwards`` within STRAY_GAP short or near-good lines."""
    for i in outwards[: STRAY_GAP + 1]:
        if strong[i] or base[i] == BAD:
            return None
        if base[i] == GOOD:
            return i
    return None


def _before_comments(
    region: tuple[int, int], known: Sequence[str | None], base: Sequence[str]
) -> tuple[int, int]:
    """The main text cut where a comment section starts ("2 comments on ...", "Leave a Reply").

    Reader comments under an article are furniture, however long; the header
    counts only after the first good paragraph, so a forum's "12 replies to ..."
    above its first post cuts nothing. The text ends at its last line that is
    not bad before the header: a post's closing list of short lines (episode
    titles under a podcast's shownotes) is its own, and revision in context
    still sorts out share buttons there.
    """
    start, end = region
    first_good = next((i for i in range(start, end + 1) if base[i] == GOOD), end)
    cut = next((i for i in range(first_good, end + 1) if known[i] == "comments"), None)
    if cut is None:
        return region
    last = max((i for i in range(start, cut) if base[i] != BAD), default=start)
    return start, last


def _either(first: Sequence[bool], second: Sequence[bool]) -> list[bool]:
    return [a or b for a, b in zip(first, second, strict=True)]


def _announced(
    texts: Sequence[str], base: Sequence[str], known: Sequence[str | None]
) -> list[bool]:
    """The lines after prose that ends with a colon, up to the next good prose: what it shows.

    "Here are examples of app updates already using it:" introduces a table,
    a list or a listing that belongs to the text, however much it looks like a
    menu, a block of label-value lines or a list of links; a line a rule
    names ends it, and a colon after furniture ("Share this:", "Tags:")
    announces nothing. On the dev half this keeps a Google blog post's
    29-cell table and the section after it, and a README's list of
    environment variables with their URLs (precision 0.970 -> 0.985).
    """
    announced = [False] * len(texts)
    showing = False
    for i, (text, kind) in enumerate(zip(texts, base, strict=True)):
        colon = text.rstrip().endswith((":", "："))
        if known[i] or kind == GOOD:
            showing = kind == GOOD and colon
        elif showing:
            announced[i] = True
        else:
            showing = kind == NEAR_GOOD and colon
    return announced


def _list_items(texts: Sequence[str]) -> list[bool]:
    """Items of a numbered list or of a list bulleted by hand ("- Länge: 2,44 Meter")."""
    bullets = [m.group(1) if (m := _BULLETED.match(text)) else None for text in texts]
    listed = _numbered_lists(texts)
    start = 0
    for i in range(1, len(texts) + 1):
        if i < len(texts) and bullets[i] is not None and bullets[i] == bullets[start]:
            continue
        if i - start >= LIST_MIN_ITEMS and bullets[start] is not None:
            listed[start:i] = [True] * (i - start)
        start = i
    return listed


def _numbered_lists(texts: Sequence[str]) -> list[bool]:
    """Paragraphs in a run of at least LIST_MIN_ITEMS numbered 1, 2, 3, ... ("1.", "1)", "[1]")."""
    numbers = [
        int(m.group(1) or m.group(2)) if (m := _ENUMERATED.match(text)) else None for text in texts
    ]
    listed = [False] * len(texts)
    start = 0
    for i in range(1, len(texts) + 1):
        previous, current = numbers[i - 1], numbers[i] if i < len(texts) else None
        if current is not None and previous is not None and current == previous + 1:
            continue
        if i - start >= LIST_MIN_ITEMS and numbers[start] is not None:
            listed[start:i] = [True] * (i - start)
        start = i
    return listed


def _prose_runs(weights: Sequence[float], cost: float) -> list[tuple[float, int, int]]:
    """(weight, first, last) of the runs that best cover the positive weight, in order.

    The runs maximise their total weight less ``cost`` per run: a
    two-state Viterbi pass (in a run or not) and one pass back. Two stretches
    of prose join into one run across furniture weighing less than the cost,
    and a run must outweigh it. Linear in the number of paragraphs.
    """
    inside, outside = -math.inf, 0.0  # best totals with the paragraph so far in a run / not
    opens: list[bool] = []  # the best run through paragraph i starts at i
    after_run: list[bool] = []  # the best way to be outside at i is to have been in a run at i-1
    for weight in weights:
        opens.append(outside - cost > inside)
        after_run.append(inside > outside)
        inside, outside = max(inside, outside - cost) + weight, max(outside, inside)
    in_run = [False] * len(weights)
    state = inside > outside
    for i in range(len(weights) - 1, -1, -1):
        in_run[i] = state
        state = not opens[i] if state else after_run[i]
    runs: list[tuple[float, int, int]] = []
    for i, weight in enumerate(weights):
        if not in_run[i]:
            continue
        if runs and runs[-1][2] == i - 1:
            total, first, _ = runs[-1]
            runs[-1] = (total + weight, first, i)
        else:
            runs.append((weight, i, i))
    return runs


def _headline(
    texts: Sequence[str],
    words: Sequence[Sequence[str]],
    language: frozenset[str],
    profiles: Sequence[_Profile],
    signs: Sequence[bool],
    region: tuple[int, int],
    base: Sequence[str],
) -> int | None:
    """The headline-like paragraph above the main text that shares most words with it.

    A headline names what the story is about, so its words recur in the
    story's prose; a teaser for another story, a section name or "Your video
    will play in 00:25" share none. Only the prose counts: a side menu inside
    the text ("Navigation", "Search") must not make "Jump to navigation Jump
    to search" the headline. Ties go to the longer line (a forum's thread
    title beats the poster's two-word title beside it), then the nearer. A line
    named furniture by a rule or a link is never the headline; one repeated
    on the page may be (a headline is repeated in sticky bars and lists).
    """
    start, end = region
    prose = [i for i in range(start, end + 1) if base[i] in (GOOD, NEAR_GOOD)]
    body = _topic_words([words[i] for i in prose], [texts[i] for i in prose], language)
    candidates = [
        i
        for i in range(max(0, start - HEADLINE_WINDOW), start)
        if not signs[i] and _looks_like_headline(texts[i], profiles[i])
    ]
    return max(
        candidates,
        key=lambda i: (
            len(_topic_words([words[i]], [texts[i]], language) & body),
            profiles[i].words,
            i,
        ),
        default=None,
    )


def _topic_words(
    words: Sequence[Sequence[str]], texts: Sequence[str], language: frozenset[str]
) -> set[str]:
    """Words that say what a text is about: not stop words, and each CJK character alone."""
    found = {w for ws in words for w in ws if w not in language and not _CJK.search(w)}
    return found | {c for text in texts for c in _CJK.findall(text)}


def _looks_like_headline(text: str, profile: _Profile) -> bool:
    """A few words, not a sentence, hardly any digits (a dateline or byline has a date).

    Words are counted between spaces: "for-phone-onlyfor-tablet-up" is one.
    """
    if (
        profile.link_share
        or profile.digits > HEADLINE_MAX_DIGITS
        or text.endswith((".", ":", "。"))
    ):
        return False
    if profile.cjk:
        return HEADLINE_MIN_CJK <= profile.words <= HEADLINE_MAX_CJK
    first_letter = next((c for c in text if c.isalpha()), "")
    if first_letter.islower():  # "in Featured Article WebAPI", "abu garcia angeln hecht": tags
        return False
    return HEADLINE_MIN_WORDS <= len(text.split()) <= HEADLINE_MAX_WORDS


def _revise(classes: Sequence[str]) -> list[str]:
    """Context revision inside the main text: short lines take the side of the stretch they are in.

    Near good counts as good. A stretch between two good paragraphs that
    holds at least :data:`CHROME_SIGNS` furniture lines is chrome (a forum
    post's profile block), and its short lines with it; otherwise its short
    lines are headings, list items or table cells of the text. jusText's
    own rule (a short line next to one bad paragraph is bad) let a single
    chance match, a "Comment" column heading, sink a whole table. A stretch
    at the edge of the page is chrome, as in jusText.
    """
    settled = [GOOD if kind == NEAR_GOOD else kind for kind in classes]
    revised = list(settled)
    start = 0
    while start < len(settled):
        if settled[start] == GOOD:
            start += 1
            continue
        end = start
        while end < len(settled) and settled[end] != GOOD:
            end += 1
        signs = settled[start:end].count(BAD)
        at_edge = start == 0 or end == len(settled)
        verdict = BAD if at_edge or signs >= CHROME_SIGNS else GOOD
        revised[start:end] = [verdict if kind == SHORT else kind for kind in settled[start:end]]
        start = end
    return revised


def _label_runs(
    classes: list[str], profiles: Sequence[_Profile], apart: Sequence[bool]
) -> list[str]:
    """Runs of short lines that are mostly label-value pairs are furniture as a whole.

    A line ``apart`` (a strong sign, or a table cell prose announced) is in no run.
    """
    result = list(classes)
    i = 0
    while i < len(profiles):
        j = i
        while (
            j < len(profiles)
            and not apart[j]
            and profiles[j].chars < SHORT_CHARS
            and not profiles[j].sentence
        ):
            j += 1
        values = sum(profiles[k].is_value for k in range(i, j))
        if j - i >= LABEL_RUN_MIN and values >= LABEL_RUN_VALUE_SHARE * (j - i):
            result[i:j] = [BAD] * (j - i)
        i = max(j, i + 1)
    return result
