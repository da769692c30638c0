"""Where the shared sample bank files are: ../shared/samples beside the project root.

They are never copied into the project; a test that needs them is skipped, saying why,
where they are absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def sample_files(kind: str) -> list[Path]:
    folder = SAMPLES / kind
    return sorted(folder.iterdir()) if folder.is_dir() else []


def sample_params(kind: str) -> list:
    """pytest parameters for every sample of ``kind``, or one skipped parameter if none."""
    files = sample_files(kind)
    if not files:
        reason = f"no sample files in {SAMPLES / kind} (the shared samples are not here)"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no-samples")]
    return [pytest.param(path, id=path.name) for path in files]


def sample_bytes(kind: str, name: str) -> bytes:
    path = SAMPLES / kind / name
    if not path.is_file():
        pytest.skip(f"sample {path} is not here (the shared samples are absent)")
    return path.read_bytes()
