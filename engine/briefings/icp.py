"""ICP job titles from a client's own words: the buyers it names, ranked by their weight in a deal.

The offline form of seed 001's `company.derive.icp_job_titles`: a pure function of the client.
It reads the titles the client lists after a cue such as "Buyers:", "Decision makers:" or
"Job titles:" in its ICP first, then in its services, description and differentiators, to the
end of the sentence: items split at commas, semicolons, slashes, " and " and " or ", where a
part naming no role (manager, director, VP, head, chief, officer, ...) continues the one before
("VP Health, Safety and Environment", "Director of Research and Development"). A leading
article goes ("the general contractor's project manager" is "General contractor's project
manager"). Each title gets its priority and why it matters from the title itself
(packs.contacts.title_priority: C-level, or a VP/director/head of procurement, projects,
construction, operations or engineering is HIGH). Titles are deduplicated by their folded form.
It invents nothing: a client whose texts name no buyer gets no titles and a note saying so (the
step then has an empty result, which is not stored).
"""

from __future__ import annotations

import re

from engine.merge.text import fold
from engine.models import Client
from engine.models.briefings import IcpJobTitle, IcpJobTitlesOutput
from engine.packs.contacts import title_priority

MAX_TITLES = 20
MAX_TITLE_CHARS = 80
_FIELDS = ("icp", "services", "description", "differentiators")
_CUE = re.compile(
    r"\b(?:buyers?|buying\s+(?:group|committee|centre|center)|decision[\s-]makers?|"
    r"(?:job\s+)?titles?|roles|personas?|sell(?:s|ing)?\s+to)\s*:\s*",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"\.(?:\s|$)|\n\n")
_LIST_MARKS = re.compile(r"\s*[,;/]\s*")
_CONJUNCTION = re.compile(r"\s+(and|or)\s+", re.IGNORECASE)
# A listed item names a role: without one it continues the item before it ("VP Health, Safety
# and Environment" is one title, "Director of Research and Development" too).
_ROLE = re.compile(
    r"\b(?:manager|director|vp|svp|evp|vice\s+president|head|chief|officer|lead|leader|"
    r"engineer|president|superintendent|buyer|coordinator|specialist|administrator|owner|"
    r"founder|principal|partner|analyst|controller|planner|estimator|architect|supervisor|"
    r"foreman|c[efiot]o)s?\b",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:the|a|an|their|its)\s+", re.IGNORECASE)


def _listed(text: str) -> list[str]:
    """The items listed after each cue of a text, to the end of that sentence."""
    items: list[str] = []
    for cue in _CUE.finditer(text):
        rest = text[cue.end() :]
        end = _SENTENCE_END.search(rest)
        listed = rest[: end.start() if end else len(rest)]
        items.extend(_roles(" ".join(listed.split())))
    return items


def _roles(listed: str) -> list[str]:
    """The roles of one list: split at list marks and conjunctions, roleless parts joined on."""
    roles: list[str] = []
    for chunk in (part for part in _LIST_MARKS.split(listed) if part):
        pieces = _CONJUNCTION.split(chunk)  # [part, conjunction, part, ...]
        joined: list[str] = [pieces[0]]
        for conjunction, piece in zip(pieces[1::2], pieces[2::2], strict=True):
            if _ROLE.search(piece) and _ROLE.search(joined[-1]):
                joined.append(piece)
            else:
                joined[-1] = f"{joined[-1]} {conjunction} {piece}"
        for part in joined:
            if roles and not _ROLE.search(part):
                roles[-1] = f"{roles[-1]}, {part}"
            else:
                roles.append(part)
    return roles


def _title(item: str) -> str | None:
    cleaned = _ARTICLE.sub("", item.strip(" .:-–—")).strip()
    if not cleaned or len(cleaned) > MAX_TITLE_CHARS or not re.search(r"[A-Za-z]", cleaned):
        return None
    return cleaned[0].upper() + cleaned[1:]


def icp_job_titles(client: Client, *, domain: str | None = None) -> IcpJobTitlesOutput:
    """The job titles of the people who buy what `client` sells, from its own texts."""
    titles: list[IcpJobTitle] = []
    seen: set[str] = set()
    for field in _FIELDS:
        for item in _listed(getattr(client, field) or ""):
            title = _title(item)
            if title is None or fold(title) in seen or len(titles) >= MAX_TITLES:
                continue
            seen.add(fold(title))
            priority, why = title_priority(title)
            titles.append(IcpJobTitle(title=title, priority=priority, why=why, source_field=field))
    notes = (
        []
        if titles
        else [
            f"{client.name}'s ICP, services and description name no buyer titles "
            "(list them after 'Buyers:' in the ICP)"
        ]
    )
    return IcpJobTitlesOutput(
        company_name=client.name,
        company_domain=domain,
        company_description=client.description,
        job_titles=titles,
        notes=notes,
    )
