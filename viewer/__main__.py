"""Entry point for ``python -m viewer`` and the ``litvinov-atlas`` command."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
