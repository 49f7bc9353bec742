"""The command line: ``python -m solver check ...`` prints one JSON verdict; ``python -m solver batch`` reads
JSON Lines on stdin and writes exactly one JSON line per input line, in order, each with ``ms``.

A case that fails in any way (bad JSON, wrong field types, anything) is ``status: invalid`` with a message;
the exit status is 0 whatever the verdicts (2 only for a malformed command line).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any, Sequence, TextIO

from solver.checker import check
from solver.warm import warm_now
from solver.messages import say
from solver.verdict import INVALID, Verdict

OPTIONAL_FIELDS = ("rtol", "atol", "sigfigs", "forbidden", "form", "mistakes", "choices", "domain", "operands",
                   "timeout", "lang", "lhs")


def _names(value: Any) -> list[str]:
    """``"x,y"`` or ``["x", "y"]`` as a list of names."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    raise TypeError("vars must be a list of names or a comma-separated string")


def _invalid(message: str, code: str) -> dict[str, Any]:
    return Verdict(INVALID, 0.0, message, None, {"error": {"code": code}}).to_dict()


def run_case(case: Any) -> dict[str, Any]:
    """Check one batch case (a decoded JSON object); never raises."""
    lang = case.get("lang", "en") if isinstance(case, dict) else "en"
    lang = "zh" if str(lang).lower().startswith("zh") else "en"
    try:
        if not isinstance(case, dict):
            raise TypeError("each line must be a JSON object")
        for key in ("kind", "expected", "answer"):
            if key not in case:
                raise KeyError(key)
        options = {k: case[k] for k in OPTIONAL_FIELDS if k in case and case[k] is not None}
        for key in ("forbidden", "choices", "lhs"):
            if isinstance(options.get(key), str):
                options[key] = _names(options[key])
        verdict = check(str(case["kind"]), case["expected"], case["answer"], vars=_names(case.get("vars")),
                        **options)
        return verdict.to_dict()
    except KeyError as exc:
        return _invalid(say("bad_case", lang, reason=f"missing field {exc}"), "bad_case")
    except Exception as exc:
        return _invalid(say("bad_case", lang, reason=f"{type(exc).__name__}: {str(exc)[:80]}"), "bad_case")


def _dump(result: dict[str, Any]) -> str:
    try:
        return json.dumps(result, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return json.dumps(_invalid("result could not be written", "internal"))


def batch(lines: Sequence[str] | TextIO, out: TextIO, warm: bool = True) -> int:
    """Check every line of JSON Lines ``lines``; write one result line per input line. Returns the count.

    With ``warm`` (the default) a simplify worker is started and ready before the first line is read, so the
    first case that needs ``simplify`` (a trigonometric identity) does not wait for one."""
    if warm:
        warm_now()
    count = 0
    for line in lines:
        line = line.rstrip("\r\n")
        start = time.perf_counter()
        case: Any = None
        try:
            case = json.loads(line)
        except (ValueError, RecursionError) as exc:
            result = _invalid(say("bad_case", "en", reason=f"not JSON: {str(exc)[:80]}"), "bad_json")
        else:
            result = run_case(case)
        if isinstance(case, dict) and "id" in case:
            result = {"id": case["id"], **result}
        result["ms"] = round((time.perf_counter() - start) * 1000, 3)
        out.write(_dump(result) + "\n")
        out.flush()
        count += 1
    return count


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # a malformed command line still gets a JSON answer
        sys.stdout.write(_dump(_invalid(f"command line: {message}", "usage")) + "\n")
        raise SystemExit(2)


def _arg_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m solver", description="Check maths answers (JSON out).")
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("check", help="check one answer and print one JSON object")
    one.add_argument("--kind", required=True)
    one.add_argument("--expected", required=True)
    one.add_argument("--answer", required=True)
    one.add_argument("--vars", default="")
    one.add_argument("--rtol", type=float)
    one.add_argument("--atol", type=float)
    one.add_argument("--sigfigs", type=int)
    one.add_argument("--lang", default="en")
    one.add_argument("--form")
    one.add_argument("--forbidden", default="")
    one.add_argument("--lhs", default="", help="names a left-hand side may give, e.g. a_n or \"f'(x),df/dx\"")
    one.add_argument("--choices", default="", help="number of options or comma-separated labels")
    one.add_argument("--timeout", type=float, default=2.0)
    sub.add_parser("batch", help="read JSON Lines on stdin, write one JSON line per input line")
    for p in (one,):
        p.error = parser.error  # type: ignore[method-assign]
    return parser


VALUE_OPTIONS = ("--expected", "--answer")


def join_values(argv: Sequence[str]) -> list[str]:
    """``--answer -x^2`` as ``--answer=-x^2`` (argparse would read ``-x^2`` as an option), for the options
    whose values are maths that may start with ``-``."""
    out: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg in VALUE_OPTIONS:
            value = next(args, None)
            out.append(arg if value is None else f"{arg}={value}")
        else:
            out.append(arg)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m solver``."""
    for stream in (sys.stdout, sys.stdin):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    args = _arg_parser().parse_args(join_values(sys.argv[1:] if argv is None else argv))
    if args.command == "batch":
        batch(sys.stdin, sys.stdout)
        return 0
    choices: list[str] | None = None
    if args.choices.strip().isdigit():
        choices = [str(i) for i in range(int(args.choices))]
    elif args.choices.strip():
        choices = _names(args.choices)
    verdict = check(args.kind, args.expected, args.answer, vars=_names(args.vars), lang=args.lang, rtol=args.rtol,
                    atol=args.atol, sigfigs=args.sigfigs, forbidden=_names(args.forbidden), form=args.form,
                    choices=choices, timeout=args.timeout, lhs=_names(args.lhs))
    sys.stdout.write(_dump(verdict.to_dict()) + "\n")
    return 0
