"""Word lists the extraction rules share: job-title vocabulary, organization words, stop words.

Kept in one place so the patterns in people.py, names.py and attributes.py agree on what a
title, an organization or a non-name word is. All sets hold lower-case words.
"""

from __future__ import annotations

# Titles of public office: their holders are officials ("Premier", "Sheriff", "Gov.").
PUBLIC_TITLE_CORES: frozenset[str] = frozenset(
    """premier governor gov gov. lieutenant-governor mayor deputy-mayor sheriff minister
    commissioner attorney senator sen. congressman congresswoman congressmember councillor
    councilor councilman councilwoman councilmember alderman alderwoman reeve warden judge
    prosecutor coroner assessor auditor-general ombudsman legislator mp mpp mla lawmaker
    ambassador constable marshal speaker""".split()
)

# Titles of people who report the news.
PRESS_TITLE_CORES: frozenset[str] = frozenset(
    "editor reporter journalist columnist correspondent".split()
)

# Honorifics before a name ("Mr Giacovazzi", "Dr. Ann Lee"): never part of the name.
HONORIFICS: frozenset[str] = frozenset("mr mr. mrs mrs. ms ms. dr dr. hon hon. sir dame".split())

# Title cores that make a run of title words a job title, whatever their case.
STRONG_TITLE_CORES: frozenset[str] = (
    PUBLIC_TITLE_CORES
    | PRESS_TITLE_CORES
    | frozenset(
        """ceo cfo coo cto cio cmo cpo cso cco chro president vice-president vp svp evp avp director
    manager superintendent engineer chair chairman chairwoman chairperson officer geologist
    supervisor coordinator co-ordinator buyer controller comptroller treasurer secretary counsel
    founder co-founder cofounder metallurgist foreman administrator analyst specialist advisor
    adviser consultant estimator planner scientist architect strategist representative
    superintendant spokesperson spokesman spokeswoman billionaire""".split()
    )
)

# Title cores that are ordinary words in lower case ("lead the project"): titles only when
# written with a capital ("Project Lead", "Head of Procurement").
WEAK_TITLE_CORES: frozenset[str] = frozenset(
    "lead head partner principal executive owner member trustee chief elder".split()
)

TITLE_MODIFIERS: frozenset[str] = frozenset(
    """senior sr junior executive deputy assistant associate acting interim principal lead chief
    global regional general managing vice group corporate national area country site technical
    commercial strategic operating financial non-executive independent board grand county city
    town township village borough parish municipal provincial federal state police fire school
    district council lt lt. lieutenant press""".split()
)

# Jurisdiction words: after an organization they belong to it ("Pine County Sheriff" is a
# sheriff of Pine County), alone they stay in the title ("County Attorney").
JURISDICTION_WORDS: frozenset[str] = frozenset(
    "county city town township village borough parish district state province".split()
)

TITLE_DOMAINS: frozenset[str] = frozenset(
    """projects project procurement purchasing supply chain operations engineering finance sales
    marketing construction exploration development business sustainability environment
    environmental human resources hr it technology technical services strategy communications
    corporate investor relations legal maintenance production mining mine processing contracts
    contract safety health geology logistics capital plant site information security risk
    compliance quality accounting administration infrastructure energy power metallurgy mill
    underground surface people culture talent growth partnerships government affairs public
    indigenous community external regulatory permitting data digital product research innovation
    design estimating planning scheduling controls asset assets facilities fleet transport
    transportation treasury tax audit analytics software directors schools education""".split()
)

TITLE_WORDS: frozenset[str] = (
    STRONG_TITLE_CORES | WEAK_TITLE_CORES | TITLE_MODIFIERS | TITLE_DOMAINS
)

# Legal-form suffixes that end organization names.
ORG_SUFFIXES: tuple[str, ...] = (
    "Inc",
    "Incorporated",
    "Ltd",
    "Limited",
    "Corp",
    "Corporation",
    "Co",
    "LLC",
    "LLP",
    "LP",
    "plc",
    "PLC",
    "Pty",
    "GmbH",
    "AG",
    "SA",
    "S.A",
    "NV",
    "N.V",
    "BV",
    "B.V",
    "SE",
    "Oy",
    "AB",
    "ASA",
    "ULC",
)

# Last words that make a capitalised run an organization ("Northline Engineering").
ORG_KEYWORDS: frozenset[str] = frozenset(
    """resources mining mines metals minerals nickel copper gold silver lithium zinc uranium iron
    engineering energy power logistics capital partners bank industries technologies technology
    systems solutions services construction constructors contractors consulting consultants
    ventures investments associates laboratories labs foundation institute university college
    ministry agency authority commission council department exploration explorations royalties
    steel materials chemicals group holdings enterprises trust fund media networks software
    company corporation limited""".split()
)

# Words of organizations that are public bodies, not companies.
PUBLIC_BODY_WORDS: frozenset[str] = frozenset(
    """ministry agency authority commission council department government university college
    institute foundation regulator tribunal court board office""".split()
)

# Words that end a project's name in text ("the Kestrel Lake project").
PROJECT_WORDS: frozenset[str] = frozenset(
    "project mine deposit property development operation complex".split()
)

# Commodity and descriptive words dropped from the end of a project name.
PROJECT_TRAILERS: frozenset[str] = frozenset(
    """nickel copper gold silver lithium zinc uranium iron cobalt graphite underground open-pit
    open pit mining""".split()
)

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

PLACE_WORDS: frozenset[str] = frozenset(
    """lake river mountain mount hill hills valley bay creek island islands north south east west
    northern southern eastern western central upper lower new port fort saint nest deposit
    property road street avenue park centre center city county province state district region
    township territory territories ontario quebec québec canada australia america usa
    british columbia alberta manitoba saskatchewan nunavut yukon labrador newfoundland scotia
    brunswick europe africa asia""".split()
)

# Capitalised words that are not names: sentence openers, pronouns, honorifics, page words.
COMMON_WORDS: frozenset[str] = frozenset(
    """the a an this that these those today yesterday tomorrow meanwhile however also and but or
    in on at by for from with without according under after before during since until as if
    when while where our its their his her we you they he she it i mr mrs ms dr prof sir madam
    said says will would should could may might must can join apply about contact team report
    reports news press release update updates announces announced notice approval compliance
    registry permit government minister premier please ignore read more home menu search
    subscribe all rights reserved copyright privacy policy terms cookie cookies job jobs careers
    career posting location salary full time part hybrid remote summary overview profile
    directory listing phone email fax address website web site key people contacts staff
    management leadership investors media community first second third phase stage feasibility
    study quarter annual q1 q2 q3 q4 fiscal year early mid late spring summer fall autumn
    winter monday tuesday wednesday thursday friday saturday sunday here there what who why how
    which total estimated expected planned new former current chief official officials
    statement environment environmental act regulation ceremony""".split()
)

NAME_STOP_WORDS: frozenset[str] = (
    COMMON_WORDS
    | TITLE_WORDS
    | ORG_KEYWORDS
    | PLACE_WORDS
    | PROJECT_WORDS
    | frozenset(month for month in MONTHS)
    | frozenset(suffix.lower() for suffix in ORG_SUFFIXES)
)

# Abbreviations after which a period never ends a sentence (a name or number follows).
NON_TERMINAL_ABBREVIATIONS: frozenset[str] = frozenset(
    """mr mrs ms dr prof sr jr st mt no nos vs etc e.g i.e approx est fig vol dept univ assn
    gen col lt sgt capt cmdr rep sen hon gov rev ft ave blvd rd ph.d op cf al ca""".split()
)

# Abbreviations that end a sentence only when a new sentence visibly starts after them.
SOFT_ABBREVIATIONS: frozenset[str] = frozenset(
    """inc ltd corp co llc pty bros plc u.s u.k u.n e.u u.s.a jan feb mar apr jun jul aug sep sept
    oct nov dec""".split()
)

# Words that visibly start a new sentence after a soft abbreviation ("... Ltd. The company").
SENTENCE_STARTERS: frozenset[str] = frozenset(
    """the it its this that these those he she they we in on at as a an our their his her
    however meanwhile construction production according""".split()
)
