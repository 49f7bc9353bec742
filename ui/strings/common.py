"""Strings of the app shell: navigation, sidebar, home page, errors."""

STRINGS: dict[str, dict[str, str]] = {
    "common.nav.learn": {"en": "Learn", "zh": "学习"},
    "common.nav.practise": {"en": "Practise", "zh": "练习"},
    "common.nav.instructor_section": {"en": "Instructor", "zh": "教师"},
    "common.nav.home": {"en": "Home", "zh": "首页"},
    "common.nav.quiz": {"en": "Quiz", "zh": "测验"},
    "common.nav.progress": {"en": "My progress", "zh": "我的进度"},
    "common.nav.instructor": {"en": "Instructor tools", "zh": "教师工具"},
    "common.sidebar.about": {
        "en": "DL Math Lab · the mathematics of deep learning, by doing it. Open source.",
        "zh": "DL Math Lab · 动手学深度学习的数学。开源项目。",
    },
    "common.page_error": {
        "en": "Sorry — something went wrong while drawing this page. Try another value or reload the page.",
        "zh": "抱歉，绘制本页时出了点问题。请换一个取值，或刷新页面再试。",
    },
    "common.practice_loading": {
        "en": "Getting the exercises ready — one moment…",
        "zh": "正在准备练习题，请稍候……",
    },
    "common.home.title": {"en": "🧮 DL Math Lab", "zh": "🧮 深度学习的数学 · 实验室"},
    "common.home.intro": {
        "en": "Learn the mathematics behind deep learning by **doing** it, following the book "
              "《深度学习的数学》. Every topic has sliders and charts to play with, and fresh exercises whose "
              "answers are checked by a computer-algebra system that tells you precisely — and kindly — "
              "whether you are right, and why not. Type answers naturally: `2x(1-x)`, `σ(x)(1-σ(x))`, "
              "`[[1, 2], [3, 4]]`.",
        "zh": "跟着《深度学习的数学》**动手**学习深度学习背后的数学。每个主题都有可以拖动的滑块和图表，"
              "还有随机生成的新练习；答案由计算机代数系统检查，准确而友好地告诉你对不对、错在哪里。"
              "像平常一样输入答案即可：`2x(1-x)`、`σ(x)(1-σ(x))`、`[[1, 2], [3, 4]]`。",
    },
    "common.home.topics": {"en": "The 16 topics, in the book's order", "zh": "16 个主题（按书中顺序）"},
    "common.home.continue": {
        "en": "Continue where you left off: {topic} (exercise #{seed})",
        "zh": "从上次停下的地方继续：{topic}（练习 #{seed}）",
    },
    "common.home.open": {"en": "Open", "zh": "进入"},
    "common.home.not_started": {"en": "Not started yet", "zh": "尚未开始"},
    "common.home.mastery": {"en": "Mastery {pct}%", "zh": "掌握度 {pct}%"},
}
