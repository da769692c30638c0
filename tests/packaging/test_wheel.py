"""The wheel carries resources/ and translations/, and the code finds them from it.

resources/ and translations/ sit at the top of the repository and become the packages
finqr_desktop.resources and finqr_desktop.translations only through setup.py's mapping; a
mistake there gives a wheel that installs and then fails at the first PDF. The wheel is
pure Python, so unpacking it is what pip's install does with the files; the check then
runs in an interpreter without site-packages, so neither the checkout nor the editable
install can stand in for it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

EXPECTED = [
    "finqr_desktop/resources/__init__.py",
    "finqr_desktop/resources/fonts/LiberationSans-Regular.ttf",
    "finqr_desktop/resources/fonts/LiberationSerif-BoldItalic.ttf",
    "finqr_desktop/resources/icons/finqr-desktop.svg",
    "finqr_desktop/resources/portal/portal.css",
    "finqr_desktop/translations/__init__.py",
    "finqr_desktop/translations/documents/sv/LC_MESSAGES/finqr_documents.mo",
    # The window's compiled catalogues, which ui/translation.py loads.
    "finqr_desktop/translations/ui/finqr_desktop_sv.qm",
    "finqr_desktop/translations/ui/finqr_desktop_en.qm",
    "finqr_desktop/storage/migrations/env.py",
    "finqr_desktop/storage/migrations/versions/0001_ledger.py",
]

READ_BACK = textwrap.dedent(
    """
    import sys
    from importlib.resources import files

    import finqr_desktop

    print(finqr_desktop.__file__)
    resources = files("finqr_desktop.resources")
    translations = files("finqr_desktop.translations")
    print(len((resources / "fonts" / "LiberationSans-Regular.ttf").read_bytes()))
    print((resources / "icons" / "finqr-desktop.svg").read_text(encoding="utf-8")[:5])
    print(len((translations / "documents" / "sv" / "LC_MESSAGES" / "finqr_documents.mo")
              .read_bytes()))
    print(len((translations / "ui" / "finqr_desktop_sv.qm").read_bytes()))
    """
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("wheel")
    # No build isolation: the build backend comes from the venv, so no network is needed.
    offline = ["--no-deps", "--no-build-isolation", "-q"]
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), *offline, "-w", str(target)],
        check=True,
        cwd=target,
    )
    (built,) = target.glob("finqr_desktop-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_lists_the_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in EXPECTED if name not in names]
    assert missing == []
    # Every file of the two folders made it, not just the ones named above.
    for folder in ("resources", "translations"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert f"finqr_desktop/{path.relative_to(ROOT).as_posix()}" in names


@pytest.mark.slow
def test_importlib_resources_finds_the_data_in_the_unpacked_wheel(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    result = subprocess.run(
        [sys.executable, "-S", "-c", READ_BACK],
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    origin, font_size, svg_start, catalogue_size, qm_size = result.stdout.split("\n")[:5]
    assert Path(origin).is_relative_to(site)
    font = ROOT / "resources" / "fonts" / "LiberationSans-Regular.ttf"
    assert int(font_size) == font.stat().st_size
    assert svg_start == "<?xml"
    assert int(catalogue_size) > 0
    qm = ROOT / "translations" / "ui" / "finqr_desktop_sv.qm"
    assert int(qm_size) == qm.stat().st_size
