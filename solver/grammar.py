"""The grammar: a Pratt parser over the lexer's tokens that builds SymPy values and their LaTeX together.

No `eval`, `sympify` or `parse_expr` is involved: every value is built by calling SymPy constructors with
checked sizes (``solver.arith``, ``solver.limits``).

Reading rules worth knowing (the LaTeX in `Parsed.latex` shows each reading):
- `^` and `**` are right-associative; `-x^2` is −(x²); `x^1/2` is x/2; `1/2x` is (1/2)·x.
- Juxtaposition multiplies: `2x`, `2(x+1)`, `(a+b)(a-b)`, `ycos(xy)`; a number may not follow an operand
  without an operator (`2 3` is an error, not 6).
- `sin x` is sin(x), `sin 2x` is sin(2x), `sin x cos x` is sin(x)·cos(x); `sin^2(x)` / `sin²x` is sin(x)².
- `√` binds like unary minus: `√x^2` is √(x²), `√2x` is √2·x.
- A declared variable beats a function of the same name: with σ declared, `σ(x)` is σ·x.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import sympy
from sympy import Basic, FiniteSet, ImmutableMatrix, Integer, S

from . import arith, bigops
from . import latex as tx
from . import typed as ty
from .errors import ParseError
from .functions import ANSWER_FUNCTIONS, INVERSES, FunctionSpec
from .lexer import HIDDEN, Token
from .limits import MAX_DEPTH, MAX_MATRIX_ENTRIES, check_factorial

_COMPARISONS = {"==": "=", "=": "=", "!=": r"\ne", "<": "<", "<=": r"\le", ">": ">", ">=": r"\ge"}


@dataclass
class Node:
    value: Any
    tex: str
    prec: int
    literal_vector: bool = field(default=False)
    typed: Any = None  # the unevaluated tree of what was typed (only when the parser keeps forms)
    computed: Any = ty.UNCHECKED  # what keeps it from being a literal value (only when the parser marks them)


def check_defined(values: Sequence[Any]) -> None:
    for v in values:
        if isinstance(v, Basic) and v.has(S.ComplexInfinity, S.NaN):
            raise ParseError("undefined", None)



class Parser:
    """Pratt parser over a token list; builds values and their LaTeX together."""

    def __init__(self, tokens: list[Token], mode: str, keep_form: bool = False, with_tex: bool = True,
                 mark_literal: bool = False):
        self.tokens = tokens
        self.pos = 0
        self.mode = mode
        self.keep_form = keep_form
        self.mark_literal = mark_literal  # set each node's `computed` (see `literal_computation`)
        self.with_tex = with_tex  # False: skip the LaTeX of values (names' values, vectors of vectors)
        self.depth = 0
        self.abs_depth = 0
        self.bound: list[Any] = []       # indices of the Σ/Π being read (innermost last)
        self.allow_infinity = False      # ∞ is read only as a bound of Σ/Π
        self.notes: list[dict[str, Any]] = []  # readings worth a hint (``e^-2x`` is e^(-2)·x)

    # -- token helpers ------------------------------------------------------------------------------
    def peek(self, offset: int = 0) -> Token:
        return self.tokens[min(self.pos + offset, len(self.tokens) - 1)]

    def advance(self) -> Token:
        tok = self.tokens[self.pos]
        if tok.kind != "end":
            self.pos += 1
        return tok

    def is_op(self, tok: Token, *ops: str) -> bool:
        return tok.kind == "op" and tok.text in ops

    def unexpected(self, tok: Token) -> ParseError:
        if tok.kind == "end":
            return ParseError("unexpected_end", tok.column)
        if tok.kind == "num":
            return ParseError("unexpected_number", tok.column, {"token": tok.text})
        if self.is_op(tok, "<") and tok is self.tokens[0]:   # <1, 2>: a vector in angle brackets
            return ParseError("angle_brackets", tok.column, {"token": tok.text})
        if self.is_op(tok, ";"):   # rows are separated only inside [ ]: (1; 2) is a vector written the European way
            return ParseError("row_separator", tok.column, {"token": tok.text})
        return ParseError("unexpected_token", tok.column, {"token": tok.text})

    def expect(self, op: str, opener: Token) -> Token:
        tok = self.peek()
        if self.is_op(tok, op):
            return self.advance()
        if tok.kind == "end":
            raise ParseError("unmatched_open", opener.column, {"token": opener.text})
        raise self.unexpected(tok)

    def typed(self, op: str, value: Any, *operands: Any) -> Any:
        """The typed tree of ``op`` over operands (nodes or plain values), when forms are kept."""
        if not self.keep_form:
            return None
        return ty.build(op, [_typed_or_value(o) for o in operands], value)

    def mark(self, node: Node, op: str, column: int | None, *operands: Any, name: str = "") -> Node:
        """Set ``node.computed`` from its own operation ``op`` and its operands (nodes or plain values), when
        literal values are being marked (``solver.typed.computation``); returns ``node``."""
        if self.mark_literal:
            nodes = [o for o in operands if isinstance(o, Node)]
            node.computed = ty.computation(op, column, node.value, [o.computed for o in nodes],
                                           [o.value if isinstance(o, Node) else o for o in operands], name)
        return node

    # -- grammar ------------------------------------------------------------------------------------
    def parse_top(self) -> Node:
        first = self.expr(0)
        if self.is_op(self.peek(), ","):
            items = [first]
            while self.is_op(self.peek(), ","):
                self.advance()
                items.append(self.expr(0))
            node = self.mark(self.vector(items, self.tokens[0]), "vector", None, *items)
        else:
            node = first
        tok = self.peek()
        if tok.kind != "end":
            raise self.unexpected(tok)
        return node

    def expr(self, min_bp: int) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError("too_deep", self.peek().column, {"limit": MAX_DEPTH})
        left = self.prefix()
        while True:
            tok = self.peek()
            if self.left_bp(tok) <= min_bp:
                break
            left = self.infix(left, tok)
        self.depth -= 1
        return left

    def starts_operand(self, tok: Token) -> bool:
        if tok.kind in ("num", "sym", "func", "big"):
            return True
        if tok.kind == "op":
            return tok.text in ("(", "[", "√", "∞") or (tok.text == "|" and self.abs_depth == 0)
        return False

    def starts_value(self, tok: Token) -> bool:
        """Whether ``tok`` can begin an operand, a signed one included (what must follow ^ and /)."""
        return self.starts_operand(tok) or self.is_op(tok, "-", "+", "{", "±", "∓")

    def left_bp(self, tok: Token) -> int:
        if tok.kind == "end":
            return 0
        if tok.kind == "sup":
            return 30
        if tok.kind == "kw":
            return {"and": 3, "or": 2}.get(tok.value, 0)
        if tok.kind == "op":
            t = tok.text
            if t in ("+", "-", "±", "∓"):
                return 10
            if t in ("*", "/", "⊙"):
                return 20
            if t == "^":
                return 30
            if t in ("%", "!", "ᵀ"):
                return 40
            if t in _COMPARISONS:
                return 5
            if t == "|":
                return 0 if self.abs_depth > 0 else 20
            if t in ("(", "[", "√", "∞"):
                return 20
            return 0
        return 20  # num / sym / func: implicit multiplication

    def prefix(self) -> Node:
        tok = self.advance()
        kind = tok.kind
        if kind == "num":
            return self.mark(Node(tok.value, tok.tex, tx.MUL if "times" in tok.tex else tx.ATOM), "atom", None)
        if kind == "sym":
            if tok.extra == "name":
                tex, prec = tx.of_value(tok.value) if self.with_tex else ("", tx.ATOM)
                return Node(tok.value, tex, prec)
            if tok.extra in ("index", "indexed"):
                return self.index(tok)
            return self.mark(Node(tok.value, tok.tex, tx.ATOM), "atom", None)
        if kind == "func":
            return self.call(tok)
        if kind == "big":
            return self.big_operator(tok)
        if kind == "kw" and tok.value == "not":
            operand = self.expr(4)
            return Node(not arith.to_bool(operand.value, tok.column), r"\lnot " + operand.tex, tx.NOT)
        if kind == "op":
            t = tok.text
            if t == "(":
                return self.group(tok)
            if t == "[":
                return self.bracket(tok)
            if t == "{":
                return self.set_literal(tok)
            if t == "|":
                return self.absolute(tok)
            if t in ("-", "+"):
                operand = self.expr(25)
                if t == "+":
                    return self.mark(Node(operand.value, "+" + operand.tex, tx.UNARY, typed=operand.typed),
                                     "group", None, operand)
                value = arith.neg(operand.value, tok.column)
                return self.mark(Node(value, "-" + tx.wrap(operand.tex, operand.prec, tx.UNARY), tx.UNARY,
                                       typed=self.typed("neg", value, operand)), "neg", tok.column, operand)
            if t in ("±", "∓"):
                operand = self.expr(25)
                value = operand.value
                alternatives = (value, arith.neg(value, tok.column))
                if t == "∓":
                    alternatives = alternatives[::-1]
                self.check_scalar(value, tok, "±")
                tex = (r"\pm " if t == "±" else r"\mp ") + tx.wrap(operand.tex, operand.prec, tx.UNARY)
                return self.mark(Node(arith.PlusMinus(tuple(dict.fromkeys(alternatives))), tex, tx.UNARY), "±",
                                 tok.column, operand)
            if t == "∞":
                if not self.allow_infinity:
                    raise ParseError("infinity_here", tok.column)
                return self.mark(Node(S.Infinity, r"\infty", tx.ATOM), "atom", None)
            if t == "√":
                operand = self.expr(25)
                value = self.apply(ANSWER_FUNCTIONS["sqrt"], [operand.value], tok)
                return self.mark(Node(value, r"\sqrt{%s}" % tx.strip_group(operand.tex), tx.ATOM), "call",
                                 tok.column, operand, name="√")
        raise self.unexpected(tok)

    def infix(self, left: Node, tok: Token) -> Node:
        col = tok.column
        if tok.kind == "sup":
            self.advance()
            value = arith.power(left.value, tok.value, col)
            return self.mark(Node(value, tx.power(left.tex, left.prec, tok.tex), tx.POW,
                                   typed=self.typed("^", value, left, tok.value)), "^", col, left, tok.value)
        if tok.kind == "kw":
            self.advance()
            right = self.expr(self.left_bp(tok))
            a, b = arith.to_bool(left.value, col), arith.to_bool(right.value, col)
            if tok.value == "and":
                return Node(a and b, r"%s \land %s" % (left.tex, right.tex), tx.AND)
            return Node(a or b, r"%s \lor %s" % (left.tex, right.tex), tx.OR)
        if tok.kind == "op":
            t = tok.text
            if t in ("+", "-", "±", "∓"):
                self.advance()
                right = self.expr(10)
                if t == "+":
                    value = arith.add(left.value, right.value, col)
                    return self.mark(Node(value, "%s + %s" % (left.tex, right.tex), tx.ADD,
                                           typed=self.typed("+", value, left, right)), "+", col, left, right)
                r_tex = tx.wrap(right.tex, right.prec, tx.ADD + 1)
                if t == "-":
                    value = arith.sub(left.value, right.value, col)
                    return self.mark(Node(value, "%s - %s" % (left.tex, r_tex), tx.ADD,
                                           typed=self.typed("-", value, left, right)), "-", col, left, right)
                self.check_scalar(left.value, tok, "±")
                self.check_scalar(right.value, tok, "±")
                plus = arith.add(left.value, right.value, col)
                minus = arith.sub(left.value, right.value, col)
                pair = (plus, minus) if t == "±" else (minus, plus)
                items = tuple(dict.fromkeys(_flatten(pair)))
                tex = r"%s %s %s" % (left.tex, r"\pm" if t == "±" else r"\mp", r_tex)
                return self.mark(Node(items[0] if len(items) == 1 else arith.PlusMinus(items), tex, tx.ADD), "±",
                                 col, left, right)
            if t in ("*", "/", "⊙"):
                self.advance()
                if t == "/" and not self.starts_value(self.peek()):
                    raise ParseError("fraction_needs_denominator", col, {"token": "/"})
                right = self.expr(20)
                if t == "*":
                    return self.product(left, right, col, explicit=True)
                if t == "⊙":
                    value = arith.hadamard(left.value, right.value, col)
                    tex = r"%s \odot %s" % (tx.wrap(left.tex, left.prec, tx.MUL), tx.wrap(right.tex, right.prec, tx.MUL))
                    return self.mark(Node(value, tex, tx.MUL), "⊙", col, left, right)
                self.note_fraction(left, right)
                value = arith.div(left.value, right.value, col)
                return self.mark(Node(value, tx.fraction(left.tex, right.tex), tx.MUL,
                                       typed=self.typed("/", value, left, right)), "/", col, left, right)
            if t == "^":
                self.advance()
                nxt = self.peek()
                if nxt.kind == "func" and nxt.text == "T" and not self.is_op(self.peek(1), "("):
                    self.advance()
                    return self.transpose(left, tok)
                if not self.starts_value(nxt):
                    raise ParseError("power_needs_exponent", col, {"token": "^"})
                start = self.pos
                right = self.expr(29)
                self.note_power(left, right, start)
                value = arith.power(left.value, right.value, col)
                return self.mark(Node(value, tx.power(left.tex, left.prec, right.tex), tx.POW,
                                       typed=self.typed("^", value, left, right)), "^", col, left, right)
            if t == "%":
                self.advance()
                value = arith.div(left.value, Integer(100), col)
                return self.mark(Node(value, left.tex + r"\%", tx.ATOM, typed=self.typed("/", value, left, Integer(100))),
                                 "%", col, left)
            if t == "!":
                self.advance()
                if isinstance(left.value, ImmutableMatrix) or not isinstance(left.value, Basic):
                    raise self.unexpected(tok)
                check_factorial(left.value, col)
                return self.mark(Node(sympy.factorial(left.value), tx.wrap(left.tex, left.prec, tx.ATOM) + "!", tx.ATOM),
                                 "call", col, left, name="!")
            if t == "ᵀ":
                self.advance()
                return self.transpose(left, tok)
            if t in _COMPARISONS:
                self.advance()
                if self.mode != "template":
                    raise ParseError("comparison_not_allowed", col, {"token": t})
                right = self.expr(5)
                op = "==" if t == "=" else t
                value = arith.compare(left.value, op, right.value, col)
                return Node(value, "%s %s %s" % (left.tex, _COMPARISONS[t], right.tex), tx.CMP)
        # implicit multiplication
        if tok.kind == "num":
            raise self.unexpected(tok)
        right = self.expr(20)
        return self.product(left, right, col, explicit=False)

    # -- pieces -------------------------------------------------------------------------------------
    def product(self, left: Node, right: Node, col: int, explicit: bool) -> Node:
        if self.mode == "answer" and _is_vector(left.value) and _is_vector(right.value):   # (1, 2)·(3, 4): the formula
            raise ParseError("inner_product_typed", col)
        value = arith.mul(left.value, right.value, col)
        tex = tx.product(tx.wrap(left.tex, left.prec, tx.MUL), tx.wrap(right.tex, right.prec, tx.MUL), explicit)
        return self.mark(Node(value, tex, tx.MUL, typed=self.typed("*", value, left, right)), "*", col, left, right)

    def note_power(self, base: Node, exponent: Node, start: int) -> None:
        """Note ``e^-2x`` (read e^(-2)·x, as documented): a number exponent, negative or on e, with a name
        typed right after it — the learner may have meant e^(-2x). And ``x^1/2`` (read (x^1)/2): the exponent 1,
        which nobody writes, with ``/`` and a number right after it — the learner meant x^(1/2)."""
        nxt, last = self.peek(), self.tokens[self.pos - 1]
        if nxt.column != last.column + len(last.text) or not isinstance(exponent.value, sympy.Number):
            return
        before = self.tokens[start - 2] if start >= 2 else None
        base_text = before.text if before is not None and before.kind in ("sym", "num") \
            and (start < 3 or self.tokens[start - 3].kind == "op") else "…"
        exponent_text = "".join(t.text for t in self.tokens[start:self.pos])
        if nxt.kind in ("sym", "func") and (exponent.value < 0 or base.value == sympy.E):
            self.notes.append({"code": "power_then_product", "read": f"{base_text}^({exponent_text})·{nxt.text}",
                               "meant": f"{base_text}^({exponent_text}{nxt.text})"})
        denominator = self.peek(1)
        if self.is_op(nxt, "/") and self.pos - start == 1 and last.text == "1" and denominator.kind == "num" \
                and denominator.column == nxt.column + 1:   # x^2/2 is meant as written; x^1/2 is not
            self.notes.append({"code": "power_then_fraction",
                               "read": f"({base_text}^{exponent_text})/{denominator.text}",
                               "meant": f"{base_text}^({exponent_text}/{denominator.text})"})

    def note_fraction(self, numerator: Node, denominator: Node) -> None:
        """Note ``1/1+e^-x`` (read (1/1) + e^-x): a division by the number 1, which nobody writes, with + or −
        right after it — the learner meant the whole sum below the bar, 1/(1+e^-x)."""
        last, nxt = self.tokens[self.pos - 1], self.peek()
        if denominator.value == 1 and last.kind == "num" and last.text == "1" and self.is_op(nxt, "+", "-"):
            top = self.tokens[self.pos - 3] if self.pos >= 3 else None
            top_text = top.text if top is not None and top.kind in ("sym", "num") \
                and (self.pos < 4 or self.tokens[self.pos - 4].kind == "op") else "…"
            self.notes.append({"code": "fraction_then_sum", "read": f"{top_text}/1 {nxt.text} …",
                               "meant": f"{top_text}/(1 {nxt.text} …)"})

    def index(self, tok: Token) -> Node:
        """The index of a Σ/Π, or a family member such as ``x_i``, inside its sum (else an error)."""
        if tok.extra == "index":
            symbol, shadowed = tok.value
            if symbol in self.bound:
                return self.mark(Node(symbol, tok.tex, tx.ATOM), "atom", None)
            if shadowed is not None and shadowed.role in ("var", "const"):  # a declared name the index hid
                return self.mark(Node(shadowed.value, shadowed.tex, tx.ATOM), "atom", None)
            raise ParseError("index_outside", tok.column, {"name": tok.text, "index": tok.text})
        if tok.value.indices[0].free_symbols <= set(self.bound):
            return self.mark(Node(tok.value, tok.tex, tx.ATOM), "atom", None)
        raise ParseError("index_outside", tok.column, {"name": tok.text, "index": str(tok.value.indices[0])})

    def big_operator(self, tok: Token) -> Node:
        """``∑_{i=lo}^{hi} body``: the body is what follows up to the next + or − (``Σ w_i x_i + b``)."""
        head = tok.extra
        lo, hi = self.bound_value(head.lo), self.bound_value(head.hi)
        nxt = self.peek()
        if not (self.starts_operand(nxt) or self.is_op(nxt, "-", "+")):
            raise ParseError("sum_body", tok.column, {"op": "Σ" if head.op == "sum" else "Π"})
        self.bound.append(head.symbol)
        start = self.pos
        body = self.expr(10)
        self.bound.pop()
        value = bigops.evaluate(head, body.value, lo.value, hi.value, self.pos - start)
        name = r"\sum" if head.op == "sum" else r"\prod"
        tex = r"%s_{%s=%s}^{%s} %s" % (name, head.index, tx.strip_group(lo.tex), tx.strip_group(hi.tex),
                                       tx.wrap(body.tex, body.prec, tx.MUL))
        node = Node(value, tex, tx.MUL)
        if self.mark_literal:  # Σ is a computation the literal form leaves to the learner
            node.computed = ty.Computation("sum-notation", tok.column)
        return node

    def bound_value(self, tokens: list[Token]) -> Node:
        sub = Parser(tokens, self.mode, with_tex=self.with_tex)
        sub.allow_infinity = True
        sub.bound = list(self.bound)
        return sub.parse_top()

    def transpose(self, left: Node, tok: Token) -> Node:
        if not isinstance(left.value, ImmutableMatrix):
            raise arith.shape_error("only a vector or matrix can be transposed", "只有向量或矩阵可以转置",
                                    tok.column)
        return self.mark(Node(ImmutableMatrix(left.value.T), tx.wrap(left.tex, left.prec, tx.ATOM) + "^{T}", tx.POW),
                         "transpose", tok.column, left)

    def check_scalar(self, value: Any, tok: Token, what: str) -> None:
        if isinstance(value, (ImmutableMatrix, FiniteSet, bool)):
            raise ParseError("not_allowed", tok.column, {"what": f"'{what}' with {arith.shape_text(value)[0]}"})

    def sequence(self, closer: str, opener: Token) -> list[Node]:
        """Comma-separated expressions up to `closer` (consumed)."""
        saved_abs, self.abs_depth = self.abs_depth, 0
        items: list[Node] = []
        if self.is_op(self.peek(), closer):
            self.advance()
            self.abs_depth = saved_abs
            return items
        while True:
            items.append(self._entry())
            if self.is_op(self.peek(), ","):
                self.advance()
                continue
            self.expect(closer, opener)
            break
        self.abs_depth = saved_abs
        return items

    def group(self, tok: Token) -> Node:
        items = self.sequence(")", tok)
        if not items:
            raise ParseError("unexpected_token", tok.column + 1, {"token": "}" if tok.extra == HIDDEN else ")"})
        if len(items) == 1:
            item = items[0]
            if tok.extra == HIDDEN:  # LaTeX braces group without showing
                return self.mark(Node(item.value, item.tex, item.prec, item.literal_vector, item.typed), "group",
                                 None, item)
            return self.mark(Node(item.value, r"\left(%s\right)" % item.tex, tx.ATOM, item.literal_vector, item.typed),
                             "group", None, item)
        return self.mark(self.vector(items, tok), "vector", None, *items)

    def bracket(self, tok: Token) -> Node:
        saved_abs, self.abs_depth = self.abs_depth, 0
        rows: list[list[Node]] = [[]]
        if self.is_op(self.peek(), "]"):
            raise ParseError("unexpected_token", self.peek().column, {"token": "]"})
        while True:
            rows[-1].append(self._entry())
            nxt = self.peek()
            if self.is_op(nxt, ","):
                self.advance()
            elif self.is_op(nxt, ";"):
                self.advance()
                rows.append([])
            else:
                self.expect("]", tok)
                break
        self.abs_depth = saved_abs
        if len(rows) > 1:
            return self.mark(self.matrix_rows(rows, tok), "matrix", None, *(i for row in rows for i in row))
        items = rows[0]
        if len(items) == 1 and not items[0].literal_vector:
            item = items[0]
            if isinstance(item.value, ImmutableMatrix):  # [\begin{matrix}…\end{matrix}]: SymPy's LaTeX of a matrix
                return self.mark(Node(item.value, item.tex, tx.ATOM), "group", None, item)
            return self.mark(Node(item.value, r"\left[%s\right]" % item.tex, tx.ATOM, typed=item.typed), "group",
                             None, item)
        return self.mark(self.vector(items, tok), "vector", None, *items)

    def _entry(self) -> Node:
        """One entry inside brackets. Two numbers side by side there (``(1 2 3)``, ``[1 2; 3 4]``, entries apart by
        spaces as in MATLAB) are refused with the advice for a list as well as for a product."""
        try:
            return self.expr(0)
        except ParseError as err:
            if err.code == "unexpected_number":
                err.code = "entries_need_commas"
            raise

    def vector(self, items: list[Node], tok: Token) -> Node:
        """(a, b, c) as a column; a list of equal-length vectors becomes the rows of a matrix."""
        vectors = [isinstance(i.value, ImmutableMatrix) and i.value.shape[1] == 1 for i in items]
        if any(vectors) and not all(vectors) and not any(isinstance(i.value, ImmutableMatrix) and not v
                                                         for i, v in zip(items, vectors)):
            lengths = [i.value.shape[0] if v else 1 for i, v in zip(items, vectors)]
            row = next(k for k, n in enumerate(lengths, start=1) if n != lengths[0])
            raise ParseError("ragged_matrix", tok.column, {"row": row, "got": lengths[row - 1],
                                                           "expected": lengths[0]})
        if all(vectors):
            latex = sympy.latex if self.with_tex else (lambda e: "")
            return self.matrix_rows([[Node(e, latex(e), tx.ATOM) for e in i.value] for i in items], tok,
                                    texts=[i for i in items])
        for item in items:
            self.check_entry(item, tok)
        if len(items) > MAX_MATRIX_ENTRIES:
            raise ParseError("too_big", tok.column, {"what": {"en": "this vector", "zh": "这个向量"}, "hint": "matrix"})
        value = ImmutableMatrix(len(items), 1, [i.value for i in items])  # flat: SymPy reads nested lists slowly
        return Node(value, tx.matrix([[i.tex] for i in items]), tx.ATOM, literal_vector=True)

    def check_entry(self, item: Node, tok: Token) -> None:
        if isinstance(item.value, (ImmutableMatrix, FiniteSet, arith.PlusMinus)) or arith.is_logical(item.value):
            raise arith.shape_error("the entries of a vector or matrix must be numbers or expressions",
                                    "向量或矩阵的元素必须是数或表达式", tok.column)

    def matrix_rows(self, rows: list[list[Node]], tok: Token, texts: list[Node] | None = None) -> Node:
        width = len(rows[0])
        for index, row in enumerate(rows, start=1):
            if len(row) != width:
                raise ParseError("ragged_matrix", tok.column, {"row": index, "got": len(row), "expected": width})
            for item in row:
                self.check_entry(item, tok)
        if width * len(rows) > MAX_MATRIX_ENTRIES:
            raise ParseError("too_big", tok.column, {"what": {"en": "this matrix", "zh": "这个矩阵"}, "hint": "matrix"})
        value = ImmutableMatrix(len(rows), width, [i.value for row in rows for i in row])
        if texts is not None and all(t.literal_vector for t in texts):
            tex_rows = [[_strip_matrix_tex(t.tex)] for t in texts]
            tex = r"\begin{pmatrix} %s \end{pmatrix}" % r" \\ ".join(
                " & ".join(r[0]) for r in tex_rows)
        else:
            tex = tx.matrix([[i.tex for i in row] for row in rows])
        return Node(value, tex, tx.ATOM)

    def set_literal(self, tok: Token) -> Node:
        items = self.sequence("}", tok)
        values: list[Any] = []
        for item in items:
            if isinstance(item.value, (bool, FiniteSet)):
                raise arith.shape_error("the elements of a set must be numbers, expressions or vectors",
                                        "集合的元素必须是数、表达式或向量", tok.column)
            values.extend(_flatten([item.value]))
        return self.mark(Node(FiniteSet(*values), tx.set_of([i.tex for i in items]), tx.ATOM), "set", None, *items)

    def absolute(self, tok: Token) -> Node:
        self.abs_depth += 1
        inner = self.expr(0)
        closing = self.peek()
        if not self.is_op(closing, "|"):
            if closing.kind == "end":
                raise ParseError("unmatched_open", tok.column, {"token": "|"})
            raise self.unexpected(closing)
        self.advance()
        self.abs_depth -= 1
        if self.mode == "answer" and _is_vector(inner.value):   # |(1, 2)|: the question's formula
            raise ParseError("vector_length_typed", tok.column)
        value = self.apply(ANSWER_FUNCTIONS["abs"], [inner.value], tok)
        return self.mark(Node(value, r"\left|%s\right|" % tx.strip_group(inner.tex), tx.ATOM), "call", tok.column,
                         inner, name="|…|")

    def call(self, tok: Token) -> Node:
        spec: FunctionSpec = tok.value
        name_tex = tok.tex
        args: list[Node]
        power_tex: str | None = None
        power_value: Any = None
        nxt = self.peek()
        if (nxt.kind == "sup" and nxt.value < 0) or (self.is_op(nxt, "^") and (
                self.is_op(self.peek(1), "-") or (self.peek(1).extra == HIDDEN and self.is_op(self.peek(2), "-")))):
            # sin^-1: arcsin or 1/sin? Learners mean either; the message offers both spellings
            raise ParseError("inverse_function", tok.column, {"name": tok.text, "inverse": INVERSES.get(spec.name)})
        if nxt.kind == "sup" or (self.is_op(nxt, "^") and self.peek(1).kind == "num"):
            # sin^2(x), sin²x: the power of the function's value
            if nxt.kind == "sup":
                self.advance()
                power_value, power_tex = nxt.value, nxt.tex
            else:
                self.advance()
                num = self.advance()
                power_value, power_tex = num.value, num.tex
            if not (isinstance(power_value, Integer) and power_value > 0):
                raise self.unexpected(nxt)
            nxt = self.peek()
        if self.is_op(nxt, "("):
            opener = self.advance()
            args = self.sequence(")", opener)
        elif self.starts_operand(nxt) and nxt.kind != "func":
            arg = self.expr(25)
            while self.peek().kind == "sym" or self.is_op(self.peek(), "√"):
                right = self.expr(25)
                arg = self.product(arg, right, self.peek().column, explicit=False)
            args = [arg]
        else:
            raise ParseError("needs_argument", tok.column, {"name": tok.text})
        if len(args) < spec.min_args or (spec.max_args is not None and len(args) > spec.max_args):
            if not args:
                raise ParseError("needs_argument", tok.column, {"name": tok.text})
            expected = str(spec.min_args) if spec.max_args == spec.min_args else (
                f"{spec.min_args}+" if spec.max_args is None else f"{spec.min_args}–{spec.max_args}")
            raise ParseError("wrong_arg_count", tok.column, {"name": tok.text, "expected": expected,
                                                             "got": len(args)})
        values = [a.value for a in args]
        if tok.extra is not None and not isinstance(tok.extra, str):  # log_2(x): the base
            values.append(tok.extra)
            name_tex = r"\log_{%s}" % tok.extra
            if len(values) > 2:
                raise ParseError("wrong_arg_count", tok.column, {"name": tok.text, "expected": "1",
                                                                 "got": len(args)})
        value = self.apply(spec, values, tok)
        typed = self.typed_call(value, args)
        tex = tx.call(name_tex, [a.tex for a in args])
        if tok.extra is not None and not isinstance(tok.extra, str):
            tex = r"%s\left(%s\right)" % (name_tex, tx.strip_group(args[0].tex))
        if power_value is not None:
            typed = self.typed("^", arith.power(value, power_value, tok.column), Node(value, "", 0, typed=typed),
                               power_value)
            value = arith.power(value, power_value, tok.column)
            tex = tx.power(tex, tx.ATOM, power_tex) if not tex.startswith("\\") or "\\left(" not in tex else \
                tex.replace(r"\left(", "^{%s}\\left(" % power_tex, 1)
        return self.mark(Node(value, tex, tx.ATOM, typed=typed), "call", tok.column, *args,
                         *([power_value] if power_value is not None else []), name=tok.text)

    def typed_call(self, value: Any, args: list[Node]) -> Any:
        """``f(typed args)`` unevaluated when ``value`` is a plain call of the typed arguments, else None."""
        if not self.keep_form or not isinstance(value, sympy.Function) or len(value.args) != len(args):
            return None
        typed_args = [_typed_or_value(a) for a in args]
        if typed_args == list(value.args):
            return None
        try:
            return value.func(*typed_args, evaluate=False)
        except (TypeError, ValueError):
            return None

    def apply(self, spec: FunctionSpec, values: list[Any], tok: Token) -> Any:
        """Call a function spec, turning its failures into ParseErrors at the call's column."""
        if len(values) == 1 and isinstance(values[0], arith.PlusMinus):
            return arith.PlusMinus(tuple(dict.fromkeys(self.apply(spec, [v], tok) for v in values[0].items)))
        for v in values:
            if isinstance(v, (arith.PlusMinus, FiniteSet)) or (isinstance(v, bool) and not spec.matrix_args):
                raise ParseError("not_allowed", tok.column, {"what": {"en": f"{arith.shape_text(v)[0]} inside "
                                                                            f"{tok.text}(…)",
                                                                      "zh": f"{tok.text}(…) 中的{arith.shape_text(v)[1]}"}})
        try:
            result = spec.call(values)
            check_defined(list(result) if isinstance(result, ImmutableMatrix) else [result])
            return result
        except ParseError as err:
            if err.column is None:
                err.column = tok.column
            raise
        except RecursionError:
            raise ParseError("too_deep", tok.column, {"limit": MAX_DEPTH}) from None
        except (ValueError, TypeError, ArithmeticError, AttributeError, IndexError, NotImplementedError,
                KeyError):
            raise ParseError("bad_arguments", tok.column, {"name": tok.text}) from None


def _typed_or_value(operand: Any) -> Any:
    if isinstance(operand, Node):
        return operand.value if operand.typed is None else operand.typed
    return operand


def _flatten(values: Sequence[Any]) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if isinstance(v, arith.PlusMinus):
            out.extend(v.items)
        else:
            out.append(v)
    return out


def _strip_matrix_tex(tex: str) -> list[str]:
    r"""Entries of a one-column \begin{pmatrix} a \\ b \end{pmatrix} as a row."""
    body = tex[len(r"\begin{pmatrix} "):-len(r" \end{pmatrix}")]
    return body.split(r" \\ ")


def _is_vector(value: Any) -> bool:
    """Whether ``value`` is a column vector of several components (two side by side: an inner product)."""
    return isinstance(value, ImmutableMatrix) and value.shape[1] == 1 and value.shape[0] > 1
