"""Pausing the cyclic garbage collector around bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector while many acyclic objects are made.

    Reading events and making findings allocate hundreds of thousands of small objects
    without reference cycles; the collector's full passes over them cost as much as the
    work itself. Reference counting still frees everything; the collector's previous state
    is restored on exit.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def settle() -> None:
    """One full collection, now, unless the collector is off (the host's choice, kept).

    Objects made with the collector paused are all in its youngest generation; when they
    are kept (a monitor's picture), its next passes move them up one generation at a time,
    each pass over all of them, at whatever moment the threshold is crossed. One full
    collection moves them to the oldest generation at once, where they are rarely visited.
    """
    if gc.isenabled():
        gc.collect()
