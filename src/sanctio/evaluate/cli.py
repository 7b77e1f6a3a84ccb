"""Kept for ``from sanctio.evaluate import cli``: the ``sanctio evaluate`` commands live in
:mod:`sanctio.cli.evaluate` (this name is that module)."""

import sys

from sanctio.cli import evaluate as _commands

sys.modules[__name__] = _commands
