"""The Qt Linguist catalogues of the UI: updating the ``.ts`` sources and compiling them.

``translations/ui/finqr_desktop_<language>.ts`` holds every text the clerk reads in the
window; pyside6-lupdate extracts them from the ``tr()`` and ``QCoreApplication.translate()``
calls of this package, and pyside6-lrelease compiles each to the ``.qm`` beside it that the
app loads (ui/translation.py). Both files are committed, so an installed copy needs no Qt
tools. Run from a checkout::

    .venv/bin/python -m finqr_desktop.ui.translation_catalogue update    # after code changes
    .venv/bin/python -m finqr_desktop.ui.translation_catalogue compile   # after translating

``update`` only adds new messages and drops vanished ones; existing translations stay.
Modules outside a QObject translate through a module-level ``_tr(text)`` helper; lupdate
reads ``_tr`` as ``tr`` (``-tr-function-alias``), which its Python parser files under the
empty context outside ``self.tr``, so every ``_tr`` helper translates in context ``""``;
``msg`` (domain/messages.py) in the packages below the UI is read the same way
(tests/ui/test_translation_catalogue.py checks that). Locations are left out of the
``.ts`` (``-locations none``) so that editing code elsewhere in a file does not rewrite
the catalogue, and two people's changes merge cleanly.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

logger = logging.getLogger(__name__)

LANGUAGES = ("sv", "en")
# The language each .ts declares (Linguist picks its plural forms from it).
TS_LANGUAGE = {"sv": "sv_SE", "en": "en"}
SOURCE_LANGUAGE = "en"
CATALOGUE_NAME = "finqr_desktop"
UI_PACKAGE = Path(__file__).resolve().parent
MESSAGE_PACKAGES = ("domain", "services", "storage", "mail", "banking", "portal", "documents")

_TOOL_RUNNER = "import sys; from PySide6.scripts import pyside_tool; sys.exit(pyside_tool.{}())"


def catalogue_folder() -> Path:
    """The checkout's ``translations/ui`` folder (update and compile write into it)."""
    return Path(str(files("finqr_desktop.translations") / "ui"))


def ts_path(language: str) -> Path:
    return catalogue_folder() / f"{CATALOGUE_NAME}_{language}.ts"


def qm_path(language: str) -> Path:
    return catalogue_folder() / f"{CATALOGUE_NAME}_{language}.qm"


def run_tool(tool: str, arguments: list[str]) -> str:
    """Run PySide6's bundled ``lupdate`` or ``lrelease`` (through its own launcher, which
    sets up the library path) and return its output; a failure raises with that output."""
    command = [sys.executable, "-c", _TOOL_RUNNER.format(tool), *arguments]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"pyside6-{tool} failed ({result.returncode}): {result.stderr}")
    return result.stdout + result.stderr


def source_folders() -> list[Path]:
    """The UI, and the packages below it whose ``msg("...")`` texts the window shows
    (domain/messages.py); the command line's own texts stay English."""
    package = UI_PACKAGE.parent
    return [UI_PACKAGE, *(package / name for name in MESSAGE_PACKAGES)]


def lupdate_arguments(target: Path, language: str) -> list[str]:
    return [
        "-extensions",
        "py",
        "-tr-function-alias",
        "tr+=_tr,tr+=msg",
        "-recursive",
        "-no-obsolete",
        "-locations",
        "none",
        "-source-language",
        SOURCE_LANGUAGE,
        "-target-language",
        TS_LANGUAGE.get(language, language),
        *(str(folder) for folder in source_folders()),
        "-ts",
        str(target),
    ]


def update(languages: tuple[str, ...] = LANGUAGES, target_of=ts_path) -> list[Path]:
    """Extract the UI's messages into each language's ``.ts`` (created when missing)."""
    written = []
    for language in languages:
        target = target_of(language)
        target.parent.mkdir(parents=True, exist_ok=True)
        logger.info("%s", run_tool("lupdate", lupdate_arguments(target, language)).strip())
        written.append(target)
    return written


def compile_catalogue(source: Path, target: Path) -> None:
    run_tool("lrelease", ["-silent", str(source), "-qm", str(target)])


def compile_all(languages: tuple[str, ...] = LANGUAGES) -> list[Path]:
    """Compile each language's ``.ts`` to the ``.qm`` beside it."""
    for language in languages:
        compile_catalogue(ts_path(language), qm_path(language))
    return [qm_path(language) for language in languages]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("update", "compile"))
    action = parser.parse_args(argv).action
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    written = update() if action == "update" else compile_all()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
