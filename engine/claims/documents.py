"""Source documents from files: front matter, HTML/Markdown/text reduced to plain text, tier.

`parse_document` is pure (a name and the file's text in, a SourceDocument out); a page whose
front matter and HTML give no publication date takes the one its address holds, if any
(`url_date`: news sites put it in the path, "/2022/05/04/..."); a publication date outside the
years 1900-2100 (a placeholder such as 9999-12-31) is ignored. `load_documents` is the only
function here that touches the file system. The document text holds one block per line (see
markup.py), ready for sentence splitting.

A folder is scanned before anything is read: hidden folders (".git", ".cache") are pruned from
the walk rather than entered, and a folder with more than MAX_DOCUMENTS documents (or more
than MAX_SCANNED_ENTRIES entries of any kind to look through), or a document larger than
MAX_DOCUMENT_BYTES, is refused naming the limit and the folder. Nothing outside the folder is
read (sourcefiles.py): a link that leads outside it (to a file or a folder), a broken link, a
FIFO, a socket or a device is skipped with a warning naming it and why. Every document read
must be UTF-8 text: one that is not is refused by name (the whole folder with it).

Extraction costs time in proportion to the text, so a document's text is cut at
MAX_DOCUMENT_CHARS characters (at the last line break before it), with a warning naming the
file: the largest page of the real corpora holds about 2,300 characters, a long annual report
about 300,000. Warnings (skipped entries, cut texts, ignored dates) are logged on this module's
logger, one line each (the CLI prints them on stderr), and added to `notices` when given.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from engine.claims.frontmatter import split_front_matter, without_credentials
from engine.claims.ids import source_id_for
from engine.claims.markdown import markdown_to_text
from engine.claims.markup import html_to_text, plain_to_text
from engine.claims.normalize import normalize_text
from engine.claims.sourcefiles import FolderTooLarge, SourceFile, read_source, scan_folder
from engine.claims.tiers import derive_tier
from engine.models import InvalidInput, SourceDocument
from engine.models.claims import MAX_CLAIM_YEAR, MIN_CLAIM_YEAR, in_claim_years

DOCUMENT_SUFFIXES: frozenset[str] = frozenset({".md", ".txt", ".html"})
MAX_DOCUMENTS = 500
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_SCANNED_ENTRIES = 100_000  # files and folders looked at, documents or not
MAX_DOCUMENT_CHARS = 300_000  # of text, after HTML/Markdown are reduced; the rest is cut
LOG = logging.getLogger(__name__)


def _ignore(_: str) -> None:
    return None


def parse_document(
    name: str, raw: str, *, target: str, note: Callable[[str], None] = _ignore
) -> SourceDocument:
    """Parse one document's text; name is its relative path and decides HTML/Markdown/text.

    `note` hears what was changed on the way: a text cut at MAX_DOCUMENT_CHARS, a far date.
    """
    front, body = split_front_matter(name, normalize_text(raw))
    suffix = PurePosixPath(name).suffix.lower()
    title = front.title
    page_published: date | None = None
    if suffix in (".html", ".htm"):
        page = html_to_text(body)
        text = page.text
        title = title or page.title
        page_published = page.published
    elif suffix in (".md", ".markdown"):
        text = markdown_to_text(body)
    else:
        text = plain_to_text(body)
    published = _publication_date((front.published, page_published, url_date(front.url)), note)
    text = normalize_text(text)  # again: HTML character references may hide format characters
    text = without_credentials(text)  # a password in a URL never reaches a claim
    text = _capped(text, note)
    tier = front.tier or derive_tier(front.url, front.source_type, target)
    return SourceDocument(
        source_id=source_id_for(name),
        path=name,
        url=front.url,
        title=normalize_text(title) if title else title,
        source_name=front.source_name or title or PurePosixPath(name).name or name,
        published=published,
        source_type=front.source_type,
        tier=tier,
        text=text,
        images=front.images,
    )


_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})(?P<sep>[/-])(?P<month>0[1-9]|1[0-2])"
    r"(?:(?P=sep)(?P<day>0[1-9]|[12]\d|3[01]))?(?=[/-]|$)"
)


def url_date(url: str | None) -> date | None:
    """The publication date a page's address holds ("/2022/05/04/...", "/2022/09/...": the
    first of the month, "/2025-06-02-..."), for a page whose front matter and HTML give none."""
    if not url:
        return None
    path = urlsplit(url).path
    match = _URL_DATE.search(path)
    if match is None:
        return None
    day = int(match.group("day") or 1)
    try:
        return date(int(match.group("year")), int(match.group("month")), day)
    except ValueError:
        return None


def _publication_date(
    candidates: tuple[date | None, ...], note: Callable[[str], None]
) -> date | None:
    """The first date given (front matter, HTML, address) that lies in the claim years."""
    for candidate in candidates:
        if candidate is None:
            continue
        if in_claim_years(candidate):
            return candidate
        note(
            f"publication date {candidate.isoformat()} is outside the years "
            f"{MIN_CLAIM_YEAR}-{MAX_CLAIM_YEAR}; ignored"
        )
    return None


def _capped(text: str, note: Callable[[str], None]) -> str:
    """The text cut at MAX_DOCUMENT_CHARS, at the last line break before it if there is one."""
    limit = MAX_DOCUMENT_CHARS
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit + 1)
    kept = (text[:cut] if cut > limit // 2 else text[:limit]).rstrip()
    note(
        f"text cut to its first {len(kept):,} characters of {len(text):,} "
        f"(the limit is {limit:,} characters a document); the rest is not read"
    )
    return kept


def _document_files(directory: Path, note: Callable[[str, str], None]) -> list[SourceFile]:
    """The readable documents under `directory` by relative path (see sourcefiles.py)."""
    try:
        return scan_folder(
            directory,
            suffixes=DOCUMENT_SUFFIXES,
            max_documents=MAX_DOCUMENTS,
            max_scanned=MAX_SCANNED_ENTRIES,
            note=note,
        )
    except FolderTooLarge as exc:
        if exc.kind == "documents":
            raise InvalidInput(
                f"sources folder {str(directory)!r} holds more than {MAX_DOCUMENTS} "
                ".md, .txt or .html documents (the limit); choose a folder with fewer"
            ) from None
        raise InvalidInput(
            f"sources folder {str(directory)!r} is too large to scan (more than "
            f"{MAX_SCANNED_ENTRIES:,} files and folders, the limit); choose the folder "
            "that holds the documents"
        ) from None


def _check_size(relative: str, size: int, directory: Path) -> None:
    if size > MAX_DOCUMENT_BYTES:
        limit_mb = MAX_DOCUMENT_BYTES // (1024 * 1024)
        raise InvalidInput(
            f"{relative!r}: {size:,} bytes, over the {limit_mb} MB limit for one document "
            f"in sources folder {str(directory)!r}"
        )


def _read_text(file: SourceFile, directory: Path) -> str | None:
    """The file's text; None if it is no longer a regular file (noted by the caller)."""
    relative = file.relative
    if not relative.isascii():
        try:
            relative.encode("utf-8")
        except UnicodeEncodeError:  # undecodable bytes of the name, kept as surrogates
            raise InvalidInput(f"{relative!r}: the file name is not UTF-8; rename it") from None
    try:
        data = read_source(file, max_bytes=MAX_DOCUMENT_BYTES)
    except OSError as exc:
        raise InvalidInput(f"{relative!r}: cannot be read ({exc.strerror or exc})") from None
    if isinstance(data, str):
        return None
    _check_size(relative, len(data), directory)  # it grew since the folder was scanned
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{relative!r}: not UTF-8 text (bad byte at offset {exc.start})"
        ) from None
    if "\x00" in text:  # valid UTF-8 yet a binary file (a database, an archive)
        raise InvalidInput(
            f"{relative!r}: a binary file, not text (NUL byte at offset {data.index(0)})"
        )
    return text


def load_documents(
    directory: Path, *, target: str, notices: list[str] | None = None
) -> list[SourceDocument]:
    """Read every *.md, *.txt and *.html under directory (recursively, by relative path).

    InvalidInput names what is wrong: the folder (missing, empty, over MAX_DOCUMENTS) or the
    document (over MAX_DOCUMENT_BYTES, unreadable, not UTF-8, binary, bad front matter). Each
    entry skipped, text cut or date ignored is logged as a warning and added to `notices`.
    """
    if not directory.exists():
        raise InvalidInput(f"sources directory {str(directory)!r} does not exist")
    if not directory.is_dir():
        raise InvalidInput(f"sources directory {str(directory)!r} is not a directory")
    warned: list[str] = [] if notices is None else notices

    def note(relative: str, reason: str) -> None:
        line = f"{relative!r} in sources folder {str(directory)!r}: {reason}"
        LOG.warning("%s", line)
        warned.append(line)

    files = _document_files(directory, note)
    for file in files:
        _check_size(file.relative, file.size, directory)
    documents: list[SourceDocument] = []
    used: set[str] = set()
    for file in files:
        text = _read_text(file, directory)
        if text is None:
            note(file.relative, "no longer a regular file when it was opened; not read")
            continue
        document = parse_document(
            file.relative, text, target=target, note=partial(note, file.relative)
        )
        source_id, counter = document.source_id, 2
        while source_id in used:
            source_id, counter = f"{document.source_id}-{counter}", counter + 1
        used.add(source_id)
        documents.append(document.model_copy(update={"source_id": source_id}))
    if not documents:
        skipped = f" ({len(warned)} skipped: see the warnings)" if warned else ""
        raise InvalidInput(
            f"sources directory {str(directory)!r} holds no .md, .txt or .html documents{skipped}"
        )
    return documents
