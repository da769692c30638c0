"""PyInstaller's entry script for the `finqr-desktop` executable (the GUI app)."""

import sys

from finqr_desktop.ui.app import main

sys.exit(main())
