"""PyInstaller's entry script for the `finqr` executable (the command line)."""

import sys

from finqr_desktop.cli.main import main

sys.exit(main())
