"""``python -m sanctio.cli``."""

from sanctio.cli import app

app()
