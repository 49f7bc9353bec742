"""Class-mode accounts for instructors, without Streamlit: a roster of students into accounts and join codes, the
first instructor, and the command line.

    python -m classroom.accounts create-instructor "Ms Rivera"            # asks for the password twice
    python -m classroom.accounts create-instructor "Ms Rivera" --join-code   # prints a one-time join code instead
    printf '%s\\n' "$PASSWORD" | python -m classroom.accounts create-instructor "Ms Rivera" --password-stdin
    python -m classroom.accounts add-students roster.csv --out codes.csv  # name[,password] per line
    python -m classroom.accounts join-code "Ann Lee"                      # a new join code (password reset)
    python -m classroom.accounts list

The database is the app's (`$DLMATH_DB_URL`, or the SQLite file under `$DLMATH_HOME`).
"""
from __future__ import annotations

import argparse
import csv
import getpass
import io
import sys
from dataclasses import dataclass
from typing import Iterable, Sequence, TextIO

from store.accounts import AccountError, Accounts, AccountsUnavailable
from store.csv_cells import neutralise

HEADER_NAMES = {"name", "student", "姓名", "名字"}
CODES_COLUMNS = ("name", "join_code")


@dataclass(frozen=True)
class RosterLine:
    """One student of a roster: the name and, when the instructor gives one, a first password."""

    line: int
    name: str
    password: str | None = None


@dataclass(frozen=True)
class RosterResult:
    """What became of one roster line: `status` "created" (with a `join_code` when no password was given) or the
    `AccountError` code ("exists", "bad_name", "short_password", …)."""

    line: int
    name: str
    status: str
    join_code: str | None = None


def read_roster(text: str) -> list[RosterLine]:
    """The students of a roster: CSV or plain lines of `name[,password]`. Blank lines and `#` comments are skipped,
    and so is a first line that is a header (`name,password`)."""
    lines = []
    for number, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), start=1):
        cells = [cell.strip() for cell in row]
        if not cells or not cells[0] or cells[0].startswith("#"):
            continue
        if not lines and number == 1 and cells[0].casefold() in HEADER_NAMES:
            continue
        password = cells[1] if len(cells) > 1 and cells[1] else None
        lines.append(RosterLine(number, cells[0], password))
    return lines


def add_students(accounts: Accounts, roster: Iterable[RosterLine]) -> list[RosterResult]:
    """Create a learner account per roster line: with the given password, or with a join code to hand out."""
    results = []
    for entry in roster:
        try:
            account = accounts.create(entry.name, "learner", entry.password)
            code = None if entry.password else accounts.issue_join_code(account.name)
            results.append(RosterResult(entry.line, account.name, "created", code))
        except AccountError as error:
            results.append(RosterResult(entry.line, entry.name, error.code))
    return results


def codes_csv(results: Iterable[RosterResult]) -> str:
    """The join codes to hand out, as CSV (`name,join_code`), one line per account created with a code."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CODES_COLUMNS)
    for result in results:
        if result.join_code:
            writer.writerow([neutralise(result.name), result.join_code])
    return out.getvalue()


def bootstrap_instructor(accounts: Accounts, name: str, password: str) -> bool:
    """Create the instructor `name` with `password` if no account of that name exists (start-up configuration);
    True when it was created."""
    if not name or accounts.get(name) is not None:
        return False
    accounts.create(name, "instructor", password)
    return True


# ----- command line ------------------------------------------------------------------------------------------
def _open() -> Accounts:
    from store import get_accounts, get_store

    store = get_store()
    if store.status.mode != "ok":
        raise SystemExit(f"error: the database cannot be written: {store.status.message['en']}")
    return get_accounts()


def _password(args: argparse.Namespace, stdin: TextIO) -> str:
    if args.password_stdin:
        return stdin.readline().rstrip("\r\n")
    if not stdin.isatty():
        raise SystemExit("error: no terminal to ask the password on: use --password-stdin or --join-code")
    first = getpass.getpass("Password for the instructor: ")
    if first != getpass.getpass("Type it again: "):
        raise SystemExit("error: the two passwords are not the same")
    return first


def _message(code: str) -> str:
    return {
        "exists": "an account with this name exists already",
        "bad_name": "a name needs 1 to 40 characters, without control characters",
        "short_password": "the password needs at least 8 characters",
        "long_password": "the password is too long (200 characters at most)",
        "unknown": "there is no such account",
    }.get(code, code)


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """The `python -m classroom.accounts` command (see the module docstring); returns the exit status."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m classroom.accounts", description="Class-mode accounts.")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-instructor", help="create an instructor account")
    create.add_argument("name")
    how = create.add_mutually_exclusive_group()
    how.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    how.add_argument("--join-code", action="store_true", help="print a one-time join code instead of a password")
    students = commands.add_parser("add-students", help="create learner accounts from a roster (name[,password])")
    students.add_argument("roster", help="a CSV or text file; - for stdin")
    students.add_argument("--out", help="write the join codes (CSV) here instead of printing them")
    code = commands.add_parser("join-code", help="a new one-time join code for an account (password reset)")
    code.add_argument("name")
    commands.add_parser("list", help="list the accounts")
    args = parser.parse_args(argv)
    try:
        accounts = _open()
        if args.command == "create-instructor":
            password = None if args.join_code else _password(args, stdin)
            account = accounts.create(args.name, "instructor", password)
            print(f"instructor account created: {account.name}", file=stdout)
            if args.join_code:
                print(f"join code (works once, for 14 days): {accounts.issue_join_code(account.name)}", file=stdout)
        elif args.command == "add-students":
            text = stdin.read() if args.roster == "-" else open(args.roster, encoding="utf-8-sig").read()
            results = add_students(accounts, read_roster(text))
            for result in results:
                if result.status != "created":
                    print(f"line {result.line}: {result.name}: {_message(result.status)}", file=sys.stderr)
            table = codes_csv(results)
            if args.out:
                with open(args.out, "w", encoding="utf-8", newline="") as out:
                    out.write(table)
            else:
                stdout.write(table)
            created = sum(r.status == 'created' for r in results)
            print(f"{created} {'account' if created == 1 else 'accounts'} created", file=sys.stderr)
        elif args.command == "join-code":
            print(accounts.issue_join_code(args.name), file=stdout)
        else:
            for account in accounts.all():
                state = "switched off" if account.disabled else "active"
                print(f"{account.name}\t{account.role}\t{state}", file=stdout)
    except AccountError as error:
        print(f"error: {_message(error.code)}", file=sys.stderr)
        return 1
    except AccountsUnavailable:
        print("error: the database cannot be reached", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error.strerror or error}: {getattr(error, 'filename', '')}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
