"""Vega-Lite building blocks shared by the topic pages: lines, bars, heatmaps, contour lines, planes at equal
scales, arrows, networks.

Every helper returns a plain Vega-Lite spec (a dict) whose data travel as named Arrow datasets, so building a
chart costs well under a millisecond: no Altair objects, no schema validation and no pandas on a rerun.
Combine pieces with `layer`, `hconcat` and `vconcat`; `ui.layout.show` draws the result. Every helper takes
already-translated titles so a chart's labels follow the learner's language.
"""
from __future__ import annotations

import hashlib
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pyarrow as pa

Spec = dict[str, Any]

PALETTE: tuple[str, ...] = ("#4F46E5", "#F97316", "#10B981", "#E11D48", "#0EA5E9", "#A855F7", "#64748B")
HEIGHT = 320
TEXT = "#1F2937"
# Light heatmap colours, so the numbers written in the cells stay readable.
HEAT_NEGATIVE, HEAT_LOW, HEAT_POSITIVE = "#FDBA74", "#F5F7FF", "#A5B4FC"
DATASETS = "datasets"


# ---------------------------------------------------------------- data and composition

def _column(values: Any) -> pa.Array:
    """A numpy-able column as an Arrow array, built from its buffers (pyarrow's converters load pandas, which
    costs half a second on a server's first chart)."""
    array = np.asarray(values)
    if array.dtype.kind in "iub":
        data = np.ascontiguousarray(array, dtype=np.int64)
        return pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)])
    if array.dtype == np.float32:   # long geometry columns (contour lines) travel at half the size
        data = np.ascontiguousarray(array)
        return pa.Array.from_buffers(pa.float32(), len(data), [None, pa.py_buffer(data)])
    if array.dtype.kind == "f":
        data = np.ascontiguousarray(array, dtype=np.float64)
        return pa.Array.from_buffers(pa.float64(), len(data), [None, pa.py_buffer(data)])
    encoded = [str(v).encode("utf-8") for v in array.tolist()]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return pa.Array.from_buffers(pa.string(), len(encoded), [None, pa.py_buffer(offsets),
                                                              pa.py_buffer(b"".join(encoded))])


def dataset(**columns: Any) -> tuple[str, bytes]:
    """Columns (equal lengths) as an Arrow IPC stream, named by its content (the same data, the same name)."""
    table = pa.table({name: _column(values) for name, values in columns.items()})
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    data = sink.getvalue().to_pybytes()
    return "data-" + hashlib.blake2b(data, digest_size=8).hexdigest(), data


def with_data(spec: Spec, name: str, data: bytes) -> Spec:
    """`spec` drawing the dataset `name` (from `dataset`), carried along until `layer`/`hconcat` hoist it."""
    return {**spec, "data": {"name": name}, DATASETS: {name: data}}


def _compose(kind: str, parts: Iterable[Spec], props: Mapping[str, Any]) -> Spec:
    """Nest `parts` under `kind` ("layer", "hconcat", "vconcat"), hoisting their datasets to the top."""
    datasets: dict[str, bytes] = {}
    children = []
    for part in parts:
        datasets.update(part.get(DATASETS, {}))
        children.append({k: v for k, v in part.items() if k != DATASETS})
    return {kind: children, **props, DATASETS: datasets}


def layer(*parts: Spec, **props: Any) -> Spec:
    """Draw `parts` on top of each other (shared axes); `props` are top-level (width, height, title, …)."""
    flat: list[Spec] = []
    sizes: dict[str, Any] = {}
    for part in parts:   # plain layers are flattened; the sizes of the pieces move up to the layer
        plain_layer = "layer" in part and not (part.keys() - {"layer", DATASETS, "height", "width"})
        for child in part["layer"] if plain_layer else [part]:
            child = {**child, DATASETS: {**child.get(DATASETS, {}), **part.get(DATASETS, {})}}
            for size in ("height", "width"):
                if size in part and plain_layer:
                    sizes.setdefault(size, part[size])
                if size in child and "mark" in child:
                    sizes.setdefault(size, child.pop(size))
            flat.append(child)
    return _compose("layer", flat, {**sizes, **props})


def hconcat(*parts: Spec, spacing: int = 24, independent_colors: bool = True) -> Spec:
    """Charts side by side (each with its own colour scale unless told otherwise)."""
    props: dict[str, Any] = {"spacing": spacing}
    if independent_colors:
        props["resolve"] = {"scale": {"color": "independent"}}
    return _compose("hconcat", parts, props)


def vconcat(*parts: Spec, spacing: int = 24) -> Spec:
    """Charts one above the other, each with its own colour scale."""
    return _compose("vconcat", parts, {"spacing": spacing, "resolve": {"scale": {"color": "independent"}}})


def sized(spec: Spec, *, width: int | None = None, height: int | None = None, title: str | None = None) -> Spec:
    """`spec` with a width, height and/or title."""
    extra = {k: v for k, v in (("width", width), ("height", height), ("title", title)) if v is not None}
    return {**spec, **extra}


def frameless(spec: Spec) -> Spec:
    """`spec` without the grey frame around each view (for grids of heatmaps)."""
    return {**spec, "config": {"view": {"strokeWidth": 0}}}


def _legend_color(field: str, domain: Sequence[str] | None = None, title: str | None = None) -> Spec:
    scale: Spec = {"range": list(PALETTE)}
    if domain:
        scale["domain"] = list(domain)
    return {"field": field, "type": "nominal", "scale": scale, "title": title, "legend": {"orient": "bottom"}}


# ---------------------------------------------------------------- chart pieces

def lines(curves: Mapping[str, tuple[Sequence[float], Sequence[float]]], *, x_title: str, y_title: str,
          domain: tuple[float, float] | None = None, dashed: Sequence[str] = (), height: int = HEIGHT) -> Spec:
    """One line per named curve ``{name: (xs, ys)}``; curves named in `dashed` are drawn dashed."""
    names = list(curves)
    xs = np.concatenate([np.asarray(x, dtype=float) for x, _ in curves.values()])
    ys = np.concatenate([np.asarray(y, dtype=float) for _, y in curves.values()])
    series = np.repeat(names, [len(x) for x, _ in curves.values()])
    y_enc: Spec = {"field": "y", "type": "quantitative", "title": y_title}
    if domain:
        y_enc["scale"] = {"domain": [float(domain[0]), float(domain[1])], "nice": False}
    spec = {
        "mark": {"type": "line", "strokeWidth": 2.5, "clip": True},
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "title": x_title},
            "y": y_enc,
            "color": _legend_color("series", names),
            "strokeDash": {"condition": {"test": {"field": "series", "oneOf": list(dashed) or ["\u0000"]},
                                         "value": [6, 4]}, "value": [1, 0]},
            "tooltip": [{"field": "series", "type": "nominal"},
                        {"field": "x", "type": "quantitative", "format": ".3f"},
                        {"field": "y", "type": "quantitative", "format": ".4f"}],
        },
        "height": height,
    }
    return with_data(spec, *dataset(x=xs, y=ys, series=series))


def bars(labels: Sequence[str], values: Sequence[float], *, x_title: str | None, y_title: str | None,
         ordinal: bool = True, fmt: str = ".3f", text: bool = True, height: int = HEIGHT,
         width: int | None = None, y_domain: tuple[float, float] | None = None) -> Spec:
    """Vertical bars in the given order, with the value written above each bar."""
    x = {"field": "label", "type": "ordinal" if ordinal else "nominal", "title": x_title, "sort": None,
         "axis": {"labelAngle": 0}}
    y: Spec = {"field": "value", "type": "quantitative", "title": y_title}
    if y_domain:
        y["scale"] = {"domain": list(y_domain)}
    name, data = dataset(label=[str(v) for v in labels], value=np.asarray(values, dtype=float))
    bar = {"mark": {"type": "bar", "cornerRadiusTopLeft": 4, "cornerRadiusTopRight": 4, "color": PALETTE[0]},
           "encoding": {"x": x, "y": y, "tooltip": [{"field": "label", "type": "nominal"},
                                                    {"field": "value", "type": "quantitative", "format": fmt}]}}
    parts = [with_data(bar, name, data)]
    if text:
        label = {"mark": {"type": "text", "dy": -8, "fontSize": 12, "color": TEXT},
                 "encoding": {"x": x, "y": y, "text": {"field": "value", "type": "quantitative", "format": fmt}}}
        parts.append(with_data(label, name, data))
    return layer(*parts, height=height, **({"width": width} if width else {}))


def bars_and_line(k: Sequence[int], bar_values: Sequence[float], line_values: Sequence[float], *,
                  bar_name: str, line_name: str, y_title: str | None = None, height: int = HEIGHT) -> Spec:
    """Bars of one series and a line with points of another over k = 1, 2, …, with a legend naming both."""
    ks = np.asarray(k, dtype=int)
    name, data = dataset(k=np.concatenate([ks, ks]),
                         value=np.concatenate([np.asarray(bar_values, float), np.asarray(line_values, float)]),
                         series=[bar_name] * len(ks) + [line_name] * len(ks))
    x = {"field": "k", "type": "ordinal", "title": "k", "axis": {"labelAngle": 0}}
    color = _legend_color("series", [bar_name, line_name])
    tooltip = [{"field": "series", "type": "nominal"}, {"field": "k", "type": "ordinal"},
               {"field": "value", "type": "quantitative", "format": ".4g"}]
    bar = {"mark": {"type": "bar", "opacity": 0.85, "cornerRadiusTopLeft": 3, "cornerRadiusTopRight": 3},
           "transform": [{"filter": {"field": "series", "equal": bar_name}}],
           "encoding": {"x": x, "y": {"field": "value", "type": "quantitative", "title": y_title},
                        "color": color, "tooltip": tooltip}}
    line = {"mark": {"type": "line", "point": True, "strokeWidth": 2.5},
            "transform": [{"filter": {"field": "series", "equal": line_name}}],
            "encoding": {"x": x, "y": {"field": "value", "type": "quantitative"}, "color": color,
                         "tooltip": tooltip}}
    return layer(with_data(bar, name, data), with_data(line, name, data), height=height)


def stacked(columns: Sequence[str], parts: Sequence[str], values: Sequence[float], *, y_title: str,
            height: int = 260) -> Spec:
    """One bar per entry of `columns` (in order), stacked from the named `parts`."""
    name, data = dataset(side=list(columns), part=list(parts), value=np.asarray(values, dtype=float))
    spec = {"mark": {"type": "bar", "size": 70},
            "encoding": {
                "x": {"field": "side", "type": "nominal", "title": None, "sort": list(dict.fromkeys(columns)),
                      "axis": {"labelAngle": 0, "labelFontSize": 14}},
                "y": {"field": "value", "type": "quantitative", "title": y_title},
                "color": _legend_color("part", list(dict.fromkeys(parts))),
                "tooltip": [{"field": "part", "type": "nominal"},
                            {"field": "value", "type": "quantitative", "format": ".4g"}]},
            "height": height}
    return with_data(spec, name, data)


def grouped_bars(labels: Sequence[str], groups: Sequence[str], values: Sequence[float], *, y_title: str,
                 y_domain: tuple[float, float] | None = None, width: int = 220, height: int = 240) -> Spec:
    """Bars per label, one bar per group side by side (a legend names the groups)."""
    name, data = dataset(label=list(labels), group=list(groups), value=np.asarray(values, dtype=float))
    y: Spec = {"field": "value", "type": "quantitative", "title": y_title}
    if y_domain:
        y["scale"] = {"domain": list(y_domain)}
    spec = {"mark": {"type": "bar"},
            "encoding": {"x": {"field": "label", "type": "nominal", "title": None, "axis": {"labelAngle": 0}},
                         "xOffset": {"field": "group", "type": "nominal"},
                         "y": y, "color": _legend_color("group", list(dict.fromkeys(groups))),
                         "tooltip": [{"field": "group", "type": "nominal"}, {"field": "label", "type": "nominal"},
                                     {"field": "value", "type": "quantitative", "format": ".2f"}]},
            "width": width, "height": height}
    return with_data(spec, name, data)


def heatmap(matrix: Any, title: str, *, fmt: str = ".2f", size: int = 44,
            domain: tuple[float, float] | None = None,
            row_labels: Sequence[str] | None = None, col_labels: Sequence[str] | None = None,
            x_title: str | None = None, y_title: str | None = None) -> Spec:
    """A matrix as coloured cells with its entries written in them (row 1 at the top), optionally labelled."""
    m = np.atleast_2d(np.asarray(matrix, dtype=float))
    rows, cols = np.indices(m.shape)
    rl = [str(v) for v in row_labels] if row_labels else [str(i + 1) for i in range(m.shape[0])]
    cl = [str(v) for v in col_labels] if col_labels else [str(j + 1) for j in range(m.shape[1])]
    name, data = dataset(row=[rl[i] for i in rows.ravel()], col=[cl[j] for j in cols.ravel()], value=m.ravel())
    lo, hi = (float(domain[0]), float(domain[1])) if domain else (float(m.min()), float(m.max()))
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    if lo < 0 < hi:  # diverging, white at 0
        scale = {"domain": [lo, 0, hi], "range": [HEAT_NEGATIVE, "#FFFFFF", HEAT_POSITIVE]}
    else:
        scale = {"domain": [lo, hi], "range": [HEAT_LOW, HEAT_POSITIVE]}
    labelled = bool(row_labels or col_labels)
    x = {"field": "col", "type": "nominal", "title": x_title, "sort": cl,
         "axis": {"labels": labelled, "ticks": False, "labelAngle": 0, "orient": "top"}}
    y = {"field": "row", "type": "nominal", "title": y_title, "sort": rl, "axis": {"labels": labelled, "ticks": False}}
    cells = {"mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
             "encoding": {"x": x, "y": y, "color": {"field": "value", "type": "quantitative", "scale": scale,
                                                    "legend": None},
                          "tooltip": [{"field": "row", "type": "nominal"}, {"field": "col", "type": "nominal"},
                                      {"field": "value", "type": "quantitative", "format": fmt}]}}
    text = {"mark": {"type": "text", "fontSize": 13, "fontWeight": "bold", "color": "#111827"},
            "encoding": {"x": x, "y": y, "text": {"field": "value", "type": "quantitative", "format": fmt}}}
    return layer(with_data(cells, name, data), with_data(text, name, data),
                 title=title, width=size * m.shape[1], height=size * m.shape[0])


def equal_scales(extent: float, center: tuple[float, float] = (0.0, 0.0)) -> tuple[Spec, Spec]:
    """Scales for x and y under which one unit is the same length on both axes, whatever the chart's size: the
    square of half-side `extent` around `center` always shows, and the longer side of the plot shows more (the
    domains follow the plot's `width` and `height`, so circles stay round and angles true)."""
    cx, cy = float(center[0]), float(center[1])
    half_x = f"max({extent:g}, {extent:g} * width / height)"
    half_y = f"max({extent:g}, {extent:g} * height / width)"
    x = {"domain": {"expr": f"[{cx:g} - {half_x}, {cx:g} + {half_x}]"}, "nice": False, "zero": False}
    y = {"domain": {"expr": f"[{cy:g} - {half_y}, {cy:g} + {half_y}]"}, "nice": False, "zero": False}
    return x, y


def plane(*parts: Spec, extent: float, center: tuple[float, float] = (0.0, 0.0), height: int = 380,
          x_title: str | None = "x", y_title: str | None = "y", **props: Any) -> Spec:
    """Layers drawn on the xy-plane at equal scales (see `equal_scales`), every mark clipped to the plot."""
    x_scale, y_scale = equal_scales(extent, center)
    scales = {"x": (x_scale, x_title), "y": (y_scale, y_title)}

    def placed(child: Spec) -> Spec:
        if "layer" in child:
            return {**child, "layer": [placed(c) for c in child["layer"]]}
        encoding = {channel: {**enc, "scale": scales[channel][0], "title": scales[channel][1]}
                    if channel in scales else enc for channel, enc in child.get("encoding", {}).items()}
        mark = child["mark"] if isinstance(child["mark"], dict) else {"type": child["mark"]}
        return {**child, "mark": {**mark, "clip": True}, "encoding": encoding}

    drawn = layer(*parts)
    return {**drawn, "layer": [placed(c) for c in drawn["layer"]], "height": height, **props}


def contour_lines(x: Sequence[float], y: Sequence[float], x2: Sequence[float], y2: Sequence[float],
                  level: Sequence[float], *, color_domain: tuple[float, float], title: str = "f") -> Spec:
    """Contour lines as segments (x, y) → (x2, y2), coloured by their level (data from
    `ui.topic_models.contour_lines`); the colour legend spans `color_domain`, levels beyond it take its end colours."""
    name, data = dataset(x=np.asarray(x, np.float32), y=np.asarray(y, np.float32), x2=np.asarray(x2, np.float32),
                         y2=np.asarray(y2, np.float32), level=np.asarray(level, np.float32))
    spec = {"mark": {"type": "rule", "strokeWidth": 1.6, "strokeCap": "round"},
            "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"},
                         "x2": {"field": "x2"}, "y2": {"field": "y2"},
                         "color": {"field": "level", "type": "quantitative", "title": title,
                                   "scale": {"scheme": {"name": "viridis", "extent": [0, 0.85]},
                                             "domain": [float(color_domain[0]), float(color_domain[1])],
                                             "clamp": True},
                                   "legend": {"orient": "bottom", "gradientLength": 160}},
                         "tooltip": [{"field": "level", "type": "quantitative", "title": title, "format": ".4g"}]}}
    return with_data(spec, name, data)


def path(xs: Sequence[float], ys: Sequence[float], *, color: str = "#F97316", dots: bool = True) -> Spec:
    """A polyline in one colour, with its points unless `dots` is False (a descent path, a curve)."""
    xs = np.asarray(xs, dtype=float)
    ds_name, data = dataset(x=xs, y=np.asarray(ys, dtype=float), step=np.arange(len(xs)))
    enc: Spec = {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"},
                 "order": {"field": "step", "type": "quantitative"}}
    tooltip = [{"field": "step", "type": "quantitative"}, {"field": "x", "type": "quantitative", "format": ".4g"},
               {"field": "y", "type": "quantitative", "format": ".4g"}]
    line = {"mark": {"type": "line", "strokeWidth": 2.5, "color": color}, "encoding": enc}
    points = {"mark": {"type": "point", "filled": True, "size": 45, "color": color},
              "encoding": {**enc, "tooltip": tooltip}}
    if not dots:
        return layer(with_data(line, ds_name, data))
    return layer(with_data(line, ds_name, data), with_data(points, ds_name, data))


def paths(named: Mapping[str, tuple[Sequence[float], Sequence[float]]]) -> Spec:
    """Several polylines with their points, one colour per name (with a legend), e.g. optimizers' paths."""
    names = list(named)
    lengths = [len(xs) for xs, _ in named.values()]
    ds_name, data = dataset(x=np.concatenate([np.asarray(xs, float) for xs, _ in named.values()]),
                            y=np.concatenate([np.asarray(ys, float) for _, ys in named.values()]),
                            step=np.concatenate([np.arange(n) for n in lengths]),
                            series=np.repeat(names, lengths))
    enc: Spec = {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"},
                 "order": {"field": "step", "type": "quantitative"}, "color": _legend_color("series", names)}
    line = {"mark": {"type": "line", "strokeWidth": 2.5}, "encoding": enc}
    dots = {"mark": {"type": "point", "filled": True, "size": 40},
            "encoding": {**enc, "tooltip": [{"field": "series", "type": "nominal"},
                                            {"field": "step", "type": "quantitative"},
                                            {"field": "x", "type": "quantitative", "format": ".4g"},
                                            {"field": "y", "type": "quantitative", "format": ".4g"}]}}
    # One colour scale for the lines and the points (kept as its own layer inside a bigger chart).
    return layer(with_data(line, ds_name, data), with_data(dots, ds_name, data),
                 resolve={"scale": {"color": "shared"}})


def arrows(vectors: Mapping[str, tuple[float, float]], *, origin: tuple[float, float] = (0.0, 0.0),
           colors: Sequence[str] = PALETTE) -> Spec:
    """Arrows from `origin` to origin + v for each named vector, with a triangle head and a label (draw them on a
    `plane`, whose equal scales keep their lengths and angles true)."""
    ox, oy = float(origin[0]), float(origin[1])
    names = list(vectors)
    v = np.array([[float(vx), float(vy)] for vx, vy in vectors.values()]).reshape(-1, 2)
    angle = 90.0 - np.degrees(np.arctan2(v[:, 1], v[:, 0]))
    ends = np.array([[ox, oy]]) + v
    name, data = dataset(name=names, x=np.full(len(names), ox), y=np.full(len(names), oy),
                         x2=ends[:, 0], y2=ends[:, 1], angle=angle,
                         color=[colors[i % len(colors)] for i in range(len(names))])
    color = {"field": "color", "type": "nominal", "scale": None}
    shaft = {"mark": {"type": "rule", "strokeWidth": 3},
             "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"},
                          "x2": {"field": "x2"}, "y2": {"field": "y2"}, "color": color}}
    ends_enc = {"x": {"field": "x2", "type": "quantitative"}, "y": {"field": "y2", "type": "quantitative"},
                "color": color}
    head = {"mark": {"type": "point", "shape": "triangle", "filled": True, "size": 160, "opacity": 1},
            "encoding": {**ends_enc, "angle": {"field": "angle", "type": "quantitative", "scale": None}}}
    label = {"mark": {"type": "text", "dx": 12, "dy": -12, "fontSize": 15, "fontWeight": "bold"},
             "encoding": {**ends_enc, "text": {"field": "name", "type": "nominal"}}}
    return layer(*(with_data(s, name, data) for s in (shaft, head, label)))


EDGE_COLORS = ["#DC2626", "#9CA3AF", "#2563EB"]   # weight < 0, = 0, > 0
NODE_SIZE = 1500          # circle area in px²: about 44 px across
NODE_INSIDE_CHARS = 4     # node labels up to this long sit inside their circle, longer ones below it


def network(nodes: Mapping[str, Sequence[Any]], edges: Mapping[str, Sequence[Any]], *, width: int = 560,
            height: int = 320, edge_text: bool = True, label_at: float = 0.5,
            node_colors: tuple[str, str] = (HEAT_LOW, HEAT_POSITIVE),
            edge_legend: tuple[str, str, str] | None = None) -> Spec:
    """A graph diagram. `nodes`: columns x, y, label, value; `edges`: columns x, y, x2, y2, weight, label.

    Edges are coloured by weight, negative red through grey to positive blue (a weight near 0 stays visible); with
    `edge_legend` = (what a weight < 0, = 0, > 0 means), by its sign alone, red, grey or blue, with a legend under
    the graph saying what each colour drawn means (the width still shows the size). Edge labels are written
    `label_at` of the way along each edge (below 0.5 keeps the labels of crossing edges apart), above it, or, split
    by a "\n", above and below it; node labels short enough sit inside their circle, longer ones just below it."""
    ex, ey = np.asarray(edges["x"], float), np.asarray(edges["y"], float)
    ex2, ey2 = np.asarray(edges["x2"], float), np.asarray(edges["y2"], float)
    weight = np.asarray(edges["weight"], float)
    edge_labels = [str(label).partition("\n") for label in edges["label"]]
    columns: dict[str, Any] = {}
    colour: Spec = {"field": "weight", "type": "quantitative", "scale": {"range": EDGE_COLORS, "domainMid": 0},
                    "legend": None}
    if edge_legend:
        signs = np.sign(weight).astype(int) + 1            # 0, 1, 2 for a weight < 0, = 0, > 0
        columns["sign"] = [edge_legend[k] for k in signs]
        drawn = sorted(set(signs))
        colour = {"field": "sign", "type": "nominal", "title": None,
                  "scale": {"domain": [edge_legend[k] for k in drawn], "range": [EDGE_COLORS[k] for k in drawn]},
                  "legend": {"orient": "bottom", "direction": "vertical", "symbolType": "stroke",
                             "symbolStrokeWidth": 4, "labelFontSize": 12, "labelLimit": 0}}
    e_name, e_data = dataset(x=ex, y=ey, x2=ex2, y2=ey2, weight=weight, abs_w=np.abs(weight),
                             mx=ex + label_at * (ex2 - ex), my=ey + label_at * (ey2 - ey),
                             label=[f"{top} {bottom}".strip() for top, _, bottom in edge_labels],
                             above=[top for top, _, _ in edge_labels], under=[bottom for _, _, bottom in edge_labels],
                             **columns)
    labels = [str(label) for label in nodes["label"]]
    n_name, n_data = dataset(x=np.asarray(nodes["x"], float), y=np.asarray(nodes["y"], float), label=labels,
                             value=np.asarray(nodes["value"], float),
                             inside=[label if len(label) <= NODE_INSIDE_CHARS else "" for label in labels],
                             below=[label if len(label) > NODE_INSIDE_CHARS else "" for label in labels])
    axis = {"axis": None, "scale": {"nice": False, "padding": 48}}
    links = {"mark": {"type": "rule", "opacity": 0.8},
             "encoding": {"x": {"field": "x", "type": "quantitative", **axis},
                          "y": {"field": "y", "type": "quantitative", **axis},
                          "x2": {"field": "x2"}, "y2": {"field": "y2"},
                          "color": colour,
                          "strokeWidth": {"field": "abs_w", "type": "quantitative", "scale": {"range": [1.5, 6]},
                                          "legend": None},
                          "tooltip": [{"field": "label", "type": "nominal"}]}}
    parts = [with_data(links, e_name, e_data)]
    xy = {"x": {"field": "mx", "type": "quantitative"}, "y": {"field": "my", "type": "quantitative"}}
    if edge_text:
        for field, baseline, dy in (("above", "bottom", -5), ("under", "top", 5)):
            parts.append(with_data({"mark": {"type": "text", "fontSize": 11, "baseline": baseline, "dy": dy,
                                              "color": "#374151"},
                                     "encoding": {**xy, "text": {"field": field, "type": "nominal"}}}, e_name, e_data))
    at = {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}
    circles = {"mark": {"type": "circle", "size": NODE_SIZE, "opacity": 1, "stroke": "#312E81", "strokeWidth": 1.5},
               "encoding": {**at, "color": {"field": "value", "type": "quantitative",
                                            "scale": {"range": list(node_colors)}, "legend": None},
                            "tooltip": [{"field": "label", "type": "nominal"},
                                        {"field": "value", "type": "quantitative", "format": ".4f"}]}}
    inside = {"mark": {"type": "text", "fontSize": 11, "fontWeight": "bold", "color": "#111827"},
              "encoding": {**at, "text": {"field": "inside", "type": "nominal"}}}
    below = {"mark": {"type": "text", "fontSize": 11, "fontWeight": "bold", "color": "#111827", "baseline": "top",
                      "dy": 25},
             "encoding": {**at, "text": {"field": "below", "type": "nominal"}}}
    parts += [with_data(circles, n_name, n_data), with_data(inside, n_name, n_data),
              with_data(below, n_name, n_data)]
    return layer(*parts, width=width, height=height, resolve={"scale": {"color": "independent"}})


def marks(xs: Sequence[float], ys: Sequence[float], labels: Sequence[str] | None = None, *,
          color: str = "#E11D48", shape: str = "circle", size: int = 120) -> Spec:
    """Highlighted points (with their labels written beside them when given)."""
    name, data = dataset(x=np.asarray(xs, float), y=np.asarray(ys, float),
                         label=list(labels) if labels else [""] * len(xs))
    at = {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}
    pts = {"mark": {"type": "point", "shape": shape, "filled": True, "size": size, "color": color,
                    "stroke": "white", "strokeWidth": 1.5}, "encoding": at}
    parts = [with_data(pts, name, data)]
    if labels:
        parts.append(with_data({"mark": {"type": "text", "dx": 10, "dy": -10, "align": "left", "fontSize": 13,
                                          "fontWeight": "bold", "color": color},
                                 "encoding": {**at, "text": {"field": "label", "type": "nominal"}}}, name, data))
    return layer(*parts)


def labels(xs: Sequence[float], ys: Sequence[float], texts: Sequence[str], *, color: str = TEXT,
           size: int = 15) -> Spec:
    """Text written at points (a name beside something drawn, such as θ by its arc)."""
    name, data = dataset(x=np.asarray(xs, float), y=np.asarray(ys, float), text=list(texts))
    return with_data({"mark": {"type": "text", "fontSize": size, "fontWeight": "bold", "color": color},
                       "encoding": {"x": {"field": "x", "type": "quantitative"},
                                    "y": {"field": "y", "type": "quantitative"},
                                    "text": {"field": "text", "type": "nominal"}}}, name, data)


def residuals(xs: Sequence[float], ys: Sequence[float], predicted: Sequence[float]) -> Spec:
    """Data points and dashed rules from each point to the predicted value (regression residuals)."""
    name, data = dataset(x=np.asarray(xs, float), y=np.asarray(ys, float), pred=np.asarray(predicted, float))
    at = {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}
    rules = {"mark": {"type": "rule", "color": "#E11D48", "strokeDash": [3, 3]},
             "encoding": {**at, "y2": {"field": "pred"}}}
    dots = {"mark": {"type": "circle", "size": 80, "color": TEXT, "opacity": 1},
            "encoding": {**at, "tooltip": [{"field": "x", "type": "quantitative", "format": ".3g"},
                                           {"field": "y", "type": "quantitative", "format": ".3g"}]}}
    return layer(with_data(rules, name, data), with_data(dots, name, data))
