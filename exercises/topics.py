"""The 16 topics of the book, in the book's order: the one list every part of the app uses."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """A topic: a stable id (used in exercise files and URLs), its number, titles and an icon."""

    id: str
    number: int
    title_en: str
    title_zh: str
    icon: str

    def title(self, lang: str) -> str:
        """The title in `lang` ("zh" or "en")."""
        return self.title_zh if lang == "zh" else self.title_en


TOPICS: tuple[Topic, ...] = (
    Topic("functions", 1, "Functions and activations", "函数与激活函数", "📈"),
    Topic("sequences", 2, "Sequences and recurrences", "数列与递推关系", "🔢"),
    Topic("sigma", 3, "Σ notation", "Σ 符号", "➕"),
    Topic("vectors", 4, "Vectors and inner products", "向量与内积", "➡️"),
    Topic("matrices", 5, "Matrices", "矩阵", "🔲"),
    Topic("derivatives", 6, "Derivatives", "导数", "📉"),
    Topic("partial-derivatives", 7, "Partial derivatives and Lagrange", "偏导数与拉格朗日乘数法", "🗺️"),
    Topic("chain-rule", 8, "The chain rule", "链式法则", "🔗"),
    Topic("gradient-descent", 9, "Gradient descent", "梯度下降法", "⛰️"),
    Topic("regression", 10, "Regression and the cost function", "回归分析与代价函数", "📊"),
    Topic("forward-pass", 11, "Neural networks: the forward pass", "神经网络的前向传播", "🧠"),
    Topic("backprop", 12, "Backpropagation", "误差反向传播法", "🔙"),
    Topic("convolution", 13, "Convolution and pooling", "卷积与池化", "🧩"),
    Topic("probability", 14, "Probability and information", "概率与信息论", "🎲"),
    Topic("optimizers", 15, "Optimizers: SGD, momentum, Adam", "优化器：SGD、动量、Adam", "🚀"),
    Topic("attention", 16, "Attention", "注意力机制", "👀"),
)

TOPIC_IDS: tuple[str, ...] = tuple(t.id for t in TOPICS)


def topic_by_id(topic_id: str) -> Topic:
    """The topic with this id; KeyError if there is none."""
    for topic in TOPICS:
        if topic.id == topic_id:
            return topic
    raise KeyError(topic_id)
