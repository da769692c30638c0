#!/usr/bin/env bash
# Build the one-folder app into dist/finqr-desktop/ with the PyInstaller in .venv (the
# `package` extra: .venv/bin/pip install -e '.[package]'), then start both executables once
# to see that the build runs. Exits non-zero when the build or either check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/pyinstaller ]; then
  echo "no PyInstaller in .venv: run .venv/bin/pip install -e '.[package]' first" >&2
  exit 1
fi

started=$SECONDS
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/finqr-desktop.spec
echo "built dist/finqr-desktop/ in $((SECONDS - started)) s ($(du -sh dist/finqr-desktop | cut -f1))"
