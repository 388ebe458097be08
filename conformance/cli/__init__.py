"""The ``recbench`` command line: a thin typer layer that parses, calls the library, renders."""

from __future__ import annotations

import os
import sys

from conformance.cli.app import app


def main() -> None:
    """Console-script entry point: run the app, turning stray failures into clean exits."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        sys.stderr.write("recbench: interrupted\n")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as error:  # the last line of defence against a traceback
        if os.environ.get("RECBENCH_DEBUG"):
            raise
        sys.stderr.write(
            f"recbench: internal error: {type(error).__name__}: {error}\n"
            "(set RECBENCH_DEBUG=1 for the traceback, and please report it)\n"
        )
        sys.exit(3)


__all__ = ["app", "main"]
