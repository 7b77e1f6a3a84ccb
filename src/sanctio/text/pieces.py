"""A word parted into the fewest pieces of a table (syllables of a transcription system)."""

from __future__ import annotations

from collections.abc import Container


def fewest_pieces(word: str, pieces: Container[str], longest: int) -> tuple[str, ...] | None:
    """The word as the fewest pieces of ``pieces`` (each at most ``longest`` letters) that
    make all of its letters, in order; None where none do. Of as few, the one found first
    (the shorter pieces first at each place)."""
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        done = best[i]
        if done is None:
            continue
        for j in range(i + 1, min(n, i + longest) + 1):
            if word[i:j] not in pieces:
                continue
            cand = (*done, word[i:j])
            if best[j] is None or len(cand) < len(best[j] or ()):
                best[j] = cand
    return best[n]
