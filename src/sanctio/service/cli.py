"""Kept for ``python -m sanctio.service.cli serve|keys`` and ``from sanctio.service.cli import
ServerProcess``: the commands live in :mod:`sanctio.cli.serve`, the child process in
:mod:`sanctio.service.process`."""

from sanctio.service.process import ServerProcess, free_port

__all__ = ["ServerProcess", "free_port"]

if __name__ == "__main__":
    from sanctio.cli.serve import main

    main()
