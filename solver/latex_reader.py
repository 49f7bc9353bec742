r"""The LaTeX front end: LaTeX and brace notation rewritten into the plain notation the lexer reads.

Learners (and SymPy's ``latex()``) write ``\frac{e^{-z}}{(1+e^{-z})^2}``, ``x^{n-1}``, ``\left(x+1\right)^{2}``,
``\begin{pmatrix}1\\2\end{pmatrix}``. ``read(text)`` rewrites each construct into the plain notation the
tokenizer already knows and returns a ``Source``: the plain text plus, for every character, the column it came
from, so every error still points into what the learner typed. The grammar is the tables below:

- a command that stands for a symbol or a word (``SYMBOLS``, ``WORDS``: ``\cdot`` → ·, ``\alpha`` → α,
  ``\sin`` → sin) becomes that text; spacing and sizing commands (``SPACING``, ``\left``/``\big…``) vanish
  and leave their delimiter;
- a command with arguments (``\frac{a}{b}``, ``\sqrt[n]{x}``, ``\text{…}``, ``\begin{pmatrix}…\end{pmatrix}``,
  ``\sum_{i=1}^{n}``) is rewritten by its own small rule;
- braces group after ``^``, ``_`` and as arguments; elsewhere ``{…}`` is a set when it stands alone (``{1, 2}``,
  ``x = {2}``) or holds a comma, and a group when it is an operand (``3-{n-1}``, ``{x+1}^2``); ``\{ \}``
  is always a set. Grouping uses hidden brackets (``HIDDEN_OPEN``/``HIDDEN_CLOSE``) that read like ( ) but
  do not show in the preview.

Nothing is defined or expanded: a command is either in these tables or refused with the list of what is
understood (``unknown_command``), so ``\def``, ``\input``, ``\write18`` or ``\csname`` are simply unknown.
Work is linear in the text and nesting is bounded by ``MAX_DEPTH``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

from .errors import ParseError
from .limits import MAX_DEPTH, MAX_LENGTH

HIDDEN_OPEN, HIDDEN_CLOSE = "\ue000", "\ue001"
SUM, PRODUCT = "∑", "∏"
TRANSPOSE_MARK = "⊤"

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "varrho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
SYMBOLS = {  # a command that stands for one symbol of the plain notation
    "cdot": "·", "times": "×", "ast": "*", "div": "÷", "pm": "±", "mp": "∓", "odot": "⊙", "infty": "∞",
    "partial": "∂", "prime": "'", "top": TRANSPOSE_MARK, "intercal": TRANSPOSE_MARK, "vert": "|", "lvert": "|",
    "rvert": "|", "mid": "|", "lbrack": "[", "rbrack": "]", "lbrace": "{", "rbrace": "}", "{": "{", "}": "}",
    "%": "%", "le": "≤", "leq": "≤", "leqslant": "≤", "ge": "≥", "geq": "≥", "geqslant": "≥", "ne": "≠", "neq": "≠",
    "lt": "<", "gt": ">",
    "approx": "≈", "simeq": "≈", "langle": "⟨", "rangle": "⟩", "nabla": "∇", "in": "∈",
    **GREEK,
}
REPEAT_MARKS = ("overline", "dot", "bar")
"""Commands that mark the repeating digits of a decimal (0.\\overline{3}, 0.\\dot{3}) when they follow a digit."""
WORDS = ("exp", "ln", "log", "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "sinh", "cosh",
         "tanh", "coth", "max", "min", "det", "lim",
         # not LaTeX commands, but typed as if they were:
         "sech", "csch", "cosec", "cosech", "arsinh", "arcosh", "artanh", "arcsinh", "arccosh", "arctanh")
"""Function names read like the plain word (``\\arctan x`` is arctan x)."""
SPACING = {",", ";", ":", "!", " ", ">", "quad", "qquad", "enspace", "thinspace", "medspace", "thickspace",
           "negthinspace", "negmedspace", "negthickspace", "displaystyle", "textstyle", "scriptstyle", "limits",
           "nolimits", "hline"}
SIZES = {"left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl",
         "biggr", "Biggl", "Biggr"}
FRACTIONS = {"frac", "dfrac", "tfrac", "cfrac"}
FONTS = {"mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathnormal", "boldsymbol", "bm", "pmb", "vec",
         "overrightarrow", "mathbb"}
"""Commands that only dress a name (a bold w, an arrow over a) and are read as the name itself."""
TEXTS = {"text", "textrm", "textit", "textsf", "textnormal", "operatorname", "mbox", "mathop"}
ENVIRONMENTS = {"matrix", "pmatrix", "bmatrix", "Bmatrix", "smallmatrix", "array"}
_DELIMITERS = {"(": "(", ")": ")", "[": "[", "]": "]", "|": "|", ".": "", "/": "/"}
_SET_STARTS = {"", ",", "(", "[", "{", ";", "=", HIDDEN_OPEN}
_SET_ENDS = {"", ",", ")", "]", "}", ";", "=", "&"}
_EXAMPLES = {"frac": r"\frac{3}{4}", "sqrt": r"\sqrt{2}", "^": "x^{n-1}", "_": "a_{n}", "sum": r"\sum_{i=1}^{3}"}
_HEADER_WORDS = (("sum", SUM), ("prod", PRODUCT))
VULGAR_FRACTIONS = {ch: "({0.numerator}/{0.denominator})".format(
    Fraction(unicodedata.numeric(ch)).limit_denominator(10)) for ch in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"}
"""The fraction characters (½, ¾), read as the fraction in brackets."""
SUPERSCRIPTS = {ch: chr(int(unicodedata.decomposition(ch).split()[1], 16))
                for ch in "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ⁽⁾⁺⁻⁼⁰¹²³⁴⁵⁶⁷⁸⁹"}
"""Superscript characters and what they stand for. A run of them holding a letter or a bracket (2ⁿ⁻¹, e⁻ˣ) is read
as a power, 2^(n−1); a run of digits and signs (x², x⁻¹) is left to the plain notation, which reads it so."""
_SUPERSCRIPT_WORDS = "".join(ch for ch, plain in SUPERSCRIPTS.items() if plain.isalpha() or plain in "()")
_NEEDS_FRONT_END = re.compile(r"[\\{}&$∑∏ΣΠ~⊤" + HIDDEN_OPEN + HIDDEN_CLOSE + "".join(VULGAR_FRACTIONS)
                              + _SUPERSCRIPT_WORDS + r"…]|sum|prod|\.\.\.")
UNDERSTOOD = (r"\frac{a}{b}, \sqrt{x}, \sqrt[n]{x}, x^{…}, x_{…}, \cdot, \times, \pm, \left( \right), "
              r"\exp \ln \log \sin \cos \tan \sec \cot \arctan \tanh \max \min, \sigma, \alpha … \omega, \pi, \infty, A^\top, "
              r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}, \{ \}, \sum_{i=1}^{n}, \prod, \text{…}, \mathrm{…}, "
              r"\, \; \quad")


_TYPED_TOKEN = re.compile(r"\\(?:%s)\s*(?:\\[A-Za-z]+|\\.|.)|\\[A-Za-z]+|\\.|\*\*|[=!<>]=|or\b|." % "|".join(
    sorted(("left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
            "Biggl", "Biggr"), key=len, reverse=True)), re.S)


@dataclass(frozen=True)
class Source:
    """Plain-notation text and, for each character, its 1-based column in what was typed (None: the same)."""

    text: str
    columns: tuple[int, ...] | None = None
    length: int = 0  # length of what was typed: the column after its end is length + 1
    typed: str | None = None  # what was typed (None: ``text`` itself)

    def typed_token(self, column: int | None) -> str:
        """What was typed at ``column`` (of what was typed) as one token: ``\\cdot``, ``\\right)``, ``**``, ``×``;
        "" past the end."""
        typed = self.text if self.typed is None else self.typed
        if column is None or not 1 <= column <= len(typed):
            return ""
        match = _TYPED_TOKEN.match(typed, column - 1)
        return match.group().strip() if match else ""

    def column(self, col: int | None) -> int | None:
        """The column in what was typed of the 1-based column ``col`` of ``text``."""
        if col is None or self.columns is None:
            return col
        if 1 <= col <= len(self.columns):
            return self.columns[col - 1]
        return self.length + 1

    def slice(self, start: int, end: int) -> Source:
        """The characters ``start:end`` (0-based) with their columns."""
        columns = self.columns[start:end] if self.columns is not None else tuple(range(start + 1, end + 1))
        return Source(self.text[start:end], columns, self.length or len(self.text),
                      self.text if self.typed is None else self.typed)


def read(text: str) -> Source:
    """``text`` in the plain notation (unchanged, with no column map, when it uses no LaTeX or braces).

    Raises ParseError (columns in ``text``) for LaTeX that cannot be read."""
    if len(text) > MAX_LENGTH:
        raise ParseError("too_long", None, {"length": len(text), "limit": MAX_LENGTH})
    start, end = _math_delimiters(text)
    if start == 0 and end == len(text) and not _NEEDS_FRONT_END.search(text):
        return Source(text, None, len(text))
    reader = _Reader(text, start, end)
    out = reader.read("")
    return Source("".join(out.chars), tuple(out.cols), len(text), text)


def _math_delimiters(text: str) -> tuple[int, int]:
    r"""Indices of the text inside ``$…$``, ``$$…$$``, ``\(…\)`` or ``\[…\]`` around the whole answer."""
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    for open_, close in (("$$", "$$"), ("$", "$"), (r"\(", r"\)"), (r"\[", r"\]")):
        if len(stripped) >= len(open_) + len(close) and stripped.startswith(open_) and stripped.endswith(close):
            return lead + len(open_), lead + len(stripped) - len(close)
    return 0, len(text)


class _Out:
    """Plain text being built, with the column of each character."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.cols: list[int] = []

    def add(self, text: str, col: int) -> None:
        for ch in text:
            self.chars.append(ch)
            self.cols.append(col)

    def word(self, text: str, col: int) -> None:
        """Add a word, separated from a letter or digit before it (``2\\sqrt`` → ``2 sqrt``, ``\\alpha\\beta``)."""
        last = self.last()
        if text[:1].isalpha() and last.isalnum():
            self.add(" ", col)
        self.add(text, col)

    def extend(self, other: _Out) -> None:
        self.chars.extend(other.chars)
        self.cols.extend(other.cols)

    def group(self, inner: _Out, open_col: int, close_col: int, opener: str = HIDDEN_OPEN,
              closer: str = HIDDEN_CLOSE) -> None:
        self.add(opener, open_col)
        self.extend(inner)
        self.add(closer, close_col)

    def last(self) -> str:
        for ch in reversed(self.chars):
            if not ch.isspace():
                return ch
        return ""

    def text(self) -> str:
        return "".join(self.chars).strip()


def _top_level(chars: list[str]) -> str:
    """The characters of ``chars`` outside any brackets."""
    depth, kept = 0, []
    for ch in chars:
        if ch in "([{" + HIDDEN_OPEN:
            depth += 1
        elif ch in ")]}" + HIDDEN_CLOSE:
            depth -= 1
        elif depth == 0:
            kept.append(ch)
    return "".join(kept)


class _Reader:
    """One pass over the text; each ``read`` stops at a closer of its level or at ``\\end``."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.s = text
        self.i = start
        self.n = end
        self.depth = 0
        self.matrices = 0                         # open matrix environments
        self.ended: tuple[str, int] | None = None  # an \end{env} just read: (env, column)

    # -- the main loop ------------------------------------------------------------------------------
    def read(self, closers: str) -> _Out:
        """Plain text up to a character in ``closers`` (not consumed), an ``\\end`` or the end of the text."""
        out = _Out()
        s = self.s
        while self.i < self.n and self.ended is None:
            ch = s[self.i]
            if ch in closers:
                break
            col = self.i + 1
            if ch == "\\":
                self.command(out)
            elif ch == "{":
                self.brace(out)
            elif ch == "^":
                self.superscript(out)
            elif ch == "_":
                self.subscript(out)
            elif ch == "&":
                if not self.matrices:
                    raise ParseError("latex_outside_matrix", col, {"token": "&"})
                out.add(",", col)
                self.i += 1
            elif ch in (HIDDEN_OPEN, HIDDEN_CLOSE):
                raise ParseError("unexpected_char", col, {"char": "U+%04X" % ord(ch), "codepoint": "U+%04X" % ord(ch)})
            elif ch == "$":
                raise ParseError("latex_dollar", col)
            elif ch == "~":
                out.add(" ", col)
                self.i += 1
            elif ch == "…" or s.startswith("...", self.i):   # 1 + 2 + ... + n: an ellipsis, as … is
                if out.chars and out.chars[-1].isdigit():   # 0.333…: a decimal that goes on
                    raise ParseError("decimal_ellipsis", col, {"token": s[self.i:self.i + (1 if ch == "…" else 3)]})
                out.add("…", col)
                self.i += 1 if ch == "…" else 3
            elif ch in SUPERSCRIPTS:
                self.superscript_run(out)
            elif ch in VULGAR_FRACTIONS:
                if out.last().isdigit():   # 2½: a mixed number, which would read as 2·½
                    raise ParseError("mixed_number", col, {"typed": out.last() + ch,
                                                           "fraction": VULGAR_FRACTIONS[ch].strip("()")})
                out.add(VULGAR_FRACTIONS[ch], col)
                self.i += 1
            elif ch in (SUM, PRODUCT) or (ch in "ΣΠ" and self.header_follows(self.i + 1, need_equals=True)):
                self.i += 1
                self.header(out, SUM if ch in (SUM, "Σ") else PRODUCT, col)
            elif ch in "sp" and self.header_word(out, col):
                pass
            else:
                out.add(ch, col)
                self.i += 1
        return out

    def superscript_run(self, out: _Out) -> None:
        """A run of superscript characters: as a power ``^(…)`` when it holds a letter or a bracket, else as typed."""
        end = self.i
        while end < self.n and self.s[end] in SUPERSCRIPTS:
            end += 1
        run = self.s[self.i:end]
        if any(ch in _SUPERSCRIPT_WORDS for ch in run):
            out.add("^(", self.i + 1)
            for k, ch in enumerate(run, start=self.i + 1):
                out.add(SUPERSCRIPTS[ch], k)
            out.add(")", end)
        else:
            for k, ch in enumerate(run, start=self.i + 1):
                out.add(ch, k)
        self.i = end

    def skip_spaces(self) -> None:
        while self.i < self.n and self.s[self.i].isspace():
            self.i += 1

    def peek(self) -> str:
        j = self.i
        while j < self.n and self.s[j].isspace():
            j += 1
        return self.s[j] if j < self.n else ""

    def enter(self, col: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError("too_deep", col, {"limit": MAX_DEPTH})

    # -- commands -----------------------------------------------------------------------------------
    def command_name(self) -> tuple[str, int]:
        """Read ``\\name`` (letters) or ``\\c`` (one other character) at ``self.i``; returns (name, column)."""
        col = self.i + 1
        j = self.i + 1
        if j >= self.n:
            raise ParseError("latex_lone_backslash", col)
        if self.s[j].isascii() and self.s[j].isalpha():
            while j < self.n and self.s[j].isascii() and self.s[j].isalpha():
                j += 1
            name = self.s[self.i + 1:j]
        else:
            name = self.s[j]
            j += 1
        self.i = j
        return name, col

    def command(self, out: _Out) -> None:
        name, col = self.command_name()
        if name in SYMBOLS:
            out.word(SYMBOLS[name], col)
        elif name in WORDS:
            out.word(name, col)
        elif name in SPACING:
            out.add(" ", col)
        elif name in SIZES:
            self.delimiter(out, name, col)
        elif name == "\\":
            if not self.matrices:
                raise ParseError("latex_outside_matrix", col, {"token": "\\\\"})
            out.add(";", col)
        elif name in FRACTIONS:
            self.fraction(out, name, col)
        elif name == "sqrt":
            self.root(out, col)
        elif name in FONTS:
            inner, _ = self.argument(name, col)
            out.word(inner.text(), col)
        elif name in TEXTS:
            self.text_word(out, name, col)
        elif name == "begin":
            self.environment(out, col)
        elif name == "end":
            env = self.braced_name("end", col)
            if not self.matrices:
                raise ParseError("latex_stray_end", col, {"env": env})
            self.ended = (env, col)
        elif name in ("sum", "prod"):
            self.header(out, SUM if name == "sum" else PRODUCT, col)
        elif name in REPEAT_MARKS and (out.last().isdigit() or out.last() == "."):   # 0.\overline{3}, 0.\dot{3}
            raise ParseError("repeating_decimal_mark", col, {"name": "\\" + name})
        else:
            raise ParseError("unknown_command", col, {"name": "\\" + name, "understood": UNDERSTOOD})

    def delimiter(self, out: _Out, size: str, col: int) -> None:
        r"""The delimiter after ``\left``, ``\right``, ``\big``…: ( ) [ ] | . \{ \} \lbrace \vert …"""
        self.skip_spaces()
        if self.i >= self.n:
            raise ParseError("latex_missing_argument", col, {"name": "\\" + size, "example": r"\left( x \right)"})
        ch = self.s[self.i]
        if ch in _DELIMITERS:
            self.i += 1
            out.add(_DELIMITERS[ch], col)
            return
        if ch == "\\":
            name, _ = self.command_name()
            if name in ("{", "}", "lbrace", "rbrace", "vert", "lvert", "rvert", "lbrack", "rbrack"):
                out.add(SYMBOLS[name], col)
                return
            raise ParseError("latex_delimiter", col, {"name": "\\" + size, "token": "\\" + name})
        raise ParseError("latex_delimiter", col, {"name": "\\" + size, "token": ch})

    def argument(self, name: str, col: int) -> tuple[_Out, int]:
        """One argument of a command: a ``{…}`` group, one command or one character; (text, closing column)."""
        self.skip_spaces()
        if self.i >= self.n or self.s[self.i] in "}&":
            example = _EXAMPLES.get(name, "\\%s{x}" % name)
            raise ParseError("latex_missing_argument", col, {"name": "\\" + name, "example": example})
        ch = self.s[self.i]
        if ch == "{":
            return self.group()
        out = _Out()
        if ch == "\\":  # one command as the argument (\sqrt\frac12): nested like a group
            self.enter(col)
            self.command(out)
            self.depth -= 1
        else:
            out.add(ch, self.i + 1)
            self.i += 1
        return out, self.i

    def group(self) -> tuple[_Out, int]:
        """The plain text of the ``{…}`` at ``self.i`` (braces consumed) and the column of its ``}``."""
        open_col = self.i + 1
        self.enter(open_col)
        self.i += 1
        inner = self.read("}")
        if self.ended is not None:
            raise ParseError("unmatched_open", open_col, {"token": "{"})
        if self.i >= self.n:
            raise ParseError("unmatched_open", open_col, {"token": "{"})
        self.i += 1
        self.depth -= 1
        return inner, self.i

    def fraction(self, out: _Out, name: str, col: int) -> None:
        numerator, num_end = self.argument("frac", col)
        denominator, den_end = self.argument("frac", col)
        inner = _Out()
        inner.group(numerator, col, num_end)
        inner.add("/", col)
        inner.group(denominator, num_end + 1, den_end)
        out.group(inner, col, den_end)

    def root(self, out: _Out, col: int) -> None:
        r"""``\sqrt{x}`` → sqrt(x); ``\sqrt[n]{x}`` → root(x, n)."""
        self.skip_spaces()
        index = None
        if self.i < self.n and self.s[self.i] == "[":
            self.enter(col)
            self.i += 1
            index = self.read("]")
            if self.i >= self.n:
                raise ParseError("unmatched_open", col + 5, {"token": "["})
            self.i += 1
            self.depth -= 1
        radicand, end = self.argument("sqrt", col)
        if index is None:
            out.word("sqrt", col)
            out.group(radicand, col, end)
            return
        args = _Out()
        args.extend(radicand)
        args.add(",", col)
        args.extend(index)
        out.word("root", col)
        out.group(args, col, end)

    def text_word(self, out: _Out, name: str, col: int) -> None:
        r"""``\text{…}``, ``\operatorname{…}``: a word (letters, digits, spaces) read as a name."""
        self.skip_spaces()
        if self.i >= self.n or self.s[self.i] != "{":
            raise ParseError("latex_missing_argument", col, {"name": "\\" + name, "example": r"\operatorname{ReLU}(x)"})
        close = self.s.find("}", self.i, self.n)
        if close < 0:
            raise ParseError("unmatched_open", self.i + 1, {"token": "{"})
        word = self.s[self.i + 1:close]
        if not all(c.isalnum() or c in " _" for c in word):
            raise ParseError("latex_text", col, {"name": "\\" + name})
        self.i = close + 1
        word = word.strip()
        if word:
            out.word(word, col)
        else:
            out.add(" ", col)

    def braced_name(self, command: str, col: int) -> str:
        self.skip_spaces()
        match = re.compile(r"\{\s*([A-Za-z]+\*?)\s*\}").match(self.s, self.i, self.n)
        if match is None:
            raise ParseError("latex_missing_argument", col, {"name": "\\" + command,
                                                             "example": r"\%s{pmatrix}" % command})
        self.i = match.end()
        return match.group(1)

    def environment(self, out: _Out, col: int) -> None:
        r"""``\begin{pmatrix} a & b \\ c & d \end{pmatrix}`` → ``[a, b; c, d]`` (one row: ``[[a, b]]``)."""
        env = self.braced_name("begin", col)
        if env in ("vmatrix", "Vmatrix"):
            raise ParseError("latex_determinant", col, {"env": env})
        if env not in ENVIRONMENTS:
            raise ParseError("latex_environment", col, {"env": env, "understood": ", ".join(sorted(ENVIRONMENTS))})
        if env == "array":
            self.skip_spaces()
            if self.i < self.n and self.s[self.i] == "{":  # the column specification {cc}: layout only
                close = self.s.find("}", self.i, self.n)
                self.i = close + 1 if close >= 0 else self.n
        self.enter(col)
        self.matrices += 1
        body = self.read("")
        if self.ended is None:
            raise ParseError("latex_unclosed", col, {"env": env})
        end_env, end_col = self.ended
        if end_env != env:
            raise ParseError("latex_mismatched_end", end_col, {"env": env, "got": end_env})
        self.ended = None
        self.matrices -= 1
        self.depth -= 1
        while body.chars and (body.chars[-1].isspace() or body.chars[-1] == ";"):  # a trailing \\ ends no row
            body.chars.pop()
            body.cols.pop()
        if not body.text():
            raise ParseError("latex_empty_matrix", col, {"env": env})
        if ";" in _top_level(body.chars):
            out.group(body, col, end_col, "[", "]")
        else:
            one_row = _Out()
            one_row.group(body, col, end_col, "[", "]")
            out.group(one_row, col, end_col, "[", "]")

    # -- braces, powers, subscripts ----------------------------------------------------------------
    def brace(self, out: _Out) -> None:
        """``{…}`` in running text: a set when it stands alone or holds a comma, else a hidden group."""
        open_col = self.i + 1
        before = out.last()
        inner, close_col = self.group()
        after = self.peek()
        if after == "\\":
            rest = self.s[self.i:self.n].lstrip()
            after = "" if re.match(r"\\(right|end|\\|\}|rbrace)", rest) else "\\"
        stands_alone = before in _SET_STARTS and after in _SET_ENDS
        if stands_alone or not inner.text() or "," in _top_level(inner.chars):
            out.group(inner, open_col, close_col, "{", "}")
        else:
            out.group(inner, open_col, close_col)

    def superscript(self, out: _Out) -> None:
        """``^{…}``: digits stay digits, ``T``/``\\top`` transposes, anything else is a hidden group."""
        col = self.i + 1
        self.i += 1
        nxt = self.peek()
        if nxt not in ("{", "\\", TRANSPOSE_MARK):
            out.add("^", col)
            return
        self.skip_spaces()
        if nxt == TRANSPOSE_MARK:
            self.i += 1
            out.add("ᵀ", col)
            return
        inner, close_col = self.argument("^", col)
        content = inner.text()
        if content.isdigit() and content.isascii():
            out.add("^" + content, col)
        elif content == TRANSPOSE_MARK:
            out.add("ᵀ", col)
        elif content == "T":
            out.add("^T", col)
        else:
            out.add("^", col)
            out.group(inner, col + 1, close_col)

    def subscript(self, out: _Out) -> None:
        """``_{…}`` keeps its braces (the lexer reads subscripts of names); ``_\\alpha`` gets them."""
        col = self.i + 1
        self.i += 1
        nxt = self.peek()
        if nxt not in ("{", "\\"):
            out.add("_", col)
            return
        inner, close_col = self.argument("_", col)
        out.add("_", col)
        out.group(inner, col + 1, close_col, "{", "}")

    # -- Σ and Π ------------------------------------------------------------------------------------
    def header_follows(self, j: int, need_equals: bool) -> bool:
        """Whether ``_`` (after spaces) follows at ``j`` — with ``need_equals``, a ``_{…=…}`` one."""
        while j < self.n and self.s[j].isspace():
            j += 1
        if j >= self.n or self.s[j] != "_":
            return False
        if not need_equals:
            return True
        if j + 1 < self.n and self.s[j + 1] == "{":
            close = self.s.find("}", j, self.n)
            return close > 0 and "=" in self.s[j:close]
        return False

    def header_word(self, out: _Out, col: int) -> bool:
        """``sum_{i=1}^{3}`` / ``prod_…`` typed as words; False (nothing read) if this is not one."""
        for word, op in _HEADER_WORDS:
            if self.s.startswith(word, self.i) and self.i + len(word) <= self.n \
                    and (self.i == 0 or not (self.s[self.i - 1].isalnum() or self.s[self.i - 1] == "_")) \
                    and self.header_follows(self.i + len(word), need_equals=False):
                self.i += len(word)
                self.header(out, op, col)
                return True
        return False

    def header(self, out: _Out, op: str, col: int) -> None:
        r"""``\sum_{i=1}^{n}`` in any spelling → ``∑_{i=1}^{n}`` (braces kept: the lexer reads the bounds)."""
        parts: dict[str, tuple[_Out, int]] = {}
        for _ in range(3):
            self.skip_spaces()
            if self.s.startswith(r"\limits", self.i) or self.s.startswith(r"\nolimits", self.i):
                self.command_name()
                continue
            ch = self.s[self.i] if self.i < self.n else ""
            if ch not in ("_", "^") or ch in parts:
                break
            self.i += 1
            parts[ch] = self.bound(col)
        out.word(op, col)
        for mark in ("_", "^"):
            if mark in parts:
                inner, close_col = parts[mark]
                out.add(mark, col)
                out.group(inner, col, close_col, "{", "}")

    def bound(self, col: int) -> tuple[_Out, int]:
        """A bound of Σ: ``{…}``, ``(…)``, a run of digits (``^10``), one command or one character."""
        self.skip_spaces()
        if self.i >= self.n:
            raise ParseError("sum_bounds", col)
        ch = self.s[self.i]
        if ch == "(":
            open_col = self.i + 1
            self.enter(open_col)
            self.i += 1
            inner = self.read(")")
            if self.i >= self.n:
                raise ParseError("unmatched_open", open_col, {"token": "("})
            self.i += 1
            self.depth -= 1
            return inner, self.i
        if ch.isascii() and ch.isdigit():
            out = _Out()
            while self.i < self.n and self.s[self.i].isascii() and self.s[self.i].isdigit():
                out.add(self.s[self.i], self.i + 1)
                self.i += 1
            return out, self.i
        return self.argument("sum", col)
