"""A helper process for the durability tests: `python writer_process.py URL PROFILE COUNT`.

Records COUNT attempts (COUNT 0: forever) and prints what `record_attempt` returned for each as soon as it returns:
the id once committed, "None" when it waits or is kept outside the database.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from store import Attempt, open_store  # noqa: E402


def main() -> None:
    url, profile, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = open_store(url)
    print(f"ready {store.status.mode}", flush=True)
    n = 0
    while count == 0 or n < count:
        new_id = store.record_attempt(Attempt(profile, f"t-{n % 7}", "vectors", n, "", f"answer {n}",
                                              "correct" if n % 3 else "incorrect", float(n % 3 > 0)))
        print(new_id, flush=True)
        n += 1


if __name__ == "__main__":
    main()
