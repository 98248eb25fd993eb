"""Timing and memory harness shared by the benchmarks.

Every benchmark compares ``imbalance`` with imbalanced-learn (or another peer)
on the same data in the same run. Each contender is timed several times and
the median is reported, because these machines are noisy; the ratio of
medians is the figure to quote. Peak memory is measured in a separate run
under :mod:`tracemalloc`, which sees every NumPy allocation (and anything else
allocated through Python's allocator) but not memory that compiled code
allocates on its own.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Measurement:
    name: str
    median_s: float
    times_s: list[float]
    peak_mib: float | None


def measure(
    name: str, func: Callable[[], object], repeats: int = 5, memory: bool = True
) -> Measurement:
    """Median wall time of ``func`` over ``repeats`` runs, and its peak memory."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    peak = None
    if memory:
        gc.collect()
        tracemalloc.start()
        func()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return Measurement(name, statistics.median(times), times, peak)


def report(title: str, ours: Measurement, *peers: Measurement) -> None:
    """Print one comparison: medians, peak memory, and ratios peer / ours."""
    print(f"\n== {title}")
    for m in (ours, *peers):
        memory = "n/a" if m.peak_mib is None else f"{m.peak_mib:9.1f} MiB"
        spread = f"[{min(m.times_s):.3f} .. {max(m.times_s):.3f}]"
        print(f"  {m.name:<28} median {m.median_s:9.4f} s {spread:>22}  peak {memory}")
    for peer in peers:
        speed = peer.median_s / ours.median_s
        line = f"  speed-up vs {peer.name}: {speed:.2f}x"
        if ours.peak_mib and peer.peak_mib:
            line += f"; memory ratio {peer.peak_mib / ours.peak_mib:.2f}x"
        print(line)
