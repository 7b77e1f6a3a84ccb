"""Kept name: ``from sanctio.types import Query``, the import path the README gave, still
works; the result contract is :mod:`sanctio.contract`."""

from sanctio.contract import *  # noqa: F403
