"""The instructor page's sections: template preview, files (upload and errors), variants, results, worksheets.

Logic lives in `classroom/` and `exercises/`; this module only draws. Widget keys start with `instructor-`.
"""
from __future__ import annotations

import random
from typing import Any

import pandas as pd
import streamlit as st

from exercises.quiz import variants
from exercises.seeds import student_list, student_seed
from exercises.topics import TOPIC_IDS
from exercises.validate import acceptance_rate
from exercises.worksheet import numbered_students, render_worksheets
from classroom import preview, results, uploads
from classroom.library_source import library_source
from classroom.shelf import ShelfError, current_shelf
from exercises.engine import GenerationError
from exercises.sandbox import FILE_SECONDS
from ui.answer_box import answer_input, localized, show_preview
from ui.exercise_view import get_exercise, get_library
from ui.feedback import show_verdict
from ui.auth import signed_in
from ui.auth_config import class_mode
from ui.i18n import lang, t
from ui.layout import show
from ui.network_chart import network_graph

PREFIX = "instructor"
TEMPLATE_KEY = f"{PREFIX}-template"
SEED_KEY = f"{PREFIX}-seed"
NAMES_KEY = f"{PREFIX}-names"
UPLOADS_KEY = f"{PREFIX}-uploads"
PENDING_KEY = f"{PREFIX}-pending"
DELETE_KEY = f"{PREFIX}-delete"
NOTICE_KEY = f"{PREFIX}-notice"
MAX_SEED = 2**31 - 1
ACCEPTANCE_DRAWS = 200
_SEEDS = random.SystemRandom()


def key(name: str) -> str:
    """A deterministic widget key of this page."""
    return f"{PREFIX}-{name}"


def reload_library() -> None:
    """Check the instructors' files again now, so every page of this server uses what was just changed."""
    library_source().invalidate()
    _worksheet_files.clear()


# ----- preview -----------------------------------------------------------------------------------------------
def _randomise_seed() -> None:
    st.session_state[SEED_KEY] = _SEEDS.randint(1, 999_999)


def open_in_preview(template_id: str, seed: int) -> None:
    """Button callback: show `template_id` at `seed` in the preview."""
    st.session_state[TEMPLATE_KEY] = template_id
    st.session_state[SEED_KEY] = int(seed)


def _template_order(library: Any) -> list[str]:
    return [tpl.id for topic in TOPIC_IDS for tpl in library.by_topic(topic, unpublished=True)]


def _pick_template(library: Any) -> Any:
    ids = _template_order(library)
    if st.session_state.get(TEMPLATE_KEY) not in ids:
        st.session_state.pop(TEMPLATE_KEY, None)
    labels = {tid: f"{tid} — {localized(library.get(tid).title)}" for tid in ids}
    picked = st.selectbox(t("instructor.preview.template"), ids, key=TEMPLATE_KEY, format_func=labels.get)
    return library.get(picked)


def _pick_seed() -> int:
    st.session_state.setdefault(SEED_KEY, 1)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    seed = left.number_input(t("instructor.preview.seed"), min_value=1, max_value=MAX_SEED, step=1, key=SEED_KEY)
    right.button(t("instructor.preview.random"), key=key("random-seed"), icon="🎲", on_click=_randomise_seed)
    return int(seed)


def _locks(template: Any) -> dict[str, str]:
    with st.expander(t("instructor.preview.locks"), icon="🔒"):
        st.caption(t("instructor.preview.locks_help"))
        texts = {}
        for name, spec in template.params_spec.items():
            texts[name] = st.text_input(name, key=key(f"lock-{template.id}-{name}"), placeholder=str(spec))
    return preview.locks_from_text(texts)


@st.cache_data(show_spinner=False, max_entries=256)
def _acceptance(template_id: str, where: str | None, path: str, _template: Any) -> float | dict[str, str]:
    """The `where` acceptance rate (or why it could not be computed, in "en" and "zh"), cached by template id,
    condition and file (the template itself is not hashed)."""
    try:
        return acceptance_rate(_template, ACCEPTANCE_DRAWS)
    except GenerationError as err:
        return {"en": err.message, "zh": err.zh or err.message}


def _texts_in_both(title: str, texts: dict[str, str]) -> None:
    """An author's text in both languages side by side (the English one keyed `lang-en-…`: English on purpose,
    whatever the page's language)."""
    st.markdown(f"**{title}**")
    en, zh = st.columns(2)
    with en.container(border=True, key=f"lang-en-{title}"):
        st.caption("English")
        st.markdown(texts["en"])
    with zh.container(border=True):
        st.caption("中文")
        st.markdown(texts["zh"])


def _answers(ex: Any) -> None:
    st.markdown(f"**{t('instructor.preview.expected')}**")
    for part in ex.parts:
        label = f"({part.id}) " if part.id else ""
        if part.id:
            st.markdown(f"{label}{localized(part.prompt)}")
        for i, choice in enumerate(part.choices or []):
            st.markdown(f"- **{chr(65 + i)}.** {localized(choice)}")
        st.markdown(f"{label}$\\displaystyle {ex.expected_latex(part.id)}$ · `{ex.expected_text(part.id)}` "
                    f"· {t('instructor.preview.kind', kind=_kind_name(part.kind))}")
        if part.mistakes:
            st.caption(t("instructor.preview.mistakes", count=len(part.mistakes)))


def _kind_name(kind: str) -> str:
    """An answer kind in the current language (a kind added to the format later shows under its own name)."""
    name = t(f"instructor.answer_kind.{kind}")
    return kind if name.startswith("instructor.") else name


def _values(ex: Any) -> None:
    rows = preview.value_rows(ex)
    table = pd.DataFrame([{t("instructor.col.name"): r["name"],
                           t("instructor.col.kind"): t(f"instructor.value.{r['kind']}"),
                           t("instructor.col.value"): r["value"]} for r in rows])
    st.dataframe(table, hide_index=True, width="stretch")


def _tests(template: Any, seed: int) -> None:
    st.markdown(f"**{t('instructor.tests.title')}**")
    if not template.tests:
        st.caption(t("instructor.tests.none"))
        return
    st.caption(t("instructor.tests.seeds", seeds=", ".join(map(str, preview.embedded_test_seeds(seed)))))
    if not st.button(t("instructor.tests.run"), key=key("run-tests"), icon="🧪"):
        return
    outcome = preview.embedded_test_results(template, seed)
    passed = sum(r.passed for r in outcome)
    (st.success if passed == len(outcome) else st.error)(t("instructor.tests.summary", passed=passed,
                                                          total=len(outcome)))
    st.dataframe(pd.DataFrame([{
        t("instructor.col.result"): "✅" if r.passed else "❌", t("instructor.col.seed"): r.seed,
        t("instructor.col.part"): r.part, t("instructor.col.answer"): r.answer,
        t("instructor.col.expect"): r.expect, t("instructor.col.got"): r.status,
        t("instructor.col.message"): r.problem or r.message,
    } for r in outcome]), hide_index=True, width="stretch")


def _try_answer(ex: Any) -> None:
    st.markdown(f"**{t('instructor.try.title')}**")
    earlier: dict[str, str] = {}
    for part in ex.parts:
        if part.id:
            st.markdown(f"({part.id}) {localized(part.prompt)}")
        text = answer_input(ex, part, key=key(f"try-{ex.template_id}-{ex.seed}-{part.id}"))
        show_preview(text, part)
        if st.button(t("instructor.try.check"), key=key(f"try-{ex.template_id}-{ex.seed}-{part.id}-check")):
            show_verdict(ex.check(part.id, text, lang(), dict(earlier) or None))
        if text:
            earlier[part.id] = text


def preview_section() -> None:
    """Pick any template, a seed and locked params; see everything about the exercise; test and try it."""
    library = get_library()
    if not library.templates:
        st.info(t("instructor.preview.empty"))
        return
    template = _pick_template(library)
    seed = _pick_seed()
    locks = _locks(template)
    st.caption(t("instructor.preview.source", path=template.path, line=template.line))
    shown = preview.generate_preview(template, seed, locks)
    if shown.exercise is None:
        st.error(t("instructor.preview.cannot", error=shown.error.text(lang())))
        return
    ex = shown.exercise
    rate = _acceptance(template.id, template.where, template.path, template) if template.where else 1.0
    if isinstance(rate, dict):
        st.caption(t("instructor.preview.acceptance_unknown", error=rate[lang()]))
    elif template.where:
        st.caption(t("instructor.preview.acceptance", rate=f"{rate:.0%}", where=template.where, n=ACCEPTANCE_DRAWS))
    else:
        st.caption(t("instructor.preview.no_where"))
    _texts_in_both(t("instructor.preview.prompt"), ex.prompt)
    if ex.network is not None:   # as the learner sees it: the drawn network with its given values
        show(network_graph(ex.network, ex.values, {}, lang()))
        st.caption(t("network.graph_caption"))
    _answers(ex)
    for n, hint in enumerate(ex.hints, start=1):
        _texts_in_both(t("instructor.preview.hint", n=n), hint)
    _texts_in_both(t("instructor.preview.solution"), ex.solution)
    st.markdown(f"**{t('instructor.preview.values')}**")
    _values(ex)
    _tests(template, seed)
    _try_answer(ex)


# ----- files -------------------------------------------------------------------------------------------------
def _show_upload(result: uploads.UploadResult) -> None:
    if result.saved:
        st.success(t("instructor.files.saved", name=result.name, templates=", ".join(result.templates) or "—",
                     quizzes=", ".join(result.quizzes) or "—"))
    elif not result.ok:
        st.error(t("instructor.files.rejected", name=result.name, count=len(result.errors)))
        st.code("\n".join(e.text(lang()) for e in result.errors), language=None, wrap_lines=True)
    if result.warnings:
        st.warning(t("instructor.files.quality", name=result.name, count=len(result.warnings)))
        st.code("\n".join(w.text(lang()) for w in result.warnings), language=None, wrap_lines=True)


def _impact_lines(impact: uploads.Impact) -> list[str]:
    lines = [t(f"instructor.files.impact.{kind}", ids=", ".join(getattr(impact, kind)))
             for kind in ("removed", "changed", "removed_quizzes", "changed_quizzes") if getattr(impact, kind)]
    lines += [t("instructor.files.impact.quiz", quiz=quiz, ids=", ".join(ids)) for quiz, ids in impact.quizzes.items()]
    return lines or [t("instructor.files.impact.none")]


def _who() -> str | None:
    """The signed-in instructor's name (class mode), recorded with the files they save and publish."""
    account = signed_in()
    return account.name if account is not None else None


def _check_new_uploads(shelf: Any, files: list[Any]) -> None:
    """Validate each newly uploaded file; save it at once unless it changes quizzes (then it waits to be confirmed)."""
    done: dict[str, uploads.UploadResult] = st.session_state.setdefault(UPLOADS_KEY, {})
    pending: dict[str, tuple] = st.session_state.setdefault(PENDING_KEY, {})
    for file in files:
        if file.file_id in done:
            continue
        data = file.getvalue()
        with st.spinner(t("instructor.files.checking", name=file.name, seconds=f"{FILE_SECONDS:g}")):
            result = uploads.check_upload(file.name, data, shelf)
        done[file.file_id] = result
        if not result.ok:
            continue
        impact = uploads.upload_impact(get_library(), result.name, result)
        if impact.any:
            pending[file.file_id] = (data, impact, result.name in shelf.files())
        else:
            uploads.save_checked(result, data, shelf, _who())
            reload_library()


def _confirm(file_id: str, shelf: Any) -> None:
    """Button callback: save a checked upload the instructor confirmed despite its effect on quizzes."""
    data, _, _ = st.session_state[PENDING_KEY].pop(file_id)
    uploads.save_checked(st.session_state[UPLOADS_KEY][file_id], data, shelf, _who())
    reload_library()


def _cancel(file_id: str) -> None:
    """Button callback: drop a checked upload the instructor decided not to save."""
    st.session_state[PENDING_KEY].pop(file_id, None)
    st.session_state[NOTICE_KEY] = (t("instructor.files.cancelled", name=st.session_state[UPLOADS_KEY][file_id].name),
                                    True)


def _pending_uploads(shelf: Any) -> None:
    for file_id, (_, impact, replacing) in list(st.session_state.get(PENDING_KEY, {}).items()):
        name = st.session_state[UPLOADS_KEY][file_id].name
        with st.container(border=True):
            st.warning(t("instructor.files.confirm_replace" if replacing else "instructor.files.confirm_new",
                         name=name), icon="⚠️")
            st.markdown("\n".join(f"- {line}" for line in _impact_lines(impact)))
            left, right = st.columns(2)
            left.button(t("instructor.files.replace" if replacing else "instructor.files.add"),
                        key=key(f"confirm-{file_id}"), type="primary", on_click=_confirm, args=(file_id, shelf))
            right.button(t("instructor.files.cancel"), key=key(f"cancel-{file_id}"), on_click=_cancel,
                         args=(file_id,))


def _ask_delete(name: str) -> None:
    st.session_state[DELETE_KEY] = name


def _delete(name: str, shelf: Any) -> None:
    """Button callback: remove a file the instructor confirmed."""
    st.session_state.pop(DELETE_KEY, None)
    problem = uploads.delete_file(name, shelf)
    st.session_state[NOTICE_KEY] = (t("instructor.files.not_removed", name=name, reason=problem[lang()]) if problem
                                    else t("instructor.files.removed", name=name), problem is None)
    reload_library()


def _publish(template_id: str, shelf: Any) -> None:
    """Toggle callback: publish or withdraw a template on its topic page."""
    try:
        shelf.publish(template_id, bool(st.session_state[key(f"publish-{template_id}")]), _who())
    except ShelfError as error:
        st.session_state[NOTICE_KEY] = (t("instructor.files.publish_failed", reason=error.message[lang()]), False)
    reload_library()


def _uploaded_files(shelf: Any, library: Any, writable: bool) -> None:
    """Each uploaded file: its templates with their publish switches, its quizzes, and a remove button."""
    st.markdown(f"**{t('instructor.files.uploaded')}**")
    try:
        names = sorted(shelf.files())
    except ShelfError as error:
        st.warning(error.message[lang()])
        return
    if not names:
        st.caption(t("instructor.files.none"))
    asked = st.session_state.get(DELETE_KEY)
    for name in names:
        with st.container(border=True):
            head, remove = st.columns([5, 1], vertical_alignment="center")
            head.markdown(f"📄 `{name}`")
            remove.button(t("instructor.files.delete"), key=key(f"delete-{name}"), icon="🗑️", disabled=not writable,
                          on_click=_ask_delete, args=(name,))
            for template in sorted((tpl for tpl in library.templates.values() if tpl.path == name and not tpl.trusted),
                                   key=lambda tpl: tpl.id):
                st.toggle(t("instructor.files.publish", id=template.id), value=template.id in library.published,
                          key=key(f"publish-{template.id}"), help=t("instructor.files.publish_help"),
                          on_change=_publish, args=(template.id, shelf))
            quizzes = sorted(q.id for q in library.quizzes.values() if q.path == name)
            if quizzes:
                st.caption(t("instructor.files.quizzes_in", ids=", ".join(quizzes)))
            if asked == name:
                st.warning(t("instructor.files.confirm_delete", name=name), icon="⚠️")
                st.markdown("\n".join(f"- {line}" for line in _impact_lines(uploads.upload_impact(library, name,
                                                                                                    None))))
                left, right = st.columns(2)
                left.button(t("instructor.files.remove"), key=key(f"remove-{name}"), type="primary",
                            on_click=_delete, args=(name, shelf))
                right.button(t("instructor.files.cancel"), key=key(f"keep-{name}"), on_click=_ask_delete, args=(None,))


def files_section() -> None:
    """Upload exercise and quiz files (validated, then saved on the shelf), publish their templates, remove files,
    and list the problems of the files loaded. No server path is shown."""
    shelf = current_shelf()
    st.caption(t("instructor.files.where_database" if class_mode() else "instructor.files.where_folder"))
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        (st.success if notice[1] else st.error)(notice[0])
    problem = shelf.problem()
    if problem:
        st.warning(problem[lang()], icon="🔒")
    else:
        files = st.file_uploader(t("instructor.files.upload"), type=["yaml", "yml"], accept_multiple_files=True,
                                 key=key("upload"))
        _check_new_uploads(shelf, files or [])
        _pending_uploads(shelf)
        for file in files or []:
            _show_upload(st.session_state[UPLOADS_KEY][file.file_id])
    library = get_library()
    _uploaded_files(shelf, library, writable=problem is None)
    with st.container(border=True):   # the saved files' state, apart from what an upload just reported
        st.markdown(f"**{t('instructor.files.loaded', templates=len(library.templates), quizzes=len(library.quizzes))}**")
        if library.errors:
            st.warning(t("instructor.files.errors", count=len(library.errors)))
            st.code("\n".join(e.text(lang()) for e in library.errors), language=None, wrap_lines=True)
        else:
            st.caption(t("instructor.files.no_errors"))
    if st.button(t("instructor.files.reload"), key=key("reload"), icon="🔄"):
        reload_library()
        st.rerun()


# ----- quizzes: variants, results, worksheets ---------------------------------------------------------------
def pick_quiz(name: str) -> Any | None:
    """A select box over the loaded quizzes (None, with a note, when there are none)."""
    quizzes = get_library().quizzes
    if not quizzes:
        st.info(t("instructor.quiz.none"))
        return None
    titles = {qid: f"{localized(q.title)} ({qid})" for qid, q in quizzes.items()}
    picked = st.selectbox(t("instructor.quiz.pick"), list(quizzes), key=key(f"{name}-quiz"), format_func=titles.get)
    return quizzes[picked]


def names_input() -> list[str]:
    """The student names or ids pasted in, read as a class-list file is (`exercises.seeds.student_list`: `#`
    comments and blank lines skipped, a repeat kept once)."""
    text = st.text_area(t("instructor.variants.names"), key=NAMES_KEY, placeholder="Ann Lee\n王芳",
                        help=t("instructor.variants.names_help"))
    return student_list(text)


def variants_section(quiz: Any, names: list[str]) -> None:
    """Which variant each student gets; show (regenerate) any one of them."""
    if not names:
        st.caption(t("instructor.variants.hint"))
        return
    library = get_library()
    try:
        chosen = variants(quiz, library, names)
    except KeyError as err:
        st.error(t("instructor.quiz.missing", error=str(err)))
        return
    st.dataframe(pd.DataFrame([{t("instructor.col.student"): name, t("instructor.col.seed"): student_seed(quiz.seed,
                                                                                                         name),
                                **{results.question_label(i): f"{q.template_id}@{q.seed}" for i, q in
                                   enumerate(questions)}} for name, questions in chosen.items()]),
                 hide_index=True, width="stretch")
    left, right = st.columns(2)
    student = left.selectbox(t("instructor.col.student"), names, key=key("variant-student"))
    questions = chosen[student]
    index = right.selectbox(t("instructor.variants.question"), range(len(questions)), key=key("variant-question"),
                            format_func=lambda i: f"{results.question_label(i)} · {questions[i].template_id}")
    question = questions[index]
    with st.container(border=True):
        ex = get_exercise(question.template_id, question.seed)
        st.markdown(f"**{localized(ex.title)}** · `{question.template_id}@{question.seed}` · "
                    f"{t('instructor.variants.points', points=f'{question.points:g}')}")
        st.markdown(localized(ex.prompt))
        for part in ex.parts:
            st.markdown(f"{'(' + part.id + ') ' + localized(part.prompt) if part.id else ''} → "
                        f"$\\displaystyle {ex.expected_latex(part.id)}$")
    st.button(t("instructor.variants.open"), key=key("variant-open"), icon="🔍", on_click=open_in_preview,
              args=(question.template_id, question.seed))


def _store() -> Any | None:
    try:
        from store import get_store

        return get_store()
    except Exception:  # no store: results cannot be shown, the rest of the page still works
        return None


def results_section() -> None:
    """Students × questions from the progress store, its CSV, and what was missed most."""
    quiz = pick_quiz("results")
    if quiz is None:
        return
    store = _store()
    if store is None:
        st.warning(t("instructor.results.no_store"))
        return
    rows = store.quiz_results(quiz.id)
    if not rows:
        st.info(t("instructor.results.empty", quiz=quiz.id))
        return
    library = get_library()
    scores = results.score_table(rows, quiz, library)
    table = results.results_matrix(scores, sum(e.count for e in quiz.entries))
    st.dataframe(table, width="stretch")
    st.download_button(t("instructor.results.csv"), results.matrix_to_csv(table), file_name=f"{quiz.id}-results.csv",
                       mime="text/csv", key=key("results-csv"), icon="⬇️")
    missed = results.missed_questions(scores)
    mistakes = results.mistake_counts(rows, _catalogue(), lang())
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('instructor.results.missed')}**")
        if missed.empty or not missed["missed"].any():
            st.caption(t("instructor.results.none_missed"))
        else:
            st.altair_chart(results.missed_chart(missed, x_title=t("instructor.results.missed_axis"),
                                                 y_title=t("instructor.variants.question")), width="stretch")
    with right:
        st.markdown(f"**{t('instructor.results.mistakes')}**")
        if mistakes.empty:
            st.caption(t("instructor.results.no_mistakes"))
        else:   # a list, not chart labels: the messages are sentences, and a label would cut them short
            st.markdown("\n".join(f"- {t('instructor.results.mistake_line', times=row.times, students=row.students)}"
                                   f" {row.mistake}" for row in mistakes.itertuples()))


def store_health_section() -> None:
    """The progress store's on-demand full integrity check and the answers the database refused (set aside)."""
    store = _store()
    if store is None:
        return
    with st.expander(t("instructor.store.title"), icon="🩺"):
        aside = store.set_aside()
        if aside:
            st.warning(t("instructor.store.set_aside", count=len(aside)))
            st.download_button(t("instructor.store.download"), store.set_aside_csv(), file_name="set-aside.csv",
                               mime="text/csv", key=key("set-aside-csv"), icon="⬇️")
        else:
            st.caption(t("instructor.store.none_set_aside"))
        if st.button(t("instructor.store.check"), key=key("integrity-check"), icon="🔎"):
            with st.spinner(t("instructor.store.checking")):
                report = store.check_integrity()
            shown = report.message.get(lang()) or report.message["en"]
            {True: st.success, False: st.error, None: st.info}[report.ok](shown)
            if report.problems:
                st.caption(t("instructor.store.problems"))
                st.code("\n".join(report.problems[:20]), language=None)


def _catalogue() -> dict[str, dict[str, str]]:
    from solver import MISTAKES

    return dict(MISTAKES)


def worksheets_section(quiz: Any, names: list[str]) -> None:
    """Printable worksheets and answer keys (self-contained HTML, Markdown) for the names above or N variants."""
    left, right = st.columns(2)
    count = left.number_input(t("instructor.worksheet.count"), min_value=0, max_value=200, value=0, step=1,
                              key=key("worksheet-count"))
    sheet_lang = right.radio(t("instructor.worksheet.lang"), ["en", "zh"], key=key("worksheet-lang"), horizontal=True,
                             format_func={"en": "English", "zh": "中文"}.get, index=1 if lang() == "zh" else 0)
    students = names + numbered_students(int(count), sheet_lang)
    if not students:
        st.caption(t("instructor.worksheet.hint"))
        return
    try:
        files = _worksheet_files(quiz.id, tuple(students), sheet_lang)
    except KeyError as err:
        st.error(t("instructor.quiz.missing", error=str(err)))
        return
    st.caption(t("instructor.worksheet.ready", count=len(students)))
    columns = st.columns(len(files))
    for column, (name, text) in zip(columns, files.items()):
        mime = "text/html" if name.endswith(".html") else "text/markdown"
        column.download_button(name, text, file_name=f"{quiz.id}-{name}", mime=mime, key=key(f"download-{name}"),
                               icon="🖨️" if name.endswith(".html") else "📄")


@st.cache_data(show_spinner=False, max_entries=16)
def _worksheet_files(quiz_id: str, students: tuple[str, ...], sheet_lang: str) -> dict[str, str]:
    library = get_library()
    return render_worksheets(library.quizzes[quiz_id], library, list(students), sheet_lang)

