"""Strings of the practice panel, the answer box, the feedback panel and the exercise view."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "practice.title": {"en": "Practice", "zh": "练习"},
    "practice.no_exercises": {
        "en": "No exercises for this topic yet.",
        "zh": "这个主题暂时还没有练习题。",
    },
    "practice.library_error": {
        "en": "The exercise library could not be loaded: {error}",
        "zh": "练习题库无法加载：{error}",
    },
    "practice.link_unknown": {
        "en": "The link asks for the exercise {id}, which does not exist (any more), so here is another one.",
        "zh": "链接中的题目 {id} 不存在（或已被删除），这里换了一道题。",
    },
    "practice.link_other_topic": {
        "en": "The link asks for the exercise {id}, which belongs to the topic {topic}, so here is one of this "
              "topic instead.",
        "zh": "链接中的题目 {id} 属于主题 {topic}，这里换成了本主题的一道题。",
    },
    "practice.link_bad_seed": {
        "en": "The link's seed {seed} is not a whole number from 0 to {max}, so this is the exercise with a new seed.",
        "zh": "链接中的种子 {seed} 不是 0 到 {max} 之间的整数，这里给出同一道题的新种子版本。",
    },
    "practice.exercise_error": {
        "en": "This exercise ({id} #{seed}) could not be generated. Press “Another one” or pick another exercise.",
        "zh": "这道练习（{id} #{seed}）无法生成。请点“换一道”或选择其他题目。",
    },
    "practice.template": {"en": "Exercise", "zh": "题目"},
    "practice.difficulty": {"en": "difficulty {stars}", "zh": "难度 {stars}"},
    "practice.another": {"en": "Another one", "zh": "换一道"},
    "practice.seed": {
        "en": "exercise `{id}` · seed `{seed}` — the address bar now reopens exactly this exercise.",
        "zh": "题目 `{id}` · 种子 `{seed}` —— 地址栏里的链接可以重新打开这道题。",
    },
    "practice.part": {"en": "Part ({part})", "zh": "第 ({part}) 小题"},
    "practice.answer": {"en": "Your answer", "zh": "你的答案"},
    "practice.answer_placeholder": {
        "en": "Type your answer, e.g. 2x + 1, (1, 2), [[1, 2], [3, 4]]",
        "zh": "输入答案，例如 2x + 1、(1, 2)、[[1, 2], [3, 4]]",
    },
    "practice.choose": {"en": "Choose", "zh": "请选择"},
    "practice.choose_all": {"en": "Choose all that apply", "zh": "选出所有正确的选项"},
    "practice.preview_label": {"en": "Read as:", "zh": "读作："},
    "practice.preview_waiting": {
        "en": "The preview of how your input is read appears here as you type.",
        "zh": "输入时，这里会显示系统如何理解你的答案。",
    },
    "practice.vars_allowed": {"en": "You may use: {vars}", "zh": "可以使用的变量：{vars}"},
    "practice.check": {"en": "Check", "zh": "检查"},
    "practice.empty_answer": {"en": "Type an answer first.", "zh": "请先输入答案。"},
    "practice.attempts": {"en": "Attempts: {n}", "zh": "已作答：{n} 次"},
    "practice.invalid_free": {
        "en": "This could not be read, so it did not count as an attempt.",
        "zh": "这个输入无法识别，所以不算一次作答。",
    },
    "practice.correct": {"en": "Correct", "zh": "正确"},
    "practice.incorrect": {"en": "Not quite", "zh": "还不对"},
    "practice.invalid": {"en": "Could not read that", "zh": "无法识别"},
    "practice.partial": {"en": "Partly right ({percent}%)", "zh": "部分正确（{percent}%）"},
    "practice.interpreted": {"en": "Your answer was read as", "zh": "你的答案被理解为"},
    "practice.wrong_entries": {"en": "Entries to look at again: {entries}", "zh": "需要再检查的元素：{entries}"},
    "practice.counterexample": {
        "en": "For example at {point}: yours gives {got}, the answer gives {expected}.",
        "zh": "例如在 {point} 处：你的结果是 {got}，正确结果是 {expected}。",
    },
    "practice.counterexample_plain": {"en": "A counterexample: {point}", "zh": "反例：{point}"},
    "practice.mistake": {"en": "A common slip", "zh": "常见错误"},
    "practice.transposed": {
        "en": "Your matrix is the transpose of the answer.",
        "zh": "你的矩阵是正确答案的转置。",
    },
    "practice.error_column": {"en": "at character {column}", "zh": "在第 {column} 个字符处"},
    "practice.hint": {"en": "Hint {n} of {total}", "zh": "提示 {n} / {total}"},
    "practice.show_hint": {"en": "Show a hint", "zh": "给个提示"},
    "practice.next_hint": {"en": "Next hint", "zh": "下一个提示"},
    "practice.show_solution": {"en": "Show the worked solution", "zh": "查看详细解答"},
    "practice.solution": {"en": "Worked solution", "zh": "详细解答"},
    "practice.store_unavailable": {
        "en": "Progress is not being saved right now.",
        "zh": "目前无法保存学习进度。",
    },
    "practice.check_failed": {
        "en": "The checker could not judge this answer; it did not count as an attempt.",
        "zh": "判题器无法判断这个答案；不算一次作答。",
    },
}
