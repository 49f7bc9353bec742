"""Charts that tell the truth: equal scales where angles and distances matter, real contour lines, paths clipped to
the plot, y-ranges fitted to the curve, the optimizers' race as the text tells it, no English in Chinese charts."""
from __future__ import annotations

import ast
import json
import math
import operator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from ui import charts
from ui import topic_models as tm

PAGES = Path(__file__).resolve().parents[2] / "pages"
PLOT_SIZES = [(342, 380), (900, 380)]   # the chart's plot area on a phone and beside the controls on a wide screen


def run_page(page: str, lang: str = "en", **sliders: float) -> AppTest:
    at = AppTest.from_file(str(PAGES / page), default_timeout=30)
    at.session_state["lang"] = lang
    at.run()
    for key, value in sliders.items():
        at.slider(key=key).set_value(value)
    if sliders:
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart_spec(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("vega_lite_chart")[index].proto.spec)


def leaves(spec: dict) -> list[dict]:
    """The single-mark layers of a (possibly nested) layered spec."""
    return [leaf for child in spec["layer"] for leaf in (leaves(child) if "layer" in child else [child])]


def layer_rows(at: AppTest, spec: dict, child: dict) -> list[dict]:
    """The rows a layer draws (from the chart's Arrow datasets)."""
    name = child["data"]["name"]
    for ds in at.get("vega_lite_chart")[0].proto.datasets:
        if ds.name == name:
            return pa.ipc.open_stream(ds.data.data).read_all().to_pylist()
    return pa.ipc.open_stream(spec["datasets"][name]).read_all().to_pylist()


_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def vega_value(expr: str, width: float, height: float):
    """The value of a Vega domain expression built of numbers, + − × ÷, max(), [a, b], `width` and `height`."""
    def value(node: ast.AST):
        if isinstance(node, ast.Expression):
            return value(node.body)
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return {"width": width, "height": height}[node.id]
        if isinstance(node, ast.BinOp):
            return _OPS[type(node.op)](value(node.left), value(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        if isinstance(node, ast.Call) and node.func.id == "max":
            return max(value(a) for a in node.args)
        if isinstance(node, ast.List):
            return [value(e) for e in node.elts]
        raise ValueError(f"unexpected {ast.dump(node)}")
    return value(ast.parse(expr, mode="eval"))


def domains(spec: dict, width: float, height: float) -> tuple[list[float], list[float]]:
    """The x and y domains every layer of a `charts.plane` uses, for a plot of width × height pixels."""
    found = {"x": set(), "y": set()}
    for child in leaves(spec):
        for axis in ("x", "y"):
            scale = child["encoding"].get(axis, {}).get("scale")
            if scale:
                found[axis].add(json.dumps(scale["domain"]))
    assert len(found["x"]) == len(found["y"]) == 1, found
    x_dom, y_dom = (json.loads(found[axis].pop()) for axis in ("x", "y"))
    return vega_value(x_dom["expr"], width, height), vega_value(y_dom["expr"], width, height)


def pixel(point: tuple[float, float], x_dom: list[float], y_dom: list[float], width: float, height: float):
    x = (point[0] - x_dom[0]) / (x_dom[1] - x_dom[0]) * width
    y = (y_dom[1] - point[1]) / (y_dom[1] - y_dom[0]) * height
    return x, y


@pytest.mark.parametrize("width,height", PLOT_SIZES)
def test_equal_scales_show_the_square_and_give_one_unit_the_same_length_on_both_axes(width, height):
    spec = charts.plane(charts.path([0, 1], [0, 1]), extent=2.5, height=height)
    x_dom, y_dom = domains(spec, width, height)
    assert (x_dom[1] - x_dom[0]) / width == pytest.approx((y_dom[1] - y_dom[0]) / height)
    assert x_dom[0] <= -2.5 and x_dom[1] >= 2.5 and y_dom[0] <= -2.5 and y_dom[1] >= 2.5
    assert min(x_dom[1] - x_dom[0], y_dom[1] - y_dom[0]) == pytest.approx(5.0)   # no more room than needed


def test_the_vectors_chart_draws_the_angle_it_computes():
    a, b = (1.0, 0.0), (-1.0, 2.0)   # cos θ = −1/√5
    at = run_page("t04_vectors.py", **{"vectors-a1": a[0], "vectors-a2": a[1], "vectors-b1": b[0], "vectors-b2": b[1]})
    assert at.metric[3].value == "116.6°"
    spec = chart_spec(at)
    for width, height in PLOT_SIZES:
        x_dom, y_dom = domains(spec, width, height)
        assert (x_dom[1] - x_dom[0]) / width == pytest.approx((y_dom[1] - y_dom[0]) / height)
        o, pa_, pb = (pixel(p, x_dom, y_dom, width, height) for p in ((0, 0), a, b))
        va, vb = np.subtract(pa_, o), np.subtract(pb, o)
        drawn = math.degrees(math.acos(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb))))
        assert drawn == pytest.approx(116.565, abs=0.01)
    arc = [c for c in leaves(spec) if c["mark"]["type"] == "line"]
    assert arc, "the angle's arc is drawn"
    rows = layer_rows(at, spec, arc[0])
    radii = {round(math.hypot(r["x"], r["y"]), 6) for r in rows}
    assert radii == {0.9}


def test_contour_lines_of_a_paraboloid_are_circles_at_their_level():
    lines = tm.contour_lines(lambda x, y: x ** 2 + y ** 2, (-2.5, 2.5), (-2.5, 2.5), np.array([1.0, 4.0]), 0.1)
    assert set(np.unique(lines.level)) == {1.0, 4.0}
    for xs, ys in ((lines.x, lines.y), (lines.x2, lines.y2)):
        np.testing.assert_allclose(np.hypot(xs, ys), np.sqrt(lines.level), atol=0.01)
    for level in (1.0, 4.0):   # the whole circle, not an arc of it
        angles = np.arctan2(lines.y[lines.level == level], lines.x[lines.level == level])
        assert np.ptp(angles) > 6.0 and np.max(np.diff(np.sort(angles))) < 0.3


def test_nice_levels_are_round_and_inside_the_range():
    levels = tm.nice_levels(0.3, 12.4, 10)
    assert list(levels) == [2.0, 4.0, 6.0, 8.0, 10.0, 12.0]   # steps of 1 would make 12
    assert list(tm.nice_levels(0.0, 1.0, 4)) == [0.25, 0.5, 0.75]


@pytest.mark.parametrize("page,sliders", [
    ("t07_partial_derivatives.py", {}),
    ("t09_gradient_descent.py", {"gradient-descent-eta": 0.45}),   # a run that diverges
    ("t15_optimizers.py", {}),
])
def test_contour_views_are_equal_scale_planes_whose_marks_are_clipped_to_the_plot(page, sliders):
    at = run_page(page, **sliders)
    spec = chart_spec(at)
    for width, height in PLOT_SIZES:
        x_dom, y_dom = domains(spec, width, height)
        assert (x_dom[1] - x_dom[0]) / width == pytest.approx((y_dom[1] - y_dom[0]) / height)
    assert all(child["mark"]["clip"] is True for child in leaves(spec))
    assert any(child["mark"]["type"] == "rule" and child["encoding"]["color"]["field"] == "level"
               for child in leaves(spec)), "the contour lines"


def test_a_diverging_descent_is_drawn_only_inside_the_plot():
    at = run_page("t09_gradient_descent.py", **{"gradient-descent-eta": 0.45})
    assert at.error, "the page says it diverged"
    spec = chart_spec(at)
    path = [c for c in leaves(spec) if c["mark"]["type"] == "line"][0]
    rows = layer_rows(at, spec, path)
    assert max(abs(r["y"]) for r in rows) > 10, "the run leaves the plot"
    assert path["mark"]["clip"] is True


@pytest.mark.parametrize("curve", ["sigmoid", "tanh", "relu", "step"])
def test_the_functions_chart_fits_its_y_range_to_the_curve(curve):
    at = AppTest.from_file(str(PAGES / "t01_functions.py"), default_timeout=30)
    at.session_state["lang"] = "en"
    at.run()
    at.selectbox(key="functions-curve").set_value(curve).run()
    assert not at.exception
    spec = chart_spec(at)
    low, high = spec["encoding"]["y"]["scale"]["domain"]
    y, dy = tm.activation(curve, np.linspace(-5, 5, 241), 1.0, 0.0)
    values = np.concatenate([y, dy])
    assert low <= values.min() and high >= values.max()
    assert (high - low) <= 1.25 * (values.max() - values.min()), "the curves fill the plot, not a sliver of it"


def test_fit_range_keeps_an_exploding_curve_from_flattening_the_others():
    low, high = tm.fit_range(np.array([0.0, 1.0]), np.array([0.0, 1e6]), cap=10.0)
    assert low < 0 and 10 < high < 12


def test_the_optimizers_race_shows_what_the_text_says():
    at = run_page("t15_optimizers.py")
    eta, beta, steps = (at.slider(key=f"optimizers-{k}").value for k in ("eta", "beta", "steps"))
    paths = tm.optimizer_paths((-4.5, 2.0), eta, beta, steps)
    crossings = {name: int(np.sum(np.diff(np.sign(p[:, 1])) != 0)) for name, p in paths.items()}
    arrival = {name: int(np.argmax(tm.ravine_value(p[:, 0], p[:, 1]) < 0.1)) for name, p in paths.items()}
    assert crossings["SGD"] == steps                                   # zig-zags across at every step …
    assert abs(paths["SGD"][-1, 0]) > 5 * abs(paths["Momentum"][-1, 0])  # … and crawls along
    assert arrival["Momentum"] < arrival["Adam"] < arrival["SGD"]      # momentum arrives first
    assert crossings["Momentum"] <= steps // 2                         # crossing the floor far less often
    assert crossings["Adam"] < crossings["Momentum"]                   # Adam hardly zig-zags
    intro = " ".join(m.value for m in at.markdown)
    assert "zig-zags across it at every step" in intro and "arrives first" in intro


DIRECTION = {"en": ("lowers w", "w stays", "raises w", "red edge (∂C/∂w > 0) loses weight",
                    "blue edge (∂C/∂w < 0) gains"),
             "zh": ("w 减小", "w 不变", "w 增大", "红色连线（∂C/∂w > 0）的权重减小", "蓝色连线（∂C/∂w < 0）的权重增大")}
COLOUR_NAMES = {"#DC2626": "red", "#9CA3AF": "grey", "#2563EB": "blue"}


@pytest.mark.parametrize("lang,x1,signs", [("en", 1.0, {-1, 1}), ("zh", 1.0, {-1, 1}), ("en", 0.0, {-1, 0, 1})])
def test_backprop_edges_legend_and_caption_agree_with_the_gradient_descent_step(lang, x1, signs):
    """w ← w − η ∂C/∂w: a weight whose ∂C/∂w is positive goes down (and up for a negative one; with x₁ = 0 its
    weights' gradients are 0 and they stay). Each edge's colour, the legend entry of that colour and the caption
    must all say so."""
    at = run_page("t12_backprop.py", lang, **{"backprop-x1": x1})
    spec = chart_spec(at)
    edges = next(c for c in leaves(spec) if c["mark"]["type"] == "rule")
    colour = edges["encoding"]["color"]
    assert colour["legend"] is not None
    colour_of = dict(zip(colour["scale"]["domain"], colour["scale"]["range"]))
    down, stays, up, red_caption, blue_caption = DIRECTION[lang]
    seen = set()
    for row in layer_rows(at, spec, edges):
        gradient = float(row["label"])                      # each edge is labelled with its ∂C/∂w
        sign = int(np.sign(gradient))
        entry = row[colour["field"]]
        assert entry.startswith({1: "∂C/∂w > 0", 0: "∂C/∂w = 0", -1: "∂C/∂w < 0"}[sign]), row
        assert {1: down, 0: stays, -1: up}[sign] in entry, row
        assert COLOUR_NAMES[colour_of[entry]] == {1: "red", 0: "grey", -1: "blue"}[sign], row
        seen.add(sign)
    assert seen == signs and len(colour_of) == len(signs)        # the legend names just the colours drawn
    caption = " ".join(c.value for c in at.caption)
    assert "w ← w − η ∂C/∂w" in caption and red_caption in caption and blue_caption in caption


def test_chinese_charts_and_formulas_carry_no_english():
    at = run_page("t15_optimizers.py", lang="zh")
    spec = chart_spec(at)
    legend = [c for c in leaves(spec) if c["encoding"].get("color", {}).get("field") == "series"][0]
    assert {r["series"] for r in layer_rows(at, spec, legend)} == {"SGD", "动量法", "Adam"}
    assert "Momentum" not in " ".join(m.value for m in at.markdown)
    at = run_page("t13_convolution.py", lang="zh")
    window = [f.value for f in at.markdown if r"\max" in f.value]
    assert window and "窗口" in window[0] and "window" not in window[0]


def test_regression_shows_the_cost_as_a_formula_not_raw_c_t():
    at = run_page("t10_regression.py", lang="zh")
    assert at.metric[0].label == "你的代价 $C_T$"
    spec = chart_spec(at, 1)
    assert "C_T" not in json.dumps({k: v for k, v in spec.items() if k != "datasets"}, ensure_ascii=False)


def test_template_titles_are_plain_text():
    """Titles appear in the exercise picker, which shows no LaTeX: no raw `f_x`, `C_T`, `e^u` there."""
    from exercises import load_library

    titles = [(tid, text) for tid, tpl in load_library().templates.items() for text in tpl.title.values()]
    assert titles
    assert [(tid, text) for tid, text in titles if any(c in text for c in "_^$\\")] == []
