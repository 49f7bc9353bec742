"""In a real headless Chromium on a phone-sized screen: start a network from the backprop page, fill in every cell
as a learner would, see every cell right, take the gradient step and see the cost go down."""
from __future__ import annotations

import re
from pathlib import Path

from exercises import load_library

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
TEMPLATE = "backprop-net-sigmoid"


def test_fill_a_whole_network_on_a_phone(app_url, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US", is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/backprop")
        page.get_by_role("button", name="Start a network").click(timeout=60_000)
        page.wait_for_url(re.compile(rf"ex={TEMPLATE}&seed=\d+"), timeout=60_000)
        seed = int(re.search(r"seed=(\d+)", page.url).group(1))
        ex = load_library().get(TEMPLATE).generate(seed)
        for cell in ex.network.cell_ids:
            key = f"ex-{TEMPLATE}-{seed}-{cell}"
            box = page.locator(f".st-key-{key} input")
            box.wait_for(timeout=60_000)
            box.fill(f"{float(ex.values[cell]):.8f}")   # 4 significant figures at least, as the prompt asks
            page.locator(f".st-key-{key}-check button").click()
            page.locator(f".st-key-{key}-cell [data-testid='stAlert']", has_text="Correct").wait_for(timeout=60_000)
        total = len(ex.network.cell_ids)
        page.get_by_text(f"{total} of {total} cells right").wait_for(timeout=30_000)
        page.get_by_text("Every cell is right").wait_for(timeout=30_000)
        headers = page.locator("[class*='-cell'] [data-testid='stMarkdownContainer'] p").all_inner_texts()
        assert sum(h.startswith("✓") for h in headers) == total
        page.get_by_role("button", name=re.compile("Take the step")).click()
        page.get_by_text("The cost went down").wait_for(timeout=30_000)
        shown = page.locator("[data-testid='stMetricValue']").all_inner_texts()
        before, after = (float(v) for v in shown[-2:])   # the page above has a metric of its own
        assert after < before
        assert abs(before - float(ex.values["cost"])) < 1e-3 and abs(after - float(ex.values["cost_after"])) < 1e-3
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        chart = page.locator("[data-testid='stVegaLiteChart']").last
        chart.scroll_into_view_if_needed()
        assert chart.bounding_box()["width"] <= 390
        ARTIFACTS.mkdir(exist_ok=True)
        chart.screenshot(path=str(ARTIFACTS / "network-phone.png"))
    finally:
        context.close()
