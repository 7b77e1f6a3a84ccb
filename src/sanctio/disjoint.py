"""Disjoint sets of strings (union-find): the learned classes of name variants
(:mod:`sanctio.evaluate.learn_names`) and the organisations an acronym may be
(:func:`sanctio.screen._organisations`)."""

from __future__ import annotations


class DisjointSets:
    """Disjoint sets of strings, each named by its smallest member (deterministic); every
    string passed to :meth:`find` or :meth:`union` is a member (``parent``'s keys)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
