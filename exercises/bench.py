"""`python -m exercises.bench [--seeds N] [--sandboxed]`: generation time per template (p50 / p95, ms) over seeds
1..N — in this process, or (`--sandboxed`) as an instructor's uploaded copy of the library is generated: in the
author worker processes under the budget (`exercises.sandbox`), then again from the cache."""
from __future__ import annotations

import argparse
import statistics
import time

from exercises.loader import LIBRARY_DIR, Library, load_library
from exercises.yamlread import yaml_files


def sandboxed_library() -> Library:
    """The built-in templates loaded as if uploaded: every one a `SandboxedTemplate`."""
    library = Library(smoke_test=False)
    for path in yaml_files([LIBRARY_DIR]):
        library.add_bytes(path.name, path.read_bytes())
    return library


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def main() -> None:
    """Print a table of per-template generation times and an overall summary."""
    parser = argparse.ArgumentParser(prog="python -m exercises.bench")
    parser.add_argument("--seeds", type=int, default=50)
    parser.add_argument("--sandboxed", action="store_true", help="generate in the author worker processes")
    args = parser.parse_args()
    lib = sandboxed_library() if args.sandboxed else load_library()
    if args.sandboxed:
        next(iter(lib.templates.values())).generate(0)  # start a worker before timing
    rows = []
    every: list[float] = []
    for template in sorted(lib.templates.values(), key=lambda t: (t.topic, t.id)):
        times = []
        for seed in range(1, args.seeds + 1):
            start = time.perf_counter()
            template.generate(seed)
            times.append((time.perf_counter() - start) * 1000)
        every += times
        rows.append((template.id, percentile(times, 50), percentile(times, 95)))
    width = max(len(r[0]) for r in rows)
    print(f"{'template':<{width}}  {'p50 ms':>7}  {'p95 ms':>7}")
    for name, p50, p95 in rows:
        print(f"{name:<{width}}  {p50:7.1f}  {p95:7.1f}")
    print(f"\n{len(rows)} templates × {args.seeds} seeds: p50 {percentile(every, 50):.1f} ms, "
          f"p95 {percentile(every, 95):.1f} ms, mean {statistics.mean(every):.1f} ms per exercise")
    if args.sandboxed:
        again = []
        for template in lib.templates.values():
            start = time.perf_counter()
            template.generate(1)
            again.append((time.perf_counter() - start) * 1000)
        print(f"generated again (kept per template and seed): p50 {percentile(again, 50):.3f} ms, "
              f"p95 {percentile(again, 95):.3f} ms")


if __name__ == "__main__":
    main()
