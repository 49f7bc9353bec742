"""Strings of the profile picker and the progress page."""

STRINGS: dict[str, dict[str, str]] = {
    "progress.profile.pick": {"en": "Who is learning?", "zh": "谁在学习？"},
    "progress.profile.new": {"en": "➕ New profile…", "zh": "➕ 新建学习者…"},
    "progress.profile.name": {"en": "Your name", "zh": "你的名字"},
    "progress.profile.create": {"en": "Create", "zh": "创建"},
    "progress.profile.bad_name": {
        "en": "Please type a name of 1 to 40 characters.",
        "zh": "请输入 1 到 40 个字符的名字。",
    },
    "progress.profile.none": {
        "en": "Pick or create a profile in the sidebar so your answers are saved.",
        "zh": "请在侧边栏选择或新建一个学习者，这样你的作答才会被保存。",
    },
    "progress.day.format": {"en": "%b %d", "zh": "%m月%d日"},
    "progress.quiz.unnamed": {"en": "Self-study quiz", "zh": "自选测验"},
    "progress.profile.not_saved": {
        "en": "Your answers are not being saved: several people use this app and you have not said who you are. "
              "Pick your profile or create one.",
        "zh": "你的作答目前没有被保存：这个应用有多位学习者，而你还没有选择自己是谁。请选择或新建一个学习者。",
    },
    "progress.profile.kept": {
        "en": "The {n:answer|answers} you gave meanwhile will be saved to the profile you choose.",
        "zh": "在此期间你提交的 {n} 个答案会保存到你选择的学习者名下。",
    },
    "progress.profile.placeholder": {"en": "Choose a profile", "zh": "选择学习者"},
    "progress.profile.default": {"en": "learner", "zh": "学习者"},
    "progress.profile.help": {
        "en": "Each profile keeps its own answers, quizzes and progress. No password: this is for learning on "
              "your own or a shared machine.",
        "zh": "每个学习者的作答、测验和进度各自分开保存。不需要密码：适合在自己或共用的电脑上学习。",
    },
    "progress.title": {"en": "📈 My progress", "zh": "📈 我的进度"},
    "progress.intro": {
        "en": "Mastery is a weighted average of your recent scores on each exercise type — the newest counts most — "
              "averaged over the exercise types of a topic you have tried.",
        "zh": "掌握度是你在每类练习上最近得分的加权平均（越新的作答权重越大），再对该主题中你做过的各类练习取平均。",
    },
    "progress.empty": {
        "en": "No answers recorded yet for {profile}. Try an exercise on any topic page — every answer counts.",
        "zh": "{profile} 还没有作答记录。去任何一个主题页做一道练习吧——每次作答都会被记录。",
    },
    "progress.summary": {
        "en": "{attempts} answers · {correct} correct · {topics} topics tried",
        "zh": "共作答 {attempts} 次 · 正确 {correct} 次 · 涉及 {topics} 个主题",
    },
    "progress.mastery.header": {"en": "Mastery by topic", "zh": "各主题掌握度"},
    "progress.mastery.axis": {"en": "Mastery", "zh": "掌握度"},
    "progress.topic.axis": {"en": "Topic", "zh": "主题"},
    "progress.history.header": {"en": "Mastery over time", "zh": "掌握度变化"},
    "progress.day.axis": {"en": "Day", "zh": "日期"},
    "progress.weak.header": {"en": "🎯 Practise my weak spots", "zh": "🎯 练习我的薄弱环节"},
    "progress.weak.none": {
        "en": "No weak spots right now: nothing you answered recently is still wrong. 🎉",
        "zh": "目前没有薄弱环节：你最近答错的题都已经改正了。🎉",
    },
    "progress.weak.practise": {"en": "Practise", "zh": "去练习"},
    "progress.table.header": {"en": "Answer history", "zh": "作答记录"},
    "progress.col.at": {"en": "When (UTC)", "zh": "时间（UTC）"},
    "progress.col.topic": {"en": "Topic", "zh": "主题"},
    "progress.col.exercise": {"en": "Exercise", "zh": "练习"},
    "progress.col.part": {"en": "Part", "zh": "小题"},
    "progress.col.answer": {"en": "Your answer", "zh": "你的答案"},
    "progress.col.verdict": {"en": "Verdict", "zh": "判定"},
    "progress.col.score": {"en": "Score", "zh": "得分"},
    "progress.col.hints": {"en": "Hints", "zh": "提示"},
    "progress.col.quiz": {"en": "Quiz", "zh": "测验"},
    "progress.verdict.correct": {"en": "✅ correct", "zh": "✅ 正确"},
    "progress.verdict.incorrect": {"en": "❌ wrong", "zh": "❌ 错误"},
    "progress.verdict.invalid": {"en": "⚠️ not understood", "zh": "⚠️ 无法识别"},
    "progress.download": {"en": "⬇️ Download my history (CSV)", "zh": "⬇️ 下载我的作答记录（CSV）"},
}
