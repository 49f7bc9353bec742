"""Instructor tools: preview any template, upload exercise and quiz files, students' variants, quiz results and
printable worksheets. Layout only: see `ui/instructor_view.py` and `classroom/`."""
from __future__ import annotations

import streamlit as st

from ui.auth import require_instructor
from ui.auth_config import class_mode
from ui.i18n import t
from ui.instructor_view import (files_section, names_input, pick_quiz, preview_section, results_section,
                                store_health_section, variants_section, worksheets_section)

require_instructor()   # class mode: instructors only (learners do not even see it in the navigation)
st.title(f"🧑‍🏫 {t('instructor.title')}")
st.caption(t("instructor.intro"))

preview_tab, files_tab, quizzes_tab, results_tab, *accounts_tab = st.tabs([
    f"🔍 {t('instructor.tab.preview')}", f"📁 {t('instructor.tab.files')}", f"👥 {t('instructor.tab.quizzes')}",
    f"📊 {t('instructor.tab.results')}", *([f"🔐 {t('auth.accounts.tab')}"] if class_mode() else []),
])
with files_tab:  # first, so an upload is in the library before the other tabs draw
    files_section()
with preview_tab:
    preview_section()
with quizzes_tab:
    quiz = pick_quiz("quizzes")
    if quiz is not None:
        names = names_input()
        st.subheader(t("instructor.variants.title"))
        variants_section(quiz, names)
        st.subheader(t("instructor.worksheet.title"))
        worksheets_section(quiz, names)
with results_tab:
    results_section()
    store_health_section()
if accounts_tab:
    from ui.accounts_view import accounts_section

    with accounts_tab[0]:
        accounts_section()
