"""Variants from a second generator: a check of `evaluate variants` by a generator written
apart from it.

`sanctio evaluate variants` draws its variants with sanctio's own generators, which grew
beside the matcher. This script draws others from a second, small generator with its own
typo model (a letter doubled, a vowel swapped, a key struck beside another, the last letter
of a word dropped, a letter left out inside, two slips, a spelling rule such as ph/f, ck/k,
ou/u, a digit for a letter, accents put on, a title, a legal form written otherwise, an
initial, stray punctuation, spaces) on the primary Latin names of the four lists as they
are written (FAMILY, Given without the comma: GAGLOEV Vladimir), and screens each twice:
with no schema and with the party's own, at the default threshold. It prints the share of
variants whose party is found per kind of change; the misses are written to a CSV to read.
Session 55 found with it a word cut off at the end of a name written family name first
(GAGLOEV Vladimi: no match), legal forms written short (JOINT-STOCK PROTON) and names of
unknown kind that a company's legal form or acronym ends (DIGITAL SERRVICES EAD).

    .venv/bin/python benchmarks/second_generator.py [--home DIR] [--per-kind 150] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from four_lists import FOUR_LISTS  # (this folder: the four main lists)
from sanctio.contract import DEFAULT_THRESHOLD, Query
from sanctio.registry import Registry
from sanctio.screen import Screener

ROOT = Path(__file__).resolve().parents[1]
LISTS = FOUR_LISTS  # (four_lists.py: the four main lists)
VOWELS = "aeiou"
# the keys beside each letter on a QWERTY keyboard
KEYS = dict(zip("qwertyuiopasdfghjklzxcvbnm", [
    "wa", "qes", "wrd", "etf", "ryg", "tuh", "yij", "uok", "ipl", "o", "qsz", "awdz", "sefx",
    "drgc", "fthv", "gyjb", "hukn", "jilm", "kop", "asx", "zdc", "xfv", "cgb", "vhn", "bjm",
    "nk"], strict=True))
SPELLINGS = [("ph", "f"), ("f", "ph"), ("ck", "k"), ("k", "c"), ("c", "k"), ("z", "s"),
             ("s", "z"), ("y", "i"), ("i", "y"), ("w", "v"), ("v", "w"), ("ou", "u"),
             ("u", "ou"), ("oo", "u"), ("ee", "i"), ("kh", "h"), ("th", "t"), ("dh", "d"),
             ("gh", "g"), ("q", "k"), ("j", "dj"), ("sh", "sch"), ("x", "ks"), ("ei", "ai")]
TITLES = ["Dr.", "Mr.", "Sheikh", "General", "Colonel", "Mrs", "Prof.", "Haji", "H.E."]
FORMS = [(r"\bLIMITED\b", "LTD"), (r"\bLTD\.?", "LIMITED"), (r"\bCO\.?(?=\s|$)", "COMPANY"),
         (r"\bCOMPANY\b", "CO."), (r"\bLLC\b", "L.L.C."), (r"\bJSC\b", "JOINT STOCK COMPANY"),
         (r"\bINC\.?", "INCORPORATED"), (r"\bCORPORATION\b", "CORP"), (r"\bS\.A\.", "SA")]

Change = Callable[[str, str, random.Random], "str | None"]


def _words(name: str) -> list[str]:
    return name.replace(",", " ").split()


def _in_word(name: str, rng: random.Random, edit: Callable[[str], str | None]) -> str | None:
    """The name with ``edit`` made to one of its words of four letters or more."""
    words = _words(name)
    at = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not at:
        return None
    i = rng.choice(at)
    changed = edit(words[i])
    if not changed or changed == words[i]:
        return None
    return " ".join([*words[:i], changed, *words[i + 1:]])


def _case(like: str, text: str) -> str:
    return text.upper() if like.isupper() else text


def double_letter(name: str, schema: str, rng: random.Random) -> str | None:
    def edit(w: str) -> str | None:
        at = [j for j in range(1, len(w)) if w[j].lower() not in VOWELS and w[j] != w[j - 1]]
        j = rng.choice(at) if at else None
        return None if j is None else w[:j] + w[j] + w[j:]
    return _in_word(name, rng, edit)


def vowel_swap(name: str, schema: str, rng: random.Random) -> str | None:
    def edit(w: str) -> str | None:
        at = [j for j in range(1, len(w)) if w[j].lower() in VOWELS]
        if not at:
            return None
        j = rng.choice(at)
        other = rng.choice([v for v in VOWELS if v != w[j].lower()])
        return w[:j] + _case(w[j], other) + w[j + 1:]
    return _in_word(name, rng, edit)


def key_beside(name: str, schema: str, rng: random.Random) -> str | None:
    def edit(w: str) -> str | None:
        j = rng.randrange(1, len(w))
        return w[:j] + _case(w, rng.choice(KEYS.get(w[j].lower(), "e"))) + w[j:]
    return _in_word(name, rng, edit)


def last_letter_dropped(name: str, schema: str, rng: random.Random) -> str | None:
    return _in_word(name, rng, lambda w: w[:-1])


def letter_left_out(name: str, schema: str, rng: random.Random) -> str | None:
    def edit(w: str) -> str | None:
        j = rng.randrange(1, len(w) - 1)
        return w[:j] + w[j + 1:]
    return _in_word(name, rng, edit)


def two_slips(name: str, schema: str, rng: random.Random) -> str | None:
    once = letter_left_out(name, schema, rng)
    return vowel_swap(once, schema, rng) if once else None


def spelling_rule(name: str, schema: str, rng: random.Random) -> str | None:
    words = _words(name)
    found = [(i, m.start(), a, b) for i, w in enumerate(words) if len(w) >= 4
             for a, b in SPELLINGS for m in re.finditer(a, w.lower())
             if not (m.start() == 0 and a in ("c", "k", "i", "y"))]
    if not found:
        return None
    i, p, a, b = rng.choice(found)
    w = words[i]
    words[i] = w[:p] + _case(w[p:p + len(a)], b) + w[p + len(a):]
    return " ".join(words)


def digit_for_letter(name: str, schema: str, rng: random.Random) -> str | None:
    digits = {"o": "0", "i": "1", "e": "3", "s": "5", "a": "4"}
    at = [j for j, c in enumerate(name) if c.lower() in digits]
    if not at:
        return None
    j = rng.choice(at)
    return name[:j] + digits[name[j].lower()] + name[j + 1:]


def accents(name: str, schema: str, rng: random.Random) -> str | None:
    marked = {"e": "é", "a": "á", "o": "ö", "u": "ü", "i": "í", "c": "ç", "n": "ñ", "s": "ş"}
    at = [j for j, c in enumerate(name) if c.lower() in marked]
    if not at:
        return None
    out = list(name)
    for j in rng.sample(at, min(2, len(at))):
        out[j] = _case(name[j], marked[name[j].lower()])
    return "".join(out)


def title(name: str, schema: str, rng: random.Random) -> str | None:
    return f"{rng.choice(TITLES)} {name}" if schema == "Person" else None


def legal_form(name: str, schema: str, rng: random.Random) -> str | None:
    if schema != "Organization":
        return None
    for pattern, written in rng.sample(FORMS, len(FORMS)):
        if re.search(pattern, name, re.IGNORECASE):
            return re.sub(pattern, written, name, count=1, flags=re.IGNORECASE)
    return f"{name} {rng.choice(['LTD', 'LLC', 'INC', 'Limited'])}"


def initial(name: str, schema: str, rng: random.Random) -> str | None:
    words = _words(name)
    i = 1 if "," in name else 0
    if schema != "Person" or len(words) < 2 or len(words[i]) < 2:
        return None
    return " ".join([*words[:i], words[i][0] + ".", *words[i + 1:]])


def stray_punctuation(name: str, schema: str, rng: random.Random) -> str | None:
    words = _words(name)
    i = rng.randrange(len(words))
    words[i] += rng.choice([".", ",", ";", "/", "*", "'"])
    return " ".join(words)


def spaces(name: str, schema: str, rng: random.Random) -> str | None:
    return name.replace(" ", "   ", 1).upper() if " " in name else None


KINDS: dict[str, Change] = {
    "letter doubled": double_letter, "vowel swapped": vowel_swap, "key beside": key_beside,
    "last letter dropped": last_letter_dropped, "letter left out": letter_left_out,
    "two slips": two_slips, "spelling rule": spelling_rule,
    "digit for a letter": digit_for_letter, "accents": accents, "title": title,
    "legal form": legal_form, "initial": initial, "stray punctuation": stray_punctuation,
    "spaces": spaces}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", type=Path, help="a registry with the four lists loaded")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--per-kind", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--misses", type=Path, default=Path("second-generator-misses.csv"))
    args = parser.parse_args()
    if args.home:
        reg = Registry(args.home, auto_sample=False)
    else:
        reg = Registry(Path(tempfile.mkdtemp(prefix="sanctio-second-")) / "home",
                       auto_sample=False)
        for name in LISTS:
            reg.load(args.data / name)
    screener = Screener(reg)
    rng = random.Random(args.seed)
    names = []
    for indexed in screener.entities:
        entity = indexed.entity
        full = entity.names[0][0].full if entity.names else ""
        if re.fullmatch(r"[A-Za-z .,'\-]+", full) and len(full.split()) >= 2:
            names.append((full, entity.id, entity.schema.value))
    rng.shuffle(names)
    total = [0, 0, 0]
    misses: list[list[object]] = []
    print(f"{'kind of change':22} {'no schema':>10} {'its schema':>11}   (found at "
          f"{DEFAULT_THRESHOLD}, {args.per_kind} variants each)")
    for kind, change in KINDS.items():
        found = [0, 0]
        drawn = 0
        for full, entity_id, schema in names[rng.randrange(0, 3000):]:
            if drawn >= args.per_kind:
                break
            variant = change(full, schema, rng)
            if not variant or variant == full:
                continue
            drawn += 1
            for k, given in enumerate((None, schema)):
                result = screener.screen(Query.build(variant, schema=given), threshold=0.5,
                                         limit=20)
                score = max((m.score for m in result.matches if m.entity_id == entity_id),
                            default=0.0)
                found[k] += score >= DEFAULT_THRESHOLD
                if score < DEFAULT_THRESHOLD:
                    top = result.matches[0] if result.matches else None
                    misses.append([kind, "schema" if given else "none", variant, full,
                                   entity_id, round(score, 3), top.name if top else ""])
        total[0] += drawn
        total[1] += found[0]
        total[2] += found[1]
        print(f"{kind:22} {found[0] / drawn:>10.1%} {found[1] / drawn:>11.1%}")
    print(f"{'all':22} {total[1] / total[0]:>10.1%} {total[2] / total[0]:>11.1%}   "
          f"({total[0]:,} variants)")
    with args.misses.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["kind", "schema", "query", "listed", "entity_id", "score", "top"])
        out.writerows(misses)
    print(f"misses: {args.misses}")


if __name__ == "__main__":
    main()
