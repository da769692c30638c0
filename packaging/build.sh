#!/usr/bin/env bash
# Build the one-folder app into dist/finqr-desktop/ (executables finqr-desktop and finqr)
# with the PyInstaller of the `package` extra in .venv, installed here when it is missing.
# Exits non-zero when the build fails; .ci/run then starts the result once.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/pyinstaller ]; then
  echo "installing the package extra (PyInstaller) into .venv"
  .venv/bin/python -m pip install -q -e '.[package]'
fi

started=$SECONDS
# The window's catalogues: each translations/ui/*.ts compiled to its .qm with lrelease, so
# the build never ships a stale one. The committed .qm files are already what lrelease makes
# of the .ts (tests/ui/test_translation_catalogue.py), so a clean checkout stays unchanged;
# they are committed so that `pip install .` works without Qt's tools.
.venv/bin/python -m finqr_desktop.ui.translation_catalogue compile
# --clean: nothing cached from an earlier build (another venv, older dependencies) is reused.
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/finqr-desktop.spec
echo "built dist/finqr-desktop/ in $((SECONDS - started)) s ($(du -sh dist/finqr-desktop | cut -f1))"
