"""The `workbench` command line (DESIGN §9): every workflow outside the UI.

Exit 0 on success; exit 2 with one line on stderr naming what was wrong on bad input.
`extract` and `merge` are pure (they read files, print JSON, and write nothing);
`client add` and `clients` use the Store at `--db` (or WORKBENCH_DB); a store failure
that is not the user's input (a corrupt file) exits 1. The pipeline commands (`demo`, `run`,
`resume`, `runs`, `rebuild`, `export`, `status`) live in `engine.cli_runs`.

One database file serves the app and the CLI, one process at a time. A command that finds the
file busy waits up to WORKBENCH_DB_WAIT_S seconds (default 30), saying so once on stderr, then
exits 1 with one line naming the holder ("the workbench app (PID 4242) is running run ...").
A `--db` (or WORKBENCH_DB) in a folder that does not exist, or naming a file that is not a
DuckDB database, is bad input (exit 2) and nothing is created. `--org` and client names are
taken in one form (NFKC, whitespace collapsed; an org id case-folded: models/names.py), and a
message quotes a long value cut, never in full.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from engine.briefings.keys import client_domain
from engine.claims.documents import load_documents
from engine.claims.extract import extract_claims
from engine.cli_briefings import BRIEFING_HANDLERS, add_briefing_commands
from engine.cli_runs import RUN_HANDLERS, add_run_commands, terminal_text
from engine.merge import merge_claims
from engine.models import Claim, Client, InvalidInput, Review, claims_to_json, parse_claims
from engine.models.claims import describe_validation_error
from engine.models.names import clean_name, normalize_org_id, shorten
from engine.store import (
    DB_ENV_VAR,
    DatabaseBusyError,
    DuplicateError,
    ForeignFileError,
    InvalidTransitionError,
    NotFoundError,
    Store,
    StoreError,
    default_db_path,
)

DEFAULT_ORG = "default"
DB_WAIT_ENV_VAR = "WORKBENCH_DB_WAIT_S"
DEFAULT_DB_WAIT_S = 30.0
PATH_QUOTED_MAX = 300
MESSAGE_TOKEN_MAX = 400  # a longer run of non-space characters in a message is cut


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"workbench: {message} (see 'workbench --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = _Parser(prog="workbench", description="Dossier Workbench command line.")
    parser.add_argument("--db", type=Path, default=None, help="DuckDB file (env WORKBENCH_DB)")
    parser.add_argument("--org", default=DEFAULT_ORG, help="workspace (org) id")
    # The global options are also accepted after the subcommand ("workbench clients --db x").
    shared = _Parser(add_help=False)
    shared.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    shared.add_argument("--org", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(group: Any, name: str, help_text: str) -> argparse.ArgumentParser:
        parsed: argparse.ArgumentParser = group.add_parser(name, help=help_text, parents=[shared])
        return parsed

    extract = command(commands, "extract", "extract claims from local source documents")
    extract.add_argument("--sources", type=Path, required=True, help="folder of .md/.txt/.html")
    extract.add_argument("--target", required=True, help="the target company")
    extract.add_argument("--prefix", default="doc", help="claim id prefix (default: doc)")

    merge = command(commands, "merge", "merge a JSON array of claims (step 07B)")
    merge.add_argument("--claims", type=Path, required=True, help="JSON file: array of claims")
    merge.add_argument("--target", default=None, help="target entity (default: most mentioned)")
    merge.add_argument("--reviews", type=Path, default=None, help="JSON file: array of reviews")

    client = command(commands, "client", "manage clients")
    client_commands = client.add_subparsers(dest="client_command", required=True)
    add = command(client_commands, "add", "add a client")
    add.add_argument("name")
    add.add_argument("--description", required=True)
    add.add_argument("--services", default="")
    add.add_argument("--icp", default="")
    add.add_argument("--differentiators", default="")
    add.add_argument("--domain", default="", help="the client's web domain (for its ICP)")

    clients = command(commands, "clients", "list clients")
    clients.add_argument("--json", action="store_true", help="print a JSON array")
    add_run_commands(commands, command)
    add_briefing_commands(commands, command)
    return parser


def _read_json(path: Path, what: str) -> Any:
    """Read a JSON file strictly (engine.jsonfile): every failure an InvalidInput naming the file,
    and a repeated key or a huge number naming the claim and field."""
    from engine.jsonfile import read_json_file  # may join the imports at the top

    return read_json_file(path, what)


def _parse_reviews(raw: Any, path: Path) -> list[Review]:
    if not isinstance(raw, list):
        raise InvalidInput(f"reviews file {str(path)!r} must hold a JSON array")
    reviews = []
    for index, item in enumerate(raw):
        try:
            reviews.append(Review.model_validate(item))
        except ValidationError as exc:
            detail = describe_validation_error(exc, record="review")
            raise InvalidInput(f"review #{index}: {detail}") from None
    return reviews


def infer_target(claims: Sequence[Claim]) -> str:
    """The entity most claims are about (subjects and entities), for merges given no target."""
    counts: Counter[str] = Counter()
    for claim in claims:
        counts.update(set(claim.entities))
        if claim.subject:
            counts[claim.subject] += 1
    if not counts:
        return "unknown"
    return min(counts, key=lambda name: (-counts[name], name))


def _print_json(data: Any) -> None:
    try:
        text = json.dumps(data, indent=2, ensure_ascii=False)
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:
        # Text the terminal cannot encode (or a lone surrogate from the input): escape it.
        text = json.dumps(data, indent=2, ensure_ascii=True)
    sys.stdout.write(text + "\n")


def _cmd_extract(args: argparse.Namespace) -> None:
    documents = load_documents(args.sources, target=args.target)
    claims = extract_claims(documents, target=args.target, prefix=args.prefix)
    _print_json(claims_to_json(claims))


def _cmd_merge(args: argparse.Namespace) -> None:
    claims = parse_claims(_read_json(args.claims, "claims"))
    reviews: list[Review] = []
    if args.reviews is not None:
        reviews = _parse_reviews(_read_json(args.reviews, "reviews"), args.reviews)
    target = args.target or infer_target(claims)
    result = merge_claims(claims, target_entity=target, reviews=reviews)
    _print_json(result.contract_json())


def db_wait_seconds(environ: dict[str, str] | None = None) -> float:
    """How long a command waits for a busy database: $WORKBENCH_DB_WAIT_S, default 30."""
    raw = (os.environ if environ is None else environ).get(DB_WAIT_ENV_VAR, "").strip()
    if not raw:
        return DEFAULT_DB_WAIT_S
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 86_400:
        raise InvalidInput(
            f"{DB_WAIT_ENV_VAR} must be seconds from 0 to 86400, got {shorten(raw)!r}"
        )
    return seconds


def _database_path(args: argparse.Namespace) -> Path:
    """The database file; InvalidInput when a given path cannot be one (nothing is created)."""
    given = args.db is not None or bool(os.environ.get(DB_ENV_VAR, "").strip())
    path = args.db if args.db is not None else default_db_path()
    what = "--db" if args.db is not None else DB_ENV_VAR
    if path.is_dir():
        raise InvalidInput(
            f"{what} {shorten(str(path), PATH_QUOTED_MAX)!r} is a folder; name a database file"
        )
    if given and not path.parent.is_dir():
        folder = shorten(str(path.parent), PATH_QUOTED_MAX)
        raise InvalidInput(
            f"{what} {shorten(str(path), PATH_QUOTED_MAX)!r}: the folder {folder!r} does not "
            "exist (a new database is created only in an existing folder)"
        )
    return path


def _open_store(args: argparse.Namespace) -> Store:
    def tell(message: str) -> None:
        sys.stderr.write(f"workbench: the database is busy, {_one_line(message)}\n")
        sys.stderr.flush()

    return Store(
        _database_path(args),
        holder=f"the workbench CLI ('workbench {args.command}')",
        busy_wait_s=db_wait_seconds(),
        on_wait=tell,
    )


def _cmd_client_add(args: argparse.Namespace) -> None:
    args.name = clean_name(args.name, "client name")
    try:
        client = Client(
            name=args.name,
            description=args.description,
            services=args.services,
            icp=args.icp,
            differentiators=args.differentiators,
            domain=client_domain(args.domain),
        )
    except ValidationError as exc:
        detail = describe_validation_error(exc, record="client")
        raise InvalidInput(f"client {shorten(args.name)!r}: {detail}") from None
    with _open_store(args) as store:
        client_id = store.add_client(args.org, client)
    sys.stdout.write(f"added client {client.name!r} ({client_id})\n")


def _cmd_clients(args: argparse.Namespace) -> None:
    with _open_store(args) as store:
        clients = store.list_clients(args.org)
    if args.json:
        _print_json([client.model_dump() for client in clients])
        return
    if not clients:
        sys.stdout.write("no clients yet: add one with 'workbench client add NAME --description'\n")
        return
    names = [terminal_text(client.name) for client in clients]
    width = max(len(name) for name in names)
    for name, client in zip(names, clients, strict=True):
        sys.stdout.write(f"{name:<{width}}  {terminal_text(client.description)}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        args.org = normalize_org_id(args.org)
    except InvalidInput as exc:
        sys.stderr.write(f"workbench: {_one_line(str(exc))}\n")
        return 2
    handlers = {
        "extract": _cmd_extract,
        "merge": _cmd_merge,
        "clients": _cmd_clients,
        "client": _cmd_client_add,
    }
    try:
        if args.command == "briefings":
            return BRIEFING_HANDLERS[args.briefing_kind](args, _open_store)
        if args.command in RUN_HANDLERS:
            return RUN_HANDLERS[args.command](args, _open_store)
        handlers[args.command](args)
    except (
        InvalidInput,
        DuplicateError,
        NotFoundError,
        InvalidTransitionError,
        ForeignFileError,
    ) as exc:
        sys.stderr.write(f"workbench: {_one_line(str(exc))}\n")
        return 2
    except DatabaseBusyError as exc:
        hint = f", or set {DB_WAIT_ENV_VAR} to wait longer"
        sys.stderr.write(f"workbench: {_one_line(str(exc))}{hint}\n")
        return 1
    except StoreError as exc:
        sys.stderr.write(f"workbench: store error: {_one_line(str(exc))}\n")
        return 1
    except BrokenPipeError:
        # The reader went away (`workbench extract ... | head`): stop quietly.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream
        return 0
    except OSError as exc:
        sys.stderr.write(f"workbench: cannot write the output: {exc.strerror or exc}\n")
        return 1
    return 0


def _one_line(message: str) -> str:
    """The message on one line, each over-long run of non-space characters cut."""
    return " ".join(
        word if len(word) <= MESSAGE_TOKEN_MAX else shorten(word, MESSAGE_TOKEN_MAX // 2)
        for word in message.split()
    )


if __name__ == "__main__":
    raise SystemExit(main())
