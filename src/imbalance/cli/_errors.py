"""How the command line fails: exit codes and one-line messages.

=====  ==================================================================
code   meaning
=====  ==================================================================
0      success
1      a failure while running (a file could not be written, a missing
       optional dependency, ...)
2      bad usage or bad input: a missing file, an unknown column or method,
       a strategy that cannot be met, any ValueError or TypeError raised
       while validating
=====  ==================================================================

Expected errors print ``Error: <what went wrong and how to fix it>`` on
stderr, one line, no traceback. Anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

__all__ = ["EXIT_FAILURE", "EXIT_USAGE", "InputError", "RunError", "reported_errors"]

EXIT_FAILURE = 1
EXIT_USAGE = 2


class InputError(ValueError):
    """Bad usage or bad input; the command exits with code 2."""


class RunError(RuntimeError):
    """A failure while running, such as a file that cannot be written; code 1."""


def one_line(message: object) -> str:
    """The message on a single line, its line breaks turned into spaces."""
    return " ".join(str(message).split())


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn expected exceptions into ``Error: ...`` on stderr and an exit code."""
    try:
        yield
    except (ValueError, TypeError) as exc:
        typer.echo(f"Error: {one_line(exc)}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except (RunError, OSError, ImportError) as exc:
        typer.echo(f"Error: {one_line(exc)}", err=True)
        raise typer.Exit(EXIT_FAILURE) from None
