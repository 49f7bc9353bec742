"""Tokenizer for learner and template text.

It knows the vocabulary (declared variables, constants, functions, template names), so it can split
juxtaposed names: with a, b, x, y declared, `ax` is a·x and `ycos(xy)` is y·cos(x·y). Splitting takes
the longest name that still lets the rest of the word split; a declared name always beats a split of
it (`xy` declared wins over x·y). Digits inside a word must belong to a name (`w1` or `w_1` declared).

Subscripts: a digit subscript joins the name (`w_1`, `w₁`, `w1` are one name, key `w1`); a subscript with a
letter stays a subscript (`a_n`, `a_{n}`, `aₙ` are key `a_n`, never `an`; `a_{n+1}`, `aₙ₊₁` are `a_n+1`).
Without braces `_` takes a run of digits or one letter, so `x_ij` is x_i·j unless `x_{ij}` is declared.
Vocabulary keys of declared names come from ``name_key``, the same rule the tokenizer applies.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from sympy import Integer, Rational

from . import bigops
from .errors import ParseError
from .latex_reader import HIDDEN_CLOSE, HIDDEN_OPEN, PRODUCT, SUM
from .limits import MAX_DECIMAL_EXPONENT, MAX_DEPTH, MAX_LENGTH, MAX_TOKENS


@dataclass(frozen=True)
class Entry:
    """What a name in the vocabulary stands for. role: var | name | const | func | kw."""
    role: str
    value: Any
    tex: str


@dataclass
class Token:
    """One token. kind: num | sym | func | kw | op | sup | end."""
    kind: str
    text: str
    column: int
    value: Any = None
    tex: str = ""
    extra: Any = None


GREEK_LETTERS = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi",
    "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi",
    "ω": "omega", "υ": "upsilon", "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi",
    "Π": "Pi", "Σ": "Sigma", "Υ": "Upsilon", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}
_SUPERSCRIPTS = {"⁰": 0, "¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9}
_SUBSCRIPTS = {"₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8",
               "₉": "9", "₊": "+", "₋": "-", "ₐ": "a", "ₑ": "e", "ₒ": "o", "ₓ": "x", "ₕ": "h", "ₖ": "k",
               "ₗ": "l", "ₘ": "m", "ₙ": "n", "ₚ": "p", "ₛ": "s", "ₜ": "t", "ᵢ": "i", "ⱼ": "j", "ᵣ": "r",
               "ᵤ": "u", "ᵥ": "v"}
_SUBSCRIPT_SIGNS = {"+": "+", "-": "-", "−": "-"}  # inside braces: a_{n+1}, a_{n-1}
# operator spellings -> canonical operator
_OPERATORS = {
    "+": "+", "-": "-", "−": "-", "–": "-", "*": "*", "×": "*", "·": "*", "⋅": "*", "∙": "*", "/": "/",
    "÷": "/", "^": "^", "(": "(", ")": ")", "[": "[", "]": "]", "{": "{", "}": "}", ",": ",", "、": ",", "或": ",",
    "|": "|", "%": "%", "!": "!", "±": "±", "∓": "∓", "√": "√", "<": "<", ">": ">", "=": "=", "≤": "<=",
    "≥": ">=", "≠": "!=", "ᵀ": "ᵀ", ";": ";", "⊙": "⊙", "∞": "∞",
}
_HIDDEN = {HIDDEN_OPEN: "(", HIDDEN_CLOSE: ")"}  # the LaTeX front end's grouping braces
HIDDEN = "hidden"  # Token.extra of a hidden bracket
_ADVICE = {"∂": "partial", "∫": "integral", "…": "ellipsis", "⋯": "ellipsis", "$": "latex_dollar",
           "⊤": "transpose_mark", "\\": "latex_lone_backslash", "∘": "composition", "‖": "norm",
           "≈": "approximately", "⟨": "angle_brackets", "⟩": "angle_brackets", "〈": "angle_brackets",
           "〉": "angle_brackets"}
_TWO_CHAR = {"**": "^", "==": "==", "!=": "!=", "<=": "<=", ">=": ">="}
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_TOKEN_KIND = {"var": "sym", "name": "sym", "const": "sym", "func": "func", "kw": "kw", "index": "sym",
               "indexed": "sym"}  # by Entry.role
_CLOSERS = {")": "(", "]": "[", "}": "{"}


def _normalise_char(ch: str) -> str:
    """Full-width ASCII forms become ASCII; the ideographic space becomes a space, the ideographic full stop a
    point, and 【 】 square brackets (what the [ ] keys type with Chinese punctuation on)."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if code == 0x3000:
        return " "
    if code == 0x3002:   # 。 typed for a point with Chinese punctuation on: 0。5, and 0.5。 at the end
        return "."
    if code in (0x3010, 0x3011):   # 【 】: the [ and ] keys with Chinese punctuation on
        return "[" if code == 0x3010 else "]"
    return ch


ANSWER_LABELS = ("answer", "ans", "解答", "答", "解")
"""Labels written before an answer, as at the end of a worked exercise: `答：3`, `Answer: 3` (Latin ones in any case)."""


def _blank_answer_label(chars: list[str]) -> None:
    """Blank a leading answer label and its colon (`答：`, `解:`, `Answer:`), keeping the columns of what follows.
    Only with the colon: `ans = 3` gives a name, and `答 3` is refused as typed."""
    start = 0
    while start < len(chars) and chars[start].isspace():
        start += 1
    for label in ANSWER_LABELS:
        end = start + len(label)
        if "".join(chars[start:end]).lower() != label:
            continue
        colon = end
        while colon < len(chars) and chars[colon] == " ":
            colon += 1
        if colon < len(chars) and chars[colon] == ":":
            chars[start:colon + 1] = [" "] * (colon + 1 - start)
        return


def without_answer_label(text: str) -> str:
    """`text` with a leading answer label blanked (see `_blank_answer_label`): `答：B` → `   B`."""
    chars = list(text)
    _blank_answer_label(chars)
    return "".join(chars)


def _refuse_repeating_decimal(chars: list[str], start: int, i: int, int_part: str) -> None:
    """``0.(3)``, ``2.(45)``: the notation of a repeating decimal, which is not read (a number ending in a point
    followed by brackets is no product anyone writes); say which fraction to type instead."""
    close = i + 1
    while close < len(chars) and close - i <= 20 and chars[close].isascii() and chars[close].isdigit():
        close += 1
    if i < len(chars) and chars[i] == "(" and close > i + 1 and close < len(chars) and chars[close] == ")":
        period = "".join(chars[i + 1:close])
        value = int(int_part or "0") + Rational(int(period), 10 ** len(period) - 1)
        raise ParseError("repeating_decimal", start + 1, {"typed": "".join(chars[start:close + 1]),
                                                          "fraction": str(value)})


def _derivative_follows(chars: list[str], i: int) -> bool:
    """Whether ``/d`` and a letter follow position ``i`` (after the ``d`` of d/dx or \\frac{d}{dx}), spaces and the
    LaTeX front end's grouping braces aside."""
    rest = "".join(ch for ch in chars[i:i + 12] if not ch.isspace() and ch not in _HIDDEN)
    return len(rest) > 2 and rest[:2] == "/d" and _is_letter(rest[2])


def _is_letter(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z") or ch in GREEK_LETTERS


_IME_KEYS = {"……": "ime_caret", "——": "ime_underscore"}
"""What the ^ and _ keys type with Chinese punctuation on, and the error that says so."""


def _bad_char(ch: str, column: int, tokens: list[Token] | None = None, pair: str = "") -> ParseError:
    """The error for a character no rule reads; the characters learners often type get their own advice. `pair`:
    this character and the next when glued to an operand before it (x……2: the ^ key with Chinese punctuation on)."""
    if pair in _IME_KEYS and tokens and (tokens[-1].kind in ("sym", "num") or tokens[-1].text in (")", "]")):
        return ParseError(_IME_KEYS[pair], column, {"token": pair})
    if ch in "'′":
        before = tokens[-1].text if tokens and tokens[-1].kind in ("sym", "func") else ""
        return ParseError("prime_sigma" if before in ("σ", "sigma", "sigmoid") else "prime", column,
                          {"name": before or "f"})
    if ch in _ADVICE:
        return ParseError(_ADVICE[ch], column, {"char": ch, "token": ch})
    code = "U+%04X" % ord(ch)
    shown = f"{ch} ({code})" if ch.isprintable() and not ch.isspace() else code
    return ParseError("unexpected_char", column, {"char": shown, "codepoint": code})


def _shown(tok: Token) -> str:
    """How a bracket token is named in a message (hidden brackets are the braces that were typed)."""
    if tok.extra == HIDDEN:
        return "{" if tok.text == "(" else "}"
    return tok.text


def _braced(chars: list[str], i: int, n: int, mark: str) -> tuple[int, int] | None:
    """``mark{…}`` at ``i``: (start, end) of what is inside the braces, else None."""
    if i + 1 >= n or chars[i] != mark or chars[i + 1] != "{":
        return None
    depth = 0
    for j in range(i + 1, n):
        if chars[j] == "{":
            depth += 1
        elif chars[j] == "}":
            depth -= 1
            if depth == 0:
                return i + 2, j
    return None


class Lexer:
    """Turns text into tokens using a vocabulary {key: Entry}."""

    def __init__(self, vocabulary: dict[str, Entry], declared: list[str]):
        self.vocab = vocabulary
        self.declared = declared
        self.max_key = max((len(k) for k in vocabulary), default=1)

    def tokenize(self, text: str) -> list[Token]:
        """Tokens of `text`, ending with an `end` token; raises ParseError."""
        if len(text) > MAX_LENGTH:
            raise ParseError("too_long", None, {"length": len(text), "limit": MAX_LENGTH})
        chars = list(text) if text.isascii() else [_normalise_char(c) for c in text]
        end = len(chars)
        while end and chars[end - 1].isspace():
            end -= 1
        if end > 1 and chars[end - 1] == "." and chars[end - 2] != ".":   # 0.5. or 0.5。: the sentence's full stop
            chars[end - 1] = " "
        _blank_answer_label(chars)
        tokens: list[Token] = []
        stack: list[Token] = []  # open brackets, checked as we go (no recursion, fails early)
        self._scan(chars, 0, len(chars), tokens, stack)
        if stack:
            raise ParseError("unmatched_open", stack[-1].column, {"token": _shown(stack[-1])})
        tokens.append(Token("end", "", len(chars) + 1))
        return tokens

    def _scan(self, chars: list[str], i: int, n: int, tokens: list[Token], stack: list[Token]) -> None:
        """Append the tokens of ``chars[i:n]``; a Σ/Π header hands the rest to a lexer that knows its index."""
        while i < n:
            ch = chars[i]
            col = i + 1
            if ch.isspace():
                i += 1
                continue
            if ch.isdigit() and ch.isascii() or (ch == "." and i + 1 < n and chars[i + 1].isascii()
                                                  and chars[i + 1].isdigit()):
                i = self._number(chars, i, tokens)
            elif _is_letter(ch):
                i = self._word(chars, i, tokens)
            elif ch in _SUPERSCRIPTS or ch in "⁻⁺":
                i = self._superscript(chars, i, tokens)
            elif ch in (SUM, PRODUCT):
                token, i = self._big_operator(chars, i, n)
                tokens.append(token)
                self.with_index(token.extra)._scan(chars, i, n, tokens, stack)
                return
            elif i + 1 < n and ch + chars[i + 1] in _TWO_CHAR:
                tokens.append(Token("op", _TWO_CHAR[ch + chars[i + 1]], col))
                i += 2
            elif ch == "^" and self._transpose_follows(chars, i + 1, n):
                tokens.append(Token("op", "ᵀ", col))
                i += 2
            elif ch in _OPERATORS:
                tokens.append(Token("op", _OPERATORS[ch], col))
                self._track_bracket(tokens[-1], stack)
                i += 1
            elif ch in _HIDDEN:
                tokens.append(Token("op", _HIDDEN[ch], col, extra=HIDDEN))
                self._track_bracket(tokens[-1], stack)
                i += 1
            else:
                glued = i > 0 and not chars[i - 1].isspace()
                raise _bad_char(ch, col, tokens, "".join(chars[i:i + 2]) if glued else "")
            if len(tokens) > MAX_TOKENS:
                raise ParseError("too_many_tokens", col, {"count": f"> {MAX_TOKENS}", "limit": MAX_TOKENS})

    def with_index(self, head: bigops.Header) -> Lexer:
        """A lexer for the rest of the text after a Σ/Π header: it also knows the index and the subscripted
        names that use it (``x_i``, ``x_{i+1}``), see ``bigops.index_entries``."""
        vocab = dict(self.vocab)
        vocab.update(bigops.index_entries(self.vocab, head, self.declared))
        return Lexer(vocab, self.declared)

    def _transpose_follows(self, chars: list[str], j: int, n: int) -> bool:
        """``^T`` transposes unless ``T`` is a declared variable or name (or starts a longer word)."""
        if j >= n or chars[j] != "T" or (j + 1 < n and (_is_letter(chars[j + 1]) or chars[j + 1].isdigit()
                                                         or chars[j + 1] in "_(")):
            return False
        entry = self.vocab.get("T")
        return entry is None or entry.role == "func"

    def _big_operator(self, chars: list[str], i: int, n: int) -> tuple[Token, int]:
        """``∑_{i=lo}^{hi}`` (the LaTeX front end writes every spelling so): a ``big`` token whose ``extra``
        is a ``bigops.Header`` with the bounds' own tokens."""
        col = i + 1
        sub = _braced(chars, i + 1, n, "_")
        if sub is None:
            raise ParseError("sum_bounds", col)
        start, end = sub
        j = start
        while j < end and chars[j].isspace():
            j += 1
        k = j
        while k < end and _is_letter(chars[k]):
            k += 1
        equals = k
        while equals < end and chars[equals].isspace():
            equals += 1
        if k - j != 1 or equals >= end or chars[equals] != "=":
            raise ParseError("sum_bounds", col)
        sup = _braced(chars, end + 1, n, "^")
        if sup is None:
            raise ParseError("sum_bounds", col)
        lo = self._bound_tokens(chars, equals + 1, end)
        hi = self._bound_tokens(chars, sup[0], sup[1])
        head = bigops.Header("sum" if chars[i] == SUM else "product", chars[j], lo, hi, col)
        return Token("big", chars[i], col, head.op, "", extra=head), sup[1] + 1

    def _bound_tokens(self, chars: list[str], start: int, end: int) -> list[Token]:
        tokens: list[Token] = []
        stack: list[Token] = []
        self._scan(chars, start, end, tokens, stack)
        if stack:
            raise ParseError("unmatched_open", stack[-1].column, {"token": _shown(stack[-1])})
        if not tokens:
            raise ParseError("sum_bounds", start)
        tokens.append(Token("end", "", end + 1))
        return tokens

    # -- pieces -------------------------------------------------------------------------------------
    @staticmethod
    def _number(chars: list[str], i: int, tokens: list[Token]) -> int:
        start, n = i, len(chars)
        while i < n and chars[i].isascii() and chars[i].isdigit():
            i += 1
        int_part = "".join(chars[start:i])
        frac_part = ""
        if i < n and chars[i] == "." and not (i + 1 < n and chars[i + 1] == "."):
            i += 1
            f0 = i
            while i < n and chars[i].isascii() and chars[i].isdigit():
                i += 1
            frac_part = "".join(chars[f0:i])
            if not frac_part:
                _refuse_repeating_decimal(chars, start, i, int_part)
        exponent = 0
        exp_text = ""
        if i < n and chars[i] in "eE":
            j = i + 1
            if j < n and chars[j] in "+-−":
                j += 1
            if j < n and chars[j].isascii() and chars[j].isdigit():
                k = j
                while k < n and chars[k].isascii() and chars[k].isdigit():
                    k += 1
                digits = "".join(chars[j:k])
                if len(digits) > 4 or int(digits) > MAX_DECIMAL_EXPONENT:
                    raise ParseError("too_big", start + 1, {"what": "".join(chars[start:k]), "hint": "number"})
                exponent = int(digits) * (-1 if chars[i + 1] in "-−" else 1)
                exp_text = "".join(chars[i:k])
                i = k
        text = "".join(chars[start:i])
        if len(int_part) + len(frac_part) > 400:
            raise ParseError("too_big", start + 1, {"what": {"en": "a number of more than 400 digits",
                                                              "zh": "超过 400 位的数"}, "hint": "number"})
        mantissa = int((int_part or "0") + frac_part)
        value = Rational(mantissa, 10 ** len(frac_part))
        if exponent:
            value = value * Rational(10) ** exponent
        tex = (int_part or "0") + ("." + frac_part if frac_part else "")
        if exp_text:
            tex += r" \times 10^{%d}" % exponent
        tokens.append(Token("num", text, start + 1, value, tex))
        return i

    @staticmethod
    def _superscript(chars: list[str], i: int, tokens: list[Token]) -> int:
        start = i
        sign = 1
        if chars[i] in "⁻⁺":
            sign = -1 if chars[i] == "⁻" else 1
            i += 1
        j = i
        while i < len(chars) and chars[i] in _SUPERSCRIPTS:
            i += 1
        if i == j or i - j > 4:
            raise _bad_char(chars[start], start + 1)
        value = sign * int("".join(str(_SUPERSCRIPTS[c]) for c in chars[j:i]))
        tokens.append(Token("sup", "".join(chars[start:i]), start + 1, Integer(value), str(value)))
        return i

    def _word(self, chars: list[str], i: int, tokens: list[Token]) -> int:
        """Read a word (letters, digits, subscripts) and split it into vocabulary names."""
        units: list[tuple[str, int, bool]] = []  # (char, column, is_subscript)
        start, n = i, len(chars)
        while i < n:
            ch = chars[i]
            if _is_letter(ch) or (ch.isascii() and ch.isdigit()):
                if units and units[-1][2] and chars[i - 1] in _SUBSCRIPTS and self._log_base(units) is not None:
                    break   # log₂8, log₁₀100, log₂x: the base's subscript digits end the word, as a space would
                units.append((ch, i + 1, False))
                i += 1
            elif ch in _SUBSCRIPTS:
                units.append((_SUBSCRIPTS[ch], i + 1, True))
                i += 1
            elif ch == "_" and units:
                i = self._subscript(chars, i, units)
            else:
                break
        raw = "".join(chars[start:i])
        whole = self.vocab.get(raw)
        if whole is None and raw == "or" and self._split(units) is None:   # 1 or -1: a list, as x = 1 or x = -1 is
            tokens.append(Token("op", ",", start + 1))
            return i
        if whole is not None and len(units) == i - start:  # the whole word is a name (the longest split)
            kind = _TOKEN_KIND[whole.role]
            tokens.append(Token(kind, raw, start + 1, whole.value, whole.tex, extra=whole.role))
            return i
        followed_by_paren = self._next_nonspace(chars, i) in ("(", HIDDEN_OPEN)
        if whole is not None and "_" in raw:  # cross_entropy: a name that contains '_'
            kind = _TOKEN_KIND[whole.role]
            tokens.append(Token(kind, raw, start + 1, whole.value, whole.tex, extra=whole.role))
            return i
        log_base = self._log_base(units)
        if log_base is not None:
            entry = self.vocab.get("log")
            if entry is not None and entry.role == "func":
                tokens.append(Token("func", raw, start + 1, entry.value, entry.tex, extra=log_base))
                return i
        pieces = self._split(units)
        if pieces is None:
            if raw == "d" and _derivative_follows(chars, i):
                raise ParseError("derivative_operator", start + 1)
            self._fail(units, raw, start, followed_by_paren)
        for key, col, text in pieces:
            entry = self.vocab[key]
            kind = _TOKEN_KIND[entry.role]
            tokens.append(Token(kind, text, col, entry.value, entry.tex, extra=entry.role))
        return i

    @staticmethod
    def _subscript(chars: list[str], i: int, units: list[tuple[str, int, bool]]) -> int:
        n = len(chars)
        if i + 1 < n and chars[i + 1] == "{":
            j = i + 2
            while j < n and chars[j] != "}":
                ch = chars[j]
                if ch in _SUBSCRIPT_SIGNS and j > i + 2:
                    ch = _SUBSCRIPT_SIGNS[ch]
                elif not (_is_letter(ch) or (ch.isascii() and ch.isdigit())):
                    raise _bad_char(ch, j + 1) if ch not in "{" else ParseError(
                        "unexpected_token", j + 1, {"token": ch})
                units.append((ch, j + 1, True))
                j += 1
            if j >= n:
                raise ParseError("unmatched_open", i + 2, {"token": "{"})
            if j == i + 2:
                raise ParseError("unexpected_token", j + 1, {"token": "}"})
            return j + 1
        j = i + 1
        if j < n and chars[j].isascii() and chars[j].isdigit():
            while j < n and chars[j].isascii() and chars[j].isdigit():
                units.append((chars[j], j + 1, True))
                j += 1
            return j
        if j < n and _is_letter(chars[j]):
            units.append((chars[j], j + 1, True))
            return j + 1
        raise ParseError("unexpected_token", i + 1, {"token": "_"})

    @staticmethod
    def _next_nonspace(chars: list[str], i: int) -> str:
        while i < len(chars) and chars[i].isspace():
            i += 1
        return chars[i] if i < len(chars) else ""

    @staticmethod
    def _log_base(units: list[tuple[str, int, bool]]) -> Integer | None:
        """`log_2`, `log_{10}`, `log₂`: the integer base, else None."""
        if len(units) > 3 and "".join(u[0] for u in units[:3]) == "log" and not any(u[2] for u in units[:3]) \
                and all(u[2] and u[0].isdigit() for u in units[3:]) and len(units) <= 8:
            return Integer(int("".join(u[0] for u in units[3:])))
        return None

    def _split(self, units: list[tuple[str, int, bool]]) -> list[tuple[str, int, str]] | None:
        """Split into vocabulary keys, preferring longer names first; None if impossible."""
        n = len(units)
        chars = unit_keys(units)
        choice: list[int] = [0] * (n + 1)  # choice[i] = length of the piece starting at i (0 = impossible)
        ok = [False] * (n + 1)
        ok[n] = True
        for i in range(n - 1, -1, -1):
            if units[i][2]:
                continue  # a piece never starts inside a subscript
            for length in range(min(self.max_key, n - i), 0, -1):
                if ok[i + length] and "".join(chars[i:i + length]) in self.vocab:
                    ok[i] = True
                    choice[i] = length
                    break
        if not ok[0]:
            return None
        pieces, i = [], 0
        while i < n:
            length = choice[i]
            key = "".join(chars[i:i + length])
            pieces.append((key, units[i][1], key))
            i += length
        return pieces

    def _fail(self, units: list[tuple[str, int, bool]], raw: str, start: int, followed_by_paren: bool) -> None:
        """Raise unknown_name / unknown_function for the part of the word that is not a known name."""
        n = len(units)
        chars = unit_keys(units)
        i = 0
        while i < n:
            for length in range(min(self.max_key, n - i), 0, -1):
                if not units[i][2] and "".join(chars[i:i + length]) in self.vocab:
                    break
            else:
                break
            i += length
        if i >= n:
            i = 0
        if units[i][2] or units[i][0].isdigit():
            i = 0  # report the word whole: x_1, log10 — not 1, 10
        first_col = units[i][1]
        name = raw[first_col - start - 1:]
        if name in ("Σ", "Π", "sum", "prod"):   # Σ(2k − 1): a sum with no index and bounds
            raise ParseError("sum_bounds", first_col)
        if followed_by_paren:
            raise ParseError("unknown_function", first_col, {"name": name})
        function = name.rstrip("0123456789")
        entry = self.vocab.get(function)
        if function != name and entry is not None and entry.role == "func":   # sqrt2, ln2: sqrt(2), ln(2)
            raise ParseError("function_digits", first_col, {"name": name, "function": function,
                                                            "digits": name[len(function):]})
        raise ParseError("unknown_name", first_col, {"name": name, "variables": list(self.declared)})

    @staticmethod
    def _track_bracket(tok: Token, stack: list[Token]) -> None:
        """Matching and nesting depth of ( [ { (a hidden bracket matches only a hidden one)."""
        if tok.text in _OPENERS:
            stack.append(tok)
            if len(stack) > MAX_DEPTH:
                raise ParseError("too_deep", tok.column, {"limit": MAX_DEPTH})
        elif tok.text in _CLOSERS:
            if not stack:
                raise ParseError("unmatched_close", tok.column, {"token": _shown(tok)})
            top = stack.pop()
            if top.text != _CLOSERS[tok.text] or top.extra != tok.extra:
                raise ParseError("unmatched_open", top.column, {"token": _shown(top)})


def unit_keys(units: list[tuple[str, int, bool]]) -> list[str]:
    """Each unit's share of a vocabulary key: its character, with ``_`` before the first character of a
    subscript that is not all digits (so ``a``, ``n``₍sub₎ give ``a_n`` while ``w``, ``1``₍sub₎ give ``w1``)."""
    keys = [u[0] for u in units]
    i, n = 0, len(units)
    while i < n:
        if not units[i][2]:
            i += 1
            continue
        j = i
        while j < n and units[j][2]:
            j += 1
        if not all(u[0].isdigit() for u in units[i:j]):
            keys[i] = "_" + keys[i]
        i = j
    return keys


def name_key(name: str, spell_greek: bool = True) -> str:
    """The vocabulary key (and SymPy symbol name) of a declared name.

    A digit subscript joins the name, a subscript with a letter keeps its ``_``; Greek letters are spelled
    out unless ``spell_greek`` is false: 'w_1', 'w₁' -> 'w1'; 'a_n', 'a_{n}', 'aₙ' -> 'a_n';
    'a_{n+1}' -> 'a_n+1'; 'η_t' -> 'eta_t'. Applying it to its own result changes nothing.
    """
    text = unicodedata.normalize("NFC", name).replace(" ", "")
    end = len(text)
    while end > 0 and text[end - 1] in _SUBSCRIPTS:
        end -= 1
    base, sub = text[:end], "".join(_SUBSCRIPTS[c] for c in text[end:])
    if "_" in base:
        base, rest = base.split("_", 1)
        sub = "".join(_SUBSCRIPT_SIGNS.get(c, c) for c in rest if c not in "{}_") + sub
    if spell_greek:
        base = "".join(GREEK_LETTERS.get(c, c) for c in base)
        sub = "".join(GREEK_LETTERS.get(c, c) for c in sub)
    if not sub or sub.isdigit():
        return base + sub
    return base + "_" + sub
