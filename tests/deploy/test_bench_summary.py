"""`scripts.bench_summary`: several load-benchmark runs summed up — the median run, each measure's median and
range, and in how many runs each target held; the single-run table's ratio to the reference."""
from __future__ import annotations

from scripts.bench_load import Figures, Launch, table
from scripts.bench_summary import median_run, summary


def figures(target: str, right: float, wrong: float, *, sessions: int = 200, cpu: tuple[float, float] = (3.5, 4.5),
            page: float = 15.0, usable: float = 1.6, p95: float = 0.8) -> Figures:
    """Figures whose checks/s are ``right`` and ``wrong`` (100 checks each), with the given CPU, page, launch and
    the slowest checks taking ``p95`` seconds."""
    f = Figures(target, sessions)
    for kind, rate in (("right", right), ("wrong", wrong)):
        f.checks[kind] = [0.1] * 90 + [p95] * 10
        f.walls[kind] = 100 / rate
    f.cpu_ms = {"right": cpu[0], "wrong": cpu[1]}
    f.page_cpu_ms = page
    f.launch = Launch(0.5, usable)
    return f


RUNS = [
    [figures("single", 300, 260, cpu=(2.9, 4.0), usable=1.4), figures("balancer", 480, 420),
     figures("reference", 320, 270, cpu=(2.8, 3.6), page=4.0, usable=1.1)],
    [figures("single", 220, 180, cpu=(4.2, 5.6), p95=1.2), figures("balancer", 300, 250),
     figures("reference", 300, 240, cpu=(3.0, 4.0), page=4.2, usable=1.2)],
    [figures("single", 260, 200), figures("balancer", 420, 330),
     figures("reference", 310, 250, cpu=(3.1, 3.9), page=4.4, usable=1.3)],
]


def row(text: str, label: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith(f"| {label} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_the_median_run_is_the_one_with_the_median_one_process_throughput():
    assert median_run(RUNS, 200) == 2
    assert median_run([[figures("reference", r, r)] for r in (300, 100, 200)], 200) == 2   # no one process


def test_each_measure_gives_its_median_range_and_the_runs_in_which_its_target_held():
    text = summary(RUNS, 200)
    assert text.startswith("Over 3 runs at 200 sessions")
    assert row(text, "checks/s, right") == ["checks/s, right", "≥ 250/s", "260/s (220–300), held 2/3",
                                            "420/s (300–480), held 3/3", "310/s (300–320), held 3/3"]
    assert row(text, "p95, wrong")[2] == "0.80 s (0.80–1.20), held 2/3"
    assert row(text, "CPU per right check")[1:3] == ["≤ 3 ms", "3.5 ms (2.9–4.2), held 1/3"]
    assert row(text, "CPU per topic page")[4] == "4.2 ms (4.0–4.4), held 3/3"
    assert row(text, "usable after launch")[2] == "1.60 s (1.40–1.60), held 1/3"


def test_the_ratios_between_targets_are_summed_up_the_same_way():
    text = summary(RUNS, 200)
    assert row(text, "one process / the reference, right")[1:3] == ["≥ 0.75×", "0.84× (0.73–0.94), held 2/3"]
    assert row(text, "two replicas / one process, wrong")[2] == "1.62× (1.39–1.65), held 2/3"


def test_a_target_measured_in_no_run_has_no_column_and_a_ratio_without_it_no_row():
    text = summary([[f for f in run if f.target != "balancer"] for run in RUNS], 200)
    assert "balancer" not in text.splitlines()[2] and "two replicas" not in text


def test_the_single_run_table_gives_each_app_row_its_ratio_to_the_reference():
    text = table(RUNS[0])
    assert row(text, "single")[11] == "0.94 · 0.96" and row(text, "reference")[11] == "—"
