"""A network exercise on its drawn graph: the learner fills in z, a, δ, ∂C/∂w and ∂C/∂b cell by cell, in any order
the dependencies allow, each cell checked on its own with error carried forward; the graph colours every neuron and
edge by the state of its cells; a wrong cell can reveal a hint and then its worked step; one gradient-descent step
closes it, with the cost before and after — taken by the app, or by the learner when the template lists the new
weights and biases (`nw`, `nb`) among its cells: then the cost after is computed from the learner's own new values,
and only once all of them are right.

The practice panel hands a network exercise here (`network_exercise`). The cells and the graph rerun in a fragment
of their own; the graph is cached per (template, seed, language, cell states). Attempts are recorded per cell, the
part id naming the cell (`z2_1`, `delta3_1`, `dw2_11`).
"""
from __future__ import annotations

import time
from typing import Any

import streamlit as st

from exercises import network as netlib
from exercises.ecf import own_values
from exercises.render import fill
from ui.answer_box import answer_key, localized
from ui.exercise_view import get_exercise, show_prompt, show_solution
from ui.feedback import show_verdict
from ui.i18n import lang, listed, t
from ui.layout import show, table
from ui.network_chart import STATES, SYMBOLS, network_graph

PER_ROW = 3
"""Cells side by side in a section on a wide screen (Streamlit's columns stack on a phone)."""


# ---------------------------------------------------------------------------------------------- cell state

def _key(ex: Any, cell: str) -> str:
    return answer_key(ex.template_id, ex.seed, cell)


def _verdict(ex: Any, cell: str) -> Any | None:
    stored = st.session_state.get(f"{_key(ex, cell)}-verdict")
    return stored[1] if stored else None


def cell_state(verdict: Any | None) -> str:
    """unknown / right / ecf (right from the learner's own earlier values) / wrong, from a cell's last verdict."""
    if verdict is None or verdict.status == "invalid":
        return "unknown"
    if verdict.status == "correct":
        return "ecf" if (verdict.details or {}).get("ecf") else "right"
    return "wrong"


def cell_states(ex: Any) -> dict[str, str]:
    """Every cell's state."""
    return {cell: cell_state(_verdict(ex, cell)) for cell in ex.network.cell_ids}


def _filled(ex: Any, cell: str) -> bool:
    """Whether a cell holds a judged value (right or wrong) that later cells can be computed from."""
    return cell_state(_verdict(ex, cell)) != "unknown"


def missing(ex: Any, cell: str) -> list[str]:
    """The cells `cell` is computed from that are not filled in yet (it opens when this is empty)."""
    return [need for need in ex.network.needs(cell) if not _filled(ex, need)]


def _ancestors(net: Any, cell: str) -> set[str]:
    """Every cell whose value `cell` is computed from, directly or through other values."""
    out: set[str] = set()
    todo = list(net.by_name[cell].deps)
    while todo:
        name = todo.pop()
        if name in out or name not in net.by_name:
            continue
        out.add(name)
        todo += net.by_name[name].deps
    return out & set(net.cell_ids)


def _earlier(ex: Any, cell: str) -> dict[str, str]:
    """The learner's own filled-in values that `cell` is computed from (for error carried forward)."""
    out = {}
    for name in _ancestors(ex.network, cell):
        stored = st.session_state.get(f"{_key(ex, name)}-verdict")
        if stored and _filled(ex, name):
            out[name] = stored[0]
    return out


def _judge(ex: Any, cell: str, text: str) -> Any:
    try:
        return ex.check(cell, text, lang=lang(), earlier=_earlier(ex, cell))
    except Exception:   # the checker promises never to raise; if it does, the learner loses nothing
        from solver import Verdict

        return Verdict("invalid", 0.0, t("practice.check_failed"), None, {})


def check_cell(ex: Any, cell: str) -> None:
    """Button callback: judge the text typed in `cell`, record the attempt, and re-judge the filled cells computed
    from it (their error carried forward now starts from this value)."""
    from ui.practice import record_attempt_safely

    key = _key(ex, cell)
    text = (st.session_state.get(key) or "").strip()
    if not text:
        st.session_state[f"{key}-verdict"] = None
        return
    verdict = _judge(ex, cell, text)
    st.session_state[f"{key}-verdict"] = (text, verdict)
    if verdict.status == "invalid":
        return
    st.session_state[f"{key}-attempts"] = int(st.session_state.get(f"{key}-attempts", 0)) + 1
    prefix = f"ex-{ex.template_id}-{ex.seed}"
    record_attempt_safely(template_id=ex.template_id, topic=ex.topic, seed=ex.seed, part=cell, answer=text,
                          verdict=verdict, hints_used=int(st.session_state.get(f"{key}-help", 0)),
                          seconds=time.time() - st.session_state.get(f"{prefix}-shown-at", time.time()))
    for later in ex.network.cell_ids[ex.network.cell_ids.index(cell) + 1:]:
        stored = st.session_state.get(f"{_key(ex, later)}-verdict")
        if stored and cell in _ancestors(ex.network, later):
            st.session_state[f"{_key(ex, later)}-verdict"] = (stored[0], _judge(ex, later, stored[0]))


def _more_help(ex: Any, cell: str) -> None:
    """Button callback: reveal the hint, then the worked step."""
    key = f"{_key(ex, cell)}-help"
    st.session_state[key] = min(2, int(st.session_state.get(key, 0)) + 1)


# ---------------------------------------------------------------------------------------------- drawing

@st.cache_data(max_entries=512, show_spinner=False)
def graph_spec(template_id: str, seed: int, language: str, states: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The drawn network of one exercise at these cell states (cached: the graph changes only with them)."""
    ex = get_exercise(template_id, seed)
    return network_graph(ex.network, ex.values, dict(states), language)


def sections(net: Any, kinds: tuple[str, ...] = ("delta", "dw", "db")) -> list[tuple[str, list[str]]]:
    """The cells in the order of the work, with a title each: the forward pass layer by layer, then one section per
    kind in `kinds` (the errors δ, the gradients ∂C/∂w, ∂C/∂b; or the new weights and biases of the step)."""
    out = []
    for layer in range(2, net.depth + 1) if "delta" in kinds else ():
        cells = [c.name for c in net.cells if c.kind in ("z", "a") and c.layer == layer]
        if cells:
            out.append((t("network.section.forward", layer=layer), cells))
    for kind in kinds:
        cells = [c.name for c in net.cells if c.kind == kind]
        if cells:
            out.append((t(f"network.section.{kind}"), cells))
    return out


def network_exercise(ex: Any, prefix: str, note: str = "") -> None:
    """A network exercise: its prompt (``note`` beside its difficulty), the graph with the cells (a fragment), the
    worked solution."""
    show_prompt(ex, note)
    _work(ex)
    show_solution(ex, prefix)


@st.fragment
def _work(ex: Any) -> None:
    """The graph, the cells section by section, and the gradient step; checking a cell reruns only this."""
    net = ex.network
    states = cell_states(ex)
    show(graph_spec(ex.template_id, ex.seed, lang(), tuple(sorted(states.items()))))
    st.caption(t("network.graph_caption") + (" " + t("network.graph_before_step") if net.step_cells else ""))
    right = sum(s in ("right", "ecf") for s in states.values())
    st.progress(right / len(states), text=t("network.progress", done=right, total=len(states)))
    if net.given_cells:
        given = listed(f"${netlib.symbol(c)} = {fill('{{' + c + ':s4}}', ex.values)}$" for c in net.given_cells)
        st.caption(t("network.given", cells=given))
    _sections(ex, sections(net), states)
    if net.gradient_step:
        _gradient_step(ex, states)
    if right == len(states):
        st.success(t("network.all_right"), icon="🎉")


def _sections(ex: Any, titled: list[tuple[str, list[str]]], states: dict[str, str]) -> None:
    """Sections of cells, each under its title, `PER_ROW` side by side (stacked on a phone)."""
    for title, cells in titled:
        st.markdown(f"**{title}**")
        for start in range(0, len(cells), PER_ROW):
            row = cells[start:start + PER_ROW]
            for column, cell in zip(st.columns(PER_ROW), row):
                with column:
                    _cell(ex, cell, states[cell])


def _cell(ex: Any, cell: str, state: str) -> None:
    """One cell: what it asks for, its input and Check button (or what it still needs), the verdict, and for a
    wrong one the hint and then the worked step."""
    key = _key(ex, cell)
    part = ex.part(cell)
    with st.container(border=True, key=f"{key}-cell"):
        st.markdown(f"{SYMBOLS[state] if state != 'unknown' else '✏️'} {localized(part.prompt)}")
        needs = missing(ex, cell)
        symbol = f"${netlib.symbol(cell)}$"
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.text_input(t("network.value", cell=symbol), key=key, disabled=bool(needs), autocomplete="off",
                          placeholder=t("network.placeholder"), label_visibility="collapsed", max_chars=200)
            st.button(t("practice.check"), key=f"{key}-check", type="primary", disabled=bool(needs),
                      on_click=check_cell, args=(ex, cell))
        if needs:
            st.caption(t("network.needs", cells=listed(f"${netlib.symbol(n)}$" for n in needs)))
            return
        stored = st.session_state.get(f"{key}-verdict")
        if stored is not None and stored[0] == (st.session_state.get(key) or "").strip():
            show_verdict(stored[1], interpreted=False)
        attempts = int(st.session_state.get(f"{key}-attempts", 0))
        if attempts:
            st.caption(t("practice.attempts", n=attempts))
        _help(ex, cell, state)


def _help(ex: Any, cell: str, state: str) -> None:
    """The hint and the worked step a wrong cell can reveal, one after the other."""
    level = int(st.session_state.get(f"{_key(ex, cell)}-help", 0))
    step = ex.network.by_name[cell]
    if level >= 1:
        st.info(f"**{t('network.hint')}** · {netlib.hint(step, lang())}", icon="💡")
    if level >= 2:
        worked = fill(netlib.worked_step(step, cell in ex.network.exact), ex.values)
        st.info(f"**{t('network.worked')}** · {worked}", icon="🧮")
    if state == "wrong" and level < 2:
        st.button(t("network.show_hint") if level == 0 else t("network.show_worked"), key=f"{_key(ex, cell)}-more",
                  icon="💡", on_click=_more_help, args=(ex, cell))


def _gradient_step(ex: Any, states: dict[str, str]) -> None:
    """One gradient-descent step with η: the learner's own new weights and biases when they are cells, else taken by
    the app once every gradient is filled in; then the new weights and the costs."""
    net, values = ex.network, ex.values
    st.markdown(f"**{t('network.step_title')}**")
    eta = fill("{{eta}}", values)
    if net.step_cells:
        _learners_step(ex, states, eta)
        return
    gradients = [c for c in net.cell_ids if net.by_name[c].kind in netlib.GRADIENT_KINDS]
    if any(states[c] == "unknown" for c in gradients):
        st.caption(t("network.step_locked", eta=eta))
        return
    key = f"ex-{ex.template_id}-{ex.seed}-step"
    if not st.session_state.get(key):
        st.button(t("network.step_button"), key=f"{key}-button", icon="⬇️", type="primary",
                  on_click=lambda: st.session_state.__setitem__(key, True))
        return
    if any(states[c] == "wrong" for c in gradients):
        st.caption(t("network.step_note_wrong"))
    _step_result(net, values)


def _learners_step(ex: Any, states: dict[str, str], eta: str) -> None:
    """The new weights and biases as cells; once all are filled and none is wrong, the step they make and the cost
    after it, from the learner's own values (a cost from a wrong weight would mislead, so a wrong one is named)."""
    net = ex.network
    own = all(net.by_name[c].args[1] in net.cell_ids for c in net.step_cells)   # the gradients are cells too
    st.caption(t("network.step_yours" if own else "network.step_yours_given", eta=eta))
    _sections(ex, sections(net, netlib.STEP_KINDS), states)
    mine = [states[c] for c in net.step_cells]
    if "unknown" in mine:
        st.caption(t("network.step_pending"))
        return
    wrong = [c for c in net.step_cells if states[c] == "wrong"]
    if wrong:
        st.warning(t("network.step_fix", cells=listed(f"${netlib.symbol(c)}$" for c in wrong)), icon="✋")
        return
    filled = {c: stored[0] for c in net.cell_ids
              if (stored := st.session_state.get(f"{_key(ex, c)}-verdict")) and states[c] != "unknown"}
    memo = f"ex-{ex.template_id}-{ex.seed}-own-step"
    cached = st.session_state.get(memo)
    if not cached or cached[0] != filled:
        cached = (filled, own_values(ex, filled))
        st.session_state[memo] = cached
    if "ecf" in mine or any(states[c] == "wrong" for c in net.cell_ids):
        st.caption(t("network.step_own_note"))
    _step_result(net, cached[1])


def _step_result(net: Any, values: dict[str, Any]) -> None:
    """The table of every parameter before and after the step, and the cost before and after it."""
    names = [name for name, *_ in net.weights()] + [name for name, *_ in net.biases()]
    table({
        t("network.param"): [f"${netlib.symbol(n)}$" for n in names],
        t("network.old"): [fill("{{" + n + ":s4}}", values) for n in names],
        t("network.gradient"): [fill("{{d" + n + ":s4}}", values) for n in names],
        t("network.new"): [fill("{{n" + n + ":s4}}", values) for n in names],
    })
    before, after = fill("{{cost:s4}}", values), fill("{{cost_after:s4}}", values)
    change = float(values["cost_after"]) - float(values["cost"])
    left, right = st.columns(2)
    left.metric(t("network.cost_before"), before)
    right.metric(t("network.cost_after"), after, delta=f"{change:.4g}", delta_color="inverse")
    if change < 0:
        st.success(t("network.cost_down", before=before, after=after), icon="📉")
    else:
        st.warning(t("network.cost_up", before=before, after=after), icon="📈")
