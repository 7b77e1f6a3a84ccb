"""Business words written short: ``Natl``, ``Intl``, ``Shpg``, ``Trdg``, ``Mfg``, ``Svcs``,
``Inds``, ``Assn``, ``Dept``, ``Eqpt`` for National, International, Shipping, Trading ...

The words come from rigour's organisation symbols (``org_symbols`` and ``org_domains`` of the
data compiled into its extension module: the spellings, short forms and translations of
about 190 business words). Kept are the single Latin words that share a symbol with one of
the generic words of :data:`sanctio.text.normalize.GENERIC` and are written with that word's
letters in order, from its first, six letters at most and three fewer than the word (a
contraction or a cut-off form: ``natl`` stands for ``national``; not a translation, which
:mod:`sanctio.text.orgwords` reads, nor another form of the word, such as ``electronic``,
which stays a name word that Arabic script can spell). A short form that is also a
person's name in rigour's name tables (``Dev``, ``Islam``, ``Petro``) is left out: read so
in one name and not in the other it would part a name from itself. To these come English
contractions of other business words (``Mgmt``, ``Govt``, ``Bldg``, ``Rlwy``), named with
their word in :data:`_CONTRACTIONS` and kept where rigour's symbols join the two.

The table is built by :func:`build` and shipped as ``data/org_short.json``
(``tests/test_orgshort.py`` rebuilds it from the installed rigour and compares); the
analyser reads a short form as its word in organisation names.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from sanctio.text.shipped import ShippedWords

__all__ = ["build", "full_word"]

# short forms that are words in their own right, in names of their own (Petrol AD)
_WORDS = frozenset({"petrol", "invest", "equip"})

# English contractions of business words that are not generic words here, each kept only
# where rigour gives it a symbol of its word (its groups also hold the word's translations,
# groupement for grp, publiczna for public: the word is named here, not guessed)
_CONTRACTIONS = {
    "mgmt": "management", "mgt": "management", "mngmt": "management", "govt": "government",
    "gvt": "government", "govmnt": "government", "bldg": "building", "bldgs": "buildings",
    "chem": "chemical", "hosp": "hospital", "mfrs": "manufacturers", "prodn": "production",
    "rlwy": "railway", "rly": "railway", "transp": "transport", "comms": "communications",
}

_TABLE = ShippedWords("org_short.json", str)


def _latin(alias: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in alias)


def _in_order(short: str, word: str) -> bool:
    """``short``'s letters are ``word``'s, in order, from its first (natl: national)."""
    if not short or short[0] != word[0]:
        return False
    it = iter(word)
    return all(c in it for c in short)


def build(generic_words: frozenset[str], tokenize: Callable[[str], list[str]]
          ) -> dict[str, Any]:
    """The table from the installed rigour, for the analyser's generic words and
    tokeniser (``normalize.GENERIC``, ``normalize.tokenize_ascii``): ``{"rigour": version,
    "words": {short: generic word}}``; empty words when rigour's data is not found."""
    from sanctio.text.symbols import _rigour_data, rigour_version, symbols_of

    data = _rigour_data()
    words: dict[str, str] = {}
    if data is not None:
        groups = {**data[1]["org_symbols"], **{f"D:{k}": v
                                              for k, v in data[1]["org_domains"].items()}}
        of: dict[str, set[str]] = {}
        for group, aliases in groups.items():
            for alias in aliases:
                toks = tokenize(alias) if _latin(alias) else []
                if len(toks) == 1:
                    of.setdefault(toks[0], set()).add(group)
        generic = {w: of.get(w, set()) for w in generic_words}
        for short, groups_of in sorted(of.items()):
            if short in generic_words or short in _WORDS or not 3 <= len(short) <= 6:
                continue
            targets = [w for w, gs in generic.items()
                       if gs & groups_of and len(w) >= len(short) + 3 and _in_order(short, w)]
            if targets and not any(s.startswith("[NAME:") for s in symbols_of(short)):
                words[short] = max(targets, key=lambda w: (len(w), w))
        for short, word in _CONTRACTIONS.items():
            if of.get(short, set()) & of.get(word, set()) and short not in words:
                words[short] = word
    return {"about": __doc__.split("\n\n")[0].replace("\n", " "),
            "rigour": rigour_version(), "words": words}


def full_word(token: str) -> str | None:
    """The generic word a short form in an organisation's name stands for (``natl``:
    ``national``), None when it stands for none."""
    return _TABLE.table().get(token)
