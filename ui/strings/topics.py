"""Strings of the 16 topic pages: explanations (Markdown with $LaTeX$), controls and chart labels.

Keys are ``topics.<topic id>.<name>``. Strings formatted with values (``{name}``) contain no LaTeX braces.
"""

STRINGS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ 1 functions
    "topics.functions.card": {"en": "Linear, step, sigmoid, ReLU, softmax — the shapes neurons use.",
                              "zh": "线性、阶跃、Sigmoid、ReLU、Softmax——神经单元用到的函数形状。"},
    "topics.functions.intro": {
        "en": r"A neuron adds up its weighted inputs and passes the sum through an **activation function**. "
              r"Move $a$ (stretch) and $b$ (shift) in $f(ax+b)$ and watch the curve and its derivative "
              r"$f'(x)$ (dashed) — the slope that learning will need. The sigmoid "
              r"$\sigma(x) = \frac{1}{1+e^{-x}}$ has the famous derivative $\sigma' = \sigma(1-\sigma)$.",
        "zh": r"神经单元把加权输入求和，再把和送进**激活函数**。拖动 $f(ax+b)$ 中的 $a$（伸缩）和 $b$（平移），"
              r"观察曲线及其导数 $f'(x)$（虚线）——学习时要用到的就是这个斜率。Sigmoid 函数 "
              r"$\sigma(x) = \frac{1}{1+e^{-x}}$ 的导数是著名的 $\sigma' = \sigma(1-\sigma)$。",
    },
    "topics.functions.curve": {"en": "Function", "zh": "函数"},
    "topics.functions.curve.linear": {"en": "Linear", "zh": "一次函数"},
    "topics.functions.curve.quadratic": {"en": "Quadratic", "zh": "二次函数"},
    "topics.functions.curve.step": {"en": "Unit step", "zh": "单位阶跃函数"},
    "topics.functions.curve.exponential": {"en": "Exponential", "zh": "指数函数"},
    "topics.functions.curve.sigmoid": {"en": "Sigmoid σ", "zh": "Sigmoid 函数 σ"},
    "topics.functions.curve.tanh": {"en": "tanh", "zh": "双曲正切 tanh"},
    "topics.functions.curve.relu": {"en": "ReLU", "zh": "ReLU（线性整流）"},
    "topics.functions.a": {"en": "a (stretch)", "zh": "a（伸缩）"},
    "topics.functions.b": {"en": "b (shift)", "zh": "b（平移）"},
    "topics.functions.derivative": {"en": "Show the derivative f′(x)", "zh": "显示导数 f′(x)"},
    "topics.functions.series.f": {"en": "f(x)", "zh": "f(x)"},
    "topics.functions.series.df": {"en": "f′(x) (derivative)", "zh": "f′(x)（导数）"},
    "topics.functions.softmax": {"en": "Softmax: scores into probabilities", "zh": "Softmax：把分数变成概率"},
    "topics.functions.softmax_intro": {
        "en": r"$\mathrm{softmax}(z)_i = \frac{e^{z_i/T}}{\sum_j e^{z_j/T}}$: every output is positive and they add "
              r"up to 1. A low temperature $T$ sharpens the winner; a high one evens things out.",
        "zh": r"$\mathrm{softmax}(z)_i = \frac{e^{z_i/T}}{\sum_j e^{z_j/T}}$：每个输出都为正，且总和为 1。"
              r"温度 $T$ 低时最大者更突出，温度高时分布更平均。",
    },
    "topics.functions.temperature": {"en": "Temperature T", "zh": "温度 T"},
    "topics.functions.class": {"en": "class i", "zh": "类别 i"},
    "topics.functions.prob": {"en": "probability", "zh": "概率"},
    # ------------------------------------------------------------------ 2 sequences
    "topics.sequences.card": {"en": "General terms, partial sums and recurrences.",
                              "zh": "通项、部分和与递推关系。"},
    "topics.sequences.intro": {
        "en": r"A sequence $a_1, a_2, a_3, \dots$ can be given by a **general term** ($a_n = 2n - 1$) or by a "
              r"**recurrence** ($a_1 = 1,\ a_{n+1} = a_n + 2$ gives $1, 3, 5, 7, \dots$). Backpropagation is a "
              r"recurrence run backwards, so it pays to see one at work. Bars are the terms, the line the partial "
              r"sums $S_n$.",
        "zh": r"数列 $a_1, a_2, a_3, \dots$ 可以用**通项公式**（$a_n = 2n - 1$）给出，也可以用**递推关系**给出"
              r"（$a_1 = 1,\ a_{n+1} = a_n + 2$ 得到 $1, 3, 5, 7, \dots$）。误差反向传播就是倒着进行的递推，"
              r"所以值得亲眼看看递推如何运作。柱子是各项，折线是部分和 $S_n$。",
    },
    "topics.sequences.kind": {"en": "Kind of sequence", "zh": "数列类型"},
    "topics.sequences.kind.arithmetic": {"en": "Arithmetic", "zh": "等差"},
    "topics.sequences.kind.geometric": {"en": "Geometric", "zh": "等比"},
    "topics.sequences.kind.recurrence": {"en": "Recurrence", "zh": "递推"},
    "topics.sequences.d": {"en": "common difference d", "zh": "公差 d"},
    "topics.sequences.r": {"en": "common ratio r", "zh": "公比 r"},
    "topics.sequences.n": {"en": "number of terms n", "zh": "项数 n"},
    "topics.sequences.term": {"en": "term aₖ", "zh": "第 k 项 aₖ"},
    "topics.sequences.sum": {"en": "partial sum Sₖ", "zh": "部分和 Sₖ"},
    "topics.sequences.first_terms": {"en": "First terms: {terms}", "zh": "前几项：{terms}"},
    # ------------------------------------------------------------------ 3 sigma
    "topics.sigma.card": {"en": "Σ as a running total; linearity.", "zh": "Σ 就是累加；线性性质。"},
    "topics.sigma.intro": {
        "en": r"$\sum_{k=1}^{n} a_k = a_1 + a_2 + \dots + a_n$ is just a running total. It is **linear**: "
              r"$\sum (c\,a_k + b_k) = c\sum a_k + \sum b_k$ — the rule behind every gradient of a sum of errors. "
              r"Here $a_k = k$ and $b_k = k^2$.",
        "zh": r"$\sum_{k=1}^{n} a_k = a_1 + a_2 + \dots + a_n$ 就是逐项累加。它是**线性**的："
              r"$\sum (c\,a_k + b_k) = c\sum a_k + \sum b_k$——对误差之和求梯度靠的正是这条规则。"
              r"这里 $a_k = k$，$b_k = k^2$。",
    },
    "topics.sigma.term": {"en": "term c·k + k²", "zh": "项 c·k + k²"},
    "topics.sigma.running": {"en": "running sum", "zh": "累计和"},
    "topics.sigma.linearity": {"en": "Linearity, side by side", "zh": "线性性质：左右对照"},
    "topics.sigma.total": {"en": "total", "zh": "总和"},
    "topics.sigma.linearity_caption": {
        "en": "Both bars always have the same height, whatever n and c: summing then scaling equals scaling then summing.",
        "zh": "无论 n 和 c 取什么值，两根柱子总是一样高：先求和再乘，与先乘再求和相同。",
    },
    # ------------------------------------------------------------------ 4 vectors
    "topics.vectors.card": {"en": "Arrows, lengths, inner products, Cauchy–Schwarz.",
                            "zh": "箭头、长度、内积与柯西–施瓦茨不等式。"},
    "topics.vectors.intro": {
        "en": r"A vector has a length and a direction. The **inner product** $a\cdot b = a_1b_1 + a_2b_2 = "
              r"|a|\,|b|\cos\theta$ measures how much two vectors point the same way: it is largest when they are "
              r"parallel, 0 when they are perpendicular and most negative when they are opposite — the idea behind "
              r"gradient descent choosing the steepest direction.",
        "zh": r"向量既有长度又有方向。**内积** $a\cdot b = a_1b_1 + a_2b_2 = |a|\,|b|\cos\theta$ 衡量两个向量"
              r"方向相同的程度：平行时最大，垂直时为 0，方向相反时最小——梯度下降法选择最陡方向正是基于这一点。",
    },
    "topics.vectors.cauchy": {"en": "Cauchy–Schwarz: −|a||b| ≤ a·b ≤ |a||b|",
                              "zh": "柯西–施瓦茨不等式：−|a||b| ≤ a·b ≤ |a||b|"},
    "topics.vectors.value": {"en": "value", "zh": "数值"},
    "topics.vectors.cauchy_caption": {
        "en": "Turn b until it points the same way as a: a·b reaches the upper bound |a||b|. Opposite: the lower bound.",
        "zh": "转动 b 使它与 a 同向，a·b 就达到上界 |a||b|；方向相反时达到下界。",
    },
    # ------------------------------------------------------------------ 5 matrices
    "topics.matrices.card": {"en": "Products, Hadamard products, transposes.", "zh": "矩阵乘积、阿达玛积与转置。"},
    "topics.matrices.intro": {
        "en": r"A layer of a network is a matrix. The **product** $(AB)_{ij} = \sum_k a_{ik} b_{kj}$ combines rows "
              r"of $A$ with columns of $B$; the **Hadamard product** $(A\odot B)_{ij} = a_{ij} b_{ij}$ multiplies "
              r"entry by entry; the **transpose** $A^{\top}$ swaps rows and columns. Usually $AB \ne BA$.",
        "zh": r"神经网络的一层就是一个矩阵。**乘积** $(AB)_{ij} = \sum_k a_{ik} b_{kj}$ 用 $A$ 的行配 $B$ 的列；"
              r"**阿达玛积** $(A\odot B)_{ij} = a_{ij} b_{ij}$ 逐元素相乘；**转置** $A^{\top}$ 交换行与列。"
              r"一般来说 $AB \ne BA$。",
    },
    "topics.matrices.commute": {"en": "These two happen to commute: AB = BA.", "zh": "这两个矩阵恰好可交换：AB = BA。"},
    "topics.matrices.not_commute": {"en": "Compare AB and BA: the order of a matrix product matters.",
                                    "zh": "比较 AB 与 BA：矩阵乘法的顺序很重要。"},
    # ------------------------------------------------------------------ 6 derivatives
    "topics.derivatives.card": {"en": "Secants become tangents; rules; σ′.", "zh": "割线变切线；求导法则；σ′。"},
    "topics.derivatives.intro": {
        "en": r"The derivative is the slope of the tangent: $f'(x_0) = \lim_{\Delta x\to 0} "
              r"\frac{f(x_0+\Delta x) - f(x_0)}{\Delta x}$. Shrink $\Delta x$ and watch the secant through two points "
              r"of the curve turn into the tangent (dashed). Computers use a small $\Delta x$ for the "
              r"**numerical derivative**.",
        "zh": r"导数就是切线的斜率：$f'(x_0) = \lim_{\Delta x\to 0} \frac{f(x_0+\Delta x) - f(x_0)}{\Delta x}$。"
              r"缩小 $\Delta x$，看穿过曲线上两点的割线如何变成切线（虚线）。计算机用很小的 $\Delta x$ 求"
              r"**数值导数**。",
    },
    "topics.derivatives.curve": {"en": "Curve f(x)", "zh": "曲线 f(x)"},
    "topics.derivatives.series.f": {"en": "f(x)", "zh": "f(x)"},
    "topics.derivatives.series.secant": {"en": "secant", "zh": "割线"},
    "topics.derivatives.series.tangent": {"en": "tangent", "zh": "切线"},
    "topics.derivatives.table": {"en": "The secant slope as Δx → 0", "zh": "Δx → 0 时割线的斜率"},
    "topics.derivatives.secant_slope": {"en": "secant slope", "zh": "割线斜率"},
    # ------------------------------------------------------------------ 7 partial derivatives
    "topics.partial-derivatives.card": {"en": "∂f/∂x, gradients, Lagrange multipliers.",
                                        "zh": "偏导数、梯度与拉格朗日乘数法。"},
    "topics.partial-derivatives.intro": {
        "en": r"For $f(x, y)$, the **partial derivative** $\frac{\partial f}{\partial x}$ is the slope when only $x$ "
              r"moves. Together they form the **gradient** $\nabla f$, an arrow pointing uphill, across the contour "
              r"lines at a right angle. A minimum needs $\frac{\partial f}{\partial x} = \frac{\partial f}{\partial y} = 0$. With a "
              r"constraint $g(x, y) = 0$, **Lagrange's method** looks where $\nabla f = \lambda \nabla g$: the minimum "
              r"of $x + y$ on $x^2 + y^2 = 1$ is $-\sqrt2$.",
        "zh": r"对 $f(x, y)$ 而言，**偏导数** $\frac{\partial f}{\partial x}$ 是只让 $x$ 变化时的斜率。"
              r"两个偏导数合起来构成**梯度** $\nabla f$：一支指向上坡、垂直穿过等高线的箭头。取得最小值需要 "
              r"$\frac{\partial f}{\partial x} = \frac{\partial f}{\partial y} = 0$。若有约束 $g(x, y) = 0$，"
              r"**拉格朗日乘数法**寻找 $\nabla f = \lambda \nabla g$ 的点：$x + y$ 在 $x^2 + y^2 = 1$ 上的最小值是 $-\sqrt2$。",
    },
    "topics.partial-derivatives.constraint": {"en": "Constraint x² + y² = 1 (Lagrange)",
                                              "zh": "约束条件 x² + y² = 1（拉格朗日）"},
    "topics.partial-derivatives.arrow_caption": {
        "en": "The lines are contour lines of f (f is constant along each, its value is in the colour). The red arrow "
              "is ∇f drawn at {scale} of its length.",
        "zh": "每条线是 f 的等高线（线上 f 的值不变，颜色表示该值）。红色箭头是 ∇f，按实际长度的 {scale} 倍绘制。",
    },
    "topics.partial-derivatives.lagrange": {
        "en": "On the circle x² + y² = 1, f is smallest at (x, y) ≈ ({x}, {y}), where f ≈ {f}. "
              "There ∇f is parallel to the circle's normal: ∇f = λ∇g.",
        "zh": "在圆 x² + y² = 1 上，f 在 (x, y) ≈ ({x}, {y}) 处最小，此时 f ≈ {f}。"
              "该点处 ∇f 与圆的法向量平行：∇f = λ∇g。",
    },
    # ------------------------------------------------------------------ 8 chain rule
    "topics.chain-rule.card": {"en": "Derivatives multiply along a computation graph.",
                               "zh": "沿计算图把导数相乘。"},
    "topics.chain-rule.intro": {
        "en": r"A network is a chain of simple functions. The **chain rule** multiplies the local derivatives "
              r"along the path: for $C(y(u(x)))$, $\frac{dC}{dx} = \frac{\partial C}{\partial y}"
              r"\frac{\partial y}{\partial u}\frac{\partial u}{\partial x}$. So "
              r"$\frac{d}{dx}\sigma(wx + b) = w\,\sigma(1-\sigma)$ — don't drop the inner $w$!",
        "zh": r"神经网络是一串简单函数的复合。**链式法则**把路径上的局部导数相乘：对 $C(y(u(x)))$，"
              r"$\frac{dC}{dx} = \frac{\partial C}{\partial y}\frac{\partial y}{\partial u}\frac{\partial u}{\partial x}$。"
              r"因此 $\frac{d}{dx}\sigma(wx + b) = w\,\sigma(1-\sigma)$——别漏掉内层的 $w$！",
    },
    "topics.chain-rule.target": {"en": "correct answer (target) t", "zh": "正解 t"},
    "topics.chain-rule.caption": {
        "en": "Each edge carries its local derivative; the derivative of C with respect to x is their product.",
        "zh": "每条边上是局部导数；C 对 x 的导数就是它们的乘积。",
    },
    # ------------------------------------------------------------------ 9 gradient descent
    "topics.gradient-descent.card": {"en": "Walk downhill with learning rate η.", "zh": "以学习率 η 一步步走下坡。"},
    "topics.gradient-descent.intro": {
        "en": r"Near a point, $\Delta f \approx \frac{\partial f}{\partial x}\Delta x + \frac{\partial f}{\partial y}"
              r"\Delta y = \nabla f\cdot\Delta\mathbf{x}$, which decreases fastest when $\Delta\mathbf{x} = "
              r"-\eta\nabla f$. That is **gradient descent**. The **learning rate** $\eta$ matters: too small and it "
              r"crawls, too large and it overshoots and **diverges** — try $\eta$ above $1/3$ on $x^2 + 3y^2$.",
        "zh": r"在一点附近，$\Delta f \approx \frac{\partial f}{\partial x}\Delta x + \frac{\partial f}{\partial y}\Delta y"
              r" = \nabla f\cdot\Delta\mathbf{x}$，当 $\Delta\mathbf{x} = -\eta\nabla f$ 时下降最快，这就是"
              r"**梯度下降法**。**学习率** $\eta$ 很关键：太小走得慢，太大会越过谷底并**发散**——"
              r"在 $x^2 + 3y^2$ 上试试大于 $1/3$ 的 $\eta$。",
    },
    "topics.gradient-descent.eta": {"en": "learning rate η", "zh": "学习率 η"},
    "topics.gradient-descent.steps": {"en": "steps", "zh": "步数"},
    "topics.gradient-descent.start": {"en": "start x (y starts at 1.5)", "zh": "起点 x（y 从 1.5 出发）"},
    "topics.gradient-descent.final": {"en": "f at the last point", "zh": "最后一点的 f 值"},
    "topics.gradient-descent.diverged": {
        "en": "Diverged: η is too large, each step overshoots the valley further.",
        "zh": "发散了：η 太大，每一步都越过谷底越来越远。",
    },
    # ------------------------------------------------------------------ 10 regression
    "topics.regression.card": {"en": "Least squares and the cost function.", "zh": "最小二乘法与代价函数。"},
    "topics.regression.intro": {
        "en": r"Fit a line $\hat y = wx + b$ to data. The **cost** $C_T = \frac12\sum_k (y_k - \hat y_k)^2$ adds up "
              r"the squared residuals (red dashes). Move $w$ and $b$ to make it small, then compare with the "
              r"least-squares line, where $\frac{\partial C_T}{\partial w} = \frac{\partial C_T}{\partial b} = 0$.",
        "zh": r"用直线 $\hat y = wx + b$ 拟合数据。**代价函数** $C_T = \frac12\sum_k (y_k - \hat y_k)^2$ 把残差"
              r"（红色虚线）的平方加起来。拖动 $w$ 和 $b$ 让它变小，再与最小二乘直线比较——那里 "
              r"$\frac{\partial C_T}{\partial w} = \frac{\partial C_T}{\partial b} = 0$。",
    },
    "topics.regression.show_fit": {"en": "Show the least-squares line", "zh": "显示最小二乘直线"},
    "topics.regression.cost": {"en": "your cost $C_T$", "zh": "你的代价 $C_T$"},
    "topics.regression.cost_axis": {"en": "cost", "zh": "代价"},
    "topics.regression.vs_best": {"en": "above the minimum", "zh": "高于最小值"},
    "topics.regression.your_line": {"en": "your line", "zh": "你的直线"},
    "topics.regression.fit": {"en": "least squares", "zh": "最小二乘"},
    "topics.regression.cost_title": {"en": "The cost as a function of w", "zh": "代价函数随 w 的变化"},
    "topics.regression.cost_curve": {"en": "cost at b = {b}", "zh": "b = {b} 时的代价"},
    # ------------------------------------------------------------------ 11 forward pass
    "topics.forward-pass.card": {"en": "z = xW + b, layer by layer.", "zh": "逐层计算 z = xW + b。"},
    "topics.forward-pass.intro": {
        "en": r"A layer computes every output at once as a matrix product plus a bias: $y = xW + b$, then applies an "
              r"activation. With $x = (2, 3)$ the layer below gives $y = (3.6,\ 6.8,\ -3.5)$. Edge colour and "
              r"width show the sign and size of each weight.",
        "zh": r"一层网络用矩阵乘法加偏置一次算出所有输出：$y = xW + b$，再经过激活函数。取 $x = (2, 3)$ 时，"
              r"下图这一层给出 $y = (3.6,\ 6.8,\ -3.5)$。连线的颜色和粗细表示权重的正负和大小。",
    },
    "topics.forward-pass.activation": {"en": "Activation", "zh": "激活函数"},
    "topics.forward-pass.act.none": {"en": "none", "zh": "无"},
    "topics.forward-pass.act.sigmoid": {"en": "sigmoid", "zh": "Sigmoid"},
    "topics.forward-pass.act.relu": {"en": "ReLU", "zh": "ReLU"},
    "topics.forward-pass.bias": {"en": "Bias b = ({b}).", "zh": "偏置 b = ({b})。"},
    # ------------------------------------------------------------------ 12 backprop
    "topics.backprop.card": {"en": "Errors δ flow backwards; gradients follow.", "zh": "误差 δ 反向传播，梯度随之而来。"},
    "topics.backprop.intro": {
        "en": r"**Backpropagation** finds every $\frac{\partial C}{\partial w}$ with one backward sweep. Define the "
              r"neuron error $\delta = \frac{\partial C}{\partial z}$. At the output $\delta^{(3)} = (a - t)\,\sigma'(z)$; "
              r"going back, $\delta^{(2)}_j = \delta^{(3)} w_j\,\sigma'(z_j)$ (a recurrence!). Then each gradient "
              r"is simply $\delta$ times the activation feeding that weight.",
        "zh": r"**误差反向传播法**只需反向扫一遍就求出所有 $\frac{\partial C}{\partial w}$。定义神经单元误差 "
              r"$\delta = \frac{\partial C}{\partial z}$。输出层 $\delta^{(3)} = (a - t)\,\sigma'(z)$；往回走，"
              r"$\delta^{(2)}_j = \delta^{(3)} w_j\,\sigma'(z_j)$（这是递推！）。于是每个梯度就是 $\delta$ 乘以"
              r"送入该权重的激活值。",
    },
    "topics.backprop.target": {"en": "correct answer (target) t", "zh": "正解 t"},
    "topics.backprop.cost": {"en": "cost C = ½(a − t)²", "zh": "代价 C = ½(a − t)²"},
    "topics.backprop.caption": {
        "en": "Output a = {a}. Nodes show each neuron's error δ; edges show ∂C/∂w. Gradient descent moves every "
              "weight against its gradient, w ← w − η ∂C/∂w: a red edge (∂C/∂w > 0) loses weight, a blue edge "
              "(∂C/∂w < 0) gains; the thicker the edge, the bigger the step.",
        "zh": "输出 a = {a}。节点上是每个神经单元的误差 δ；连线上是 ∂C/∂w。梯度下降让每个权重逆着梯度移动："
              "w ← w − η ∂C/∂w，所以红色连线（∂C/∂w > 0）的权重减小，蓝色连线（∂C/∂w < 0）的权重增大；"
              "连线越粗，这一步越大。",
    },
    "topics.backprop.legend_down": {"en": "∂C/∂w > 0: gradient descent lowers w",
                                    "zh": "∂C/∂w > 0：梯度下降使 w 减小"},
    "topics.backprop.legend_stays": {"en": "∂C/∂w = 0: w stays", "zh": "∂C/∂w = 0：w 不变"},
    "topics.backprop.legend_up": {"en": "∂C/∂w < 0: gradient descent raises w",
                                  "zh": "∂C/∂w < 0：梯度下降使 w 增大"},
    "topics.backprop.table": {"en": "All the gradients", "zh": "全部梯度"},
    "topics.backprop.param": {"en": "parameter", "zh": "参数"},
    # ------------------------------------------------------------------ 13 convolution
    "topics.convolution.card": {"en": "Kernels slide over images; pooling keeps the max.",
                                "zh": "卷积核在图像上滑动；池化保留最大值。"},
    "topics.convolution.intro": {
        "en": r"A **convolution** slides a small kernel over the input and writes "
              r"$c_{ij} = \sum_{p,q} x_{i+p,\,j+q}\,k_{pq}$ into the **feature map**: large where the input looks "
              r"like the kernel. **Max pooling** then keeps the largest value of each $2\times 2$ block.",
        "zh": r"**卷积**让一个小卷积核在输入上滑动，把 $c_{ij} = \sum_{p,q} x_{i+p,\,j+q}\,k_{pq}$ 写入"
              r"**特征图**：输入与卷积核越相似，值越大。**最大池化**再从每个 $2\times 2$ 块中保留最大值。",
    },
    "topics.convolution.image": {"en": "Input image", "zh": "输入图像"},
    "topics.convolution.kernel": {"en": "Kernel", "zh": "卷积核"},
    "topics.convolution.stride": {"en": "stride", "zh": "步幅"},
    "topics.convolution.input": {"en": "input x", "zh": "输入 x"},
    "topics.convolution.feature": {"en": "feature map c", "zh": "特征图 c"},
    "topics.convolution.pooled": {"en": "max pooled", "zh": "最大池化"},
    "topics.convolution.window": {"en": "2×2 window", "zh": "2×2 窗口"},
    "topics.convolution.caption": {"en": "The feature map is {rows}×{cols}.", "zh": "特征图的大小是 {rows}×{cols}。"},
    "topics.convolution.pattern.vertical_edge": {"en": "vertical edge", "zh": "竖直边缘"},
    "topics.convolution.pattern.horizontal_edge": {"en": "horizontal edge", "zh": "水平边缘"},
    "topics.convolution.pattern.diagonal": {"en": "diagonal line", "zh": "对角线"},
    "topics.convolution.pattern.square": {"en": "square", "zh": "方块"},
    "topics.convolution.pattern.blur": {"en": "blur (average)", "zh": "模糊（平均）"},
    "topics.convolution.pattern.sharpen": {"en": "sharpen", "zh": "锐化"},
    # ------------------------------------------------------------------ 14 probability
    "topics.probability.card": {"en": "Normal, Bernoulli, entropy, cross-entropy, KL.",
                                "zh": "正态分布、伯努利分布、熵、交叉熵、KL 散度。"},
    "topics.probability.intro": {
        "en": r"Classifiers output probabilities, and we train them with **cross-entropy** "
              r"$H(p, q) = -\sum_i p_i \log q_i$ between the true distribution $p$ and the model's $q$. It is never "
              r"less than the **entropy** $H(p)$; the gap is the **KL divergence** $D_{KL}(p\,\|\,q)$, zero exactly "
              r"when $q = p$.",
        "zh": r"分类器输出概率，训练时用真实分布 $p$ 与模型分布 $q$ 之间的**交叉熵** "
              r"$H(p, q) = -\sum_i p_i \log q_i$。它永远不小于**熵** $H(p)$，两者之差就是 **KL 散度** "
              r"$D_{KL}(p\,\|\,q)$，当且仅当 $q = p$ 时为零。",
    },
    "topics.probability.yours": {"en": "N(μ, σ²)", "zh": "N(μ, σ²)"},
    "topics.probability.standard": {"en": "standard normal N(0, 1)", "zh": "标准正态 N(0, 1)"},
    "topics.probability.density": {"en": "density", "zh": "概率密度"},
    "topics.probability.information": {"en": "Entropy, cross-entropy and KL (Bernoulli)",
                                       "zh": "熵、交叉熵与 KL 散度（伯努利分布）"},
    "topics.probability.p": {"en": "true p = P(X=1)", "zh": "真实 p = P(X=1)"},
    "topics.probability.q": {"en": "model q = P(X=1)", "zh": "模型 q = P(X=1)"},
    "topics.probability.true": {"en": "true p", "zh": "真实分布 p"},
    "topics.probability.model": {"en": "model q", "zh": "模型分布 q"},
    "topics.probability.prob": {"en": "probability", "zh": "概率"},
    "topics.probability.nats": {"en": "nats", "zh": "奈特 (nats)"},
    # ------------------------------------------------------------------ 15 optimizers
    "topics.optimizers.card": {"en": "SGD, momentum and Adam race down a valley.", "zh": "SGD、动量与 Adam 的下坡比赛。"},
    "topics.optimizers.intro": {
        "en": r"On a long narrow valley, plain gradient descent (**SGD**) zig-zags across it at every step and crawls "
              r"along it. **Momentum** keeps a running velocity $v$: speed builds up along the valley, so it "
              r"overshoots but arrives first, crossing the valley floor far less often. **Adam** divides by a running "
              r"size of the gradient $\sqrt{\hat s}$, so every coordinate moves at about the same pace: it heads "
              r"for the minimum with hardly a zig-zag ($\hat m, \hat s$ are bias-corrected).",
        "zh": r"在狭长的山谷里，普通梯度下降（**SGD**）每一步都横穿山谷来回震荡，沿谷底却走得很慢。**动量法**累积速度 "
              r"$v$：沿山谷方向越走越快，虽会冲过头，却最先到达，穿越谷底的次数也少得多。**Adam** 除以梯度大小的滑动估计 "
              r"$\sqrt{\hat s}$，让各个坐标以差不多的步伐前进：几乎不震荡地奔向最小值（$\hat m, \hat s$ 经过偏差修正）。",
    },
    "topics.optimizers.eta": {"en": "learning rate η", "zh": "学习率 η"},
    "topics.optimizers.steps": {"en": "steps", "zh": "步数"},
    "topics.optimizers.final": {"en": "{name}: f at the end", "zh": "{name}：终点的 f 值"},
    "topics.optimizers.name.sgd": {"en": "SGD", "zh": "SGD"},
    "topics.optimizers.name.momentum": {"en": "Momentum", "zh": "动量法"},
    "topics.optimizers.name.adam": {"en": "Adam", "zh": "Adam"},
    # ------------------------------------------------------------------ 16 attention
    "topics.attention.card": {"en": "softmax(QKᵀ/√d)V as a heatmap.", "zh": "用热力图看 softmax(QKᵀ/√d)V。"},
    "topics.attention.intro": {
        "en": r"In **attention** each token's query $q$ is compared with every key $k$ by an inner product, scaled by "
              r"$\sqrt d$, and turned into weights by softmax; the output is the weighted average of the values "
              r"$V$. Each row of the heatmap sums to 1. Turn the last query and watch whom it attends to.",
        "zh": r"在**注意力机制**中，每个词的查询 $q$ 与所有键 $k$ 做内积，除以 $\sqrt d$，再经 softmax 变成权重；"
              r"输出是值 $V$ 的加权平均。热力图每一行之和为 1。转动最后一个查询，看看它关注谁。",
    },
    "topics.attention.angle": {"en": "direction of the last query (°)", "zh": "最后一个查询的方向（°）"},
    "topics.attention.scale": {"en": "query length (sharpness)", "zh": "查询长度（锐度）"},
    "topics.attention.weights": {"en": "attention weights", "zh": "注意力权重"},
    "topics.attention.tokens": {"en": "I love deep learning", "zh": "我 爱 深度 学习"},
    "topics.attention.output": {"en": "output = weights · V", "zh": "输出 = 权重 · V"},
    "topics.attention.caption": {
        "en": "Longer queries make the softmax sharper: attention concentrates on the best-matching key.",
        "zh": "查询越长，softmax 越尖锐：注意力集中到最匹配的键上。",
    },
}
