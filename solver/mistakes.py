"""The catalogue of common deep-learning slips that exercises reference by name.

An exercise supplies the wrong expression (what the slip produces for its numbers); the catalogue supplies
the message, in English and Chinese, so the same slip is explained the same way everywhere. Catalogue
messages are general (weak spots and class statistics quote them for many answers); the checker's automatic
diagnoses (``solver.diagnose``) say more about one answer with the parameterised ``DIAGNOSES`` messages
(the factor, the wrong entry…), keyed by catalogue name or ``name:variant``.
"""
from __future__ import annotations

MISTAKES: dict[str, dict[str, str]] = {
    "sigmoid-derivative-missing-factor": {
        "en": "That is σ itself. The sigmoid's derivative is σ(x)(1 − σ(x)): you dropped the factor (1 − σ).",
        "zh": "这是 σ 本身。Sigmoid 的导数是 σ(x)(1 − σ(x))，你漏掉了因子 (1 − σ)。",
    },
    "chain-rule-missing-inner": {
        "en": "You differentiated the outer function but dropped the inner derivative (chain rule).",
        "zh": "你对外层函数求了导，但漏乘了内层函数的导数（链式法则）。",
    },
    "product-instead-of-hadamard": {
        "en": "That is the matrix product; the Hadamard product ⊙ multiplies matching entries.",
        "zh": "这是矩阵乘积；阿达马积 ⊙ 是对应元素相乘。",
    },
    "hadamard-instead-of-product": {
        "en": "That is the Hadamard (entrywise) product; the matrix product takes rows times columns.",
        "zh": "这是阿达马积（对应元素相乘）；矩阵乘积是行乘以列。",
    },
    "missing-transpose": {
        "en": "The backward pass uses the transposed weight matrix Wᵀ, not W.",
        "zh": "反向传播要用权重矩阵的转置 Wᵀ，而不是 W。",
    },
    "gradient-wrong-sign": {
        "en": "Wrong direction: gradient descent moves against the gradient, w ← w − η ∂C/∂w.",
        "zh": "方向反了：梯度下降沿梯度的反方向移动，w ← w − η ∂C/∂w。",
    },
    "sum-index-off-by-one": {
        "en": "Check the summation bounds: your sum is off by one term.",
        "zh": "检查求和的上下限：你的和多算或少算了一项。",
    },
    "forgot-bias": {
        "en": "You forgot to add the bias b.",
        "zh": "你忘了加上偏置 b。",
    },
    "inner-product-as-vector": {
        "en": "The inner product is a number: add the products of matching components instead of listing them as a vector.",
        "zh": "内积是一个数：要把对应分量的乘积加起来，而不是把它们写成一个向量。",
    },
    "norm-without-sqrt": {
        "en": "That is |a|², the sum of squares. The length |a| is its square root.",
        "zh": "这是 |a|²，即平方和。长度 |a| 还要再开平方。",
    },
    "recurrence-shifted": {
        "en": "Your general term is shifted by one: check it at n = 1 against the first term.",
        "zh": "你的通项错位了一项：用 n = 1 检验它是否等于首项。",
    },
    "wrong-sign": {
        "en": "The sign is wrong.",
        "zh": "符号错了。",
    },
    "transposed": {
        "en": "Your matrix is the transpose of the expected one: rows and columns are swapped.",
        "zh": "你的矩阵是正确答案的转置：行和列弄反了。",
    },
    "log-base": {
        "en": "Check the logarithm's base: log₂ x = ln x / ln 2 and log₁₀ x = ln x / ln 10; log and ln mean base e "
              "unless the exercise says otherwise.",
        "zh": "检查对数的底：log₂ x = ln x / ln 2，log₁₀ x = ln x / ln 10；除非题目另有说明，log 和 ln 都以 e 为底。",
    },
    "bias-correction-missing": {
        "en": "Adam divides the moment estimates by (1 − βᵗ): you left out the bias correction.",
        "zh": "Adam 要把矩估计除以 (1 − βᵗ)：你漏了偏差修正。",
    },
    "softmax-no-normalise": {
        "en": "Softmax divides each exponential by the sum of all of them: yours is not normalised.",
        "zh": "Softmax 要把每个指数除以所有指数之和：你的结果没有归一化。",
    },
    "attention-missing-scale": {
        "en": "Scaled dot-product attention divides QKᵀ by √d before the softmax.",
        "zh": "缩放点积注意力在 softmax 之前要把 QKᵀ 除以 √d。",
    },
    "delta-missing-activation-derivative": {
        "en": "The neuron error δ includes the activation's derivative a′(z): you left it out.",
        "zh": "神经单元误差 δ 要乘以激活函数的导数 a′(z)，你漏掉了它。",
    },
    "squared-error-missing-half": {
        "en": "With C = ½(t − a)², the derivative is (a − t); check the factor of 2 and the ½.",
        "zh": "当 C = ½(t − a)² 时，导数是 (a − t)；检查因子 2 和 ½。",
    },
    "entropy-sign": {
        "en": "Entropy is −Σ p log p: with the minus sign it is never negative.",
        "zh": "熵是 −Σ p log p：带着负号，它永远不为负。",
    },
    "kl-order": {
        "en": "KL divergence is not symmetric: you computed D(q‖p) instead of D(p‖q).",
        "zh": "KL 散度不对称：你算的是 D(q‖p)，而不是 D(p‖q)。",
    },
    "variance-not-std": {
        "en": "That uses the variance where the standard deviation is needed (or the reverse).",
        "zh": "这里把方差和标准差弄混了。",
    },
    "momentum-no-velocity": {
        "en": "Momentum updates the velocity first, v ← βv + g (or the notes' convention), then moves by it: you used the plain gradient.",
        "zh": "动量法先更新速度 v，再用它更新参数：你用的只是普通梯度。",
    },
    "constant-factor": {
        "en": "Off by a constant factor: a factor is missing or extra (an inner derivative, a ½ or a 2?).",
        "zh": "差了一个常数倍：多了或少了一个因子（内层导数？½ 或 2？）。",
    },
    "reciprocal": {
        "en": "Upside down: yours is the reciprocal of the answer — numerator and denominator swapped.",
        "zh": "颠倒了：你的答案是正确答案的倒数——分子和分母弄反了。",
    },
    "additive-constant": {
        "en": "Off by a constant term: a constant is missing, extra or has the wrong sign.",
        "zh": "差了一个常数项：常数项漏了、多了或符号错了。",
    },
    "swapped-components": {
        "en": "The right numbers in the wrong places: components are swapped.",
        "zh": "数都对，但位置错了：有分量被交换了。",
    },
    "one-wrong-entry": {
        "en": "One entry is wrong; the others are right: recompute that one.",
        "zh": "只有一个元素不对，其余都对：重新算一下那一个。",
    },
    "entry-sign": {
        "en": "One entry has the wrong sign; the others are right.",
        "zh": "有一个元素的符号错了，其余都对。",
    },
    "product-order": {
        "en": "Matrix products do not commute: you multiplied in the other order (rows of the first matrix times "
              "columns of the second).",
        "zh": "矩阵乘法不满足交换律：你把乘法的顺序弄反了（应是第一个矩阵的行乘以第二个矩阵的列）。",
    },
    "degrees-radians": {
        "en": "Degrees and radians mixed up: π rad = 180°.",
        "zh": "角度和弧度弄混了：π 弧度 = 180°。",
    },
    "place-value": {
        "en": "The decimal point is off: yours is a power of ten times the answer.",
        "zh": "小数点位置错了：你的答案是正确答案的 10 的若干次方倍。",
    },
    "rounded-too-coarsely": {
        "en": "Rounded too coarsely: keep more significant figures.",
        "zh": "舍入得太粗了：请多保留几位有效数字。",
    },
    "attention-scale-not-root": {
        "en": "Scaled dot-product attention divides the scores by √d, not by d.",
        "zh": "缩放点积注意力是把分数除以 √d，而不是除以 d。",
    },
    "bias-correction-wrong-step": {
        "en": "Adam's bias correction uses the current step t: divide by 1 − βᵗ (at t = 2, 1 − β²), not by 1 − β.",
        "zh": "Adam 的偏差修正要用当前步数 t：除以 1 − βᵗ（t = 2 时为 1 − β²），而不是 1 − β。",
    },
    "arithmetic-sum-missing-half": {
        "en": "The sum of an arithmetic sequence is n(a₁ + aₙ)/2: you forgot to halve.",
        "zh": "等差数列的和是 n(a₁ + aₙ)/2：你忘了除以 2。",
    },
    "conv-params-missing-input-channels": {
        "en": "Each filter spans all C_in input channels, so it has k·k·C_in weights (plus one bias).",
        "zh": "每个滤波器覆盖全部 C_in 个输入通道，所以它有 k·k·C_in 个权重（外加一个偏置）。",
    },
    "direction-not-normalised": {
        "en": "That vector points the right way but is not on the constraint: scale it to the required length.",
        "zh": "这个向量方向对了，但不满足约束条件：要把它缩放到规定的长度。",
    },
}


DIAGNOSES: dict[str, dict[str, str]] = {
    "constant-factor": {
        "en": "Yours is exactly {factor}× the expected answer — a missing or extra factor (an inner derivative? "
              "a ½ or a 2?).",
        "zh": "你的答案恰好是正确答案的 {factor} 倍——是不是多了或漏了一个因子（内层导数？½ 或 2？）。",
    },
    "constant-factor:about": {
        "en": "Yours is about {factor}× the expected answer — a missing or extra factor (an inner derivative? "
              "a ½ or a 2?).",
        "zh": "你的答案约为正确答案的 {factor} 倍——是不是多了或漏了一个因子（内层导数？½ 或 2？）。",
    },
    "chain-rule-missing-inner:factor": {
        "en": "You seem to have left out the inner derivative {factor} (chain rule): the derivative of f(g(x)) is "
              "f′(g(x))·g′(x).",
        "zh": "你似乎漏乘了内层导数 {factor}（链式法则）：f(g(x)) 的导数是 f′(g(x))·g′(x)。",
    },
    "reciprocal": {
        "en": "Yours is the reciprocal (1 / answer) of the expected answer: numerator and denominator are swapped.",
        "zh": "你的答案是正确答案的倒数（1 / 答案）：分子和分母弄反了。",
    },
    "additive-constant": {
        "en": "Yours differs from the expected answer by the constant {difference}: a constant term is missing, "
              "extra or has the wrong sign.",
        "zh": "你的答案与正确答案相差常数 {difference}：常数项漏了、多了或符号错了。",
    },
    "recurrence-shifted:ahead": {
        "en": "Yours gives the next term: at {var} it equals the expected answer at {var} + 1. The index is shifted "
              "by one — check your formula at {var} = 1 against the first term.",
        "zh": "你的答案给出的是下一项：在 {var} 处等于正确答案在 {var} + 1 处的值。下标错了一位——用 {var} = 1 和首项核对一下。",
    },
    "recurrence-shifted:behind": {
        "en": "Yours gives the previous term: at {var} it equals the expected answer at {var} − 1. The index is "
              "shifted by one — check your formula at {var} = 1 against the first term.",
        "zh": "你的答案给出的是前一项：在 {var} 处等于正确答案在 {var} − 1 处的值。下标错了一位——用 {var} = 1 和首项核对一下。",
    },
    "swapped-components:pair": {
        "en": "The right numbers in the wrong places: {first} and {second} are swapped.",
        "zh": "数都对，但位置错了：{first}和{second}交换了。",
    },
    "swapped-components:reversed": {
        "en": "The right numbers in reverse order: the first component comes first.",
        "zh": "数都对，但顺序反了：第一个分量应排在最前面。",
    },
    "one-wrong-entry": {
        "en": "Only {where} is wrong — the other {others} are right: recompute that one.",
        "zh": "只有{where}不对——其余 {others} 个都对：重新算一下那一个。",
    },
    "entry-sign": {
        "en": "Only the sign of {where} is wrong — the other {others} are right.",
        "zh": "只有{where}的符号错了——其余 {others} 个都对。",
    },
    "log-base": {
        "en": "Yours is the expected answer × {factor} — the factor between logarithms of different bases "
              "(log₂ x = ln x / ln 2, log₁₀ x = ln x / ln 10): check which logarithm is meant.",
        "zh": "你的答案是正确答案的 {factor} 倍——这正是不同底的对数之间的换算因子（log₂ x = ln x / ln 2，"
              "log₁₀ x = ln x / ln 10）：检查该用哪一种对数。",
    },
    "degrees-radians:degrees": {
        "en": "Yours is the answer in degrees (×180/π); give it in radians.",
        "zh": "你的答案是角度制（×180/π）；请用弧度表示。",
    },
    "degrees-radians:radians": {
        "en": "Yours is the answer in radians (×π/180); give it in degrees.",
        "zh": "你的答案是弧度制（×π/180）；请用角度表示。",
    },
    "place-value:large": {
        "en": "Yours is about {factor} times too large: check the decimal point (place value).",
        "zh": "你的答案大了约 {factor} 倍：检查小数点的位置。",
    },
    "place-value:small": {
        "en": "Yours is about {factor} times too small: check the decimal point (place value).",
        "zh": "你的答案小了约 {factor} 倍：检查小数点的位置。",
    },
    "rounded-too-coarsely": {
        "en": "Yours is the answer rounded to {digits} s.f. (significant figures), which is too coarse here: keep at "
              "least {needed}.",
        "zh": "你的答案是正确答案保留 {digits} 位有效数字的结果，这里太粗了：请至少保留 {needed} 位。",
    },
}
