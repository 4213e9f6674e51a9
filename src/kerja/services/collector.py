"""The cyclic garbage collector paused around bulk work that makes millions of objects and no
cycles: the employee import's rows, the monthly recap's day statuses. Each collection pass walks
every tracked container object still alive, so over a growing heap the passes cost a share of the
work that grows with it; reference counting frees everything such work drops either way."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the block; back on (if it was on) when the block ends, however it
    ends. Nested uses leave it to the outermost."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
