"""Source documents from files: front matter, HTML/Markdown/text reduced to plain text, tier.

`parse_document` is pure (a name and the file's text in, a SourceDocument out); a page whose
front matter and HTML give no publication date takes the one its address holds, if any
(`url_date`: news sites put it in the path, "/2022/05/04/...");
`load_documents` is the only function here that touches the file system. The document text
holds one block per line (see markup.py), ready for sentence splitting.

A folder is scanned before anything is read: hidden folders (".git", ".cache") are pruned from
the walk rather than entered, and a folder with more than MAX_DOCUMENTS documents (or more
than MAX_SCANNED_ENTRIES entries of any kind to look through), or a document larger than
MAX_DOCUMENT_BYTES, is refused naming the limit and the folder. Every
document must then be readable UTF-8 text: one that is not is refused by name (the whole
folder with it), never silently skipped.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from engine.claims.frontmatter import split_front_matter, without_credentials
from engine.claims.ids import source_id_for
from engine.claims.markdown import markdown_to_text
from engine.claims.markup import html_to_text, plain_to_text
from engine.claims.normalize import normalize_text
from engine.claims.tiers import derive_tier
from engine.models import InvalidInput, SourceDocument

DOCUMENT_SUFFIXES: frozenset[str] = frozenset({".md", ".txt", ".html"})
MAX_DOCUMENTS = 500
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_SCANNED_ENTRIES = 100_000  # files and folders looked at, documents or not


def parse_document(name: str, raw: str, *, target: str) -> SourceDocument:
    """Parse one document's text; name is its relative path and decides HTML/Markdown/text."""
    front, body = split_front_matter(name, normalize_text(raw))
    suffix = PurePosixPath(name).suffix.lower()
    title = front.title
    published = front.published
    if suffix in (".html", ".htm"):
        page = html_to_text(body)
        text = page.text
        title = title or page.title
        published = published or page.published
    elif suffix in (".md", ".markdown"):
        text = markdown_to_text(body)
    else:
        text = plain_to_text(body)
    published = published or url_date(front.url)
    text = normalize_text(text)  # again: HTML character references may hide format characters
    text = without_credentials(text)  # a password in a URL never reaches a claim
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


def _visible(name: str) -> bool:
    return not name.startswith(".")


def _document_files(directory: Path) -> list[tuple[str, Path]]:
    """The documents under `directory` by relative path, hidden folders and files left out."""
    files: list[tuple[str, Path]] = []
    scanned = 0
    for folder, subfolders, names in os.walk(directory):
        subfolders[:] = sorted(filter(_visible, subfolders))  # pruned: never walked into
        scanned += len(subfolders) + len(names)
        if scanned > MAX_SCANNED_ENTRIES:
            raise InvalidInput(
                f"sources folder {str(directory)!r} is too large to scan (more than "
                f"{MAX_SCANNED_ENTRIES:,} files and folders, the limit); choose the folder "
                "that holds the documents"
            )
        for name in sorted(filter(_visible, names)):
            path = Path(folder, name)
            if path.suffix.lower() not in DOCUMENT_SUFFIXES or not path.is_file():
                continue
            if len(files) == MAX_DOCUMENTS:
                raise InvalidInput(
                    f"sources folder {str(directory)!r} holds more than {MAX_DOCUMENTS} "
                    ".md, .txt or .html documents (the limit); choose a folder with fewer"
                )
            files.append((path.relative_to(directory).as_posix(), path))
    return sorted(files)


def _check_size(relative: str, path: Path, directory: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidInput(f"{relative!r}: cannot be read ({exc.strerror or exc})") from None
    if size > MAX_DOCUMENT_BYTES:
        limit_mb = MAX_DOCUMENT_BYTES // (1024 * 1024)
        raise InvalidInput(
            f"{relative!r}: {size:,} bytes, over the {limit_mb} MB limit for one document "
            f"in sources folder {str(directory)!r}"
        )


def _read_text(relative: str, path: Path) -> str:
    if not relative.isascii():
        try:
            relative.encode("utf-8")
        except UnicodeEncodeError:  # undecodable bytes of the name, kept as surrogates
            raise InvalidInput(f"{relative!r}: the file name is not UTF-8; rename it") from None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{relative!r}: cannot be read ({exc.strerror or exc})") from None
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


def load_documents(directory: Path, *, target: str) -> list[SourceDocument]:
    """Read every *.md, *.txt and *.html under directory (recursively, by relative path).

    InvalidInput names what is wrong: the folder (missing, empty, over MAX_DOCUMENTS) or the
    document (over MAX_DOCUMENT_BYTES, unreadable, not UTF-8, binary, bad front matter).
    """
    if not directory.exists():
        raise InvalidInput(f"sources directory {str(directory)!r} does not exist")
    if not directory.is_dir():
        raise InvalidInput(f"sources directory {str(directory)!r} is not a directory")
    files = _document_files(directory)
    if not files:
        raise InvalidInput(
            f"sources directory {str(directory)!r} holds no .md, .txt or .html documents"
        )
    for relative, path in files:
        _check_size(relative, path, directory)
    documents: list[SourceDocument] = []
    used: set[str] = set()
    for relative, path in files:
        document = parse_document(relative, _read_text(relative, path), target=target)
        source_id, counter = document.source_id, 2
        while source_id in used:
            source_id, counter = f"{document.source_id}-{counter}", counter + 1
        used.add(source_id)
        documents.append(document.model_copy(update={"source_id": source_id}))
    return documents
