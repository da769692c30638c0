"""A slow call that reports progress (reading and matching a large bank file) off the GUI
thread: ``ui.background_call`` with the progress callback always handed over.

The call gets only plain values and opens its own session, so no ORM object crosses a
thread; the services call ``progress(share)`` as they go.
"""

from __future__ import annotations

from collections.abc import Callable

from .background_call import BackgroundCall

Progress = Callable[[float], None]


class ProgressCall(BackgroundCall):
    def start(self, call: Callable[[Progress], object]) -> bool:  # type: ignore[override]
        """Run ``call(progress)`` on a new thread; False while one is still running."""
        return super().start(call, with_progress=True)
