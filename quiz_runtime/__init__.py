"""Quiz runtime: the state of one quiz being taken, its rules and its results (no Streamlit, no store).

```python
from quiz_runtime import QuizRun, QuestionSpec, self_study_questions
run = QuizRun.start(self_study_questions(lib, ["vectors"], 5, None, seed=7), generate=gen, time_limit=600)
verdict = run.submit(0, "", "11")            # invalid input never uses an attempt
store.save_quiz(profile, run.key, run.to_dict()); run = QuizRun.from_dict(data, generate=gen)
```
"""
from quiz_runtime.run import (NoAttemptsLeft, QuestionResult, QuestionState, QuizClosed, QuizError, QuizResults,
                              QuizRun, Submission, mistake_label, new_quiz_key)
from quiz_runtime.selection import QuestionSpec, derive_seed, self_study_questions

__all__ = [
    "QuizRun", "QuestionState", "Submission", "QuizResults", "QuestionResult", "QuestionSpec",
    "QuizError", "QuizClosed", "NoAttemptsLeft", "self_study_questions", "derive_seed", "mistake_label", "new_quiz_key",
]
