"""Blame carried by how the story is told: the wider lexicons by category.

Real reports blame without the phrases the first rules know: "a configuration mistake on the
vendor's end", "I dropped the production database", "the process was not followed", "keep a
closer eye on things", "we need to get better at this". Each detector here is a small table of
patterns, each with the stems it needs (a cheap pre-check, as in `blame`), grouped by the kind of
blame they show. The rules in `rules` attach them to the categories they extend.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from pm_postmortem.core.coach.actors import actor_of_word, sentence_start
from pm_postmortem.core.coach.detectors import _MEASURABLE
from pm_postmortem.core.coach.language import Span, _Text, stems_of
from pm_postmortem.core.findings import FieldKind

_I = re.IGNORECASE

Lexicon = tuple[tuple[frozenset[str], re.Pattern[str]], ...]


def _lexicon(*entries: tuple[str, str]) -> Lexicon:
    return tuple((stems_of(stems), re.compile(pattern, _I)) for stems, pattern in entries)


def lexicon_stems(lexicon: Lexicon) -> frozenset[str]:
    """Every stem a lexicon's patterns need: the rule's pre-check."""
    return frozenset().union(*(stems for stems, _ in lexicon))


def _matches(item: _Text, lexicon: Lexicon) -> Iterator[Span]:
    for stems, pattern in lexicon:
        if item.may_hold(stems):
            for match in pattern.finditer(item.text):
                yield match.span()


def _matching(lexicon: Lexicon) -> Callable[[_Text], Iterator[Span]]:
    """A detector that reports every match of ``lexicon``."""

    def detect(item: _Text) -> Iterator[Span]:
        return _matches(item, lexicon)

    return detect


_SLIP_NOUN = (
    r"(?:mistake|blunder|bungle|fumble|gaffe|goof|screw[- ]?up|fuck[- ]?up|foul[- ]?up|cock[- ]?up"
    r"|balls[- ]?up|slip[- ]?up)s?"
)
_DESTRUCTIVE = (
    r"(?:deleted|deleting|removed|removing|dropped|dropping|wiped|wiping|withdrew|withdrawn"
    r"|unplugged|unplugging|disconnected|disconnecting|erased|purged|overwrote|overwritten"
    r"|deactivated|revoked|terminated|destroyed|truncated|published|exposed|leaked|shut\s+down"
    r"|turned\s+off|switched\s+off|pulled|cut|unplug|delete|remove|drop|wipe|disconnect|erase|shut\s+off)"
)

_ROLE = (
    r"(?:engineer|employee|technician|admin|administrator|sysadmin|operator|developer|dev|analyst|clerk|trader"
    r"|contractor|worker|staffer|staff\s+member|co-?worker|colleague|intern|guy|person|individual)"
)

FAULT = _lexicon(
    (
        "condemned condemn criticised criticized slammed lambasted regret regretted",
        r"\b(?:condemn|criticis|criticiz|slamm?|lambast|regrett?)\w*\s+(?:the|those|these|its|their)\s+(?:[\w“”\"-]+\s+)?"
        r"(?:mistakes?|errors?|blunders?|failures?)\b",
    ),
    ("shambles shambolic", r"\bshambles\b|\bshambolic\b"),
    ("wrong selection", r"\bwrong\s+selection\s+of\b"),
    ("blame", r"\bno\s+one\s+to\s+blame\s+but\b"),
    ("directly main master production prod", r"\bdirectly\s+to\s+(?:the\s+)?(?:main|master|production|prod)\b[^.]{0,30}\binstead\s+of\b"),
    (
        "poor sloppy careless lazy bad practice",
        r"\b(?:poor|sloppy|careless|lazy)\s+(?:thinking|practice|work|coding|judg(?:e)?ment)\b"
        r"|\b(?:really\s+|very\s+)?bad\s+practice\b",
    ),
    ("hand hands", r"\bat\s+the\s+hands?\s+of\b"),
    ("swapped transposed digits", r"\b(?:swapped|transposed)\s+(?:two\s+|the\s+)?(?:digits|numbers)\b"),
    ("kept", r"\bkept\s+(?:deleting|breaking|dropping|pushing|ignoring|forgetting)\b"),
    (
        "misunderstanding assumption",
        r"\b(?:user|operator|engineer|developer|staff)\s+misunderstanding\b"
        r"|\bmade\s+an?\s+(?:incorrect|wrong|bad|false)\s+assumption\b",
    ),
    (
        "blasted slammed lambasted",
        r"\b(?:blasted|slammed|lambasted)\s+(?:[\w’'-]+\s+){0,3}?for\b",
    ),
    ("due company actions", r"\bdue\s+to\s+(?:the\s+)?[\w-]+['’]s\s+actions\b"),
    ("error", r",\s*in\s+error\s*,"),
    (
        "clerical error judgement judgment personnel administration administrative",
        r"\b(?:clerical|judg(?:e)?ment|personnel|administration|administrative)\s+errors?\b"
        r"|\berrors?\s+of\s+judg(?:e)?ment\b",
    ),
    ("fuck cock balls boo", r"\b(?:fuck|cock|balls)[- ]?ups?\b|\bboo-?boo\b"),
    (
        "engineer operator human user staff admin",
        r"\b(?:engineer|operator|human|user|staff|admin)-(?:driven|induced|caused|initiated)\b",
    ),
    ("accident", r"\baccident\s+(?:performed|caused|made)\s+by\s+(?:somebody|someone|an?\s+)"),
    ("let", r"\blet\s+(?:[\w.-]+\s+){1,3}?(?:expire|lapse)\b"),
    ("criticised criticized", r"\bcritici[sz]ed\s+for\b"),
    ("complete total utter sheer lack", r"\b(?:complete|total|utter|sheer)\s+lack\s+of\b"),
    (
        "asshole arsehole dopey moron numpty muppet clown clowns unthinkable",
        r"\b(?:asshole|arsehole|dopey|moron|numpty|muppet|clown)s?\b|\bdid\s+the\s+unthinkable\b",
    ),
    ("drop drops dropping ball", r"\b(?:drop|drops|dropping)\s+the\s+ball\b"),
    (
        "production prod live instead",
        r"\b(?:production|prod|live)\b[^.;]{0,30}\binstead\s+of\s+(?:the\s+|a\s+)?(?:staging|test|testing|dev"
        r"|development|sandbox|local)\b",
    ),
    ("being blamed", r"\b(?:are|is|were|was)\s+being\s+blamed\s+for\b"),
    (
        "cock balls fuck screw foul",
        r"\b(?:more|a|what\s+a)\s+(?:cock|balls|fuck|screw|foul)[- ]?up\b",
    ),
    (
        "catalogue catalog series litany string errors mistakes made",
        r"\b(?:catalogue|catalog|litany|string)\s+of\s+(?:errors|mistakes|blunders)\b"
        r"|\b(?:errors|mistakes)\s+(?:were\s+)?made\b",
    ),
    ("such", r"\bsuch\s+an?\s+(?:simple|basic|obvious|silly|stupid|big|huge|massive)\s+(?:error|mistake|blunder)\b"),
    (
        "oversight",
        r"\b(?:this|that|the)\s+oversight\b(?!\s+(?:board|committee|body|function|role|process|of|and)\b)",
    ),
    ("mis", r"\bmis-(?:typed|keyed|read|labell?ed|clicked|entered|located)\b"),
    ("misconduct boneheaded", r"\b(?:gross\s+)?misconduct\b|\bboneheaded\b"),
    (
        "error",
        r"\bin\s+error\s+(?:while|when|during)\b|\b(?!(?:resulted|ended|returned|responded|failed)\b)"
        r"(?:[a-z]+ed|sent|put|set|made|ran|left|gave|took)\b[^.;]{0,60}\bin\s+error\b"
        r"(?!\s*(?:messages?|logs?|states?|codes?|rates?|responses?|handling|conditions?|pages?|mode)\b)",
    ),
    ("my failure defect bad error fault slip", r"\bmy\s+(?:failure|defect|error|slip)\b"),
    (
        "intended meant",
        r"\b(?:intended|meant)\s+to\s+\w+\s+(?:[\w$-]+\s+){0,6}?but\s+(?:instead\s+)?(?:entered|typed|deleted"
        r"|ran|sent|selected|clicked|pressed)\b",
    ),
    (
        "failings failures errors mistakes misconfiguration",
        r"\b(?:failings|failures|errors|mistakes|misconfiguration)\s+(?:\w+\s+)?by\s+(?:both\s+)?(?:the\s+|an?\s+"
        rf"|its\s+|their\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_ROLE}|team|staff|customer|contractors?|management|partner"
        r"|vendor)s?\b",
    ),
    (
        "violated violating",
        r"\bviolat(?:ed|ing)\s+(?:the\s+|fundamental\s+|our\s+)?(?:[\w-]+\s+){0,2}(?:principles?|protocols?"
        r"|rules?|policy|policies|procedures?|process)\b",
    ),
    (
        "blame blamed blames",
        r"\b(?:errors?|human|people|staff|management|team|engineers?|operators?|culture|he|she|they|we|I|you"
        r"|who)\s+"
        r"(?:\w+\s+){0,2}?(?:is|are|was|were)\s+(?:partly\s+|largely\s+|mainly\s+|also\s+|squarely\s+)?"
        r"to\s+blame\b|\btak(?:e|es|ing|en)\s+(?:the\s+)?blame\b"
        r"|\bto\s+blame\s+(?:is|was|are|were)\b"
        r"|\bblam(?:e|es|ed|ing)\s+(?:[\w-]+\s+){1,6}?on\s+(?:an?\s+|the\s+|one\s+|its\s+|their\s+)?(?:[\w-]+\s+)?"
        rf"(?:{_ROLE}|staff|team|contractor|customer|vendor|management|users?|crew)s?\b",
    ),
    (
        "fault",
        r"(?<!not\s)(?<!n['’]t\s)\b(?!(?:it|anyone|anybody|nobody|everyone|everybody|no-one)['’]s\b)"
        r"[\w-]+['’]s\s+(?:own\s+)?fault\b",
    ),
    (
        "rookie embarrassing schoolboy amateur silly stupid dumb careless unforgivable",
        r"\b(?:rookie|embarrassing|schoolboy|amateur|silly|stupid|dumb|careless|unforgivable)\s+"
        r"(?:[\w-]+\s+)?(?:error|mistake|bug|blunder|slip)s?\b",
    ),
    (
        "let down",
        r"\blet\s+(?:the\s+)?(?:public|customers|users|passengers|everyone|us|them|you|you\s+all|our\s+[\w-]+"
        r"|the\s+community)\s+down\b",
    ),
    (
        "committed error mistake blunder gaffe",
        r"\bcommitted\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:error|mistake|blunder|gaffe)\b",
    ),
    ("fault", r"\b(?:always|all|entirely|solely|wholly)\s+the\s+fault\s+of\b"),
    (
        "refused",
        r"\brefused\s+to\s+(?:hire|pay|invest|fund|listen|fix|patch|upgrade|update|spend|acknowledge|admit"
        r"|take\s+responsibility)\b",
    ),
    (
        "care",
        r"\b(?:management|leadership|execs|executives|company|they|vendor|bosses)\s+(?:just\s+|simply\s+)?"
        r"(?:doesn['’]t|don['’]t|didn['’]t|does\s+not|do\s+not|did\s+not|never)\s+(?:really\s+|even\s+)?care\b",
    ),
    ("play played downplay downplayed", r"\b(?:play(?:ed|ing)?\s+down|downplay(?:ed|ing)?)\b"),
    ("guilty", r"\bguilty\s+of\b"),
    ("without thinking thought", r"\bwithout\s+(?:thinking|a\s+second\s+thought)\b"),
    (
        "incorrectly mistakenly wrongly believed assumed thought",
        r"\b(?:incorrectly|mistakenly|wrongly)\s+(?:believed|assumed|thought)\b",
    ),
    ("destructive", r"\b(?:executed|ran|typed|issued)\s+(?:a|the)\s+destructive\b"),
    ("paying attention", r"\bnot\s+paying\s+(?:enough\s+|much\s+|any\s+|close\s+)?attention\b"),
    (
        "mistake mistakes blunder blunders bungle bungles fumble fumbles gaffe gaffes goof goofs "
        "screw screwup screwups fuck foul cock balls slip",
        rf"\b(?:a|an|one|single|similar|same|simple|minor|major|costly|big|huge|massive|my|his|her"
        rf"|their|your|series\s+of)\s+(?:[\w*_-]+\s+){{0,3}}?\**{_SLIP_NOUN}\b"
        rf"|\b[\w-]+['’]s\s+(?:own\s+)?(?:{_SLIP_NOUN}|negligence|carelessness|incompetence)\b",
    ),
    (
        "bungled bungling blunder blunders blundered fumbled fumbling botch botches",
        r"\b(?:bungl(?:ed|ing|es)|blunder(?:s|ed|ing)?|fumbl(?:ed|ing)|botch(?:es|ing)?)\b",
    ),
    (
        "our its mistake mistakes error errors acknowledged acknowledges admitted admits owned apologised "
        "apologized apologises apologizes",
        r"\b(?:our|its)\s+(?:own\s+)?(?:mistakes?|blunders?|screw[- ]?ups?)\b"
        r"|\b(?:our|its)\s+own\s+errors?\b|\bour\s+error\b(?!\s+(?:budget|rates?|logs?|handling|messages?|codes?"
        r"|pages?|tracking|reporting|counts?|monitoring|alerts?|dashboards?|spikes?))"
        r"|\b(?:acknowledg\w*|admit\w*|own\w*\s+up\s+to|apologi[sz]\w*\s+for)\s+(?:the|its|their"
        r"|our|his|her)\s+(?:\w+\s+)?(?:mistake|blunder|slip)s?\b",
    ),
    (
        "shit blew blow",
        r"\bshit\s+the\s+bed\b|\b(?:blew|blow)\s+it\b|\bblow\s+up\s+in\s+(?:their|his|her|our)\s+face\b",
    ),
    (
        "oversight",
        r"\b(?:a|an|minor|simple|small|big|huge|major|costly|honest|human|glaring|basic)\s+oversight\b",
    ),
    (
        "accidentally accidently mistakenly inadvertently unintentionally erroneously improperly "
        "wrongly wrongfully",
        r"\b(?:accidentally|accidently|mistakenly|inadvertently|unintentionally|erroneously"
        rf"|improperly|wrongly|wrongfully)\s+(?:\w+\s+)?{_DESTRUCTIVE}\b",
    ),
    (
        "inadvertent",
        r"\binadvertent\s+(?!discover|find|benefit)[\w-]+",
    ),
    (
        "poorly badly sloppily hastily injudicious ill",
        r"\b(?:poorly|sloppily|hastily)\s+(?:parameteri[sz]ed|tested|planned|executed"
        r"|handled|communicated|reviewed)\b|\binjudicious\b|\bill-(?:advised|considered|judged)\b",
    ),
    (
        "executed ran run rebuilt rebuild deleted dropped restored changed configured connected recorded "
        "submitted provided filed "
        "pointed applied deployed pushed sent typed entered selected used edited modified updated "
        "logged wiped",
        r"\b(?:executed|ran|run|rebuilt|rebuild|deleted|dropped|restored|changed|configured|recorded|submitted"
        r"|provided|filed"
        r"|connected|pointed|applied|deployed|pushed|sent|typed|entered|selected|edited|modified"
        r"|updated|logged\s+into|wiped)\b[^.!?;,]{0,40}?"
        r"\b(?:(?:the|a|an)\s+wrong|(?:(?:the|an)\s+)?incorrect)\b",
    ),
    ("bad", r"\b(?:our|my)\s+bad\b"),
    (
        "fault",
        r"(?<!not\s)(?<!n['’]t\s)\b(?:our|its)\s+(?:own\s+)?fault\b"
        rf"|\b(?:the\s+|entirely\s+|all\s+|solely\s+)fault\s+of\s+(?:the|an?|our|their)\s+(?:[\w-]+\s+)?"
        rf"(?:{_ROLE}|staff|team|shift|crew|people|vendor|management|firm|company)s?\b",
    ),
    (
        "failure",
        r"\b[A-Z][\w&-]*['’]s\s+failure\s+to\s+(?:renew|follow|test|notify|patch|update|check"
        r"|communicate|inform|act|respond|maintain|monitor|back|secure|disclose|plan|prepare)\b",
    ),
    (
        "fingers typed hand",
        r"\bmy\s+fingers\s+\w+|\bthe\s+hand\s+of\s+(?:an?|the|one|some)\s+\w+",
    ),
    ("human", r"\bhuman\s+(?:and\s+(?!automated|machine|system|technical|computer)[\w-]+\s+|(?!and\b)[\w-]+\s+){1,2}?"
        r"(?:error|mistake|slip)s?\b"),
    (
        "made",
        r"(?<!may\shave\s)(?<!might\shave\s)\bmade\s+(?:a|an|the|this|that|these|those|several|many|numerous"
        r"|multiple|two|three|some|such\s+an?)\s+(?:[\w-]+\s+){0,2}?(?:error|mistake|blunder)s?\b"
        r"(?!\s+(?:rates?|budgets?|messages?|logs?|pages?|handling|codes?|counts?|paths?|reporting|tracking"
        r"|impossible|likely|unlikely|possible|less|more|harder|easier|easy|hard|visible|obvious|inevitable))"
        r"|\b(?:errors|mistakes)\b,?\s+(?:which|that)\s+(?:were|was)\s+(?:\w+\s+)?made\b"
        r"|\bmade\s+(?:[\w-]+\s+)?(?:mistakes|blunders)\b",
    ),
    (
        "part",
        r"\b(?:errors?|mistakes?|incompeten\w+|negligence|failures?|failings|screw-?ups?|oversights?|blunders?)"
        r"\s+on\s+(?:the\s+)?[\w&’'-]+(?:['’]s)?\s+part\b",
    ),
    ("mismanagement incompetence incompetency negligence negligent", r"(?<!\bnot\s)\b(?:mismanage\w*|incompeten\w+|negligen\w+)\b"),
    (
        "blame",
        r"(?<!\bno\s)(?<!\bnot\s)(?<!\bnobody\s)(?<!\bno-one\s)\b(?:is|are|was|were)\s+(?:[\w%]+\s+){1,3}?"
        r"to\s+blame\b(?!\s+for\s+(?:this|that|it)\?)",
    ),
    ("fault", r"\bthe\s+fault\s+of\s+(?-i:[A-Z])[\w&-]*"),
    (
        "couldn can could cannot get invested underinvested under let",
        r"\b(?:couldn['’]t|can['’]t|could\s+not|cannot)\s+get\s+(?:it|that|this|things|anything)\s+right\b"
        r"|\bnot\s+invested\s+enough\b|\bunder-?invest\w*|\b(?:repeatedly|badly|constantly)\s+let\s+down\b",
    ),
    (
        "pushed shipped released deployed rolled issued",
        r"\b(?-i:[A-Z][\w&]+)(?:['’]s\s+\w+)?\s+(?:pushed|shipped|released|deployed|rolled\s+out|issued)\s+(?:out\s+)?"
        r"(?:a|an|the)\s+(?:faulty|bad|broken|buggy|defective|flawed|botched)\b",
    ),
    ("overcharged", r"(?<!were\s)(?<!was\s)(?<!been\s)(?<!being\s)(?<!get\s)(?<!got\s)\bovercharged\b"),
    (
        "lost",
        r"\b(?:company|firm|provider|vendor|host|supplier|contractor)\s+(?:\w+\s+)?lost\s+(?:our|their|the|all|customer)\b",
    ),
    (
        "did didn failed never",
        r"\b(?-i:[A-Z][\w&]+)\s+(?:did\s+not|didn['’]t|failed\s+to|never)\s+(?:inform|tell|contact)\s+"
        r"(?:us|customers|users|residents|anyone|the\s+public|their\s+\w+)\b",
    ),
    (
        "screw screwed screwing screws mess misstep missteps",
        r"(?<!everyone\s)(?<!everybody\s)(?<!anyone\s)(?<!we\sall\s)\bscrew(?:ed|ing|s)?\s+(?:it\s+|things\s+)?up\b"
        r"|\bmess-up\b|\bmissteps?\b",
    ),
    (
        "criticised criticized criticising criticizing sanctioned fined penalised penalized censured rebuked "
        "slammed lambasted blasted reprimanded blamed blames blame faulted condemned chastised task",
        r"\b(?:criticis|criticiz|sanction|fined|fining|penalis|penaliz|censur|rebuk|slamm|lambast|blast|reprimand"
        r"|blam|fault|condemn|chastis|chastiz|taken\s+to\s+task|took\s+(?:[\w'’-]+\s+){1,3}to\s+task)\w*\s+"
        r"(?:[\w'’.&-]+\s+){0,6}?for\s+(?:(?:its|their|his|her|the)\s+)?(?:failing|failure|not\s+[a-z]+ing"
        r"|neglect\w*|lack|poor|inadequate|mishandl\w*|mismanag\w*|incompetence)\b",
    ),
    (
        "short prepared preparedness",
        r"\bfell\s+(?:woefully\s+|well\s+|far\s+|badly\s+)?short\s+of\s+(?:its|their|his|her)\s+"
        r"(?:responsibilities|obligations|duties|duty)\b|\bill-prepared\b|\black\s+of\s+preparedness\b",
    ),
    (
        "blame blames blamed blaming",
        r"(?<!really\s)(?<!n['’]t\s)(?<!not\s)(?<!about\s)\bblam(?:e|es|ed|ing)\s+(?:it\s+(?:all\s+)?on\s+)?(?:the\s+|its\s+|their\s+|an?\s+|his\s+|her\s+|our\s+)?"
        r"(?:[\w'’-]+\s+){0,3}?(?:government|staff|workers|engineers|contractors|team|vendors?|suppliers?"
        r"|management|managers|admins|administrators|operators|developers|devs|interns|executives|execs|nurses"
        r"|technicians|them|themselves|each\s+other|backend|frontend)\b(?!\s+(?:errors?|mistakes?|issues?|problems?|software|systems?|code|glitch)\b)",
    ),
    (
        "preventable",
        r"(?<!\bnot\s)(?<!\bun)(?<!\bnon-)\b(?:a|an|the|most|always|deemed|considered|found)\s+(?:\w+\s+)?"
        r"preventable\b",
    ),
    (
        "escalate escalated",
        r"\b(?:did\s+not|didn['’]t|failed\s+to|never)\s+escalate\b|\b(?:was|were)\s+(?:not|never)\s+escalated\b",
    ),
)
"""Nouns, adverbs and phrases of fault wherever they stand, a firm's or a person's alike."""

_OWN_SLIP_I = (
    r"deleted|dropped|wiped|nuked|truncated|overwrote|erased|forgot|broke|misconfigured|mistyped|caused|destroyed"
    r"|typed|unplugged|killed|knocked\s+out|took\s+down|brought\s+down|messed\s+up|screwed\s+up|broken"
    r"|nuked|forgotten|tried\s+to\s+fix\s+the\s+mistake"
)
_OWN_SLIP_WE = (
    r"forgot|broke|messed\s+up|screwed\s+up|knocked\s+out|took\s+down|brought\s+down|shrugged\s+off"
    r"|ignored|missed|overlooked|introduced\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:error|bug|typo"
    r"|regression)|ran\s+(?:[\w`'-]+\s+){0,4}?(?:as|on|against|in)\s+the\s+wrong"
    r"|(?:deleted|dropped|wiped|nuked|truncated)\s+(?:the\s+|our\s+)?(?:entire\s+|whole\s+)?prod(?:uction)?\b"
)
OWN_SLIP = _lexicon(
    (
        "ran typed executed",
        r"\bI\s+(?:just\s+|then\s+)?(?:ran|typed|executed)\s+(?:the\s+(?:command|query)\s+)?[`'\"“\s]*(?:sudo\s+)?"
        r"(?:rm\s+-rf|drop\s+database|drop\s+table|truncate|delete\s+from)",
    ),
    ("meant", r"\bI\s+meant\s+to\b"),
    (
        "commit change update push deploy merge edit addition",
        r"\b(?:my|your)\s+(?:previous\s+|last\s+|latest\s+|recent\s+|own\s+)?(?:commit|change|update|PR|push|deploy"
        r"|merge|edit|addition)\s+(?:\w+ly\s+)?(?:broke|breaks|took\s+down|brought\s+down|wiped|deleted)\b",
    ),
    (
        "on me wrong",
        r"\b(?:that['’]s|it['’]s|this\s+is|that\s+is|it\s+is)\s+(?:all\s+)?on\s+me\b"
        r"|\bwhat\s+I\s+did\s+wrong\b|\bI\s+did\s+(?:it\s+)?wrong\b",
    ),
    (
        "haven hadn didn did had have never",
        r"\bI\s+(?:haven['’]t|hadn['’]t|didn['’]t|did\s+not|had\s+not|have\s+not|never)\s+(?:even\s+)?(?:check"
        r"|checked|read|test|tested|look|looked|verify|verified|notice|noticed|back(?:ed)?\s+up)\b",
    ),
    (
        "assumed thought",
        r"\bI\s+(?:assumed|thought)\s+I\s+was\s+(?:still\s+)?(?:in|on|working|connected|logged)\b",
    ),
    (
        "deleted dropped wiped nuked truncated overwrote erased forgot broke misconfigured "
        "mistyped typed unplugged killed knocked took brought messed screwed caused broken nuked forgotten destroyed "
        "tried deployed pushed merged ran",
        rf"\bI(?:['’]d|['’]ve)?\s+(?:(?:just|then|accidentally|actually|already|also|simply|had|have|pretty\s+much"
        rf"|basically|completely)\s+){{0,3}}"
        rf"(?:{_OWN_SLIP_I})\b"
        r"|\bI\s+(?:\w+\s+){0,2}?(?:deployed|pushed|merged|ran)\s+(?:[\w-]+\s+){0,3}?without\s+"
        r"(?:double-?checking|checking|testing|review)",
    ),
    (
        "responsible",
        r"\b(?:I|you)\s+(?:am|are|were|was)\s+responsible\s+for\s+(?:knocking|taking|bringing"
        r"|breaking|causing|deleting|dropping)\b",
    ),
)
"""Slips the writer tells of themselves: the person is still the subject of the cause."""
TEAM_SLIP = _lexicon(
    (
        "forgot broke messed screwed knocked took brought shrugged ignored missed overlooked "
        "introduced ran deleted dropped wiped nuked truncated",
        rf"\bwe\s+(?:just\s+|then\s+|also\s+|simply\s+|completely\s+|had\s+|have\s+)?(?:{_OWN_SLIP_WE})\b",
    ),
)
"""Slips a team tells of itself ("we introduced an error", "we shrugged off the warnings")."""

PERSON_STORY = _lexicon(
    (
        "entered executed typed issued made pushed run",
        r"\b(?:entered|executed|typed|issued|made|pushed|run)\s+by\s+(?:one|a\s+single|a\s+lone|an\s+experienced"
        rf"|a\s+senior|a\s+junior|a\s+new)\s+(?:[\w-]+\s+)?(?-i:{_ROLE})\b",
    ),
    ("lost", r"\blost\s+by\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:firm|contractor|company|vendor|supplier)\b"),
    (
        "contractor contractors workers worker crew crews company firm digger backhoe severed cut cutting dug "
        "killed drilled drilling caused",
        r"\b(?:contractors?|workers?|crews?|company|firm|digger|backhoe)\b[^.;]{0,40}?\b(?:severed|cut\s+through"
        r"|cutting\s+through|drill(?:ed|ing)\s+(?:through|into)|dug\s+(?:through|up)|killed\s+(?:all\s+)?(?:the\s+)?power"
        r"|caused\s+(?:the\s+)?(?:cable\s+)?damage)\b",
    ),
    (
        "reason used typed clicked applied sent picked added",
        r"\bfor\s+(?:some|whatever|some\s+inexplicable)\s+reason,?\s+(?:[\w-]+\s+){0,3}?(?:assumed|decided"
        r"|thought|chose|tried|ran|deleted|pushed|used|typed|clicked|applied|sent|picked|added)\b",
    ),
    (
        "intern",
        r"\bit\s+was\s+(?:the|an?)\s+(?:\w+\s+)?(?:intern|new\s+hire|junior|temp)\b"
        r"|\bby\s+(?:an?|the|our)\s+(?:\w+\s+)?intern\b",
    ),
    (
        "figured thought decided idea",
        r"\b(?:figured|thought|decided)\s+(?:that\s+)?(?:[\w-]+\s+){1,8}?would\s+be\s+a\s+(?:good|great)\s+idea\b",
    ),
    (
        "contractors contractor workers worker crew crews company firm killed cut pulled unplugged severed dug",
        r"\b(?:contractors?|workers?|crews?|company|firm)\s+(?:had\s+)?(?:killed|cut\s+through|pulled|unplugged"
        r"|severed|dug\s+(?:through|up))\s+(?:all\s+|the\s+|\d[\d,]*\s+)?(?:[\w-]+\s+)?(?:power|cables?|fibre|fiber"
        r"|lines?)\b",
    ),
    ("who did", rf"\b(?:individual|person|guy|{_ROLE})\s+who\s+did\s+(?:that|this|it)\b"),
    ("caused", rf"\b(?:an?|the|one)\s+(?:[\w-]+\s+)?(?-i:{_ROLE})\s+(?:\w+\s+){{0,3}}?caused\b"),
    (
        "broke breaks took brought wiped crashed deleted",
        r"\b(?:someone|somebody|you|he|she)\s+(?:\w+ly\s+)?(?:[a-z]+ed|did|made|sent|ran|wrote|put)\b[^.;]{0,60}?"
        r"\b(?:that|which)\s+(?:then\s+)?(?:broke|breaks|took\s+down|brought\s+down|wiped|crashed|deleted)\b",
    ),
    (
        "leaked",
        r"\b(?:engineers|employees|staff|workers|developers|staffers|contractors|an?\s+(?:employee|engineer"
        r"|developer|staffer|contractor))\s+(?:\w+ly\s+)?leaked\b",
    ),
    ("human ignored missed forgot skipped bypassed", r"\bhuman\s+(?:ignored|missed|forgot|skipped|bypassed)\b"),
    ("actions action", rf"\bactions?\s+of\s+(?:an?|the|one)\s+(?:[\w-]+\s+)?{_ROLE}\b"),
    (
        "employee staff staffer engineer developer worker technician contractor administrator sysadmin operator "
        "intern programmer clerk coder analyst trader manager",
        r"(?:^|[,;:]\s*|\b(?:when|after|because|as|but|and|that|where|then|before|until)\s+)"
        r"(?:an|a|one\s+of\s+(?:its|their|our|the|his|her)|another)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:employee|staff\s+member|member\s+of\s+staff|staffer|engineer|developer|worker|technician"
        r"|contractor|administrator|sysadmin|operator|intern|programmer|clerk|coder|analyst|trader|manager)s?\s+"
        r"(?:\w+ly\s+)?"
        r"(?:used|pushed|pasted|copied|shared|transferred|sent|typed|entered|ran|deleted|switched|turned"
        r"|shut|clicked|pressed|selected|chose|uploaded|posted|e-?mailed|forwarded|attached|installed"
        r"|removed|disconnected|unplugged|set|put|left|forgot|wrote|merged|deployed|applied|executed"
        r"|issued|released|misconfigured|leaked|exposed|dropped|overwrote|committed|published|included"
        r"|mistook|edited|pulled|wiped|erased|disabled|killed|rebooted|triggered|hit|cut|changed)\b",
    ),
    (
        "offending guilty",
        rf"\bthe\s+(?:offending|guilty)\s+(?:{_ROLE}|party|sender|user|individual|member)s?\b",
    ),
    (
        "responsible concerned",
        rf"\b(?:an?|the)\s+{_ROLE}\s+(?:concerned\b|responsible\s+for\s+(?:a|the|this|that)\s+(?:[\w-]+\s+){{0,2}}?"
        r"(?:change|outage|incident|mistake|error|failure|deletion|bug|deploy|crash)s?\b)",
    ),
    (
        "admitted admits admit",
        r"\badmit(?:ted|s)?\s+to\s+(?:letting|causing|deleting|breaking|forgetting|running|pushing"
        r"|dropping|wiping)\b",
    ),
    (
        "managed",
        r"\bmanaged\s+to\s+(?:crash|delete|break|destroy|wipe|spill|take\s+down|knock|lose|drop)\b",
    ),
    (
        "chose decided opted",
        r"\b(?:chose|decided|opted)\s+to\s+(?:\w+\s+){0,4}?(?:risky|untested|dangerous|reckless)\b",
    ),
    (
        "wiped deleted dropped truncated",
        r"\b(?:I|he|she|they|(?:my|our|a)\s+(?:friend|colleague|co-?worker|teammate))\s+(?:just\s+|had\s+"
        r"|accidentally\s+)?(?:wiped|deleted|dropped|truncated)\s+(?:a|the|our|their)\s+(?:live|production"
        r"|prod)\b",
    ),
    ("blamed", rf"\b(?:{_ROLE}|staff)s?\s+(?:was|were|got|has\s+been|have\s+been)\s+blamed\b"),
    (
        "caused traced blamed attributed made",
        rf"\b(?:caused|traced|blamed|attributed|made)\s+(?:back\s+)?(?:by|to|on)\s+(?:the\s+"
        rf"(?:hands?|actions?|work|errors?|mistakes?|negligence)\s+of\s+)?(?:a|an|the|one|some|our|their|\w+)?\s*"
        rf"(?:single\s+|lone\s+|junior\s+|[A-Z][\w-]*\s+)?{_ROLE}s?\b",
    ),
    (
        "blamed blames blaming",
        rf"\bblam(?:ed|es|ing)\s+(?:it\s+on\s+)?(?:an?|the|one|some|our|their)\s+(?:[\w-]+\s+){{0,2}}?"
        rf"(?:{_ROLE}|staff)s?\b",
    ),
    (
        "coworker colleague teammate",
        r"\b(?:my|our|a)\s+(?:co-?worker|colleague|teammate)['’]s\s+(?:PR|change|commit|push|script"
        r"|code|config|deploy|mistake|command)\b",
    ),
    (
        "someone somebody",
        r"\b(?:someone|somebody)\s+(?:thought|decided|figured)\s+(?:it\s+was\s+)?(?:a\s+)?"
        r"(?:good|great|fine)\s+idea\b",
    ),
    (
        "takes took responsibility fingered",
        r"\b(?:takes|took|taking)\s+(?:full\s+)?responsibility\s+for\b|\bfingered\s+for\b",
    ),
    (
        "error errors mistake mistakes slip blunder",
        rf"\b(?:error|mistake|slip|blunder)s?\s+(?:made\s+)?by\s+(?:an?|the|one|our|their|a\s+member\s+of)\s+"
        rf"(?:[\w-]+\s+){{0,2}}?(?:staff|{_ROLE})s?\b",
    ),
    ("guy", r"\bthe\s+guy\s+(?:who|that|fundamentally|clearly|obviously|just)\b"),
    ("authorized authorised", r"\b(?:authori[sz]ed|allowed)\s+(?:\w+\s+){0,6}?but\s+not\s+to\b"),
    (
        "introduced",
        rf"\b(?:I|he|she|you|someone|somebody|(?:a|an|the|one|our|their)\s+(?:[\w-]+\s+)?{_ROLE})\s+"
        r"(?:\w+\s+){0,2}?introduced\s+(?:a|an|the|this|that)\s+(?:[\w-]+\s+)?(?:bug|error|regression|typo|defect)\b"
        r"|\b(?:bug|error|regression|typo|defect)\s+(?:was|were|had\s+been)\s+introduced\s+by\s+(?:an?|the|one"
        rf"|our|their|my)\s+(?:[\w-]+\s+)?(?:{_ROLE}|employee)\b",
    ),
    (
        "one reason thanks responsibility",
        r"\bI\s+was\s+the\s+one\s+who\b|\bthanks\s+to\s+me\b"
        r"|\b(?:he|she|I|you)\s+(?:was|were|is|am)\s+the\s+(?:sole\s+|main\s+|only\s+|real\s+)?reason\b"
        r"|\bresponsibility\s+(?:\w+\s+)?(?:falls|fell|lies|lay|rests)\s+(?:\w+\s+)?(?:on|with)\s+(?:me|him|her)\b",
    ),
    ("lost", r"\bI\s+lost\s+(?:[\w-]+\s+){0,4}?data\b"),
    (
        "made",
        r"\bI\s+made\s+(?:a|the)\s+(?:[\w()-]+\s+){0,3}?(?:change|commit|edit|PR|fix)\b[^.;]{0,60}?\b(?:that|which)\s+"
        r"(?:introduced|broke|caused|took\s+down)\b",
    ),
    ("mistaken", r"\b(?:my|his|her|their)\s+mistaken\s+\w+"),
)
"""A person named by role as the doer in the telling ("traced to a single engineer")."""

HINDSIGHT = _lexicon(
    (
        "told asked reminded instructed",
        r"\b(?:was|were|had\s+been)\s+(?:told|asked|reminded|instructed)\s+to\s+\w+(?:\s+[\w-]+){0,5}?,?\s+but\s+"
        r"(?:did\s+not|didn['’]t|never|forgot)\b",
    ),
    ("realizing realising", r"(?:,|;|\band)\s+not\s+reali[sz]ing\b"),
    ("must", r"\bmust\s+have\s+(?:missed|forgotten|ignored|skipped|overlooked)\b"),
    ("noone", r"\bnoone\s+(?:even\s+)?(?:bothered|noticed|checked|looked|cared|acted|responded)\b"),
    ("finally", r"\b(?-i:[A-Z])\w*\s+finally\s+(?:notic|reali[sz]|respond|react|acknowledg)\w*"),
    (
        "response reply replies reaction update updates answer",
        r"\b(?:received|got|get|had|gotten|receive)\s+(?:absolutely\s+|still\s+)?no\s+(?:\w+\s+)?(?:response|reply"
        r"|replies|reaction|update|updates|answer)s?\b|\bwithout\s+any\s+(?:response|reply|reaction)\b",
    ),
    (
        "checking testing verifying reviewing",
        r"(?:^|[.:]\s+)(?:not|never)\s+(?:double[- ]?)?(?:checking|testing|verifying|reviewing)\b",
    ),
    ("never", r"\b(?:code|change|script|patch|fix)\s+(?:was|were|had\s+been)\s+never\s+(?:tested|run|reviewed)\b"),
    (
        "took",
        r"\btook\s+(?:[\w-]+\s+){0,4}?(?:months|days|weeks|hours|years|a\s+(?:month|week|day)|an\s+hour)\s+"
        r"(?:\w+\s+){0,2}?to\s+(?:notice|respond|acknowledge|reply|reali[sz]e|react|spot|answer|admit)\b",
    ),
    (
        "follow",
        r"\b(?:did\s+not|didn['’]t|failed\s+to|never)\s+follow\s+(?:the\s+|our\s+|established\s+|standard\s+"
        r"|proper\s+|agreed\s+)*(?:procedures?|process(?:es)?|runbooks?|instructions|protocols?|policy|policies"
        r"|checklists?)\b",
    ),
    ("yet", r"\b(?:has|have)\s+yet\s+to\s+(?:explain|apologi[sz]e|respond|acknowledge|admit|tell|inform)\b"),
    (
        "bothered bother",
        r"\b(?:finally|never)\s+bothered\s+to\b|(?:n['’]t|\bnot)\s+(?:even\s+)?bother(?:ed)?\s+to\b",
    ),
    ("blindly habit", r"\bblindly\s+(?:accept|approv|merg|trust|follow|run|ran|copy|copied|appl)\w*|\bbad\s+habit\s+of\b"),
    ("warned bypassed ignored skipped", r"\bwarned\b[^.]{0,20}\bbut\s+(?:was\s+)?(?:bypassed|ignored|skipped)\b"),
    (
        "thoroughly properly adequately sufficiently fully tested verified reviewed checked failure",
        r"\b(?:was|were)\s+not\s+(?:thoroughly|properly|adequately|sufficiently|fully)\s+(?:tested|verified"
        r"|reviewed|checked)\b|\bfailure\s+to\s+(?:thoroughly|properly|adequately)\s+\w+",
    ),
    ("picked", r"\b(?:were|was)\s+not\s+picked\s+up\b"),
    (
        "noticed",
        r"\bfor\s+(?:nearly\s+|almost\s+|about\s+|over\s+)?(?:an?\s+|\d+\s+)?(?:hour|hours|minutes|days)\s+before\s+"
        r"(?:we|anyone|someone|they)\s+noticed\b",
    ),
    (
        "slow",
        r"\b(?:we|they|he|she|I|team)\s+(?:were|was)\s+(?:too\s+slow\s+to|slow\s+to\s+(?:realise|realize|notice"
        r"|react|respond|declare|act|acknowledge|spot))\b",
    ),
    (
        "merged",
        r"\bmerged\s+(?:it|this|the\s+\w+)\s+before\s+(?:all\s+)?(?:the\s+)?(?:tests|checks|ci|review)\b",
    ),
    ("even notified warned told informed tested checked", r"\bnot\s+even\s+(?:notified|warned|told|informed|tested|checked)\b"),
    ("by not", r"\bby\s+not\s+\w+ing\b"),
    ("unnoticed", r"\bwent\s+unnoticed\b"),
    (
        "addressed fixed acted followed patched repaired replaced",
        r"\b(?:and|but)\s+(?:was|were)(?:n['’]t|\s+not|\s+never)\s+(?:addressed|fixed|acted\s+on|followed\s+up"
        r"|patched|repaired|replaced)\b",
    ),
    ("better prepared", r"\b(?:wasn['’]t|was\s+not|weren['’]t|were\s+not)\s+better\s+prepared\b"),
    (
        "should never",
        r"\bshould\s+(?:have\s+)?never\s+(?:have\s+)?(?:had|been|happened|gone|reached|made)\b"
        r"|\b(?:they|he|she|you|we|I)\s+should(?:n['’]t|\s+not)\s+have\b",
    ),
    (
        "could",
        r"\bcould\s+(?:I|we|he|she|they|you)\s+have\s+(?:been\s+more|done\s+more|done\s+better|caught|noticed"
        r"|prevented)\b",
    ),
    (
        "discovered noticed found realised realized detected only",
        r"\b(?:discovered|noticed|realised|realized)\s+only\s+after\b"
        r"|\bonly\s+(?:discovered|noticed|realised|realized)\s+(?:\w+\s+){0,2}?after\b",
    ),
    ("ignored actioned missed", r"\(\s*(?:ignored|not\s+actioned|missed)\b|\bnot\s+actioned\b"),
    ("applied pushed deployed shipped merged ran", r"\b(?:applied|pushed|deployed|shipped|merged|ran)\s+untested\b"),
    (
        "skipped",
        r"\b(?:was|were|got|had\s+been)\s+skipped\b",
    ),
    ("happen never", r"\bshould\s+never\s+(?:ever\s+)?happen\b"),
    (
        "avoided avoidable",
        r"\b(?:may|might|could|would)\s+(?:well\s+)?have\s+been\s+avoided\b"
        r"|\b(?:are|is)\s+(?:entirely\s+|easily\s+|totally\s+|completely\s+)?avoidable\b",
    ),
    ("supposed", r"\bwhen\s+(?:they|he|she|we|you)\s+(?:were|was)\s+supposed\s+to\b"),
    ("excuse", r"\b(?:no|little)\s+(?:valid\s+)?excuse\b"),
    (
        "notice noticed discover discovered catch caught spot spotted realise realize",
        r"(?:\bnot|n['’]t|\bnever)\s+(?:even\s+)?(?:discover|notic|catch|caught|spot|realis|realiz)\w*"
        r"\s+(?:[\w-]+\s+){0,4}?until\b",
    ),
    (
        "how why",
        r"(?:^|(?<=[.!?:\n\"“]))\s*(?:why|how)\s+(?:was|were)\s+[^?.!\n]*\bnot\b[^?.!\n]*\?",
    ),
    ("wasted wasting", r"\b(?:wasted|wasting)\s+(?:\w+\s+){0,2}(?:time|hours|minutes|days|effort)\b"),
    (
        "took take taking spent",
        r"\b(?:took|take|taking)\s+(?:us\s+|them\s+|him\s+|her\s+|the\s+team\s+)?(?:way\s+|far\s+"
        r"|much\s+)?too\s+long\b|\bspent\s+(?:way|far)\s+too\s+(?:much|long)\b",
    ),
    (
        "unacceptable inexcusable",
        r"\b(?:was|is|it['’]s|were|are)\s+(?:\w+\s+){0,2}?(?:completely\s+|totally\s+|simply\s+)?(?:unacceptable"
        r"|inexcusable)\b",
    ),
    ("taken", r"\bnot\s+taken\s+seriously\b"),
    ("followed", r"\b(?:was|were|is|are|had\s+been)(?:n['’]t|\s+not|\s+never)\s+followed\b"),
    (
        "notification notifications page pages email emails message messages alert alerts warning",
        r"\b(?:notification|notifications|page|pages|email|emails|message|messages|alert|alerts"
        r"|warning|warnings)\s+(?:\w+\s+){0,3}?(?:was|were|went)\s+(?:\w+ly\s+)?(?:missed|ignored"
        r"|overlooked|unnoticed|unread|unanswered)\b",
    ),
    (
        "should could would",
        r"\b(?:should|could|would)\s+(?:\w+\s+)?have\s+been\s+(?:\w+ly\s+)?(?:caught|noticed|detected"
        r"|spotted|handled|declared|reverted|prevented|avoided|generated|tested|mitigated|updated|communicated"
        r"|done\s+(?:at|in"
        r"|before|differently))\b"
        r"|\bthe\s+(?:best|right|correct|safest)\s+(?:approach|option|course|thing|call|move)\s+"
        r"would\s+have\s+been\b"
        r"|\bcould\s+have\s+(?:also\s+)?(?:easily\s+)?(?:mitigated|prevented|avoided|caught|stopped"
        r"|reduced|limited)\b|\bcould\s+(?:the\s+)?[\w-]+\s+have\s+been\s+done\b",
    ),
    (
        "enough",
        r"(?:\bnot|n['’]t|\bnever)\s+(?:\w+\s+){0,4}?(?:early|soon|quickly|fast|carefully|closely)"
        r"\s+enough\b",
    ),
    (
        "discovered noticed detected caught spotted realised realized",
        r"\b(?:not|never)\s+(?:discovered|noticed|detected|caught|spotted|realised|realized)\s+"
        r"until\b",
    ),
    (
        "following",
        r"\bnot\s+following\s+(?:[\w-]+\s+){0,2}(?:procedures?|process(?:es)?|runbooks?|checklists?"
        r"|best\s+practices|instructions|protocols?)\b",
    ),
    (
        "declared escalated raised reported communicated",
        r"\b(?:was|were)\s+never\s+(?:declared|escalated|raised|reported|communicated)\b",
    ),
    (
        "without following",
        r"\bwithout\s+following\s+(?:the\s+|any\s+)?(?:[\w-]+\s+){0,2}(?:procedures?|process(?:es)?"
        r"|runbooks?|checklists?|protocols?|instructions|guidelines)\b",
    ),
    ("could well", r"\b(?:as\s+well|better)\s+as\s+it\s+could\s+have\s+been\b"),
    ("idea ideas", r"\b(?:was|were)\s+(?:a\s+)?(?:bad|poor|terrible|dumb|stupid)\s+ideas?\b"),
    ("knew", r"\b(?:no\s+one|nobody|no-one)\s+knew\s*(?:[.;!]|$|about\b|of\s+it\b|until\b)"),
    (
        "why",
        r"(?:^|(?<=[.!?:\n\"“]))\s*why\s+(?:wasn['’]t|weren['’]t|was\s+not|were\s+not|didn['’]t"
        r"|did\s+not|hasn['’]t|haven['’]t|isn['’]t)\s+[^?.!\n]*\b(?:earlier|sooner|before|caught"
        r"|noticed|detected|spotted|tested)\s*\?",
    ),
)
"""Judging the past with what is known now: time wasted, steps not followed, "should have been"."""

TRY_HARDER = _lexicon(
    ("reminded", r"\b(?:are|were|is)\s+reminded\s+(?:that|to)\b"),
    (
        "test",
        r"(?:^|[.!;:,]\s*|\b(?:please|and|everyone)\s+)test\s+your\s+(?:code|changes|pull\s+requests|prs?|work)\b",
    ),
    (
        "please",
        r"\bplease\s+(?:\w+\s+){0,2}?(?:make\s+sure|acknowledge|wait\s+for|test|double-?check|remember|don['’]t)\b",
    ),
    (
        "have need careful",
        r"\b(?:have|need)\s+to\s+be\s+\**(?:very|extra|more|really)?\**\s*careful\b",
    ),
    (
        "next time take triple double careful",
        r"\bnext\s+time,?\s+I['’]ll\b|\bI['’]ll\s+(?:take\s+care|be\s+more\s+careful|triple|double)\b",
    ),
    (
        "more additional further extra better training",
        r"\b(?:more|additional|further|extra|better)\s+(?:[\w-]+\s+){0,2}?training\b"
        r"(?!\s+(?:data|sets?|examples|runs?|jobs?|pipelines?))",
    ),
    ("continuing further education", r"\b(?:continuing|further|more)\s+education\s+for\b"),
    ("put hours stricter discipline", r"\bput\s+(?:in\s+)?more\s+hours\b|\bstricter\s+discipline\b"),
    (
        "staff employees engineers people everyone made trained reminded retrained",
        r"\b(?:staff|employees|engineers|people|everyone)\s+(?:must|should|will)\s+be\s+(?:made\s+aware|trained"
        r"|reminded|retrained)\b",
    ),
    ("mandatory training", r"(?<!of\s)\bmandatory\s+(?:[\w-]+\s+){0,2}training\b"),
    (
        "train supervisors managers staff employees workers operators training",
        r"(?:^|[.!;:]\s*|-\s*)train\s+(?:the\s+|all\s+|our\s+)?(?:supervisors|managers|staff|employees|workers"
        r"|operators)\b|\bprovide\s+(?:the\s+|all\s+)?(?:staff|employees|workers|operators)\s+with\s+(?:\w+\s+)?training\b",
    ),
    (
        "next time",
        r"(?:^|[.!;:]\s*)next\s+time,?\s+(?:(?:please|just|always)\s+)?(?:review|check|double-check|make\s+sure|be"
        r"|read|test|verify|remember|don['’]t|think)\b",
    ),
    ("lazy careless sloppy hasty reckless", r"\b(?:don['’]t|do\s+not|never)\s+be\s+(?:so\s+)?(?:lazy|careless|sloppy|hasty|reckless)\b"),
    (
        "never assume always verify",
        r"(?:^|[.!;:]\s*|-\s*)(?:never\s+assume|always\s+verify|assume\s+nothing)\b",
    ),
    ("learned learnt", r"\bI\s+(?:learned|learnt)\s+to\b"),
    ("won happen again", r"^\s*(?:it\s+)?won['’]t\s+happen\s+again\b"),
    ("avoid", r"^\s*avoid\s+(?:last-minute|late|rushed|hasty|manual)\b"),
    ("sure", r"(?:^|[.!;:,]\s*)be\s+sure\s+to\b"),
    (
        "judicious careful mindful cautious vigilant attentive diligent",
        r"(?:^|[.!;:]\s*|\bto\s+|\bplease\s+)be\s+(?:more\s+|extra\s+|very\s+)?(?:judicious|careful|mindful"
        r"|cautious|vigilant|attentive|diligent)\b",
    ),
    ("reminders reminder", r"\breminders?\s+(?:of|about)\s+the\s+(?:rules|process|procedure|policy|checklist)"),
    ("with about", r"\b1:1\s+with\s+[A-Z]\w+\s+about\b"),
    (
        "stop",
        r"\b(?:users?|people|customers|everyone|staff|employees)\s+(?:need|needs|have|has|must|should)\s+"
        r"to\s+stop\b",
    ),
    (
        "developers engineers devs team members staff everyone people",
        r"\b(?:developers|engineers|devs|the\s+team|team\s+members|members|staff|everyone|people)\s+(?:should"
        r"|must|need\s+to|have\s+to)\s+(?:\w+\s+){0,3}?(?:more\s+(?:often|frequently|regularly|carefully)"
        r"|earlier|sooner|better)\b",
    ),
    ("socks", r"\bpull\s+(?:their|your|our|his|her)\s+socks\s+up\b"),
    (
        "training trained",
        r"\b(?:more|additional|further|better|extra|proper|adequate|sufficient|enough)\s+staff\s+training\b"
        r"|\b(?:not|n['’]t|never)\s+(?:been\s+|being\s+)?(?:properly|adequately|sufficiently|well)\s+trained\b"
        r"|\btrained\s+(?:properly|adequately)\b|\bnot\s+enough\s+training\b",
    ),
    (
        "double triple check checks",
        r"(?:^|[.!;:,]\s*|\b(?:but|and|then|so|now|I|we|you|always|please)\s+)(?:always\s+)?"
        r"(?:double|triple)[- ]?checks?\b",
    ),
    (
        "keep take closer close eye look",
        r"\bkeep\s+(?:a\s+)?(?:closer|close|better|careful|watchful)\s+eye\b"
        r"|\btake\s+a\s+(?:closer|harder|better|careful)\s+look\b",
    ),
    (
        "rigorous proactive careful vigilant diligent thorough attentive cautious disciplined",
        r"\bbe\s+(?:much\s+|a\s+lot\s+|a\s+bit\s+|far\s+)?more\s+(?:rigorous|careful|vigilant|proactive"
        r"|diligent|thorough|attentive|cautious|disciplined)\b",
    ),
    ("pay attention", r"\bpay\s+(?:more|closer|better|extra)\s+attention\b"),
    (
        "never don do run deploy delete drop push merge make perform touch execute type edit "
        "change restart use release ship commit leave forget",
        r"(?:^|[.!;:]\s*)(?:also,?\s+|and\s+|please\s+)?(?:never|don['’]t|do\s+not)\s+(?:_?ever_?\s+)?"
        r"(?:run|deploy|delete|drop|release|ship|commit|leave|forget"
        r"|push|merge|make|perform|touch|execute|type|edit|change|restart)\b",
    ),
    ("always make sure", r"(?:^|[.!;:]\s*)always\s+make\s+sure\b"),
    (
        "make again lesson learn learned learnt",
        r"\b(?:won['’]t|will\s+not|never)\s+(?:make|do)\s+(?:it|that|this|the\s+same\s+\w+)\s+again\b"
        r"|\b(?:learn|learned|learnt)\s+(?:my|his|her|their|our)\s+lesson\b",
    ),
    ("black blacklisted", r"\bblack\s*-?listed\b"),
    ("punish", r"(?:^|[.!;:]\s*)punish\b"),
)
"""Asking people to try harder, remember or watch: the system that allowed the slip stays."""

PERSON_PAYS = _lexicon(
    ("heads rolled", r"\bheads\s+(?:rolled|have\s+rolled)\b"),
    (
        "disciplined sacked fired",
        r"\b(?:was|were)\s+(?:being\s+)?(?:disciplined|sacked|fired)\b|[‘'\"“]let\s+go[’'\"”]",
    ),
    ("replace", r"\breplace\s+(?:the|their|our)\s+(?:director|manager|head|ceo|cto|cio|lead)\b"),
    ("get shitcan sack boot axe chop", r"\bget\s+the\s+(?:shitcan|sack|boot|axe|chop)\b"),
    (
        "should must need needs ought take responsibility",
        r"\b(?:should|must|needs?\s+to|ought\s+to|to)\s+take\s+(?:personal\s+|full\s+)?responsibility\b",
    ),
    ("clarify clarification management", r"\bclarif\w*\s+(?:of\s+)?(?:the\s+)?management\s+responsibilit\w*"),
    ("taken task", r"\btaken\s+to\s+task\b"),
    ("told leave never come", r"\btold\s+(?:me|him|her|them)\s+to\s+leave\b|\bnever\s+come\s+back\b"),
    (
        "whoever",
        r"\bwhoever\s+(?:[\w-]+\s+){1,4}?(?:needs|should\s+be|deserves|must\s+be)\b",
    ),
    (
        "taken took take taking action",
        r"\b(?:taken|took|take|taking)\s+(?:[“\"]?(?:disciplinary|appropriate|administrative)\s+)*action[”\"]?\s+"
        r"(?:with|against)\s+(?:the|that|this|an?"
        rf"|those|our)\s+(?:particular\s+|individual\s+)?(?:[\w-]+\s+)?(?:{_ROLE}|staff|individual|member)s?\b",
    ),
    (
        "taking waived waiving forgo forgoing gave giving bonus",
        r"\b(?:not\s+taking|waiv\w+|forgo\w*|gave\s+up|giving\s+up)\s+(?:his|her|their)\s+(?:\w+\s+)?bonus\b",
    ),
    (
        "demand demanded demands demanding want wanted call called head culprit bus witch scapegoat "
        "buswards",
        r"\b(?:demand\w*|want\w*|call\w*\s+for)\s+(?:my|your|his|her|their|someone['’]s|the\s+[\w-]+['’]s)"
        r"\s+head\b"
        r"|\bculprit\s+must\s+be\s+found\b|\bunder\s+(?:a|the)\s+(?:passing\s+)?bus\b|\bbuswards\b"
        r"|\bwitch[- ]hunt\b",
    ),
    (
        "resigned resigns resignation stepped step ousted forced",
        r"\b(?:resign(?:ed|s|ation)|(?:stepped|step|stepping)\s+down\s+(?:as|from|to\s+take)|ousted"
        r"|forced\s+(?:out|to\s+resign))\b",
    ),
    (
        "bonus bonuses pay salary cut cuts docked withheld clawed",
        r"\b(?:bonus|bonuses|pay)\s+(?:[\w-]+\s+){0,10}?(?:cut|docked"
        r"|withheld|clawed\s+back)\b|\b(?:cut|docked|withheld|clawed\s+back)\s+(?:\w+\s+){0,3}?"
        r"bonus(?:es)?\b|\b(?:salary|pay)\s+cuts?\b",
    ),
    (
        "identify determine establish clarify responsibility culpability",
        r"\b(?:identify|determine|establish|clarify|clarifying|identifying)\s+(?:the\s+)?"
        r"(?:responsibility|culpability|who\s+(?:was\s+)?(?:responsible|to\s+blame))\b",
    ),
)
"""Someone paying for the outage: a resignation, a cut bonus, a search for who was responsible."""

VAGUE_IN_ACTIONS = _lexicon(
    ("enhanced improved monitoring", r"\b(?:enhanced|improved)\s+monitoring\b"),
    (
        "ensure proper better good clear effective communication",
        r"^\s*ensure\s+(?:proper|better|good|clear|effective)\s+communication\b",
    ),
    (
        "minimise minimize reduce avoid errors mistakes",
        r"^\s*(?:minimi[sz]e|reduce|avoid)\s+(?:[\w-]+\s+){0,2}(?:errors|mistakes|issues|problems)\b",
    ),
    ("regular monitoring checks reviews", r"^\s*regular\s+(?:monitoring|checks?|reviews?)\b"),
    (
        "ensure make sure certain",
        r"\b(?:ensure|make\s+(?:sure|certain))\s+(?:that\s+)?(?:this|it|such|the\s+\w+|this\s+(?:sort|type|kind)\s+"
        r"of\s+\w+)\s+(?:\w+\s+){0,2}?(?:never|doesn['’]t|does\s+not|won['’]t|will\s+not)\s+(?:happen|occur"
        r"|re-?occur|recur)\w*",
    ),
    (
        "prevent",
        r"\bprevent\s+(?:a\s+|any\s+)?(?:recurrence|repeat|this\s+(?:from\s+)?happening|it\s+(?:from\s+)?happening"
        r"|similar\s+\w+|such\s+\w+)\b",
    ),
    ("lessons lesson learned learnt", r"\blessons?\s+(?:should|must|will|need\s+to)\s+be\s+learn[te]d\b"),
    ("soon possible asap timely", r"\bas\s+soon\s+as\s+possible\b|\basap\b|\bin\s+a\s+timely\s+(?:fashion|manner)\b"),
    (
        "make safer better faster easier clearer more",
        r"^\s*make\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){1,3}(?:safer|better|faster|easier|clearer|more\s+\w+)"
        r"\s*[.!]?\s*$",
    ),
    (
        "establish define create design clearer better improved proper",
        r"^\s*(?:establish|define|create|design)\s+(?:a\s+|an\s+|the\s+)?(?:clearer|better|improved|proper)\b",
    ),
    (
        "possible efforts further measures improvement comprehensive",
        r"\b(?:all|every)\s+possible\s+efforts?\b|\bfurther\s+measures\b|\bimprovement\s+plan\b"
        r"|\bcomprehensive\s+review\b",
    ),
)
"""Promises that are vague in an action or a lesson; in a report's prose they describe a plan."""

VAGUE = _lexicon(
    (
        "invest spend put more time effort resources increase efforts",
        r"\b(?:invest|spend|put)\s+more\s+(?:time|effort|resources)\b|\bincrease\s+(?:our\s+)?efforts?\b",
    ),
    ("closer inspection", r"\bcloser\s+inspection\b"),
    ("often frequently regularly", r"\bmore\s+(?:often|frequently|regularly)\s*[.!]?\s*$"),
    (
        "ensure never again",
        r"\bensure\s+(?:that\s+)?(?:this|it)\s+(?:never|doesn['’]t|does\s+not|won['’]t|will\s+not)\s+"
        r"happen\w*(?:\s+again)?\b",
    ),
    (
        "get better make put effort efforts focus emphasis",
        r"\b(?:get|be|do)\s+better\b|\bmake\s+(?:it|this|things|that)\s+better\b"
        r"|\bput\s+(?:more|extra)\s+(?:effort|efforts|focus|emphasis|work)\b",
    ),
    ("think", r"\bthink\s+(?:again\s+)?(?:about\s+)?how\b"),
    ("priority", r"\b(?:a\s+)?(?:top|high|higher|first)\s+priority\s*[.!]?\s*$"),
    ("evaluate explore find identify ways", r"\b(?:evaluate|explore|find|identify)\s+ways\s+to\b"),
    (
        "improve improved improves",
        r"\b(?:can|could|will|should|must|need\s+to|have\s+to|ought\s+to)\s+(?:likely\s+|also\s+)?"
        r"(?:improve|improved)\b",
    ),
    (
        "earlier sooner faster quicker often quickly",
        r"^\s*[\w-]+\s+(?:[\w-]+\s+){0,3}(?:earlier|sooner|faster|quicker|more\s+often"
        r"|more\s+quickly)\s*[.!]?\s*$",
    ),
    (
        "avoid",
        r"^\s*avoid\s+(?:mis\w+|confusion|delays?|errors?|mistakes?|issues?|problems?|outages?)\b",
    ),
    (
        "need process strategy plan policy framework approach",
        r"\bneed\s+(?:an?|some)\s+(?:[\w-]+\s+){0,2}(?:process|strategy|plan|policy|framework"
        r"|approach)\s*[.!]?\s*$",
    ),
    ("closely", r"\b(?:pretty|very|more)\s+closely\b"),
    (
        "better",
        r"\bbetter\s+(?:[\w-]+\s+){1,2}(?:monitoring|alerting|alerts|testing|tests|logging"
        r"|documentation|communication|observability|visibility|process(?:es)?|tooling)\b",
    ),
    ("appropriate", r"\b(?:take|taking)\s+appropriate\s+(?:action|actions|steps|measures)\b"),
)
"""Actions that end nowhere measurable: "get better at", "put more effort into", "a top priority"."""

_HUMAN_ACT = (
    r"(?:only\s+|not\s+|even\s+|just\s+)?(?:raise|notice|check|answer|respond|approve|skip|ignore"
    r"|miss|forget|push|deploy|roll|wait|decide|choose|allow|let|do|have|test|tell|warn|notify|demand"
    r"|catch|stop|follow|read|review|escalate|act|mess|screw|break|delete|lose)\b"
)
_WHY_DID = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(why)\s+(?:did|didn['’]t|did\s+not|would|wouldn['’]t|do|don['’]t"
    r"|does|doesn['’]t)\s+(?:the\s+)?(?:[\w-]+\s+)??([\w'’&\[\]-]+)\s+" + _HUMAN_ACT,
    _I,
)
_HOW_COULD_FIRM = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(how)\s+(?:could|can|did|does|do)\s+(?:an?|the|our|your|their)?\s*"
    r"(?:[\w-]+\s+){0,2}?(?:company|team|firm|provider|carrier|vendor|bank|engineer|admin|developer"
    r"|person|anyone|someone|they|you)\s+(?:\w+\s+)?(?:mess|screw|miss|forget|ignore|skip|let|not"
    r"|botch|break|lose|delete)\b",
    _I,
)
_DID_THEY_EVEN = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(did)\s+(?:they|you|he|she)\s+(?:even\s+)?(?:test|check|review|read|try|think)\b",
    _I,
)
_WHY_WAS_A_JUNIOR = re.compile(
    rf"(?:^|(?<=[.!?:\n\"“]))\s*(why)\s+(?:was|were)\s+(?:a|an|the|that|this)\s+(?:[\w-]+\s+)?(?:{_ROLE}|junior"
    r"|intern)s?\s+\w+ing\b",
    _I,
)
_HOW_THE_HELL = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(how)\s+the\s+(?:fuck|hell)\s+(?:did|does|do|could|can)\b", _I
)
_WHAT_WERE_YOU_THINKING = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(what)\s+(?:the\s+(?:hell|fuck|heck)\s+were\s+(?:you|they|he|she)\s+thinking"
    r"|exactly\s+did\s+(?:you|he|she|they)\s+do|(?:have|had)\s+(?:you|they|he|she)\s+done\s*\?"
    r"|(?:was|were)\s+(?:you|they|he|she)\s+thinking\s*\?)",
    _I,
)
_HOW_DID_IT_PASS = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(?:my\s+first\s+thought:\s*)?(how)\s+(?:did|was|could)\s+(?:this|it|that)\s+"
    r"(?:even\s+)?(?:pass|get\s+(?:merged|through|approved|past)|possible)\b",
    _I,
)
_IS_HE_TO_BLAME = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(is|was|are|were)\s+(?:the|this|that)\s+(?:[\w-]+\s+)?(?:guy|engineer|developer"
    r"|person|dev|admin|operator|team)\s+(?:responsible|to\s+blame|at\s+fault)\b",
    _I,
)
_SHOULDNT_THE_FIRM = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(shouldn['’]t)\s+(?:the\s+)?[A-Z][\w&]*\s+(?:have\s+)?(?:be|known|been)\b"
)
_WHY_CANT = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(why)\s+(?:can['’]t|couldn['’]t|won['’]t|wouldn['’]t|cannot)\s+"
    r"(?:they|you|he|she|people|staff)\s+(?:just\s+)?\w+",
    _I,
)
_IN_THE_FIRST_PLACE = re.compile(
    r"\b(why)\s+(?:[\w'’-]+\s+){0,3}?(?:was|were|did|would|had)\s+[^.?!]{0,80}\bin\s+the\s+first\s+place\b", _I
)
_DOES_ANYONE_CARE = re.compile(r"\b(does|do|did)\s+(?:anyone|anybody|no\s*one|nobody)\s+(?:even\s+)?care\b", _I)
_ASKED_AT_SOMEONE = (
    _IN_THE_FIRST_PLACE,
    _DOES_ANYONE_CARE,
    _HOW_COULD_FIRM,
    _WHY_CANT,
    _HOW_DID_IT_PASS,
    _IS_HE_TO_BLAME,
    _SHOULDNT_THE_FIRM,
    _DID_THEY_EVEN,
    _WHY_WAS_A_JUNIOR,
    _HOW_THE_HELL,
    _WHAT_WERE_YOU_THINKING,
)
"""Questions that point at someone by their shape alone; group 1 is where the finding starts."""
QUESTION_STEMS = stems_of("why how did is was are were shouldn what does")
_WHICH_BROKE = re.compile(
    r",\s*which\s+(?:then\s+)?(?:broke|took\s+down|brought\s+down|wiped|knocked\s+out|crashed|erased)\b", _I
)
_BROKE_STEMS = stems_of("broke took brought wiped knocked crashed erased")
PERSON_STORY_STEMS = lexicon_stems(PERSON_STORY) | _BROKE_STEMS
"""What `person_story` needs: its lexicon's stems and those of an act that broke things."""
_IN_GENERAL = re.compile(
    r"\b(?:kind|type|sort|class)\s+of\s+$|\b(?:catch\w*|prevent\w*|avoid\w*|stop\w*|make|makes"
    r"|making|reduc\w*|eliminat\w*|impossible|easy\s+to|easier\s+to)\s+(?:\w+\s+){0,2}$",
    _I,
)


def question_at_someone(item: _Text) -> Iterator[Span]:
    """A why- or how-question whose subject is a person, a firm or "they" doing a human act."""
    if not item.may_hold(QUESTION_STEMS):
        return
    text = item.text
    for match in _WHY_DID.finditer(text):
        subject = match.group(2)
        stop = re.search(r"[.!?\n]", text[match.end() :])
        if stop is not None and stop.group(0) != "?":
            continue
        firm = subject[:1].isupper() or subject.lower() in ("they", "you", "customer", "client")
        if firm or subject.startswith("[") or actor_of_word(item, subject) is not None:
            yield match.start(1), match.end()
    for pattern in _ASKED_AT_SOMEONE:
        for match in pattern.finditer(text):
            yield match.start(1), match.end()


def fault_story(item: _Text) -> Iterator[Span]:
    text = item.text
    for start, end in _matches(item, FAULT):
        # "catch exactly this kind of mistake", "avoid a costly mistake": about mistakes in general
        if not _IN_GENERAL.search(text[max(0, start - 40) : start]):
            yield start, end


own_slips = _matching(OWN_SLIP)
team_slips = _matching(TEAM_SLIP)
hindsight_story = _matching(HINDSIGHT)
person_pays = _matching(PERSON_PAYS)


def person_story(item: _Text) -> Iterator[Span]:
    yield from _matches(item, PERSON_STORY)
    if item.may_hold(_BROKE_STEMS):
        for match in _WHICH_BROKE.finditer(item.text):
            words = re.findall(r"[\w@'’-]+", item.text[sentence_start(item.text, match.start()) : match.start()])
            doers = [word for word in words[:3] if word.lower() not in ("then", "and", "so", "later")]
            if doers and actor_of_word(item, doers[0]) is not None:
                yield match.span()


def try_harder(item: _Text) -> Iterator[Span]:
    for start, end in _matches(item, TRY_HARDER):
        # "the pipeline double-checks the target" is a system's check, not a person's effort
        before = item.text[sentence_start(item.text, start) : start].split()
        if before and before[-1].lower() in ("pipeline", "script", "tool", "system", "job", "bot"):
            continue
        yield start, end


def vague_story(item: _Text) -> Iterator[Span]:
    if not _MEASURABLE.search(item.text):
        yield from _matches(item, VAGUE)
        if item.kind in (FieldKind.ACTION, FieldKind.LESSON):
            yield from _matches(item, VAGUE_IN_ACTIONS)
