"""Candidate generation: an inverted index over analysed names, never a scan of every name.

Each name is indexed under several keys at once: its tokens (and a token without its glued
article), their consonant skeletons, rigour's name symbols, and adjacent tokens written
together. A query token also reaches list tokens within one edit through a deletion
dictionary over the vocabulary (SymSpell), so typos and transpositions find their candidates.
Keys are weighted by the query token's rarity and summed per name with numpy; the best names
go on to full scoring.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import pairwise

import numpy as np
from mypy_extensions import mypyc_attr
from rapidfuzz.distance import OSA

from sanctio.scoring import ARMED, TokenWeights, article_gaps
from sanctio.text import han_foreign
from sanctio.text.abjad import (
    arabic_keys,
    glued_article,
    is_arabic_word,
    latin_keys,
    reading_keys,
    reading_of,
)
from sanctio.text.hangul_foreign import first_letters, foreign_reading
from sanctio.text.katakana import is_katakana, katakana_keys, katakana_reading
from sanctio.text.normalize import (
    NAME_TITLES,
    TITLES,
    NameForm,
    Role,
    Token,
    consonant_key,
    consonants,
    no_vowels,
    skeleton,
    strict_skeleton,
    syllable_key,
    vowels_dropped,
)
from sanctio.text.slavic import baltic_cores, czech_feminine_forms

_INDEXED = (Role.NAME, Role.NUMBER, Role.GENERIC)
TITLE_SHARE = 0.5  # a query's title that is a list name's word: half its weight as evidence
# what may stand between a word's first letter and its second consonant
_VOWEL_RUNS = ["", *"aeiouy", *(a + b for a in "aeiouy" for b in "aeiouy")]
MAX_POSTING = 50_000  # keys shared by more names than this carry no candidate signal
HIT_CACHE_SIZE = 20_000  # query tokens whose hits are kept
GLUED_SHARE = 0.8  # of a glued Arabic-script word's weight, earned by each part's list words
INITIAL_WEIGHT = 0.3  # TokenWeights caps a one-letter token here
# the key of the names that have a word twice (Said SAID), which a query's second reaches
REPEATED = "t2:"
INITIAL_SHARE = 0.75  # an initial against a name starting with its letter
TWO_EDIT_MIN = 7  # list tokens this long are found two edits (typos) away
ADJACENT_SHARE = 0.25  # of a pair's evidence, for a name its two words reach one by one
SHORT_WORDS = 50  # list words a word written short or cut off is looked up as, at most
BEGUN_SCAN = 20_000  # list words begun by one prefix read to rank them (words_begun), at most


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def token_keys(tok: Token) -> list[tuple[str, float]]:
    """Index keys of one token with the share of its weight a hit on each key earns."""
    keys = [("t:" + tok.text, 1.0)]
    if tok.alt:
        keys.append(("t:" + tok.alt, 0.95))
    if tok.role == Role.NAME and len(tok.skel) >= 2 and len(tok.text) >= 3:
        keys.append(("s:" + tok.skel, 0.8))
        # strict consonants (kh is not k): where vowel-less Hebrew script meets Latin
        keys.append(("x:" + strict_skeleton(tok.text), 0.8))
    if tok.role == Role.NAME and len(tok.text) >= 2:
        # consonants as Arabic script and the Latin lists write them (see text.abjad)
        if tok.abjad and is_arabic_word(tok.orig):
            keys.extend(("a:" + k, 0.8) for k in arabic_keys(tok.orig or ""))
        elif not tok.abjad and len(tok.text) >= 3:
            keys.extend(("a:" + k, 0.8) for k in latin_keys(tok.text) if len(k) >= 2)
    if tok.role == Role.GENERIC and tok.text in ARMED:
        keys.append(("g:armed", 0.9))  # Kaniyat Brigade reaches KANIYAT MILITIA
    for sym in tok.symbols:
        keys.append(("y:" + sym, 0.9))
    if tok.role == Role.NAME:
        syl = syllable_key(tok.text)
        if syl is not None:
            keys.append(("k:" + syl, 0.85))
    return keys


def _joinable(a: Token, b: Token) -> bool:
    """Two adjacent tokens that may be written as one (Havin Bank: HAVINBANK; two business
    words too: Nuclear Research, NuclearResearch)."""
    return a.role in (Role.NAME, Role.GENERIC) and b.role in (Role.NAME, Role.GENERIC)


def _joined_keys(text: str, consonants: bool) -> list[str]:
    """The keys of two words written as one: the joined word and, for Latin names, its
    consonant keys (the Arabic script writes compound names as one word)."""
    keys = ["t:" + text]
    if consonants:
        keys += ["a:" + k for k in latin_keys(text) if len(k) >= 4]
    return keys


def _is_initial(t: Token) -> bool:
    return t.role == Role.NAME and len(t.text) == 1 and "a" <= t.text <= "z"


def _initials(form: NameForm) -> dict[int, tuple[int, float]]:
    """The query's initials: letter -> (how many, weight of one)."""
    out: dict[int, tuple[int, float]] = {}
    for t in form.tokens:
        if _is_initial(t):
            letter = ord(t.text) - 97
            n, _ = out.get(letter, (0, 0.0))
            out[letter] = (n + 1, INITIAL_WEIGHT)
    return out


def _python_hashes(strings: list[str]) -> np.ndarray:
    return np.fromiter(map(hash, strings), dtype=np.int64, count=len(strings))


def two_edit_table(words: Sequence[str],
                   hash_many: Callable[[list[str]], np.ndarray] = _python_hashes
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The strings two deletions away from each word, hashed with ``hash_many`` (Python's
    ``hash``; the stored index uses a stable hash, see sanctio.index_store): each distinct
    hash once, sorted, with where its owners (positions in ``words``) start and end."""
    seconds_all: list[str] = []
    owners: list[int] = []
    for i, word in enumerate(words):
        seconds = {d[:k] + d[k + 1:] for d in _deletions(word) for k in range(len(d))}
        seconds_all.extend(seconds)
        owners.extend([i] * len(seconds))
    h = hash_many(seconds_all)
    order = np.argsort(h, kind="stable")
    h = h[order]
    sorted_owners = np.asarray(owners, dtype=np.int32)[order]
    # each distinct hash once, with where its owners start (and end, at the next one)
    if len(h):
        starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    else:
        starts = np.zeros(0, dtype=np.int64)
    return h[starts], np.append(starts, len(h)).astype(np.int64), sorted_owners


@mypyc_attr(native_class=False)  # (see sanctio.native)
class NameIndex:
    """An inverted index over a list of analysed names (ids are positions in that list)."""

    def __init__(self, forms: Iterable[NameForm]) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        df: dict[str, int] = defaultdict(int)
        lengths: list[int] = []
        letters: list[tuple[int, int]] = []
        n = 0
        for i, form in enumerate(forms):
            n += 1
            toks = [t for t in form.tokens if t.role in _INDEXED]
            lengths.append(len(toks))
            for t in toks:
                if t.role == Role.NAME and "a" <= t.text[0] <= "z":
                    letters.append((i, ord(t.text[0]) - 97))
            seen: set[str] = set()
            for t in toks:
                for key, _ in token_keys(t):
                    if key not in seen:
                        seen.add(key)
                        postings[key].append(i)
                if t.text not in seen:
                    seen.add(t.text)
                    df[t.text] += 1
                elif REPEATED + t.text not in seen:
                    # a word the name has twice (Said SAID): what a query with it twice reaches
                    # with its second (see _query_hits)
                    seen.add(REPEATED + t.text)
                    postings[REPEATED + t.text].append(i)
            joined: list[str] = []
            one_name = sum(t.role == Role.NAME for t in toks) == 1
            for t in form.tokens:
                if t.role == Role.TITLE and not t.abjad and (t.text in NAME_TITLES or (
                        one_name and len(t.text) >= 3)):
                    # a title that is also a given name (AMIR in AMIR MOAYYED ALAI) reaches
                    # the name as the given name a query keeps it for (AMIR ALAI); so does
                    # the title of a name of one name besides, which a query mistyped or
                    # written without vowels reads as a name (MAULWI, MLW RAJAB: MAULAWI RAJAB)
                    joined.append("t:" + t.text)
            for a, b in pairwise(form.tokens):
                if a.role == Role.TITLE and a.text in NAME_TITLES and b.role == Role.NAME and (
                        not (a.abjad or b.abjad)):
                    # a title that is also a given name, written together with the name after
                    # it (Amir Ali HAJIZADEH: امیرعلی, Amirali)
                    joined += _joined_keys(a.text + b.text, consonants=True)
            for a, b in pairwise(toks):
                if _joinable(a, b):
                    # (Gholam Reza, as Arabic script writes it: غلامرضا)
                    joined += _joined_keys(a.text + b.text, consonants=(
                        a.role == b.role == Role.NAME and not (a.abjad or b.abjad)))
            for key in joined:
                if key not in seen:
                    seen.add(key)
                    postings[key].append(i)
        self.size = n
        # among names with the same evidence, the one with fewer other tokens comes first
        self.length_penalty = np.asarray(lengths, dtype=np.float64) * 0.01
        # how many name tokens of each name start with each letter, for queries of initials
        self.first_letters = np.zeros((n, 26), dtype=np.uint8)
        if letters:
            pos = np.asarray(letters, dtype=np.int64)
            np.add.at(self.first_letters, (pos[:, 0], pos[:, 1]), 1)
        # (the containers a stored index reads back as its own read-only types are annotated
        # by what they are used as, Mapping, Sequence, AbstractSet: sanctio.native compiles
        # this module, and compiled code checks an argument's or attribute's declared type)
        keys: dict[str, int] = {}
        self.keys: Mapping[str, int] = keys
        offsets = [0]
        flat: list[int] = []
        for k, ids in postings.items():
            keys[k] = len(offsets) - 1
            flat.extend(ids)
            offsets.append(len(flat))
        self.offsets = np.asarray(offsets, dtype=np.int64)
        self._offsets: Sequence[int] = offsets
        self._by_consonants: Mapping[str, list[str]] | None = None
        self._hit_cache: dict[tuple[str, Role, str | None, bool, str | None, bool, bool],
                              tuple[np.ndarray, np.ndarray]] = {}
        self.flat = np.asarray(flat, dtype=np.int32)
        # vocabulary deletion dictionary for typo-tolerant lookups
        vocab = [k[2:] for k in self.keys if k.startswith("t:")]
        self.vocab: AbstractSet[str] = set(vocab)
        self.sorted_vocab: Sequence[str] = sorted(self.vocab)
        dels: dict[str, list[str]] = defaultdict(list)
        for word in vocab:
            if len(word) >= 4 and not word.isdigit():
                for d in _deletions(word):
                    dels[d].append(word)
        self.deletions: Mapping[str, list[str]] = dict(dels)
        # the hash of the two-edit table: Python's own (fast; the stored index needs a stable one)
        self.probe_hash: Callable[[str], int] = hash
        self._build_two_edits([w for w in df if len(w) >= TWO_EDIT_MIN and not w.isdigit()])
        self.weights = TokenWeights(dict(df), n)

    def _build_two_edits(self, words: list[str]) -> None:
        """Every string two deletions away from a long list token, as sorted hashes with the
        token each came from: with the one-deletion dictionary it finds list tokens two
        edits from a query token (two typos in one word) in a few array lookups."""
        self.two_edit_words: Sequence[str] = words
        self.two_edit_hashes, self.two_edit_offsets, self.two_edit_owners = two_edit_table(
            words)

    def two_edit_vocab(self, word: str) -> set[str]:
        """List tokens exactly two edits from a query token absent from the lists."""
        if len(word) < TWO_EDIT_MIN - 1 or word.isdigit() or word in self.vocab:
            return set()
        ones = _deletions(word)
        twos = {d[:k] + d[k + 1:] for d in ones for k in range(len(d))}
        probes = {word} | ones | twos
        out: set[str] = set()
        # the list token has two letters more, or one more and one changed, or two changed
        q = np.fromiter(map(self.probe_hash, probes), dtype=np.int64, count=len(probes))
        table = self.two_edit_hashes
        if not len(table):
            return set()
        at = np.minimum(np.searchsorted(table, q), len(table) - 1)
        found = at[table[at] == q]
        offsets = self.two_edit_offsets
        for k in found.tolist():
            for i in self.two_edit_owners[offsets[k]:offsets[k + 1]].tolist():
                out.add(self.two_edit_words[i])
        # the list token has one letter more and one changed, or one less and one changed
        for d in twos | ones:
            out.update(self.deletions.get(d, ()))
        for d in twos:  # the list token has two letters less
            if d in self.vocab and len(d) >= TWO_EDIT_MIN - 2:
                out.add(d)
        return {w for w in out if OSA.distance(word, w, score_cutoff=2) == 2}

    def clear_cache(self) -> None:
        self._hit_cache.clear()

    def posting(self, key: str) -> np.ndarray:
        idx = self.keys.get(key)
        if idx is None:
            return self.flat[0:0]
        return self.flat[self.offsets[idx]:self.offsets[idx + 1]]

    def fuzzy_vocab(self, word: str) -> set[str]:
        """List tokens within one edit (deletion, insertion, substitution, transposition)."""
        if word.isdigit() or len(word) < 3:
            return set()
        if len(word) == 3:
            # a short token may have lost one letter (Ate / Atef); one the lists have too,
            # a letter after its first (Bnk / Bank, Par / Pars; Dib is not Adib)
            longer = self.deletions.get(word, ())
            if word in self.vocab:
                return {w for w in longer if w[0] == word[0]}
            return set(longer)
        out: set[str] = set()
        out.update(self.deletions.get(word, ()))  # the list token has one letter more
        for d in _deletions(word):
            if d in self.vocab:
                out.add(d)  # the list token has one letter less
            out.update(self.deletions.get(d, ()))  # substitution or transposition
        out.discard(word)
        return out

    def build_lazy_tables(self) -> None:
        """Build the tables that are otherwise built on the first query needing them (the
        screener does, with its index: a stored index carries them, read in place)."""
        self._vocab_by_consonants()

    def _vocab_by_consonants(self) -> Mapping[str, list[str]]:
        """List tokens (and adjacent tokens written together) by their consonant keys (built
        with the screener's index: :meth:`build_lazy_tables`)."""
        if self._by_consonants is None:
            table: dict[str, list[str]] = defaultdict(list)
            for word in self.vocab:
                if len(word) >= 2 and word.isalpha():
                    for k in latin_keys(word):
                        table[k].append(word)
            self._by_consonants = dict(table)
        return self._by_consonants

    def vowelless_vocab(self, word: str) -> list[str]:
        """List tokens that ``word``, written without vowels, may stand for: those with its
        first letter and consonants, and vowels (:func:`consonant_key`). They begin with its
        first letter, up to two vowels and its second consonant: a few ranges of the sorted
        vocabulary (Mhmd: mh, mah, muh, mouh ... for Muhammad, Mahmoud)."""
        key = consonant_key(word)
        if len(key) < 2:
            return []
        words = self.sorted_vocab
        out: list[str] = []
        # (the second consonant as written too: Ccq for Cacique, its key cq)
        seconds = {key[1], consonants(word)[1:2]} - {""}
        for mid, second in itertools.product(_VOWEL_RUNS, seconds):
            lo, hi = self._begun_range(key[0] + mid + second)
            out.extend(w for w in words[lo:hi] if vowels_dropped(word, w))
        return sorted(set(out))

    def arabic_vocab(self, word: str) -> list[str]:
        """List tokens that read, letter by letter, as an Arabic-script word
        (:func:`sanctio.text.abjad.reads_as`)."""
        read = reading_of(word)
        if read is None:
            return []
        table = self._vocab_by_consonants()
        out = {w for k in reading_keys(word) for w in table.get(k, ()) if read.fullmatch(w)}
        return sorted(out)

    def katakana_vocab(self, word: str) -> list[str]:
        """List tokens that are spellings of a foreign name written in katakana
        (:func:`sanctio.text.katakana.reads_as_katakana`: プーチン, Putin)."""
        read = katakana_reading(word)
        if read is None:
            return []
        table = self._vocab_by_consonants()
        return sorted({w for k in katakana_keys(word) for w in table.get(k, ())
                       if read.fullmatch(w)})

    def hangul_foreign_vocab(self, word: str) -> list[str]:
        """List tokens that are spellings of a foreign name written in Hangul
        (:func:`sanctio.text.hangul_foreign.reads_as_foreign`: 블라디미르, Vladimir): the
        words that begin as it may, tried against its pattern."""
        read = foreign_reading(word)
        if read is None:
            return []
        words = self.sorted_vocab
        out: set[str] = set()
        for letter in first_letters(word):
            lo, hi = self._begun_range(letter)
            out.update(w for w in words[lo:hi] if read.fullmatch(w))
        return sorted(out)

    def han_foreign_vocab(self, word: str) -> list[str]:
        """List tokens that are spellings of a word of a foreign name written in Chinese
        characters (:func:`sanctio.text.han_foreign.reads_as_foreign`: 拉夫罗夫, Lavrov): each
        list word as long as the characters may spell, tried against its pattern."""
        read = han_foreign.foreign_reading(word)
        if read is None:
            return []
        shortest, longest = len(word), 6 * len(word)
        return [w for w in self.sorted_vocab
                if shortest <= len(w) <= longest and read.fullmatch(w)]

    def _glued_parts(self, word: str) -> list[list[str]]:
        """An Arabic-script word no list word reads as, read as two names written together
        (محمدجواد: Mohammad Javad, as Persian writers glue a compound given name): the list
        words each part reads as, for every cut whose two parts (three letters or more each)
        both read as list words. The scorer aligns the whole word with the two."""
        out: list[list[str]] = []
        for cut in range(3, len(word) - 2):
            left = self.arabic_vocab(word[:cut])
            if not left:
                continue
            right = self.arabic_vocab(word[cut:])
            if right:
                out.extend((["t:" + w for w in left], ["t:" + w for w in right]))
        return out

    def _token_groups(self, t: Token) -> list[tuple[list[str], float]]:
        w = self.weights.weight(t)
        groups: list[tuple[list[str], float]] = []
        if t.abjad and t.orig and t.role == Role.NAME:
            read = ["t:" + word for word in self.arabic_vocab(t.orig)]
            if read:
                groups.append((read, w))
            else:
                groups.extend((parts, w * GLUED_SHARE) for parts in self._glued_parts(t.orig))
        if t.orig and t.role == Role.NAME and is_katakana(t.orig):
            # a foreign name in katakana: the list words it reads as (ICU's Hepburn
            # spelling, urajimiru, is no list's)
            read = ["t:" + word for word in self.katakana_vocab(t.orig)]
            if read:
                groups.append((read, w))
        for key, share in token_keys(t):
            if t.abjad:
                # a vowel-less transliteration is its consonants: they are the evidence
                arabic = is_arabic_word(t.orig)
                if key.startswith("a:") or (key.startswith("x:") and not arabic):
                    share = 0.95
                elif key.startswith(("s:", "x:")):
                    continue
            elif key.startswith(("x:", "a:")):
                continue
            elif key.startswith("s:") and len(t.skel) < 3:
                share = 0.4  # a two-consonant skeleton says little
            groups.append(([key], w * share))
        fuzzy = ["t:" + word for word in self.fuzzy_vocab(t.text)]
        if fuzzy:
            groups.append((fuzzy, w * 0.85))
        if t.alt:
            # a typo in a name with its article glued (ALARABO: al-Arabi)
            alt = ["t:" + word for word in self.fuzzy_vocab(t.alt)]
            if alt:
                groups.append((alt, w * 0.8))
        if t.role == Role.NAME and not (t.abjad or t.orig or t.han):
            # a Russian's name as Czech and Slovak write a woman's (Mizulinová) or with the
            # Lithuanian or Latvian ending of a man's (Prigožinas, Lavrovs): the keys of the
            # name without them, as a query's word of its own, and the list words one edit
            # off (Prigozin: Prigozhin)
            for form in czech_feminine_forms(t.text) if t.ova else baltic_cores(t.text):
                for key, share in token_keys(Token(form, Role.NAME, skeleton(form))):
                    if not key.startswith(("x:", "a:")):
                        groups.append(([key], w * share * 0.9))
                near = ["t:" + word for word in sorted(self.fuzzy_vocab(form))]
                if near:
                    groups.append((near, w * 0.8))
        if t.role == Role.NAME:
            two = ["t:" + word for word in self.two_edit_vocab(t.text)]
            if two:
                groups.append((two, w * 0.7))
        if t.role == Role.NAME and not t.abjad and no_vowels(t.text):
            # a word written without its vowels (Mhmd, VRDDS, Arlns): the list words, names
            # and business words, with its consonants
            bare = ["t:" + word for word in self.vowelless_vocab(t.text)]
            if bare:
                groups.append((bare, w * 0.85))
        if t.short:
            # a word written short or cut off (Inv., Alex., DISTR): the words it begins;
            # ending with a plural's s, the plurals its stem begins (Ents., Enterprises)
            begun = ["t:" + word for word in self.words_begun(t.text)]
            if len(t.text) >= 3 and t.text[-1] == "s":
                begun += ["t:" + word for word in self.words_begun(t.text[:-1])
                          if word[-1] == "s"]
            if begun:
                groups.append((begun, w * 0.9))
        return groups

    def candidates(self, form: NameForm, limit: int = 30,
                   extra_keys: Iterable[str] = ()) -> list[int]:
        """Ids of the names most likely to match, best first."""
        return self.candidates_scored(form, limit, extra_keys)[0]

    def candidates_scored(self, form: NameForm, limit: int = 30,
                          extra_keys: Iterable[str] = ()) -> tuple[list[int], list[float]]:
        """Ids of the names most likely to match, best first, with their evidence: each
        query token adds, to every name it reaches, the weight of the best key that reached
        it (so a name reached by every query token exactly has the query's total weight)."""
        id_parts: list[np.ndarray] = []
        w_parts: list[np.ndarray] = []
        for ids, w in self._query_hits(form):
            id_parts.append(ids)
            w_parts.append(w)
        for key in extra_keys:
            p = self.posting(key)
            if 0 < len(p) <= MAX_POSTING:
                id_parts.append(p)
                w_parts.append(np.full(len(p), 0.5))
        if not id_parts:
            return [], []
        if len(id_parts) == 1:
            uniq, sums = id_parts[0], w_parts[0]
        else:
            # sum, per name, the evidence of every query token that reached it
            ids = np.concatenate(id_parts)
            order = np.argsort(ids, kind="stable")
            ids = ids[order]
            new_id = np.empty(len(ids), dtype=bool)
            new_id[0] = True
            np.not_equal(ids[1:], ids[:-1], out=new_id[1:])
            run = np.flatnonzero(new_id)
            uniq = ids[run]
            sums = np.add.reduceat(np.concatenate(w_parts)[order], run)
        sums = sums - self.length_penalty[uniq]
        initials = _initials(form)
        if initials and len(uniq):
            # an initial is evidence for each name with a name token starting with its letter
            counts = self.first_letters[uniq]
            for letter, (n_query, weight) in initials.items():
                hits = np.minimum(counts[:, letter], n_query).astype(np.float64)
                sums = sums + hits * (weight * INITIAL_SHARE)
        if len(uniq) <= limit:
            top = np.argsort(-sums, kind="stable")
        else:
            top = np.argpartition(-sums, limit)[:limit]
            top = top[np.argsort(-sums[top], kind="stable")]
        return uniq[top].tolist(), sums[top].tolist()

    def _query_hits(self, form: NameForm) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per query token (and pair of adjacent tokens written together): the names it
        reaches, ascending and once each, with the weight of the best key that reached each.
        Memoised per token, since the same given and family names recur."""
        toks = [t for t in form.tokens if t.role in _INDEXED]
        out = []
        by_pos: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        earlier: set[str] = set()
        for pos, t in enumerate(toks):
            if _is_initial(t):
                continue  # see candidates_scored
            if t.text in earlier:
                # a word the query has twice (Said Abdullah Said): its second reaches only the
                # names that have it twice, or every name with it once would have the
                # evidence of Said SAID, and hundreds would tie with it
                twice = [([REPEATED + k[2:] for k in keys if k.startswith("t:")], w)
                         for keys, w in self._token_groups(t)]
                again = self._hits(self._spans([g for g in twice if g[0]]))
                if len(again[0]):
                    out.append(again)
                continue
            earlier.add(t.text)
            key = (t.text, t.role, t.alt, t.abjad, t.orig, t.short, t.ova)
            hits = self._hit_cache.get(key)
            if hits is None:
                hits = self._hits(self._spans(self._token_groups(t)))
                if len(self._hit_cache) >= HIT_CACHE_SIZE:
                    self._hit_cache.clear()
                self._hit_cache[key] = hits
            if len(hits[0]):
                out.append(hits)
                by_pos[pos] = hits
        for t in form.tokens:
            if t.role == Role.TITLE and len(t.text) >= 3:
                # a title that the lists write as a name (Amir, Haji, Mullah): some evidence
                # for the names that have it (AMIR YUSUF ABDULLAH, for AMIR ABDULLAH among the
                # hundreds of Abdullahs), which the comparison sets aside or pairs
                p = self.posting("t:" + t.text)
                if 0 < len(p) <= MAX_POSTING:
                    out.append((p, np.full(len(p), TITLE_SHARE * self.weights.weight(t))))
        # (the indexed tokens are the compared ones: their positions are article_gaps')
        gaps = article_gaps(form) if form.script == "Arabic" else frozenset()
        for i, (a, b) in enumerate(pairwise(toks)):
            if _joinable(a, b):
                # two words written as one on the other side: evidence for both (a little
                # more than half of their weights)
                w = 0.6 * (self.weights.weight(a) + self.weights.weight(b))
                if _is_initial(a):
                    w *= 0.5  # A DIB is more often Ahmed Dib than Adib
                p = self.posting("t:" + a.text + b.text)
                if a.abjad and b.abjad and not len(p):
                    # a vowel-less compound written apart (نصر الله: Nasrallah)
                    if is_arabic_word(a.orig) and is_arabic_word(b.orig):
                        article = glued_article(b.orig) if i in gaps else ""
                        first = a.orig or ""
                        joined = [first + article + (b.orig or "")]
                        if first.endswith("ه") and not article:
                            # the silent final h of the first word (بوسته جي: Bustaji)
                            joined.append(first[:-1] + (b.orig or ""))
                        parts = [self.posting("t:" + word) for text in joined
                                 for word in self.arabic_vocab(text)]
                        parts = [x for x in parts if 0 < len(x) <= MAX_POSTING]
                        p = np.unique(np.concatenate(parts)) if parts else p
                    else:
                        p = self.posting("x:" + strict_skeleton(a.text + b.text))
                elif not len(p) and form.script == "Han":
                    # a Chinese given name of two syllables that the list writes as one word,
                    # with another reading of one syllable (董勒成: lei cheng, listed Lecheng)
                    p = self._near_posting(a.text + b.text, p)
                if 0 < len(p) <= MAX_POSTING:
                    # a name the two words reach each on its own has that evidence already:
                    # the pair adds what it has more, or a quarter of its own for the two
                    # written side by side (ALI MOHAMED, two common words written in that
                    # order in many names, took the places of Ali MAMLOUK; OMAR OMAR still
                    # finds OMAR, Omar Awadh among the many Omars)
                    reached = np.zeros(len(p))
                    for k in ((i,) if a.text == b.text else (i, i + 1)):
                        hits = by_pos.get(k)
                        if hits is not None:
                            at = np.minimum(np.searchsorted(hits[0], p), len(hits[0]) - 1)
                            reached += np.where(hits[0][at] == p, hits[1][at], 0.0)
                    out.append((p, np.maximum(w - reached, ADJACENT_SHARE * w)))
        if form.script in ("Han", "Hangul"):
            # three syllables the lists write as one word (릉라도, rung ra do: Rungrado; 합장강:
            # Hapjanggang, one syllable in another romanisation)
            for a, b, c in zip(toks, toks[1:], toks[2:], strict=False):
                if any(syllable_key(t.text) is None for t in (a, b, c)):
                    continue
                p = self.posting("t:" + a.text + b.text + c.text)
                if not len(p):
                    p = self._near_posting(a.text + b.text + c.text, p)
                if 0 < len(p) <= MAX_POSTING:
                    w = 0.6 * sum(self.weights.weight(t) for t in (a, b, c))
                    out.append((p, np.full(len(p), w)))
        return out

    def _near_posting(self, text: str, empty: np.ndarray) -> np.ndarray:
        """The names with a word one typo from ``text`` (syllables written together, one in
        another reading), where there are three such words at most; ``empty`` otherwise."""
        words = self.fuzzy_vocab(text)
        near = [self.posting("t:" + word) for word in sorted(words) if len(words) <= 3]
        near = [x for x in near if 0 < len(x) <= MAX_POSTING]
        return np.unique(np.concatenate(near)) if near else empty

    def _hits(self, spans: list[tuple[int, int, float]]) -> tuple[np.ndarray, np.ndarray]:
        if not spans:
            return self.flat[0:0], np.zeros(0)
        if len(spans) == 1:
            lo, hi, w = spans[0]
            return self.flat[lo:hi], np.full(hi - lo, w)
        ids = np.concatenate([self.flat[lo:hi] for lo, hi, _ in spans])
        ws = np.repeat(np.asarray([w for _, _, w in spans]),
                       np.asarray([hi - lo for lo, hi, _ in spans]))
        # spans come best first: a stable sort keeps each name's best hit first
        order = np.argsort(ids, kind="stable")
        ids = ids[order]
        first = np.empty(len(ids), dtype=bool)
        first[0] = True
        np.not_equal(ids[1:], ids[:-1], out=first[1:])
        return ids[first], ws[order][first]

    def _spans(self, groups: list[tuple[list[str], float]]) -> list[tuple[int, int, float]]:
        spans = []
        for keys, w in sorted(groups, key=lambda g: -g[1]):
            for k in keys:
                idx = self.keys.get(k)
                if idx is not None:
                    lo, hi = self._offsets[idx], self._offsets[idx + 1]
                    if 0 < hi - lo <= MAX_POSTING:
                        spans.append((lo, hi, w))
        return spans

    def query_weight(self, form: NameForm) -> float:
        """The total weight a name reached exactly by every query token would collect."""
        # (a word that is a title elsewhere, kept as a name here for want of another, such as
        # MAULAWI in RAJAB MAULAWI, is not indexed in names where it is a title: it weighs
        # little in what a name must reach)
        # (a word the query has twice counts once: its second reaches only the names that
        # have it twice, :meth:`_query_hits`, and a name with it once is reached by all the
        # query's words: LLC Drake Drake is DRAKE LLC)
        seen: dict[str, float] = {}
        for t in form.tokens:
            if t.role in _INDEXED and t.text not in seen:
                seen[t.text] = self.weights.weight(t) * (0.3 if t.text in TITLES else 1.0)
        return sum(seen.values())

    def words_begun(self, prefix: str) -> list[str]:
        """List words longer than ``prefix`` that begin with it, those in most list names
        first, then the shortest (at most SHORT_WORDS; of as many, in alphabetical order):
        what a word written short or cut off may stand for. A word is written short for the
        words names often have (Inv.: Investment; Nat.: National; Alex.: Alexander), and a
        cut one ends those before a long compound the alphabet puts first (Industr:
        Industries, Industrial, Industry before INDUSTRIAAGROPECUARIA)."""
        words = self.sorted_vocab
        lo, hi = self._begun_range(prefix, BEGUN_SCAN)
        df = self.weights.df
        n = len(prefix)
        # (sorted once, stable: alphabetical among equals)
        ranked: list[tuple[int, int, str]] = []
        for w in words[lo:hi]:
            if len(w) > n:
                ranked.append((-df.get(w, 0), len(w), w))
        return [w for _, _, w in heapq.nsmallest(SHORT_WORDS, ranked)]

    def prefix_vocab(self, prefix: str, limit: int = 50) -> list[str]:
        """List tokens starting with a prefix (for as-you-type search)."""
        lo, hi = self._begun_range(prefix, limit)
        return list(self.sorted_vocab[lo:hi])

    def _begun_range(self, prefix: str, limit: int | None = None) -> tuple[int, int]:
        """Where the list tokens that begin with ``prefix`` lie in the sorted vocabulary
        (its tokens are ASCII: none sorts after the prefix and a last character), ``limit``
        of them at most."""
        words = self.sorted_vocab
        lo = bisect.bisect_left(words, prefix)
        end = len(words) if limit is None else min(len(words), lo + limit)
        return lo, bisect.bisect_left(words, prefix + "\uffff", lo, end)
