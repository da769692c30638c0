"""Publishing a built site to a target: upload what changed, remove what is gone.

A target writes each file under a temporary name and renames it into place, so a reader
never gets half a page. Publishing is one batch that goes on past a failing file and
reports every failure with its path; the returned manifest holds only what really reached
the target, so the next publish retries the rest. ``publish`` is a generator of progress
(done, total, path) whose return value is the ``Outcome``: the services layer drives it,
the GUI turns its steps into a progress bar. ``stop`` is asked before each file: a publish
stopped there has every file it did finish in its manifest, so the next one sends the rest.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol

from ..domain.messages import Message, error_message, msg
from .manifest import Manifest, changes, manifest_of

logger = logging.getLogger(__name__)


class PublishError(Exception):
    """The target cannot be reached or used at all (nothing was published)."""


class Target(Protocol):
    def write(self, path: str, data: bytes) -> None: ...

    def remove(self, path: str) -> None: ...

    def close(self) -> None: ...


@dataclass
class Outcome:
    uploaded: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    # (path, what went wrong), one per file that failed.
    failures: list[tuple[str, str]] = field(default_factory=list)
    manifest: Manifest = field(default_factory=dict)
    # Stopped on request between files; ``left`` files wait for the next publish.
    stopped: bool = False
    left: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures


Progress = tuple[int, int, str]


def publish(
    site: dict[str, bytes],
    published: Manifest,
    target: Target,
    *,
    stop: Callable[[], bool] = lambda: False,
) -> Generator[Progress, None, Outcome]:
    wanted = manifest_of(site)
    plan = changes(published, wanted)
    outcome = Outcome(unchanged=plan.unchanged, manifest=dict(published))
    total = len(plan.uploads) + len(plan.removals)
    done = 0
    for path in plan.uploads:
        if stop():
            return _stopped(outcome, total - done)
        try:
            target.write(path, site[path])
        except Exception as error:  # every file's failure is reported, and the batch goes on
            logger.warning("could not upload %s: %s", shown_path(path), error)
            outcome.failures.append((path, _reason(error)))
        else:
            outcome.uploaded.append(path)
            outcome.manifest[path] = wanted[path]
        done += 1
        yield done, total, path
    for path in plan.removals:
        # Known shortcoming: a stop here leaves what is to go (a rotated token's old page)
        # online until the next publish, which removes it; it stays in the manifest so.
        if stop():
            return _stopped(outcome, total - done)
        try:
            target.remove(path)
        except FileNotFoundError:
            outcome.manifest.pop(path, None)
            outcome.removed.append(path)
        except Exception as error:
            logger.warning("could not remove %s: %s", shown_path(path), error)
            outcome.failures.append((path, _reason(error)))
        else:
            outcome.manifest.pop(path, None)
            outcome.removed.append(path)
        done += 1
        yield done, total, path
    logger.info(
        "published: %d uploaded, %d removed, %d unchanged, %d failed",
        len(outcome.uploaded), len(outcome.removed), outcome.unchanged, len(outcome.failures),
    )  # fmt: skip
    return outcome


def _stopped(outcome: Outcome, left: int) -> Outcome:
    outcome.stopped, outcome.left = True, left
    logger.info(
        "publishing stopped on request: %d uploaded, %d removed, %d left for the next time",
        len(outcome.uploaded), len(outcome.removed), left,
    )  # fmt: skip
    return outcome


def _reason(error: Exception) -> str:
    text = error_message(error)
    if isinstance(text, Message) and text and text == text.strip() and len(text.splitlines()) == 1:
        return text  # one line of ours, kept translatable
    text = text.strip() or type(error).__name__
    return text.splitlines()[0]


def shown_path(path: str) -> str:
    """``path`` without the customer's token: a log file or a progress dialog (a screen
    shared with a colleague) is no place for a customer's secret address."""
    parts = path.split("/", 1)
    return f"…/{parts[1]}" if len(parts) == 2 else path


def checked_path(path: str) -> PurePosixPath:
    """A site path that stays inside the target: relative, no "..", no empty parts."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or any(p in ("..", ".", "") for p in pure.parts):
        raise ValueError(f"{path!r} is not a path inside the portal")
    return pure


def temporary_name(name: str) -> str:
    return f".{name}.{secrets.token_hex(6)}.part"


class FolderTarget:
    """A local folder (a web server's document root, a synced share)."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            # The operating system's words for why stay in English.
            raise PublishError(
                msg(
                    "cannot use the folder {folder}: {problem}",
                    folder=self.root,
                    problem=error.strerror,
                )
            ) from error
        if not os.access(self.root, os.W_OK):
            raise PublishError(msg("cannot write to the folder {folder}", folder=self.root))

    def write(self, path: str, data: bytes) -> None:
        final = self.root.joinpath(*checked_path(path).parts)
        final.parent.mkdir(parents=True, exist_ok=True)
        part = final.with_name(temporary_name(final.name))
        try:
            with open(part, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(part, final)
        except BaseException:
            part.unlink(missing_ok=True)
            raise

    def remove(self, path: str) -> None:
        final = self.root.joinpath(*checked_path(path).parts)
        final.unlink()
        # A rotated token's folder goes with its last file.
        folder = final.parent
        while folder != self.root and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

    def close(self) -> None:
        pass
