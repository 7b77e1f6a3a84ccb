"""Sanctio: an open-source sanctions screening engine."""

__version__ = "0.1.0"
