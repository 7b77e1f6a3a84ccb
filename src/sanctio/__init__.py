"""Sanctio: an open-source sanctions screening engine."""

__version__ = "0.1.0"

# the screening hot path compiled with mypyc, where `sanctio native build` built it for this
# exact source (see sanctio.native); else the pure Python, as always
from sanctio import native as _native

_native.activate()
