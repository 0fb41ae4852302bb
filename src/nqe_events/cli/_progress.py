"""Progress on stderr for the stages of a command that last over a second — on a terminal only.

Nothing is written when stderr is not a terminal (pipes, files, CI) nor for a stage that ends within
:data:`DELAY` seconds, so quick commands and scripts see exactly what they saw before. A stage shows
« lecture de programme.yaml… 3 s » updated each second, and clears its line when it ends.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["DELAY", "stage"]

#: a stage shorter than this shows nothing
DELAY = 1.0


@contextmanager
def stage(label: str) -> Iterator[None]:
    """Show ``label`` and the elapsed seconds on stderr while the block runs, past :data:`DELAY`."""
    stream = sys.stderr
    try:
        on = stream.isatty()
    except (AttributeError, ValueError):
        on = False
    if not on:
        yield
        return
    done = threading.Event()
    shown = threading.Event()
    started = time.monotonic()

    def tick() -> None:
        if done.wait(DELAY):
            return
        while not done.is_set():
            shown.set()
            stream.write(f"\r{label}… {time.monotonic() - started:.0f} s ")
            stream.flush()
            done.wait(1.0)

    thread = threading.Thread(target=tick, name="nqe-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        if shown.is_set():
            stream.write("\r\x1b[K")
            stream.flush()
