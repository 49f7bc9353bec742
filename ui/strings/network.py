"""Strings of a network exercise on its graph (`ui.network_view`)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "network.graph_caption": {
        "en": "The network: each edge carries its weight $w$, each neuron its bias $b$. Colours and symbols show "
              "your cells: $z$, $a$, $\\delta$ and $\\partial C/\\partial b$ on the neuron, $\\partial C/\\partial w$ "
              "on the edge.",
        "zh": "神经网络：每条连线上是它的权重 $w$，每个神经单元上是它的偏置 $b$。颜色和符号表示你填写的格子："
              "神经单元上是 $z$、$a$、$\\delta$ 和 $\\partial C/\\partial b$，连线上是 $\\partial C/\\partial w$。",
    },
    "network.cells": {"en": "Your cells", "zh": "要填写的格子"},
    "network.progress": {"en": "{done} of {total} cells right", "zh": "已答对 {done} / {total} 格"},
    "network.section.forward": {"en": "Forward pass, layer {layer}", "zh": "前向传播：第 {layer} 层"},
    "network.section.delta": {"en": "Backward pass: errors $\\delta = \\partial C/\\partial z$",
                              "zh": "反向传播：误差 $\\delta = \\partial C/\\partial z$"},
    "network.section.dw": {"en": "Gradients $\\partial C/\\partial w$", "zh": "梯度 $\\partial C/\\partial w$"},
    "network.section.db": {"en": "Gradients $\\partial C/\\partial b$", "zh": "梯度 $\\partial C/\\partial b$"},
    "network.given": {"en": "Given: {cells}", "zh": "已知：{cells}"},
    "network.needs": {"en": "Fill in {cells} first.", "zh": "请先填写 {cells}。"},
    "network.value": {"en": "Value of {cell}", "zh": "{cell} 的值"},
    "network.placeholder": {"en": "a number, e.g. 0.731", "zh": "一个数，例如 0.731"},
    "network.hint": {"en": "Hint", "zh": "提示"},
    "network.worked": {"en": "Worked step", "zh": "详细步骤"},
    "network.show_hint": {"en": "Show a hint", "zh": "看提示"},
    "network.show_worked": {"en": "Show the worked step", "zh": "看详细步骤"},
    "network.step_title": {"en": "One step of gradient descent", "zh": "一次梯度下降"},
    "network.step_locked": {
        "en": "Fill in every gradient first: then take one step of gradient descent with $\\eta = {eta}$.",
        "zh": "先填好所有梯度，再用 $\\eta = {eta}$ 做一次梯度下降。",
    },
    "network.step_button": {"en": "Take the step: w ← w − η·∂C/∂w",
                            "zh": "做这一步：w ← w − η·∂C/∂w"},
    "network.step_note_wrong": {
        "en": "Some of your gradients are wrong, so the step below uses the right ones.",
        "zh": "你的部分梯度有误，下面这一步用的是正确的梯度。",
    },
    "network.section.nw": {"en": "New weights $w' = w - \\eta\\,\\partial C/\\partial w$",
                           "zh": "新的权重 $w' = w - \\eta\\,\\partial C/\\partial w$"},
    "network.section.nb": {"en": "New biases $b' = b - \\eta\\,\\partial C/\\partial b$",
                           "zh": "新的偏置 $b' = b - \\eta\\,\\partial C/\\partial b$"},
    "network.graph_before_step": {
        "en": "The graph shows the network before the step: your new weights $w'$ and biases $b'$ are filled in "
              "below, under the gradient-descent step.",
        "zh": "网络图显示的是这一步之前的网络：新的权重 $w'$ 和偏置 $b'$ 在下方“一次梯度下降”中填写。",
    },
    "network.step_yours": {
        "en": "Now take the step yourself with $\\eta = {eta}$: type each new value as a number, from your own "
              "gradients. A cell opens once its gradient is filled in.",
        "zh": "现在用 $\\eta = {eta}$ 亲手做这一步：根据你自己求出的梯度，把每个新的值写成一个数。"
              "某格的梯度填好后它才会打开。",
    },
    "network.step_yours_given": {
        "en": "Now take the step yourself with $\\eta = {eta}$ and the gradients given above: type each new value as "
              "a number.",
        "zh": "现在用 $\\eta = {eta}$ 和上面给出的梯度亲手做这一步：把每个新的值写成一个数。",
    },
    "network.step_pending": {
        "en": "Fill in every new weight and bias to see the cost after your step.",
        "zh": "填好所有新的权重和偏置后，就能看到这一步之后的代价。",
    },
    "network.step_fix": {
        "en": "Not yet: {cells} — wrong. Correct them to see the cost after your step (a cost computed from a wrong "
              "weight would tell you nothing).",
        "zh": "还不行：{cells} 有误。改正之后才能看到这一步之后的代价（用错误的权重算出的代价没有意义）。",
    },
    "network.step_own_note": {
        "en": "This is the step your own values give: some of your earlier cells have a slip, so it is not quite "
              "the true step.",
        "zh": "这是按你自己的数值做出的一步：你前面的部分格子有误，所以它与真正的一步略有不同。",
    },
    "network.cost_up": {
        "en": "The cost went up from {before} to {after}: a slip in your gradients sent this step uphill.",
        "zh": "代价从 {before} 升到了 {after}：梯度中的错误让这一步走向了上坡。",
    },
    "network.param": {"en": "parameter", "zh": "参数"},
    "network.old": {"en": "before", "zh": "之前"},
    "network.gradient": {"en": "gradient", "zh": "梯度"},
    "network.new": {"en": "after the step", "zh": "这一步之后"},
    "network.cost_before": {"en": "Cost before, $C$", "zh": "之前的代价 $C$"},
    "network.cost_after": {"en": "Cost after, $C'$", "zh": "之后的代价 $C'$"},
    "network.cost_down": {
        "en": "The cost went down from {before} to {after}: this one step moved every weight a little against "
              "its gradient.",
        "zh": "代价从 {before} 降到了 {after}：这一步让每个权重都沿着梯度的反方向移动了一点。",
    },
    "network.all_right": {"en": "Every cell is right — well done!", "zh": "所有格子都对了，做得好！"},
    "network.invite_title": {"en": "By hand, on the network itself", "zh": "在网络图上亲手算"},
    "network.invite.backprop": {
        "en": "Fill in a whole network yourself: the forward pass, the errors $\\delta$ going backwards, every "
              "gradient, then one step of gradient descent — each cell checked as you go, on the graph.",
        "zh": "亲手填完整个网络：前向传播、反向求误差 $\\delta$、每个梯度，最后做一次梯度下降——每一格都在网络图上即时判分。",
    },
    "network.invite.forward-pass": {
        "en": "Compute a forward pass neuron by neuron on a drawn network: every weighted input $z$ and output $a$, "
              "each checked as you go.",
        "zh": "在网络图上逐个神经单元做前向传播：每个加权输入 $z$ 和输出 $a$ 都即时判分。",
    },
    "network.invite.chain-rule": {
        "en": "Follow the chain rule link by link on a chain of two neurons: forward, then back, one local "
              "derivative at a time.",
        "zh": "在两个神经单元串成的链上一环一环地用链式法则：先前向，再反向，每次乘上一个局部导数。",
    },
    "network.invite_button": {"en": "Start a network", "zh": "开始填写网络"},
}
