"""Free text: find every mention of a listed party in a news article, a remittance text or any
document (plain text or HTML), with character offsets into the original text.

1. The text is cut into words with their offsets (HTML tags stripped, entities decoded, the
   offsets kept into the original); possessives (``al-Kani's``) lose their ``'s``, hyphens
   split words (``Kaniyat-linked``), a word hyphenated over a line break is joined.
2. Each word gets the normalised keys the index uses (any script, transliterated), and an
   Aho–Corasick automaton over the gazetteer of list-name keys (every listed name's tokens in
   their normalised form, and each whole name as a token sequence) finds where the text meets
   the lists; words no list has reach list tokens one edit away through the index's fuzzy
   lookups. The automaton is built once per :class:`~sanctio.screen.Screener` and kept on it.
3. Around each anchor (a rare list token, or a whole list name) windows of 1 to 6 name-like
   words are scored by the screener's own scorer (as ``screen``), and the best
   non-overlapping windows at or above the text threshold (0.85) that pass the precision
   rules (:meth:`TextScanner._accept`) are the mentions; the sentence around each is shown to
   the analyst as evidence, with its context words (sanctioned, militia ...), which change no
   score.
"""

from __future__ import annotations

import bisect
import html
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import ahocorasick

from sanctio.contract import Match, Query
from sanctio.model import Schema
from sanctio.screen import Screener
from sanctio.text.cantonese import HAN_CHAR, cantonese_reading, hk_key
from sanctio.text.korean_hanja import korean_reading
from sanctio.text.normalize import (
    GENERIC,
    PARTICLES,
    TITLES,
    Role,
    analyze,
    number_value,
    split_compounds,
    syllable_key,
    to_latin,
    tokenize_ascii,
)
from sanctio.text.slavic import nominatives

DEFAULT_TEXT_THRESHOLD = 0.85
MAX_WINDOW = 6  # words in a candidate span
MAX_TEXT_CHARS = 1_000_000  # per document (the service's limit is its own)
ANCHOR_WEIGHT = 0.55  # a list token at least this rare anchors candidate spans
RARE_WEIGHT = 0.8  # a one-word organisation name must be at least this rare in the lists...
RARE_ENTITIES = 2  # ... and belong to at most this many listed parties
MIN_SINGLE_LEN = 5  # ... and be at least this long
CONTEXT_WORDS = frozenset("""
sanction sanctions sanctioned designated designation designations blacklisted blacklist listed
militia militias brigade brigades minister ministers leader commander warlord terrorist
terrorists terrorism freeze frozen embargo ofac magnitsky indicted wanted accused
""".split())
_SCORE_CACHE_SIZE = 50_000
# function words of scripts without capital letters, which would otherwise read as names
# (على, "on", is written as علي, Ali, once its final letter is folded)
_CASELESS_STOPWORDS = frozenset("""
على في من إلى الى عن مع أن ان إن هذا هذه ذلك التي الذي الذين قد كان كانت لا ما بعد قبل حتى ثم
أو او و يوم بين عند كل منذ ضد لقد وقد فقد وفي ومن إلى كما حيث أي غير به بها له لها هو هي هم
""".split())
_CONJUNCTIONS = frozenset("and or und et".split())

# Arabic particles shown as part of a mention (al-Kani): never "the" or "of"
_SHOWN_PARTICLES = frozenset("al el ul bin ibn ben bint ould abu".split())
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# between two words: what keeps them in one candidate span (spaces, hyphens, a line break,
# an article's apostrophe); anything else (a comma, a full stop, a quote, a bracket) ends it
_JOINER = re.compile(r"^[\s\-\u2010\u2011\u00ad'\u2019]*$")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_LIST_COMMA = re.compile(r"^,[ \t]*\r?\n?[ \t]*$")
# capitalised words that begin a sentence or a clause without being a name
_NOT_NAMES = frozenset("""
in on at the a an by for from to with as but and or when while after before since under
against of its their his her this that these those if although according said says also
""".split())
_APOSTROPHES = "'\u2019\u02bc"
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"\u201d\u2019)]|$)|\n[ \t\r]*\n")
_BLOCK_TAGS = frozenset("""
p div br li ul ol tr td th table h1 h2 h3 h4 h5 h6 section article header footer blockquote
pre hr title dd dt dl nav aside main figure figcaption
""".split())


# ----------------------------------------------------------------------------- text


def strip_html(text: str) -> tuple[str, list[int]]:
    """The visible text of an HTML document, and for each of its characters the offset of
    the character it came from in the original (tags removed, entities decoded, block tags
    read as line breaks, script and style elements dropped)."""
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    tag = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|<!--.*?-->|<![^>]*>|<\?[^>]*>", re.S)
    entity = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
    while i < n:
        c = text[i]
        if c == "<":
            m = tag.match(text, i)
            if m:
                name = (m.group(2) or "").lower()
                if name in ("script", "style") and not m.group(1):
                    close = re.compile(rf"</{name}\s*>", re.I).search(text, m.end())
                    i = close.end() if close else n
                    continue
                if name in _BLOCK_TAGS:
                    out.append("\n")
                    offsets.append(i)
                i = m.end()
                continue
        elif c == "&":
            m = entity.match(text, i)
            if m:
                decoded = html.unescape(m.group(0))
                if decoded != m.group(0):
                    for ch in decoded:
                        out.append("\u00a0" if ch == "\u00a0" else ch)
                        offsets.append(i)
                    i = m.end()
                    continue
        out.append(c)
        offsets.append(i)
        i += 1
    return "".join(out), offsets


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or bool(
        re.search(r"<(p|div|body|span|a|br|b|i|h[1-6])[\s>/]", head))


@dataclass(slots=True)
class Word:
    start: int  # offsets into the visible text
    end: int
    text: str
    clean: str  # the word as scored (no possessive, no line-break hyphen)
    keys: tuple[str, ...]  # normalised tokens, as the index writes them
    cased: bool  # starts with a capital letter, or is in a script without case
    brk: bool = False  # a candidate span cannot run from the previous word into this one
    hyphen: bool = False  # joined to the previous word by a hyphen
    han: bool = False  # one Chinese character (a text in Chinese writes no spaces)
    alt: str | None = None  # the word in the nominative, where Russian text declines it


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> tuple[str, ...]:
    """The normalised tokens of one word, as :func:`sanctio.text.normalize.analyze` writes
    them (transliterated, Arabic compounds split, particles in one form, 9th = 9)."""
    latin = to_latin(word)
    arabic = not word.isascii() and bool(re.search("[\u0600-\u06ff]", word))
    out: list[str] = []
    for raw in tokenize_ascii(latin):
        for tok in split_compounds(raw, arabic):
            tok = {"abou": "abu", "abo": "abu", "ibn": "bin", "ben": "bin", "bint": "bin",
                   "el": "al", "ul": "al"}.get(tok, tok)
            num = number_value(tok, words=None)
            out.append(str(num) if num is not None else tok)
    return tuple(out)


def _cased(word: str) -> bool:
    first = word[0]
    return first.isupper() or first.isdigit() or (
        first.isalpha() and first.lower() == first.upper())


def words_of(text: str) -> list[Word]:
    """Words with their offsets; a possessive loses its ``'s``, a word hyphenated over a line
    break (``Kani-\\nyat``) is joined, soft hyphens are dropped."""
    words: list[Word] = []
    pieces = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    k = 0
    prev_end = 0
    while k < len(pieces):
        s, e = pieces[k]
        # an apostrophe inside a word (Mu'ammar) joins; 's after it is a possessive
        while k + 1 < len(pieces) and pieces[k + 1][0] == e + 1 and text[e] in _APOSTROPHES:
            ns, ne = pieces[k + 1]
            if text[ns:ne].lower() in ("s", "t", "ll", "re", "ve", "d", "m"):
                k += 1  # al-Kani's: the possessive (or a clitic) is not part of the name
                break
            e = ne
            k += 1
        # a soft hyphen, or a hyphen at a line end followed by a lower-case continuation
        while k + 1 < len(pieces):
            ns, ne = pieces[k + 1]
            gap = text[e:ns]
            if gap == "\u00ad" or (re.fullmatch(r"[-\u00ad\u2010][ \t]*\r?\n[ \t]*", gap)
                                   and text[ns].islower()):
                e = ne
                k += 1
            else:
                break
        raw = text[s:e]
        clean = re.sub(r"[-\u00ad\u2010]?[ \t]*\r?\n[ \t]*|\u00ad", "", raw)
        gap = text[prev_end:s]
        brk = not words or not _JOINER.match(gap) or bool(_BLANK_LINE.search(gap))
        if words and not brk and gap.strip() in _APOSTROPHES and gap.strip():
            brk = True  # a quote mark between words
        if brk and words and _LIST_COMMA.match(gap) and len(words[-1].clean) >= 2 \
                and words[-1].clean.isupper() and _cased(clean):
            brk = False  # a name as the lists write it: FAMILY, Given
        cased = _cased(clean) and clean not in _CASELESS_STOPWORDS
        words.append(Word(s, e, raw, clean, word_keys(clean), cased, brk,
                          hyphen=bool(words) and "-" in gap))
        prev_end = e
        k += 1
    return words


def han_characters(words: list[Word]) -> list[Word]:
    """The words with each Chinese character a word of its own (Chinese writes no spaces
    between words: 新疆党委书记陈全国 is one run of letters), other letters in a word kept
    together; offsets into the text kept."""
    out: list[Word] = []
    for w in words:
        if not HAN_CHAR.search(w.clean) or w.clean != w.text:
            out.append(w)
            continue
        first = True
        run = ""
        for k, ch in enumerate(w.clean + "\0"):
            if ch != "\0" and not HAN_CHAR.match(ch):
                run += ch
                continue
            if run:
                start = w.start + k - len(run)
                out.append(Word(start, w.start + k, run, run, word_keys(run), _cased(run),
                                w.brk if first else False))
                first, run = False, ""
            if ch == "\0":
                break
            out.append(Word(w.start + k, w.start + k + 1, ch, ch, word_keys(ch), True,
                            w.brk if first else False, han=True))
            first = False
    return out


# ----------------------------------------------------------------------------- gazetteer


@dataclass(slots=True)
class _Key:
    weight: float  # the token's rarity weight in the index (1 = rare)
    entities: int  # how many listed parties have a name with it


@dataclass(slots=True)
class Gazetteer:
    """The list names' keys: an Aho–Corasick automaton over the normalised token sequences
    of every indexed name (each token, and each whole name), with each token's rarity."""

    automaton: Any
    tokens: dict[str, _Key]
    vocab: frozenset[str]
    singles: dict[str, set[int]]  # a token that is alone a listed name: of which parties
    # list names of two to four words of letters, each written as one word, family name
    # first or last: as pinyin reads them, and as Hong Kong spells them (TextScanner._han_windows)
    # and by the romanisation-free keys of their syllables, as a Korean name in Chinese
    # characters is read (金正恩: Kim Jong Un)
    han_names: tuple[frozenset[str], frozenset[str], frozenset[str]] = (
        frozenset(), frozenset(), frozenset())


def _build_gazetteer(screener: Screener) -> Gazetteer:
    weights = screener.index.weights
    tokens: dict[str, _Key] = {}
    owners: dict[str, set[int]] = {}
    singles: dict[str, set[int]] = {}
    auto = ahocorasick.Automaton()
    for n in screener.names:
        seq = [t for t in n.form.tokens if t.role in (Role.NAME, Role.NUMBER, Role.GENERIC)]
        if len(seq) == 1 and seq[0].role == Role.NAME:
            singles.setdefault(seq[0].text, set()).add(n.entity)
        for t in seq:
            for text in (t.text, t.alt):
                if text:
                    owners.setdefault(text, set()).add(n.entity)
                    if text not in tokens:
                        tokens[text] = _Key(weights.weight(t), 0)
        if len(seq) >= 2:
            key = " " + " ".join(t.text for t in seq) + " "
            if key not in auto:
                auto.add_word(key, (len(seq), key))
    for text, info in tokens.items():
        info.entities = len(owners.get(text, ()))
        pattern = " " + text + " "
        if pattern not in auto:
            auto.add_word(pattern, (1, pattern))
    auto.make_automaton()
    return Gazetteer(auto, tokens, frozenset(tokens), singles, _han_names(screener))


def _han_names(screener: Screener) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    pinyin: set[str] = set()
    hong_kong: set[str] = set()
    syllables: set[str] = set()
    for n in screener.names:
        seq = [t.text for t in n.form.tokens if t.role == Role.NAME]
        if not 2 <= len(seq) <= 4 or len(seq) != len(n.form.tokens) or not all(
                w.isascii() and w.isalpha() for w in seq):
            continue
        keys = [syllable_key(w) for w in seq]
        for order in (seq, seq[-1:] + seq[:-1]):
            pinyin.add("".join(order))
            hong_kong.add("".join(hk_key(w) for w in order))
        if all(keys):
            for korder in (keys, keys[-1:] + keys[:-1]):
                syllables.add("|".join(k or "" for k in korder))
    return frozenset(pinyin), frozenset(hong_kong), frozenset(syllables)


_LOCK = threading.Lock()


def text_scanner(screener: Screener) -> TextScanner:
    """The screener's text scanner: built once (the gazetteer) and kept on the screener."""
    scanner: TextScanner | None = getattr(screener, "_text_scanner", None)
    if scanner is None:
        with _LOCK:
            scanner = getattr(screener, "_text_scanner", None)
            if scanner is None:
                scanner = TextScanner(screener)
                screener._text_scanner = scanner  # type: ignore[attr-defined]
    return scanner


# ----------------------------------------------------------------------------- results


@dataclass(slots=True)
class Mention:
    start: int  # offsets into the original text
    end: int
    text: str
    match: Match
    sentence: str
    sentence_start: int
    sentence_end: int
    context: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "entity_id": self.match.entity_id, "score": round(self.match.score, 4),
                "match": self.match.to_dict(), "sentence": self.sentence,
                "sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
                "context": self.context}


@dataclass(slots=True)
class ScanResult:
    mentions: list[Mention]
    threshold: float
    list_versions: dict[str, str]
    chars: int
    document: str | None = None
    html: bool = False
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        parties: dict[str, dict[str, Any]] = {}
        for m in self.mentions:
            p = parties.setdefault(m.match.entity_id, {
                "entity_id": m.match.entity_id, "name": m.match.name,
                "schema": m.match.schema, "mentions": 0, "best_score": 0.0,
                "designations": sorted({f"{d.source}:{d.source_id}"
                                        for d in m.match.designations})})
            p["mentions"] += 1
            p["best_score"] = max(p["best_score"], round(m.match.score, 4))
        return {"mentions": len(self.mentions), "parties": len(parties),
                "entities": sorted(parties.values(), key=lambda p: -p["mentions"])}

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "chars": self.chars, "html": self.html,
                "status": "alert" if self.mentions else "clear",
                "threshold": self.threshold, "summary": self.summary(),
                "mentions": [m.to_dict() for m in self.mentions],
                "list_versions": self.list_versions, "warnings": self.warnings}


# ----------------------------------------------------------------------------- scanner


@dataclass(slots=True)
class _Candidate:
    i: int  # first and last word of the window
    j: int
    score: float
    match: Match


class TextScanner:
    """Finds mentions of listed parties in free text with a :class:`Screener`'s index and
    scorer. Use :func:`text_scanner` to get the one kept on a screener."""

    def __init__(self, screener: Screener, *, threshold: float = DEFAULT_TEXT_THRESHOLD) -> None:
        self.screener = screener
        self.threshold = threshold
        self.gazetteer = _build_gazetteer(screener)
        self._scores: dict[str, list[Match]] = {}
        self._fuzzy: dict[str, tuple[str, ...]] = {}

    # -------------------------------------------------------------- lookups

    def _fuzzy_keys(self, key: str) -> tuple[str, ...]:
        """List tokens one edit from a word no list has (Kaniyet: kaniyat)."""
        hit = self._fuzzy.get(key)
        if hit is None:
            if len(key) < 5 or key.isdigit():
                hit = ()
            else:
                hit = tuple(sorted(self.screener.index.fuzzy_vocab(key) & self.gazetteer.vocab))
            if len(self._fuzzy) > 100_000:
                self._fuzzy.clear()
            self._fuzzy[key] = hit
        return hit

    def _rarity(self, key: str) -> float:
        k = self.gazetteer.tokens.get(key)
        return k.weight if k is not None else 0.0

    def _word_weight(self, w: Word) -> float:
        """The rarest list token a word reaches (exactly, without its glued article, or one
        edit away when no list has the word itself)."""
        best = 0.0
        for key in w.keys:
            if key in PARTICLES or key in TITLES or key.isdigit():
                continue
            cands = [key]
            if len(key) >= 6 and key[:2] in ("al", "el"):
                cands.append(key[2:])
            for c in cands:
                if c in self.gazetteer.vocab:
                    best = max(best, self._rarity(c))
                elif w.cased:
                    for f in self._fuzzy_keys(c):
                        best = max(best, 0.85 * self._rarity(f))
        return best

    # -------------------------------------------------------------- scanning

    def scan(self, text: str, *, threshold: float | None = None, is_html: bool | None = None,
             document: str | None = None) -> ScanResult:
        """Every mention of a listed party in ``text`` (plain text or HTML), best
        non-overlapping spans, in text order."""
        threshold = self.threshold if threshold is None else threshold
        warnings: list[str] = []
        if len(text) > MAX_TEXT_CHARS:
            warnings.append(f"text of {len(text)} characters: only the first "
                            f"{MAX_TEXT_CHARS} are scanned")
            text = text[:MAX_TEXT_CHARS]
        is_html = looks_like_html(text) if is_html is None else is_html
        if is_html:
            visible, offsets = strip_html(text)
        else:
            visible, offsets = text, []
        words = self._nominative(han_characters(words_of(visible)))
        candidates = self._candidates(words, threshold)
        chosen = self._select(candidates)

        def orig(pos: int, end: bool = False) -> int:
            if not offsets:
                return pos
            if end:
                return offsets[pos - 1] + 1 if pos > 0 else 0
            return offsets[pos] if pos < len(offsets) else len(text)

        mentions = []
        for c in chosen:
            i = c.i
            # al-Kani, bin Laden: the article or particle in front is shown with the name
            while i > 0 and not words[i].brk and words[i - 1].keys and all(
                    k in _SHOWN_PARTICLES for k in words[i - 1].keys) and i > c.i - 2:
                i -= 1
            vs, ve = words[i].start, words[c.j].end
            s_start, s_end = _sentence(visible, vs, ve)
            sentence = " ".join(visible[s_start:s_end].split())
            context = sorted({k for w in _WORD.findall(visible[s_start:s_end])
                              for k in [w.lower()] if k in CONTEXT_WORDS})
            start, end = orig(vs), orig(ve, end=True)
            mentions.append(Mention(start, end, text[start:end], c.match, sentence,
                                    orig(s_start), orig(s_end, end=True), context))
        return ScanResult(mentions, threshold, dict(self.screener.list_versions), len(text),
                          document, is_html, warnings)

    def _nominative(self, words: list[Word]) -> list[Word]:
        """Russian running text declines names (встретился с Рамзаном Кадыровым): a Cyrillic
        word no list has is read as the nominative that a list writes, where one of its
        endings reads back to one (:func:`sanctio.text.slavic.nominatives`), its offsets
        kept; a word the lists have stays as written."""
        vocab = self.gazetteer.vocab
        out = []
        for w in words:
            read = self._read_nominative(w) if w.cased and w.keys else None
            if read is not None:
                # (a word the lists have may be declined all the same, Пригожина: Prigozhina,
                # a name, or the genitive of Prigozhin: both are scored)
                w = replace(w, alt=read.clean) if all(k in vocab for k in w.keys) else read
            out.append(w)
        return out

    def _read_nominative(self, w: Word) -> Word | None:
        """The word in the first nominative of it whose keys the lists have, or None."""
        vocab = self.gazetteer.vocab
        for cand in nominatives(w.clean):
            keys = word_keys(cand)
            if keys and keys != w.keys and all(k in vocab for k in keys):
                return replace(w, clean=cand, keys=keys)
        return None

    def _anchors(self, words: list[Word]) -> set[int]:
        """Words where the text meets the gazetteer: a rare list token, or the first word of
        a whole list name (as a sequence of normalised tokens, by the automaton)."""
        anchors: set[int] = set()
        # the normalised text: each word's keys, and where each key starts
        parts: list[str] = [" "]
        starts: list[tuple[int, int]] = []  # (position in the stream, word)
        pos = 1
        for wi, w in enumerate(words):
            if w.brk or w.han:
                # no pattern runs over a break, nor into a Chinese character (see _han_windows)
                parts.append("| ")
                pos += 2
            if w.han:
                continue
            for key in w.keys:
                if key in PARTICLES or key in TITLES:
                    continue
                starts.append((pos, wi))
                parts.append(key + " ")
                pos += len(key) + 1
        stream = "".join(parts)

        positions = [p for p, _ in starts]
        for end, (n_tokens, pattern) in self.gazetteer.automaton.iter(stream):
            begin = end - len(pattern) + 2  # the first letter of the pattern
            at = bisect.bisect_left(positions, begin)
            if at >= len(starts) or starts[at][0] != begin:
                continue
            wi = starts[at][1]
            w = words[wi]
            if n_tokens >= 2:
                if w.cased or any(k.isdigit() for k in w.keys):
                    anchors.add(wi)
            elif self._rarity(pattern.strip()) >= ANCHOR_WEIGHT and w.cased:
                anchors.add(wi)
        # words no list has, one edit from a list token (Kaniyet), or with a glued article
        for wi, w in enumerate(words):
            if wi not in anchors and w.cased and not w.han and any(
                    k not in self.gazetteer.vocab for k in w.keys) \
                    and self._word_weight(w) >= ANCHOR_WEIGHT:
                anchors.add(wi)
        return anchors

    def _han_windows(self, words: list[Word]) -> list[tuple[int, int]]:
        """In Chinese text, which writes no spaces: each run of three or four characters that
        reads, in Mandarin, in Hong Kong's Cantonese or in Korean, as the whole of a listed
        name (陈全国: Chen Quanguo; 林鄭月娥: Lam Cheng Yuet-ngor; 金正恩: Kim Jong Un), family
        name first or last."""
        out: list[tuple[int, int]] = []
        for i in range(len(words)):
            for j in (i + 2, i + 3):
                if j < len(words) and all(w.han and w.keys for w in words[i:j + 1]) and not any(
                        w.brk for w in words[i + 1:j + 1]) and self._reads_as_listed(
                        words[i:j + 1]):
                    out.append((i, j))
        return out

    def _reads_as_listed(self, chars: list[Word]) -> bool:
        """Whether Chinese characters read as a listed name (see :meth:`_han_windows`): in
        pinyin, then in Cantonese, then in Korean, each reading made only when needed."""
        pinyin, hong_kong, syllables = self.gazetteer.han_names
        if "".join(w.keys[0] for w in chars) in pinyin:
            return True
        text = "".join(w.clean for w in chars)
        hk = cantonese_reading(text)
        if hk is not None and "".join(hk_key(y) for y in hk.lower().split()) in hong_kong:
            return True
        korean = korean_reading(text)
        return korean is not None and "|".join(
            syllable_key(t.text) or "-" for t in analyze(korean, org=False).tokens) in syllables

    def _name_like(self, w: Word) -> bool:
        if w.han:
            return False  # (a Chinese name's characters: _han_windows)
        if w.cased:
            return True
        return bool(w.keys) and all(k in PARTICLES or k in GENERIC or k.isdigit()
                                    for k in w.keys)

    def _candidates(self, words: list[Word], threshold: float) -> list[_Candidate]:
        out: list[_Candidate] = []
        seen: set[tuple[int, int]] = set()
        for i, j in self._han_windows(words):
            seen.add((i, j))
            cand = self._window(words, i, j, threshold)
            if cand is not None:
                out.append(cand)
        for a in sorted(self._anchors(words)):
            # the run of name-like words around the anchor, within one sentence part
            lo = a
            while lo > 0 and not words[lo].brk and self._name_like(words[lo - 1]) \
                    and a - lo < MAX_WINDOW - 1:
                lo -= 1
            hi = a
            while hi + 1 < len(words) and not words[hi + 1].brk and self._name_like(
                    words[hi + 1]) and hi - a < MAX_WINDOW - 1:
                hi += 1
            for i in range(lo, a + 1):
                if not _edge(words[i]):
                    continue
                for j in range(a, min(hi, i + MAX_WINDOW - 1) + 1):
                    if (i, j) in seen or not _edge(words[j]):
                        continue
                    seen.add((i, j))
                    cand = self._window(words, i, j, threshold)
                    if cand is not None:
                        out.append(cand)
        return out

    def _window(self, words: list[Word], i: int, j: int, threshold: float) -> _Candidate | None:
        if not any(w.keys for w in words[i:j + 1]):
            return None
        best: _Candidate | None = None
        # (as written, and with each word Russian may have declined in the nominative)
        for alt in (False, True) if any(w.alt for w in words[i:j + 1]) else (False,):
            texts = [(w.alt or w.clean) if alt else w.clean for w in words[i:j + 1]]
            span = texts[0] + "".join(
                ("" if words[k].han and words[k + 1].han else " ") + texts[k + 1 - i]
                for k in range(i, j))
            for m in self._score(span):
                if m.score < threshold:
                    break
                if self._accept(span, words, i, j, m):
                    if best is None or m.score > best.score:
                        best = _Candidate(i, j, m.score, m)
                    break
        return best

    def _score(self, span: str) -> list[Match]:
        hit = self._scores.get(span)
        if hit is None:
            # (a Chinese name is scored with the readings screening gives it, Cantonese too:
            # no form given)
            form = None if HAN_CHAR.search(span) else analyze(span, org=None)
            hit = self.screener._score(Query(name=span), entity_filter=None, form=form,
                                       keep=lambda s, rank: rank < 3)
            if len(self._scores) >= _SCORE_CACHE_SIZE:
                self._scores.clear()
            self._scores[span] = hit
        return hit

    def _accept(self, span: str, text_words: list[Word], i: int, j: int, m: Match) -> bool:
        """The precision rules of free text (see the README): a person needs two matched name
        tokens and nothing else in the span; an organisation, vessel or aircraft two
        identifying words, or (organisations only) one identifying word that is, with its
        generic words, the whole of one of its listed names (al-Kani militia, 9th Brigade),
        or that is alone a rare, distinctive listed name (Kaniyat)."""
        words = text_words[i:j + 1]
        data = m.explanation[0].data if m.explanation else {}
        aligned = data.get("aligned", [])
        roles = {t.text: t.role for t in analyze(span, org=None).scoring}
        if HAN_CHAR.search(span):
            # (a Chinese name is matched in the reading that met it, Cantonese too: its
            # syllables are its name words)
            roles.update((t, Role.NAME) for p in aligned for t in p["query"].split())
        strong = [p for p in aligned if p["similarity"] >= 0.75 and p["query"]]

        def has(p: dict[str, Any], *want: Role) -> bool:
            return any(roles.get(t) in want for t in p["query"].split())

        names = [p for p in strong if has(p, Role.NAME)]
        conj = {k for w in words for k in w.keys if k in _CONJUNCTIONS}
        if conj and not conj <= set(word_keys(str(data.get("matched_name", "")))):
            return False  # two parties named together are not one (Mohamed and Abdul Rahim)
        if m.schema == Schema.PERSON.value:
            return len(names) >= 2 and not data.get("query_only")
        if data.get("query_only"):
            return False  # a word of the span that the list name does not explain
        # (a body's words read as a body's, business words as rigour files them: Public
        # Prosecutor is no two identifying words)
        roles = {t.text: t.role for t in analyze(span, org=True).scoring}
        ident = [p for p in strong if has(p, Role.NAME, Role.NUMBER)]
        list_roles = {t.text: t.role for t in analyze(
            str(data.get("matched_name", "")), org=True).scoring}
        if any(list_roles.get(t, Role.NAME) != Role.GENERIC for t in data.get("list_only", [])):
            return False  # part of a listed name (Public Prosecutor: Central ... Office)
        if len(ident) >= 2:
            return True
        if m.schema in (Schema.VESSEL.value, Schema.AIRCRAFT.value) or len(ident) != 1:
            return False
        pair = ident[0]
        if pair["similarity"] < 0.85 or not any(w.cased for w in words):
            return False
        listed = pair["list"].split()
        number = has(pair, Role.NUMBER)
        if len(strong) >= 2:
            # one identifying word with the generic words of a listed name, all of it
            return not data.get("list_only") and all(p["similarity"] >= 0.85 for p in strong) and (
                number or (len(listed) == 1 and self._rarity(listed[0]) >= ANCHOR_WEIGHT))
        if number or len(listed) != 1 or m.schema != Schema.ORGANIZATION.value:
            return False
        # one word alone: a rare, distinctive name that the organisation is listed under
        key = self.gazetteer.tokens.get(listed[0])
        pos = self.screener.by_id.get(m.entity_id)
        return (key is not None and key.weight >= RARE_WEIGHT and key.entities <= RARE_ENTITIES
                and pos in self.gazetteer.singles.get(listed[0], ())
                and len(listed[0]) >= MIN_SINGLE_LEN
                and all(len(t) >= MIN_SINGLE_LEN for t in pair["query"].split())
                and not _in_longer_name(text_words, i, j))

    @staticmethod
    def _select(cands: list[_Candidate]) -> list[_Candidate]:
        """The best non-overlapping spans: higher score first, then the longer span."""
        chosen: list[_Candidate] = []
        used: set[int] = set()
        for c in sorted(cands, key=lambda c: (-round(c.score, 4), -(c.j - c.i), c.i)):
            if any(k in used for k in range(c.i, c.j + 1)):
                continue
            used.update(range(c.i, c.j + 1))
            chosen.append(c)
        return sorted(chosen, key=lambda c: c.i)

    def scan_many(self, texts: Iterator[tuple[str | None, str]], *,
                  threshold: float | None = None) -> Iterator[ScanResult]:
        for name, text in texts:
            yield self.scan(text, threshold=threshold, document=name)


def _in_longer_name(words: list[Word], i: int, j: int) -> bool:
    """Whether the words i..j are part of a longer capitalised name (Suez Canal: Canal is not
    the company CANAL S.A.). A hyphenated modifier (pro-Haftar), a function word (In, The)
    or the first word of a sentence is no part of a name."""
    def name_part(k: int) -> bool:
        if not 0 <= k < len(words):
            return False
        w = words[k]
        if k < i and (w.brk or k == 0):
            return False  # the capital of a sentence's first word says nothing (Three)
        if not w.cased or not w.keys or w.clean.lower() in _NOT_NAMES or all(
                key in PARTICLES or key in TITLES or key.isdigit() for key in w.keys):
            return False
        modifier = (w.hyphen and k > 0 and not words[k - 1].cased) or (
            k + 1 < len(words) and words[k + 1].hyphen and not words[k + 1].cased)
        return not modifier

    return (not words[i].brk and name_part(i - 1)) or (
        j + 1 < len(words) and not words[j + 1].brk and name_part(j + 1))


def _edge(w: Word) -> bool:
    """A word a candidate span may start or end with: not an article, particle or title."""
    return bool(w.keys) and not all(k in PARTICLES or k in TITLES for k in w.keys)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span: from the end of the previous sentence to the end of this
    one (a full stop, question or exclamation mark before a space, or a blank line)."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 1000), start):
        lo = m.end()
    m2 = _SENTENCE_END.search(text, end)
    hi = m2.end() if m2 else len(text)
    hi = min(hi, end + 1000)
    while lo < start and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    return lo, hi
