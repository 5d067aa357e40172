"""Common English given-name nicknames and spelling variants, for person-name matching.

`FORMAL_NICKNAMES` maps a formal given name to the short forms people use for it (Jim for James,
Peggy for Margaret); `SPELLING_VARIANTS` groups spellings of one name (Catherine, Katherine).
Everything is lower-case ASCII, the shape `engine.merge.text.fold` produces. Two given names are
equivalent when they can stand for the same formal name: Jim and Jimmy (both James), Bob and
Robert, Sasha and Alex (both Alexander or Alexandra), but never Alexander and Alexandra.
"""

from __future__ import annotations

from functools import lru_cache

FORMAL_NICKNAMES: dict[str, tuple[str, ...]] = {
    "abigail": ("abby", "abbie", "gail"),
    "albert": ("al", "bert", "bertie"),
    "alexander": ("alex", "alec", "al", "sasha", "sandy", "xander", "lex"),
    "alexandra": ("alex", "sasha", "sandy", "lexi", "alexa"),
    "alfred": ("al", "alf", "alfie", "fred"),
    "alison": ("ali", "allie"),
    "amanda": ("mandy", "manda"),
    "andrew": ("andy", "drew"),
    "angela": ("angie",),
    "anthony": ("tony", "ant"),
    "arthur": ("art", "artie"),
    "barbara": ("barb", "babs", "barbie"),
    "benjamin": ("ben", "benny", "benji"),
    "bradley": ("brad",),
    "cameron": ("cam",),
    "caroline": ("carrie", "caro"),
    "catherine": ("kate", "katie", "cathy", "cat", "kathy", "kay"),
    "charles": ("charlie", "chuck", "chas", "chaz", "chip"),
    "christina": ("chris", "tina", "chrissy", "kristy"),
    "christine": ("chris", "tina", "chrissy"),
    "christopher": ("chris", "kit", "topher"),
    "clifford": ("cliff",),
    "cynthia": ("cindy",),
    "daniel": ("dan", "danny"),
    "danielle": ("dani", "elle"),
    "david": ("dave", "davey", "davy"),
    "deborah": ("deb", "debbie", "debby"),
    "dominic": ("dom", "nic"),
    "donald": ("don", "donnie"),
    "dorothy": ("dot", "dottie", "dolly", "dora"),
    "douglas": ("doug",),
    "edmund": ("ed", "eddie", "ned"),
    "edward": ("ed", "eddie", "ted", "teddy", "ned"),
    "edwin": ("ed", "eddie"),
    "eleanor": ("ellie", "nell", "nora", "elle"),
    "elizabeth": ("liz", "lizzie", "lizzy", "beth", "betty", "betsy", "bess", "eliza", "libby"),
    "eugene": ("gene",),
    "evelyn": ("evie", "eve"),
    "frances": ("fran", "frannie"),
    "francis": ("frank", "fran", "frankie"),
    "franklin": ("frank",),
    "frederick": ("fred", "freddie", "freddy", "fritz", "rick"),
    "gabriel": ("gabe",),
    "gabrielle": ("gabby", "gabi", "elle"),
    "gerald": ("gerry", "jerry"),
    "gregory": ("greg",),
    "gwendolyn": ("gwen",),
    "harold": ("harry", "hal"),
    "harriet": ("hattie", "harry"),
    "henry": ("hank", "harry", "hal"),
    "herbert": ("herb", "bert"),
    "isaac": ("ike",),
    "isabel": ("izzy", "bella", "belle", "isa"),
    "jacob": ("jake", "jack"),
    "jacqueline": ("jackie", "jacqui"),
    "james": ("jim", "jimmy", "jamie", "jem"),
    "jennifer": ("jen", "jenny", "jenn"),
    "jessica": ("jess", "jessie"),
    "jillian": ("jill",),
    "john": ("jack", "johnny", "jon"),
    "jonathan": ("jon", "jonny", "johnny"),
    "joseph": ("joe", "joey", "jo"),
    "josephine": ("jo", "josie"),
    "joshua": ("josh",),
    "judith": ("judy", "jude"),
    "kathryn": ("kate", "katie", "kathy", "kay"),
    "katherine": ("kate", "katie", "kathy", "kat", "kay", "kitty"),
    "kenneth": ("ken", "kenny"),
    "kimberly": ("kim",),
    "lawrence": ("larry", "laurie"),
    "leonard": ("leo", "len", "lenny"),
    "louis": ("lou",),
    "louise": ("lou", "lulu"),
    "madeline": ("maddie", "maddy"),
    "margaret": ("peg", "peggy", "maggie", "meg", "marge", "margie", "greta", "daisy"),
    "martha": ("marty", "patsy", "mattie"),
    "mary": ("molly", "polly", "mae", "mamie"),
    "matilda": ("tilly", "tilda", "mattie"),
    "matthew": ("matt", "matty"),
    "maximilian": ("max",),
    "maxwell": ("max",),
    "melanie": ("mel",),
    "melissa": ("mel", "missy", "lissa"),
    "michael": ("mike", "mikey", "mick", "mickey"),
    "mitchell": ("mitch",),
    "montgomery": ("monty",),
    "nancy": ("nan",),
    "natalie": ("nat", "tally"),
    "nathan": ("nate", "nat"),
    "nathaniel": ("nate", "nat", "nathan"),
    "nicholas": ("nick", "nicky", "nico", "nic"),
    "oliver": ("ollie", "noll"),
    "olivia": ("liv", "livvy"),
    "pamela": ("pam",),
    "patricia": ("pat", "patty", "patsy", "trish", "tricia"),
    "patrick": ("pat", "paddy"),
    "penelope": ("penny",),
    "peter": ("pete",),
    "philip": ("phil", "pip"),
    "randall": ("randy",),
    "randolph": ("randy", "dolph"),
    "raymond": ("ray",),
    "rebecca": ("becky", "becca", "becks"),
    "reginald": ("reg", "reggie"),
    "richard": ("dick", "rick", "ricky", "rich", "richie"),
    "robert": ("bob", "bobby", "rob", "robbie", "bert"),
    "roberta": ("bobbie", "robbie", "bertie"),
    "roderick": ("rod", "roddy"),
    "rodney": ("rod",),
    "ronald": ("ron", "ronnie"),
    "rosemary": ("rose", "rosie"),
    "russell": ("russ",),
    "samantha": ("sam", "sammy"),
    "samuel": ("sam", "sammy"),
    "sandra": ("sandy",),
    "sarah": ("sally", "sadie"),
    "stanley": ("stan",),
    "stephanie": ("steph", "stevie"),
    "stephen": ("steve", "stevie"),
    "susan": ("sue", "susie", "suzy"),
    "suzanne": ("sue", "suzy", "susie"),
    "terence": ("terry",),
    "theodore": ("ted", "teddy", "theo"),
    "theresa": ("terry", "tess", "tessa", "tracy"),
    "thomas": ("tom", "tommy"),
    "timothy": ("tim", "timmy"),
    "tobias": ("toby",),
    "valerie": ("val",),
    "victoria": ("vicky", "vickie", "tori"),
    "vincent": ("vince", "vinny"),
    "virginia": ("ginny", "ginger"),
    "walter": ("walt", "wally"),
    "wesley": ("wes",),
    "william": ("bill", "billy", "will", "willy", "willie", "liam"),
    "winifred": ("winnie",),
    "zachary": ("zach", "zack", "zak"),
}

# Spellings of one name; the first is the one the nickname table uses.
SPELLING_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("catherine", "katherine", "katharine", "kathryn", "catharine"),
    ("stephen", "steven"),
    ("philip", "phillip"),
    ("geoffrey", "jeffrey", "jeffery"),
    ("sarah", "sara"),
    ("alan", "allan", "allen"),
    ("theresa", "teresa"),
    ("lawrence", "laurence"),
    ("isabel", "isabella", "isobel", "isabelle"),
    ("madeline", "madeleine", "madelyn"),
    ("deborah", "debra"),
    ("frederick", "frederic"),
    ("terence", "terrence"),
    ("jonathan", "jonathon"),
    ("alison", "allison"),
    ("nicholas", "nicolas"),
    ("mohammed", "muhammad", "mohammad", "mohamed"),
)

# Short forms that are not variants of a table entry but shorten a variant's spelling.
_EXTRA_NICKNAMES: dict[str, tuple[str, ...]] = {
    "geoffrey": ("geoff", "jeff"),
    "alan": ("al",),
}


def _build_canonical() -> dict[str, frozenset[str]]:
    """Map every known given name to the formal names (first spelling) it can stand for."""
    spelling: dict[str, str] = {}
    for group in SPELLING_VARIANTS:
        for variant in group:
            spelling[variant] = group[0]
    canonical: dict[str, set[str]] = {}
    for variant, first in spelling.items():
        canonical.setdefault(variant, set()).add(first)
    for table in (FORMAL_NICKNAMES, _EXTRA_NICKNAMES):
        for formal, nicknames in table.items():
            formal_key = spelling.get(formal, formal)
            canonical.setdefault(formal, set()).add(formal_key)
            for nickname in nicknames:
                canonical.setdefault(nickname, set()).add(formal_key)
    return {name: frozenset(forms) for name, forms in canonical.items()}


_CANONICAL: dict[str, frozenset[str]] = _build_canonical()
_FORMAL: frozenset[str] = frozenset(
    [*FORMAL_NICKNAMES, *_EXTRA_NICKNAMES, *(name for group in SPELLING_VARIANTS for name in group)]
)


@lru_cache(maxsize=65536)
def formal_forms(given: str) -> frozenset[str]:
    """The formal names a given name can stand for; an unknown name stands for itself."""
    return _CANONICAL.get(given, frozenset({given}))


def nickname_equivalent(first: str, second: str) -> bool:
    """True when two given names can stand for the same formal name (Jim and James, Bob and Rob)."""
    return bool(formal_forms(first) & formal_forms(second))


def is_known_given_name(given: str) -> bool:
    """True for a name in the table, formal or nickname (so a typo between two of them is not)."""
    return given in _CANONICAL


def is_nickname(given: str) -> bool:
    """True for a short form that is not itself a formal name in the table (Jim, Peggy)."""
    return given in _CANONICAL and given not in _FORMAL


def nickname_count() -> int:
    """How many (short form, formal name) pairs the table holds."""
    return sum(len(forms) for name, forms in _CANONICAL.items() if name not in _FORMAL)
