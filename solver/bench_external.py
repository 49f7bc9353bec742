"""The checker against answer-equivalence fixtures published by other systems: ``python -m solver.bench_external``.

The fixtures (``tests/fixtures/external/*.jsonl``, one case a line; sources, licences and selection in the
README there) come from STACK's answer-test fixtures, Math-Verify's tests and PrairieLearn's SymPy tests.
Each case names its source (repo, path, commit), the expressions as published, our reading of them (``answer``,
``expected``, ``kind``, ``vars``, options), the publisher's verdict (``same``/``different``) and the
mathematically right verdict (``right``; null where it depends on a convention, with a note).

Prints, per source: cases, cases with a decided right verdict, the share of those where our verdict and the
publisher's agree with it, wrong answers marked right (ours and theirs), answers we could not read or decide;
then every case where we differ from the right verdict. Our verdict: ``correct`` → same, ``incorrect`` →
different, ``invalid`` → unread (never right, never a wrong answer marked right).
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from solver.checker import check

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "external"
OPTIONS = ("rtol", "atol", "sigfigs", "domain", "form")
SAME, DIFFERENT, UNREAD = "same", "different", "unread"


@dataclass
class Outcome:
    """One case and how we judged it."""

    case: dict[str, Any]
    ours: str
    message: str

    @property
    def source(self) -> str:
        return self.case["id"].rsplit("-", 1)[0].rstrip("ab0123456789").rstrip("-") or self.case["id"]


def load(folder: Path = FIXTURES) -> list[dict[str, Any]]:
    """Every case of every ``*.jsonl`` file in ``folder`` (empty if the folder is missing)."""
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(json.loads(line))
    return cases


def judge(case: dict[str, Any]) -> Outcome:
    """Our verdict on one case."""
    options = {k: case[k] for k in OPTIONS if k in case}
    verdict = check(case["kind"], case["expected"], case["answer"], vars=case.get("vars", []), **options)
    ours = {"correct": SAME, "incorrect": DIFFERENT}.get(verdict.status, UNREAD)
    return Outcome(case, ours, verdict.message)


def _source(case: dict[str, Any]) -> str:
    return case["repo"]


def summary(outcomes: Iterable[Outcome]) -> list[dict[str, Any]]:
    """Per source: counts and agreement with the right verdict, ours and the publisher's."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[_source(outcome.case)].append(outcome)
    rows = []
    for repo, items in sorted(groups.items()):
        decided = [o for o in items if o.case.get("right") in (SAME, DIFFERENT)]
        rows.append({
            "source": repo, "cases": len(items), "decided": len(decided),
            "ours_right": sum(o.ours == o.case["right"] for o in decided),
            "theirs_right": sum(o.case["publisher"] == o.case["right"] for o in decided),
            "ours_wrong_marked_right": sum(o.ours == SAME and o.case["right"] == DIFFERENT for o in decided),
            "theirs_wrong_marked_right": sum(o.case["publisher"] == SAME and o.case["right"] == DIFFERENT
                                             for o in decided),
            "unread": sum(o.ours == UNREAD for o in items),
        })
    return rows


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def main(argv: list[str] | None = None) -> int:
    """Judge every fixture and print the comparison (Markdown)."""
    cases = load()
    if not cases:
        print(f"no fixtures found in {FIXTURES}")
        return 1
    outcomes = [judge(case) for case in cases]
    rows = summary(outcomes)
    print("| source | cases | decided | we agree with the right verdict | the publisher agrees | "
          "wrong marked right (we / they) | we could not read |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    total = defaultdict(int)
    for row in rows:
        for key, value in row.items():
            if key != "source":
                total[key] += value
        print(f"| {row['source']} | {row['cases']} | {row['decided']} | "
              f"{row['ours_right']} ({_percent(row['ours_right'], row['decided'])}) | "
              f"{row['theirs_right']} ({_percent(row['theirs_right'], row['decided'])}) | "
              f"{row['ours_wrong_marked_right']} / {row['theirs_wrong_marked_right']} | {row['unread']} |")
    print(f"| **all** | {total['cases']} | {total['decided']} | "
          f"{total['ours_right']} ({_percent(total['ours_right'], total['decided'])}) | "
          f"{total['theirs_right']} ({_percent(total['theirs_right'], total['decided'])}) | "
          f"{total['ours_wrong_marked_right']} / {total['theirs_wrong_marked_right']} | {total['unread']} |")
    misses = [o for o in outcomes if o.case.get("right") in (SAME, DIFFERENT) and o.ours != o.case["right"]]
    if misses:
        print("\nCases where our verdict is not the right one:\n")
        print("| id | answer | expected | right | ours | message |")
        print("|---|---|---|---|---|---|")
        for o in misses:
            print(f"| {o.case['id']} | `{o.case['answer']}` | `{o.case['expected']}` | {o.case['right']} | "
                  f"{o.ours} | {o.message[:80]} |")
    conventions = [o for o in outcomes if o.case.get("right") not in (SAME, DIFFERENT)]
    if conventions:
        print("\nConvention-dependent cases (not scored):\n")
        for o in conventions:
            print(f"- {o.case['id']}: `{o.case['answer']}` vs `{o.case['expected']}` — publisher "
                  f"{o.case['publisher']}, ours {o.ours}. {o.case.get('note', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
