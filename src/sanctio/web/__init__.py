"""The web console: server-rendered pages for compliance analysts, served by ``sanctio serve``
at ``/`` in the same process as the HTTP API, on the same service calls (see
:mod:`sanctio.web.console`)."""

from sanctio.web.console import PREFIX, is_console_path, router

__all__ = ["PREFIX", "is_console_path", "router"]
