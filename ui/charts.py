"""Altair building blocks shared by the topic pages: lines, bars, heatmaps, fields, arrows, networks.

Every helper takes already-translated titles so a chart's labels follow the learner's language.
"""
from __future__ import annotations

from typing import Sequence

import altair as alt
import numpy as np
import pandas as pd

PALETTE: tuple[str, ...] = ("#4F46E5", "#F97316", "#10B981", "#E11D48", "#0EA5E9", "#A855F7", "#64748B")
HEIGHT = 320
# Light heatmap colours, so the numbers written in the cells stay readable.
HEAT_NEGATIVE, HEAT_LOW, HEAT_POSITIVE = "#FDBA74", "#F5F7FF", "#A5B4FC"


def _color(field: str, title: str | None = None, domain: Sequence[str] | None = None) -> alt.Color:
    scale = alt.Scale(range=list(PALETTE), domain=list(domain) if domain else alt.Undefined)
    return alt.Color(f"{field}:N", scale=scale, title=title, legend=alt.Legend(orient="bottom"))


def lines(df: pd.DataFrame, x: str, y: str, series: str, *, x_title: str, y_title: str,
          domain: tuple[float, float] | None = None, dashed: Sequence[str] = ()) -> alt.Chart:
    """One line per value of `series` (long format); series named in `dashed` are drawn dashed."""
    y_scale = alt.Scale(domain=list(domain), nice=False) if domain else alt.Undefined
    return (
        alt.Chart(df)
        .mark_line(strokeWidth=2.5, clip=True)
        .encode(
            x=alt.X(f"{x}:Q", title=x_title),
            y=alt.Y(f"{y}:Q", title=y_title, scale=y_scale),
            color=_color(series, None, list(dict.fromkeys(df[series]))),
            strokeDash=alt.condition(
                alt.FieldOneOfPredicate(field=series, oneOf=list(dashed) or ["\u0000"]),
                alt.value([6, 4]), alt.value([1, 0])),
            tooltip=[alt.Tooltip(f"{series}:N"), alt.Tooltip(f"{x}:Q", format=".3f"),
                     alt.Tooltip(f"{y}:Q", format=".4f")],
        )
        .properties(height=HEIGHT)
    )


def bars(df: pd.DataFrame, x: str, y: str, *, x_title: str, y_title: str, color: str | None = None,
         ordinal: bool = True, fmt: str = ".3f", labels: bool = True) -> alt.Chart:
    """Vertical bars with the value written on each bar."""
    x_enc = alt.X(f"{x}:{'O' if ordinal else 'N'}", title=x_title, sort=None, axis=alt.Axis(labelAngle=0))
    color_enc = _color(color) if color else alt.value(PALETTE[0])
    base = alt.Chart(df).encode(x=x_enc, y=alt.Y(f"{y}:Q", title=y_title))
    chart = base.mark_bar(cornerRadiusTopLeft=4, cornerRadiusTopRight=4).encode(
        color=color_enc, tooltip=[alt.Tooltip(f"{x}"), alt.Tooltip(f"{y}:Q", format=fmt)])
    if labels:
        chart = chart + base.mark_text(dy=-8, fontSize=12, color="#1F2937").encode(
            text=alt.Text(f"{y}:Q", format=fmt))
    return chart.properties(height=HEIGHT)


def heatmap(matrix: np.ndarray, title: str, *, fmt: str = ".2f",
            size: int = 44, domain: tuple[float, float] | None = None,
            row_labels: Sequence[str] | None = None, col_labels: Sequence[str] | None = None,
            x_title: str | None = None, y_title: str | None = None) -> alt.LayerChart:
    """A matrix as coloured cells with its entries written in them (row 1 at the top), optionally labelled."""
    m = np.atleast_2d(np.asarray(matrix, dtype=float))
    rows, cols = np.indices(m.shape)
    rl = list(row_labels) if row_labels else [str(i + 1) for i in range(m.shape[0])]
    cl = list(col_labels) if col_labels else [str(j + 1) for j in range(m.shape[1])]
    df = pd.DataFrame({"row": [rl[i] for i in rows.ravel()], "col": [cl[j] for j in cols.ravel()],
                       "value": m.ravel()})
    lo, hi = domain if domain else (float(m.min()), float(m.max()))
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    show_labels = bool(row_labels or col_labels)
    base = alt.Chart(df).encode(
        x=alt.X("col:N", title=x_title, sort=cl, axis=alt.Axis(labels=show_labels, ticks=False, labelAngle=0,
                                                                 orient="top")),
        y=alt.Y("row:N", title=y_title, sort=rl, axis=alt.Axis(labels=show_labels, ticks=False)),
    )
    if lo < 0 < hi:  # diverging, white at 0
        scale = alt.Scale(domain=[lo, 0, hi], range=[HEAT_NEGATIVE, "#FFFFFF", HEAT_POSITIVE])
    else:
        scale = alt.Scale(domain=[lo, hi], range=[HEAT_LOW, HEAT_POSITIVE])
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("value:Q", scale=scale, legend=None),
        tooltip=["row:N", "col:N", alt.Tooltip("value:Q", format=fmt)])
    text = base.mark_text(fontSize=13, fontWeight="bold", color="#111827").encode(
        text=alt.Text("value:Q", format=fmt))
    return (cells + text).properties(title=title, width=size * m.shape[1], height=size * m.shape[0])


def field(xs: np.ndarray, ys: np.ndarray, zs: np.ndarray, *, x_title: str = "x", y_title: str = "y",
          z_title: str = "f", levels: int = 12, size: int = 380) -> alt.Chart:
    """A filled contour view of z = f(x, y): grid cells coloured in `levels` bands (from `ui.topic_models.grid`)."""
    n = int(round(np.sqrt(len(xs))))
    step = float(xs[1] - xs[0]) if n > 1 else 1.0
    df = pd.DataFrame({"x": xs - step / 2, "x2": xs + step / 2, "y": ys - step / 2, "y2": ys + step / 2, "z": zs})
    return (
        alt.Chart(df)
        .mark_rect()
        .encode(
            x=alt.X("x:Q", title=x_title, scale=alt.Scale(domain=[float(df.x.min()), float(df.x2.max())], nice=False)),
            x2="x2:Q",
            y=alt.Y("y:Q", title=y_title, scale=alt.Scale(domain=[float(df.y.min()), float(df.y2.max())], nice=False)),
            y2="y2:Q",
            color=alt.Color("z:Q", title=z_title, scale=alt.Scale(type="quantize", nice=True, zero=False,
                                                                  scheme="viridis"),
                            legend=alt.Legend(orient="right")),
            tooltip=[alt.Tooltip("z:Q", format=".3f")],
        )
        .properties(width=size, height=size)
    )


def path(xs: np.ndarray, ys: np.ndarray, *, color: str = "#F97316", name: str | None = None,
         clip: bool = True) -> alt.LayerChart:
    """A polyline with its points (for descent paths); `name` fills a legend field `series`."""
    df = pd.DataFrame({"x": xs, "y": ys, "step": np.arange(len(xs)), "series": name or ""})
    base = alt.Chart(df).encode(x="x:Q", y="y:Q", order="step:Q")
    if name:
        enc = _color("series")
        line = base.mark_line(strokeWidth=2.5, clip=clip).encode(color=enc)
        dots = base.mark_point(filled=True, size=40, clip=clip).encode(color=enc, tooltip=["series", "step", "x", "y"])
    else:
        line = base.mark_line(strokeWidth=2.5, color=color, clip=clip)
        dots = base.mark_point(filled=True, size=45, color=color, clip=clip).encode(tooltip=["step", "x", "y"])
    return line + dots


def arrows(vectors: dict[str, tuple[float, float]], *, origin: tuple[float, float] = (0.0, 0.0),
           extent: float | None = None, colors: Sequence[str] = PALETTE) -> alt.LayerChart:
    """Arrows from `origin` to origin + v for each named vector, with a triangle head and a label."""
    ox, oy = origin
    rows = []
    for i, (name, (vx, vy)) in enumerate(vectors.items()):
        angle = 90.0 - float(np.degrees(np.arctan2(vy, vx)))
        rows.append({"name": name, "x": ox, "y": oy, "x2": ox + vx, "y2": oy + vy, "angle": angle,
                     "color": colors[i % len(colors)]})
    df = pd.DataFrame(rows)
    lim = extent or max(1.0, float(np.abs(df[["x", "y", "x2", "y2"]].to_numpy()).max()) * 1.15)
    scale = alt.Scale(domain=[-lim, lim], nice=False)
    base = alt.Chart(df)
    shaft = base.mark_rule(strokeWidth=3).encode(
        x=alt.X("x:Q", scale=scale, title=None), y=alt.Y("y:Q", scale=scale, title=None),
        x2="x2:Q", y2="y2:Q", color=alt.Color("color:N", scale=None))
    head = base.mark_point(shape="triangle", filled=True, size=160, opacity=1).encode(
        x="x2:Q", y="y2:Q", angle=alt.Angle("angle:Q", scale=None), color=alt.Color("color:N", scale=None))
    label = base.mark_text(dx=12, dy=-12, fontSize=15, fontWeight="bold").encode(
        x="x2:Q", y="y2:Q", text="name:N", color=alt.Color("color:N", scale=None))
    return shaft + head + label


def network(nodes: pd.DataFrame, edges: pd.DataFrame, *, width: int = 560, height: int = 320,
            edge_text: str | None = "label",
            node_colors: tuple[str, str] = (HEAT_LOW, HEAT_POSITIVE)) -> alt.LayerChart:
    """A graph diagram. `nodes`: x, y, label, value; `edges`: x, y, x2, y2, weight, label (text at the midpoint)."""
    axis = dict(axis=None, scale=alt.Scale(nice=False, padding=40))
    e = edges.assign(mx=(edges.x + edges.x2) / 2, my=(edges.y + edges.y2) / 2, abs_w=edges.weight.abs())
    links = alt.Chart(e).mark_rule(opacity=0.8).encode(
        x=alt.X("x:Q", **axis), y=alt.Y("y:Q", **axis), x2="x2:Q", y2="y2:Q",
        color=alt.Color("weight:Q", scale=alt.Scale(scheme="redblue", domainMid=0), legend=None),
        strokeWidth=alt.StrokeWidth("abs_w:Q", scale=alt.Scale(range=[1, 6]), legend=None),
        tooltip=["label:N"])
    layers: list[alt.Chart] = [links]
    if edge_text:
        layers.append(alt.Chart(e).mark_text(fontSize=11, dy=-7, color="#374151").encode(
            x="mx:Q", y="my:Q", text=f"{edge_text}:N"))
    circles = alt.Chart(nodes).mark_circle(size=1500, opacity=1, stroke="#312E81", strokeWidth=1.5).encode(
        x="x:Q", y="y:Q",
        color=alt.Color("value:Q", scale=alt.Scale(range=list(node_colors)), legend=None),
        tooltip=["label:N", alt.Tooltip("value:Q", format=".4f")])
    text = alt.Chart(nodes).mark_text(fontSize=11, fontWeight="bold", color="#111827").encode(
        x="x:Q", y="y:Q", text="label:N")
    return alt.layer(*layers, circles, text).properties(width=width, height=height)


def marks(df: pd.DataFrame, *, color: str = "#E11D48", shape: str = "circle", size: int = 120,
          text: str | None = None) -> alt.LayerChart | alt.Chart:
    """Highlighted points at df.x, df.y (with an optional text column written beside them)."""
    base = alt.Chart(df).encode(x="x:Q", y="y:Q")
    pts = base.mark_point(shape=shape, filled=True, size=size, color=color, stroke="white", strokeWidth=1.5)
    if text:
        return pts + base.mark_text(dx=10, dy=-10, align="left", fontSize=13, fontWeight="bold",
                                    color=color).encode(text=f"{text}:N")
    return pts
