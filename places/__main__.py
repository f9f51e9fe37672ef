"""Entry point for ``python -m places``."""
import sys

from .cli import main

sys.exit(main())
