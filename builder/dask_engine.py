"""Dask as the engine of the per-article stage, for a corpus that outgrows one machine.

The per-article stage is `pipeline.extract_payload`, a pure function of one source record, and the pipeline
asks only for a `Mapper` (map a function over items, in order). This module is that mapper on Dask: its local
process scheduler, or a Dask cluster given by its scheduler's address. Grouping and merging stay on the machine
that runs `timeline`: they need every article's mentions at once, and take seconds at 10,000 articles.
"""
from __future__ import annotations

from typing import Callable, Iterable

from .errors import InputError
from .pipeline import Mapper

ARTICLES_PER_TASK = 64  # enough work per task that scheduling stays a small share of it


def dask_mapper(address: str = "local") -> Mapper:
    """'local': Dask's multiprocessing scheduler on this machine; otherwise the address of a Dask scheduler
    (tcp://host:8786), which needs the `distributed` package."""
    try:
        import dask.bag
    except ImportError:
        raise InputError("--dask", "needs Dask, which is not installed", "pip install 'news-timeline[dask]'") from None
    client = None
    if address != "local":
        try:
            from distributed import Client
        except ImportError:
            raise InputError(f"--dask {address}", "needs Dask's distributed scheduler, which is not installed",
                             "pip install 'news-timeline[dask]'") from None
        try:
            client = Client(address, timeout=30)
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"--dask {address}", f"cannot reach the Dask scheduler there ({exc})",
                             "start it with `dask scheduler`, or give its address as tcp://host:8786") from None

    def run(function: Callable, items: list) -> Iterable:
        if not items:
            return []
        bag = dask.bag.from_sequence(items, partition_size=ARTICLES_PER_TASK).map(function)
        return bag.compute(scheduler=client if client is not None else "processes")
    return run
