"""Detectors by category of blame, written to generalise rather than to match known sentences.

Each is a lexicon (fault verbs, adverbs and nouns of fault, fix-the-human verbs, hindsight
phrases) combined with a light look at syntax from `actors`: is the subject of the act a person or
a group, is a question about a person, is a line an imperative with no measurable end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from pm_postmortem.core.coach.actors import (
    Actor,
    actor_of_word,
    clause_actor,
    sentence_start,
    subject_before,
)
from pm_postmortem.core.coach.language import _HARM, _NOT_NAMES, Span, _Text, _wordset, stems_of
from pm_postmortem.core.findings import FieldKind

_I = re.IGNORECASE

# --- a person or a group doing something wrong --------------------------------------------

_BROKEN_ALREADY = r"|damaged|broken|burnt|burned|frayed|corroded|failed|dead|severed"
"""What was already broken: cutting it out is the repair."""
_OMISSION = re.compile(
    r"\b(?:did\s+not|didn['’]t|never|had\s+not|hadn['’]t|failed\s+to|neglected\s+to)\s+"
    r"(?:even\s+|actually\s+|properly\s+|bother\s+to\s+)?"
    r"(?!(?:have|get|receive|need|want|expect|experience|lose|know|mean|intend|exist|happen"
    r"|occur|work|seem|appear|show|return|respond|arrive|reach|fire|trigger|start|finish"
    r"|encounter|face|reproduce|suffer)\b)"
    r"[a-z]+\b",
    _I,
)
"""An omission ("did not copy", "never renewed"): blame when a person or a group is its subject."""
_HUMAN_SLIP = re.compile(
    r"\b(?:forgot|forgets|forgetting|forget)\s+(?:to|about)\b|\bneglect(?:ed|s)\b|\boverlook(?:ed|s)\b"
    r"|\bmis(?:typed|read|judged|clicked|keyed|heard|took|remembered)\b|\bfat[- ]?finger(?:ed|s)?\b"
    r"|\bmis(?:typ|read|judg|click|key|hear|tak|rememb(?:er)?)ing\b"
    r"|\b(?:messed|screwed|fouled|fucked|f\*+ed|cocked|balled|bollocksed|stuffed)\s+(?:\w+\s+)?up\b"
    r"|\b(?:botched|bungled|goofed|flubbed)\b"
    r"|\blet\s+(?:its|their|his|her|my|our|the)\s+(?:[\w-]+\s+){0,3}(?:expire|lapse|slip)\b",
    _I,
)
"""Slips only people make: blame whoever the subject is; words of fault when there is none."""
_HUMAN_SLIP_STEMS = stems_of(
    "forgot forgets forgetting neglected neglects overlooked overlooks mistyped misread misjudged "
    "misclicked miskeyed misheard mistook misremembered fat messed screwed fouled botched expire "
    "lapse slip forget fucked f cocked balled bollocksed stuffed bungled goofed flubbed mistyping "
    "misreading misjudging misclicking miskeying mishearing mistaking misremembering"
)
_PERSON_ERROR = re.compile(
    r"\b(?:missed|skipped|ignored|misconfigured|broke|slipped|fumbled|blundered|mishandled"
    r"|misunderstood|misinterpreted|mixed\s+up|bumped|tripped\s+over"
    r"|rushed(?!\s+(?:to|in|out|over|back|through|a|an|the)\b)|hurried(?!\s+to\b)|panicked"
    r"|slept\s+through|sleeping\s+through|strayed|veered|wandered\s+(?:into|off)"
    r"|(?:got|came|went)\s+too\s+close|did\s+nothing|rushing(?!\s+to\s+(?:help|restore|fix|recover|mitigate"
    r"|the|get\s+\w+\s+back)\b)|hurrying|lost\s+(?:track|sight|focus|control|the\s+thread)"
    r"|cut\s+corners|jumped\s+the\s+gun|fell\s+asleep|dozed\s+off|blew\s+it"
    r"|skipping|ignoring|overlooking|neglecting|mishandling|misconfiguring|bypassing"
    r"|mis(?!s)[a-z]{3,}(?:ed|t))\b"
    r"(?!\s+(?:no|none|nothing|ahead)\b)",
    _I,
)
"""Errors when a person or a group does them; "the job skipped a run" is a system's doing."""
_NOT_KNOWING_HOW = re.compile(
    r"\b(?:did\s+not|didn['’]t|does\s+not|doesn['’]t)\s+(?:really\s+)?know\s+how\s+to\b"
    r"|\bhad\s+no\s+idea\s+(?:how|what)\b",
    _I,
)
"""Not knowing how: a person's competence given as the cause."""
_WRONG_THING = re.compile(
    r"\b(?:entered|typed|keyed|input|set|used|supplied|specified|selected|chose|picked|sent|ran"
    r"|applied|pasted|loaded)\s+(?:in\s+)?(?:the\s+|an?\s+)?(?:incorrect|wrong|erroneous|invalid"
    r"|mistaken)\b",
    _I,
)
"""Doing something with the wrong value ("an engineer entered an incorrect value")."""
_EXPOSED_SECRET = re.compile(
    r"\b(?:committed|pushed|posted|pasted|published|uploaded|leaked|exposed|shared|checked\s+in)\s+"
    r"(?:the\s+|an?\s+|our\s+|their\s+|his\s+|her\s+|some\s+)?(?:[\w-]+\s+){0,2}?(?:keys?|secrets?"
    r"|credentials|passwords?|tokens?)\s+(?:to|in|into|on)\s+(?:a\s+|the\s+)?(?:public|open|shared)\b"
    r"|\b(?:clicked|opened|downloaded|followed|answered|ran|executed)\s+(?:on\s+)?(?:the|a|an)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:phishing|malicious|suspicious|spoofed|fake)\b|\bfell\s+for\b"
    r"|\b(?:reused|shared|chose|kept)\s+(?:a\s+|the\s+|an\s+)?(?:weak|default|simple"
    r"|guessable|trivial)\s+(?:admin\s+)?passwords?\b"
    r"|\bhard-?coded\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:credentials|passwords?|keys?"
    r"|secrets?|tokens?)\b"
    r"|\b(?:plugged|inserted|connected)\s+(?:in\s+)?(?:an?|the|his|her|their)\s+(?:infected|unknown"
    r"|untrusted|personal|found|random)\s+(?:usb|drive|device|stick|laptop)",
    _I,
)
"""A secret put in public, a lure followed, a weak password, an unknown device plugged in:
slips a person is made the subject of."""
_CAUSE_WAS = re.compile(
    r"\b(?:root\s+|primary\s+|main\s+|direct\s+|underlying\s+|real\s+|immediate\s+)?cause\s+"
    r"(?:of\s+(?:the\s+)?[\w-]+\s+)?(?:was|is)\s+(?:the\s+|an?\s+|one\s+|our\s+|their\s+|a\s+single\s+)"
    r"((?:[\w’'-]+\s+){0,2}[\w’'-]+)",
    _I,
)
"""A person given as the cause: "the root cause was the developer not checking …"."""
_FAULT_LIES_WITH = re.compile(
    r"\b(?:fault|blame|responsibility\s+for\s+(?:the\s+|this\s+)?(?:outage|incident|failure|error"
    r"|mistake|breach|blackout|loss))\s+(?:lay|lies|lays|rests|rested|sits|sat)\s+(?:\w+ly\s+)?with\s+"
    r"(?:the\s+|an?\s+|our\s+|their\s+)((?:[\w’'-]+\s+){0,2}[\w’'-]+)",
    _I,
)
"""The fault or the blame put with someone: "the fault lay with the subcontractor"."""
_TOLD_BEFORE = re.compile(
    r"\b(?:had\s+been|was|were|been)\s+(?:told|warned|asked|instructed|reminded)\s+(?:twice"
    r"|repeatedly|several\s+times|many\s+times|before|already|more\s+than\s+once)\s+(?:not\s+to"
    r"|to\s+stop|about)\b",
    _I,
)
"""Warned before: the act is told as one the person knew not to do."""
_STATE_OF = re.compile(
    r"\b(?:was|were|got|became|seemed)\s+(?:\w+ly\s+)?(?:distracted|preoccupied|inattentive|careless"
    r"|drunk|hungover|sloppy|complacent|overconfident|negligent|unreachable|uncontactable|awol"
    r"|nowhere\s+to\s+be\s+found)\b",
    _I,
)
"""A person's state of mind as the story: "engineers were distracted by the party"."""
_RAN_HARMFUL = re.compile(
    r"\b(?:ran|executed|launched|started|kicked\s+off|triggered|issued|typed|entered|pushed|applied"
    r"|deployed)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:script|command|job|query|update|patch"
    r"|migration|config(?:uration)?)\s+(?:that|which)\s+(?:\w+ly\s+)?(?:deleted|erased|wiped|dropped"
    r"|corrupted|overwrote|disabled|crashed|(?:took|brought|knocked)\s+(?:down|out))\b",
    _I,
)
"""A person ran something that destroyed: the person is made the subject of the harm."""
_CAUSING = re.compile(
    r",\s+(?:(?:causing|triggering|sparking)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:outage|failure"
    r"|blackout|crash|incident|errors|disruption|shutdown|panic|data\s+loss)"
    r"|sending\s+out\s+(?:an?\s+|the\s+)?(?:false|erroneous|wrong|mistaken|incorrect|bogus|emergency)"
    r"|taking\s+down|knocking\s+out|bringing\s+down|crashing)\b",
    _I,
)
"""A person's act, then the harm it did ("an employee pressed the button, sending out …")."""
_ATTENTION_OMISSION = re.compile(
    r"\b(?:did\s+not|didn['’]t|never|failed\s+to|forgot\s+to|neglected\s+to)\s+(?:\w+ly\s+)?"
    r"(?:take\s+into\s+account|account\s+for|consider|anticipate|check|test|verify|notice"
    r"|follow|read|update|renew|escalate|review|validate|double-check|realise|realize|think\s+of"
    r"|think\s+about|plan\s+for|look\s+at)\b",
    _I,
)
"""An omission of attention: blame told about ourselves too ("we did not take into account …")."""
_STATE_OF_MIND = re.compile(
    r"\b(?:confused|distracted|careless|sleepy|drowsy|inattentive|absent-?minded|disgruntled"
    r"|clumsy|hapless|bumbling|rogue|overzealous|over-eager|overeager|flustered|befuddled"
    r"|panicked|panicking|hungover|drunk)\s+((?:[\w&.’'-]+\s+){0,2}[\w’'-]+)",
    _I,
)
"""A person described by a lapse of mind ("a confused worker with a pair of wire-cutters")."""
_CAUSED_BY_ACTOR = re.compile(
    r"\b(caused|triggered|sparked|set\s+off|brought\s+about)\s+by\s+"
    r"(?:one\s+of\s+(?:our|the|their|its|his|her)|an?|the|one|two|some|our|their|his|her|its|that"
    r"|this)\s+((?:[\w&.’'-]+\s+){0,3}[\w’'-]+)",
    _I,
)
"""A passive that ends on a person: "was caused by a solitary maintenance worker"."""
_DONE_BY = re.compile(
    r"\b(?:deleted|dropped|wiped|erased|destroyed|overwritten|broken|misconfigured|ignored|skipped"
    r"|overlooked|missed|botched|bungled|dismissed|disabled|unplugged|severed|mistyped)\s+by\s+"
    r"(?:an?|the|one|our|their|his|her|some|that|this)\s+((?:[\w&.’'-]+\s+){0,2}[\w’'-]+)",
    _I,
)
"""A passive slip that ends on a person: "the database was deleted by a junior developer"."""
_FAILURE_OF = re.compile(
    r"\b([\w-]+)['’]s\s+(?:\w+\s+)?failures?\s+to\b"
    r"|\bfailures?\s+(?:by|of|on\s+the\s+part\s+of)\s+(?:the\s+|an?\s+|our\s+|their\s+)?"
    r"(?:[\w-]+\s+)?([\w-]+)\s+to\b",
    _I,
)
"""A person's or a group's failure to do something: an omission made into a noun."""
_STRUCK = re.compile(
    r"\b(?:cut|hit|struck|severed|damaged|crushed|ruptured|punctured|nicked|snapped|sliced"
    r"|dug\s+(?:up|through|into))\s+(?:through\s+)?(?!(?:the\s+|an?\s+)?(?:stale|old"
    + _BROKEN_ALREADY
    + r"))(?:an?\s+|the\s+|two\s+|three\s+|several"
    r"\s+|some\s+|a\s+number\s+of\s+)?(?:[\w.-]+\s+){0,2}?(?:cables?|lines?|wires?|wiring|pipes?"
    r"|pipelines?|fib(?:re|er)s?|conduits?|mains?|poles?|transformers?|ducts?)\b",
    _I,
)
"""Damaging a cable or a line: a slip pinned on whoever did it, a person or a crew."""
_HUMAN_VERBS = (
    r"(?:re-?)?(?:check|test|verify|notice|answer|respond|reply|escalate|review|read|copy|follow|tell"
    r"|inform|ask|update|renew|wait|look|validate|confirm|approve|communicate|mention|call|page"
    r"|acknowledge|reinstall|install|run|merge|push|deploy|remove|delete|restart|rotate|revoke"
    r"|observe|comply|adhere|maintain|notify|report|patch|implement|enforce|inspect|triage"
    r"|disclose|warn|train|include|keep|plan|prepare)"
)
_NAME_OMITS = re.compile(
    r"\s+(?:did\s+not|didn['’]t|never|had\s+not|hadn['’]t|failed\s+to|forgot\s+to)\s+"
    rf"(?:\w+ly\s+)?{_HUMAN_VERBS}\w*\b"
    r"|\s+(?:missed|ignored|skipped)\s+(?:the\s+|an?\s+|two\s+|three\s+|all\s+|\d+\s+)?"
    r"(?:alerts?|pages?|calls?|messages?|e-?mails?|warnings?|steps?|checks?|reviews?|tests?"
    r"|deadlines?|pings?|tickets?|notifications?|runbook)\b",
    _I,
)
"""After a capitalised word nobody told the coach about: an omission only a person makes, so the
word is a given name ("Priyanka did not check the diff", "Tomás missed the page")."""
_WHO_DID = re.compile(
    r"\b(?:the|a|an|one|that)\s+(?:[\w-]+\s+)?([\w-]+)\s+(?:who|that)\s+(?:had\s+)?"
    r"(?:\w+ly\s+)?(?:deleted|dropped|wiped|removed|broke|pushed|ran|caused|made\s+the\s+"
    r"(?:decision|call|change)|merged|approved|forgot|missed|skipped|ignored|pressed|clicked"
    r"|typed|pulled|unplugged|triggered|shipped|deployed|disabled|erased|misconfigured|entered"
    r"|uploaded|overwrote|(?:switched|turned|shut)\s+(?:off|down))\b",
    _I,
)
"""A relative clause that singles a person out by what they did: "the contractor who deleted …"."""
_RESPONSIBLE = re.compile(
    r"\b(?:the\s+)?([\w-]+)\s+(?:who\s+(?:was|is)\s+)?responsible\s+for\s+(?:the\s+)?"
    r"(?:outage|incident|error|mistake|failure|deletion|breach|problem|issue)\b"
    r"|\b(?:blamed?|pinned|pins)\s+(?:[\w-]+\s+){0,4}?on\s+(?:a|an|the|one)\s+(?:[\w-]+\s+)?([\w-]+)"
    r"|\bblame[sd]?\s+(?:a|an|the|one|its|their|our)\s+(?:[\w-]+\s+)?([\w-]+)\s+for\b"
    r"|\b(?:all\s+|entirely\s+|solely\s+)?down\s+to\s+(?:a|an|one|the|that|this)\s+(?:single\s+|lone\s+)?"
    r"([\w-]+)",
    _I,
)
_IS_RESPONSIBLE = re.compile(
    r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?responsible\s+for\s+(?:the\s+|this\s+|that\s+)?"
    r"(?:[\w-]+\s+)?(?:outage|incident|error|mistake|failure|deletion|breach|problem|issue"
    r"|blackout|loss|crash)\b",
    _I,
)
_DID_NOT_RESPOND = re.compile(
    r"\b(?:did\s+not|didn['’]t|never|failed\s+to)\s+(?:respond|react|reply|answer|show\s+up"
    r"|intervene)\b",
    _I,
)
"""Not responding: an omission when a person or a group is its subject (a server's silence is
a symptom, so `_OMISSION` leaves these verbs out)."""
_DESTROYED = re.compile(
    r"\b(?:deleted|dropped|wiped|erased|truncated|destroyed|overwrote|unplugged|cut|disconnected"
    r"|(?:shut|turned|switched|powered)\s+(?:off|down))\s+"
    r"(?!(?:the\s+|an?\s+)?(?:stale|stuck|orphaned|temporary|old|duplicate|faulty|lock"
    + _BROKEN_ALREADY
    + "))"
    r"|\b(?:knocked\s+out|switched\s+off|pulled\s+(?:the\s+)?plug)\b"
    r"|\b(?:pulled|flipped|tripped|yanked)\s+(?:the\s+|an\s+|a\s+)?(?:emergency|kill"
    r"|master|main|power)\s+(?:[\w-]+\s+)?(?:switch|shut-?off|breaker|button|lever|cord|plug)\b",
    _I,
)
"""Destroying something: a slip pinned on a person when a person is the subject, outside the
timeline (where deleting a stuck pod is the job) and unless it was done to recover."""
_TO_RECOVER = re.compile(
    r"\bto\s+(?:restore|recover|fix|free|mitigate|unblock|stop|clean|repair|replace|make\s+\w+\s+safe)"
    r"|\bto\s+(?:isolate|contain|de-?energi[sz]e)|\bas\s+(?:planned|scheduled)|\b(?:spliced|repaired"
    r"|replaced)\b",
    _I,
)
_BYPASSED = re.compile(
    r"\b(?:bypass|overr(?:o|i)de|circumvent|disable|ignore|skip|silence|mute)(?:d|ed|s)?\s+"
    r"(?:the\s+|an?\s+|all\s+|our\s+)?(?:[\w-]+\s+){0,3}?(?:checks?|alerts?|alarms?|warnings?"
    r"|safeguards?|tests?|reviews?|process|procedures?|runbook|polic(?:y|ies)|protections?"
    r"|validation|approvals?|relays?|interlocks?|breakers?|process(?:es)?)\b"
    r"|\btook\s+it\s+(?:up)?on\s+(?:himself|herself|themselves)\b"
    r"|\b(?:violat|breach)(?:ed|es|e)\s+(?:the\s+|our\s+|a\s+)?(?:[\w-]+\s+)?(?:polic(?:y|ies)"
    r"|rules?|procedures?|protocols?|process|runbook|guidelines?)\b"
    r"|\b(?:pushed|deployed|merged|shipped|released|committed|uploaded|installed|published"
    r"|rolled\s+out)\s+(?:the\s+|an?\s+|some\s+)?"
    r"(?:untested|unreviewed|unapproved|broken|buggy|faulty|half-finished|bad|bogus"
    r"|defective|sloppy|incorrect)\b"
    r"|\bwithout\s+(?:any\s+|a\s+)?(?:review|approval|testing|checking|asking|telling|a\s+second"
    r"|double-checking|verifying|reading|fixing|finishing|waiting|warning|notifying|informing"
    r"|looking|thinking|safety\s+net|safeguards?|second\s+pair\s+of\s+eyes"
    r"|being\s+(?:thorough|careful|diligent|attentive)|calling|consulting|notifying|a\s+permit"
    r"|inspecting|reviewing|validating|confirming|examining|double-checking)\b"
    r"|\bwithout\s+(?:first\s+)?(?:running|doing|performing|getting|waiting\s+for|taking|making)\s+"
    r"(?:the\s+|a\s+|any\s+)?(?:[\w-]+\s+)?(?:tests?|reviews?|approvals?|checks?|backups?"
    r"|sign-?offs?|canar(?:y|ies))\b"
    r"|\bdecided\s+(?:not\s+)?to\s+(?:skip|ignore|bypass|disable|override|wait|deploy\s+anyway"
    r"|push\s+anyway)\b",
    _I,
)
_INCORRECTLY = re.compile(r"\b(?:incorrectly|improperly|wrongfully)\b", _I)
_LEFT_OPEN = re.compile(
    r"\bleft\s+(?:the\s+|a\s+|an\s+|it\s+|them\s+|their\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:open|unlocked|running|unattended|exposed|unpatched|public|enabled|on\b(?!\s+\w))\b",
    _I,
)
"""Leaving something unsafe behind ("someone left the cabinet open"), with a person as subject."""
_TOO_SOON = re.compile(r"\btoo\s+(?:soon|early|fast|quickly)\b|\bprematurely\b|\bhastily\b", _I)
_AT_FAULT = re.compile(
    r"\b(?:is|are|was|were)\s+(?:solely\s+|entirely\s+|partly\s+|clearly\s+)?"
    r"(?:at\s+fault|to\s+blame)\b",
    _I,
)
"""At fault or to blame: blame when a person or a group is the subject ("the process is at fault"
is what a post-mortem should say)."""
_JUDGED_GROUP = re.compile(
    r"\b(?:poor|bad|incompetent|capricious|sloppy|weak|chaotic|careless|clueless|lazy)\s+"
    r"(?:and\s+[\w-]+\s+)?(management|leadership|engineers?|developers?|devs|admins?|staff"
    r"|operators?|ops|team)\b(?![\s-]+(?:communication|coordination|visibility|tooling|process"
    r"|processes|practices|capacity|structure|ownership|documentation|handovers?|handoffs?"
    r"|alignment|morale|access|experience))",
    _I,
)
"""A judgement of a group ("poor and capricious management"); not of what a team has or lacks."""
_WRONG_ACT = re.compile(r"\b(?:the|a)\s+wrong\b|\binstead\s+of\b|\brather\s+than\b", _I)
"""Acting on the wrong thing ("dropped the wrong table"); "saw wrong totals" describes data."""
_ON_PRODUCTION = re.compile(
    r"\b(?:ran|run|runs|executed|executes|issued|typed|deleted|deletes|dropped|drops|wiped"
    r"|truncated|erased|destroyed|overwrote)\b(?:\s+[\w/*.-]+){0,6}?\s+(?:the\s+|our\s+)?"
    r"(?:main\s+)?(?:production|prod|live|primary)\b",
    _I,
)
_TOOK_DOWN = re.compile(
    r"\b(?:took|takes|brought|brings|knocked|knocks)\s+(?:down|out|offline)\b"
    r"|\b(?:was|were)\s+(?:the\s+)?(?:root\s+|main\s+|primary\s+|direct\s+)?cause\s+of\b"
    r"|\bturned\s+off\s+the\s+(?:lights|power)\b"
    r"|\b(?:caused|triggered)\s+(?:the|an|a)\s+(?:[\w-]+\s+){0,3}(?:outage|incident|failure"
    r"|blackout|crash|disruption|shutdown)\b"
    r"|\bshut\s+down\s+(?:all|the\s+entire|the\s+whole|a\s+number\s+of|production)\b",
    _I,
)
_MADE_MISTAKE = re.compile(
    r"\b(?:made|makes|make|making)\s+(?:a|an|the|one|another|that|this|his|her|their|my)\s+"
    r"(?:[\w-]+\s+){0,2}(?:mistake|error|typo|slip|blunder)s?\b",
    _I,
)
_BELIEVED = re.compile(
    r"\b(?:what|which|where)\s+(?:the\s+)?(he|she|they|I|you|[\w-]+)\s+"
    r"(?:believed|thought|assumed|took\s+for)\s+(?:was|were|to\s+be)\b",
    _I,
)
_BY_A_PERSON = re.compile(
    r"\b(?:changes?|errors?|mistakes?|actions?|commands?|input|typos?|slips?|deletion"
    r"|misconfigurations?|updates?|push|deploy|commits?|edits?|entry|keystrokes?)\s+"
    r"(?:\w+\s+)?(?:by|from)\s+(?:(?:a|an|one|the|our|their)\s+)?(?:[\w-]+\s+)?([\w-]+)"
    r"|\b(?:input|commands?|changes?|values?|quer(?:y|ies)|scripts?)\s+(?:that|which)\s+"
    r"(?:[\w-]+\s+){0,2}?([\w-]+)\s+(?:had\s+|has\s+)?(?:entered|typed|ran|issued|made|pushed"
    r"|wrote|applied|deployed)\b",
    _I,
)
_WAITED = re.compile(
    r"\b(?:was|were)\s+(?:too\s+|very\s+|far\s+too\s+)?slow\s+to\s+[a-z]+\b"
    r"|\btook\s+too\s+long\s+to\b"
    r"|\b(?:waited|took)\s+(?:a|an|one|two|three|several|\d+)\s+(?:full\s+)?"
    r"(?:minutes?|hours?|days?|weeks?)\s+(?:before|to)\s+(?:looking|acting|responding|checking"
    r"|escalating|reacting|answering|acknowledging|noticing|joining|look|act|respond|check|escalate"
    r"|react|answer|acknowledge|ack|notice|join|reply)\b",
    _I,
)


_NAMED_OMISSION = re.compile(
    r"(?<![\w@/.-])([A-ZÀ-Ý][a-zà-ÿ]+(?:-?[A-Z][a-zà-ÿ]+)?)(?i:(?:\s+[a-z]+ly)?(?:"
    + _NAME_OMITS.pattern
    + "))"
)
"""A capitalised word the coach does not know, then an omission only a person makes."""


def _verb_subject(item: _Text, match: re.Match[str]) -> Actor | None:
    return subject_before(item, match.start())


def _subject_or_clause(item: _Text, match: re.Match[str]) -> Actor | None:
    """The subject of the verb, or of its clause when a long phrase stands between them."""
    return subject_before(item, match.start()) or clause_actor(item, match.start())


def _unexplained_subject(item: _Text, match: re.Match[str]) -> Actor | None:
    """The subject, unless the sentence goes on to say what held them up ("… because two
    reviewers were on leave")."""
    if _EXPLAINED.search(_sentence_at(item.text, match.end())):
        return None
    return _subject_or_clause(item, match)


_CHOSE = re.compile(r"\b(?:chose|decided|opted|preferred|elected|agreed)\b[^.!?]*$", _I)
"""A choice between two options ("chose to fail over rather than wait") is a decision, not a slip."""
_ADVISED = re.compile(r"\b(?:should|can|could|would|will|may|might|must|maybe|perhaps)\b[^.!?,;]*$", _I)
"""Advice or a possibility ("you should use asterisks instead of …") is no act that happened."""


def _clause_subject(item: _Text, match: re.Match[str]) -> Actor | None:
    begin = sentence_start(item.text, match.start())
    if match.group(0).lower().startswith(("instead", "rather")) and (
        _CHOSE.search(item.text, begin, match.start()) or _ADVISED.search(item.text, begin, match.start())
    ):
        return None
    actor = clause_actor(item, match.start())
    if actor is None and match.group(0).lower().startswith(("instead", "rather")):
        actor = _actor_after_comma(item, match.end())
    return actor


def _named_word(item: _Text, match: re.Match[str]) -> Actor | None:
    return actor_of_word(item, next(group for group in match.groups() if group))


def _person_subject(item: _Text, match: re.Match[str]) -> Actor | None:
    """Only a person (a team running a change that broke something is the usual story)."""
    actor = subject_before(item, match.start())
    return actor if actor is Actor.PERSON else None


def _person_acted(item: _Text, match: re.Match[str]) -> Actor | None:
    """The person who is the subject of the clause before the comma, if any: after a conjunction
    ("… after one of their employees pressed a button, sending out …"), or of the sentence."""
    before = re.findall(r"[\w'’-]+", item.text[max(0, match.start() - 120) : match.start()])
    for index in range(len(before) - 2, -1, -1):
        if before[index].lower() in _CLAUSE_OPENERS:
            phrase = before[index + 1 : index + 5]
            if phrase[:2] == ["one", "of"] and actor_of_word(item, phrase[-1].strip()) is not None:
                return Actor.PERSON
            for word in phrase:
                actor = actor_of_word(item, word)
                if actor is not None:
                    return actor if actor is Actor.PERSON else None
            break
    actor = clause_actor(item, match.start())
    return actor if actor is Actor.PERSON else None


_CLAUSE_OPENERS = _wordset("after when because since once before while as")


def _slip_subject(item: _Text, match: re.Match[str]) -> Actor | None:
    """The subject of a slip, where "we" counts as a group."""
    return subject_before(item, match.start(), we=True)


def _we_subject(item: _Text, match: re.Match[str]) -> Actor | None:
    """Only "we" (other subjects are the omission rule's), and not when the sentence goes on to
    say what kept us from it ("we did not check the lag because no dashboard showed it")."""
    if _EXPLAINED.search(_sentence_at(item.text, match.end())):
        return None
    actor = subject_before(item, match.start(), we=True)
    return actor if actor is not None and subject_before(item, match.start()) is None else None


_EXPLAINED = re.compile(r"\b(?:because|since|as\s+(?:no|nothing|the))\b", _I)


_PHRASE_END = _wordset(
    "of from with by that who which in on at for to and or as after before during when while because"
)


def _described_actor(item: _Text, match: re.Match[str], group: int = 1) -> Actor | None:
    """The person or group the noun phrase in the match's group names, if any: its head, or a
    possessive ("a utility worker's error"), not a modifier ("a marketing campaign")."""
    words = match.group(group).split()
    for index, word in enumerate(words):
        if word.lower() in _PHRASE_END:
            return None
        bare = word.strip(".,")
        actor = actor_of_word(item, bare)
        following = words[index + 1] if index + 1 < len(words) else ""
        if actor is not None and (
            not following
            or re.search(r"['’]s$", bare)
            or following.lower() in _PHRASE_END
            or following[:1].isupper()
            or _VERB_NEXT.fullmatch(following)
        ):
            return actor
    return None


_VERB_NEXT = re.compile(
    r"[a-z]+(?:ed|ing)|was|were|had|did|ran|took|sent|put|set|hit|cut|made|left|got|not|never"
)
"""A verb after the actor ("a sleepy operator approved", "a worker doing maintenance"): the
actor ends the noun phrase."""


def _harm_done_by(item: _Text, match: re.Match[str]) -> Actor | None:
    """ "Caused by a worker", or "triggered by a contractor" when what was triggered is harm (a
    failover triggered by the on-call is the work)."""
    if match.group(1).lower() != "caused" and not _HARM.search(
        item.text, max(0, match.start() - 60), match.start()
    ):
        return None
    return _described_actor(item, match, group=2)


def _done_by(item: _Text, match: re.Match[str]) -> Actor | None:
    if _TO_RECOVER.search(_sentence_at(item.text, match.start())):
        return None
    return _described_actor(item, match)


def _damaging(item: _Text, match: re.Match[str]) -> Actor | None:
    if _TO_RECOVER.search(_sentence_at(item.text, match.start())):
        return None
    return subject_before(item, match.start())


def _person_destroying(item: _Text, match: re.Match[str]) -> Actor | None:
    if _TO_RECOVER.search(_sentence_at(item.text, match.start())):
        return None
    return Actor.PERSON if subject_before(item, match.start()) is Actor.PERSON else None


def _unknown_name(item: _Text, match: re.Match[str]) -> Actor | None:
    name = match.group(1)
    if name.lower() in _NOT_NAMES or actor_of_word(item, name) is not None:
        return None
    return Actor.PERSON


@dataclass(frozen=True)
class _Act:
    pattern: re.Pattern[str]
    stems: frozenset[str]
    """The pattern cannot match a text without a word of one of these stems."""
    actor: Callable[[_Text, re.Match[str]], Actor | None]
    in_timeline: bool = True
    """False: in a timeline this is the work itself (deleting a stuck pod), not a slip."""


_MIS_STEMS = frozenset(f"mis{letter}" for letter in "abcdefghijklmnopqrtuvwxyz")
"""The stems of every "mis…ed" slip ("mislabelled", "misrouted")."""
_ACTS = (
    _Act(_OMISSION, stems_of("not didn never hadn failed neglected"), _verb_subject),
    _Act(_HUMAN_SLIP, _HUMAN_SLIP_STEMS, _slip_subject),
    _Act(
        _PERSON_ERROR,
        stems_of(
            "missed skipped ignored misconfigured broke slipped fumbled blundered mishandled "
            "misunderstood misinterpreted mixed bumped tripped rushed hurried panicked corners gun "
            "asleep dozed blew slept sleeping rushing hurrying lost strayed veered wandered close "
            "nothing skipping ignoring overlooking neglecting mishandling misconfiguring "
            "bypassing"
        )
        | _MIS_STEMS,
        _slip_subject,
    ),
    _Act(_ATTENTION_OMISSION, stems_of("not didn never failed forgot neglected"), _we_subject),
    _Act(_NOT_KNOWING_HOW, stems_of("know idea"), _verb_subject),
    _Act(
        _CAUSING,
        stems_of("causing triggering sparking sending taking knocking bringing crashing"),
        _person_acted,
    ),
    _Act(
        _RAN_HARMFUL,
        stems_of("deleted erased wiped dropped corrupted overwrote disabled crashed took brought knocked"),
        _person_subject,
    ),
    _Act(_WRONG_THING, stems_of("incorrect wrong erroneous invalid mistaken"), _subject_or_clause),
    _Act(
        _EXPOSED_SECRET,
        stems_of(
            "public open shared phishing malicious suspicious spoofed fake fell weak default "
            "simple guessable trivial hard coded hardcoded infected unknown untrusted personal "
            "found random"
        ),
        _verb_subject,
    ),
    _Act(
        _STATE_OF_MIND,
        stems_of(
            "confused distracted careless sleepy drowsy inattentive absent disgruntled clumsy "
            "hapless bumbling rogue overzealous overeager flustered befuddled panicked panicking "
            "hungover drunk"
        ),
        _described_actor,
    ),
    _Act(_CAUSED_BY_ACTOR, stems_of("caused triggered sparked set brought"), _harm_done_by),
    _Act(
        _DONE_BY,
        stems_of(
            "deleted dropped wiped erased destroyed overwritten broken misconfigured ignored "
            "skipped overlooked missed botched bungled dismissed disabled unplugged severed mistyped"
        ),
        _done_by,
        in_timeline=False,
    ),
    _Act(_FAILURE_OF, stems_of("failure"), _named_word),
    _Act(_LEFT_OPEN, stems_of("left"), _verb_subject),
    _Act(_TOO_SOON, stems_of("too prematurely hastily"), _clause_subject),
    _Act(_AT_FAULT, stems_of("fault blame"), _verb_subject),
    _Act(
        _JUDGED_GROUP,
        stems_of("poor bad incompetent capricious sloppy weak chaotic careless clueless lazy"),
        _named_word,
    ),
    _Act(
        _MADE_MISTAKE,
        stems_of("mistake mistakes error errors typo typos slip slips blunder"),
        _verb_subject,
    ),
    _Act(
        _TOOK_DOWN,
        stems_of("took takes brought brings knocked knocks caused triggered shut cause turned"),
        _subject_or_clause,
    ),
    _Act(_WAITED, stems_of("waited took slow"), _unexplained_subject),
    _Act(_ON_PRODUCTION, stems_of("production prod live primary"), _verb_subject, in_timeline=False),
    _Act(_WRONG_ACT, stems_of("wrong instead rather"), _clause_subject),
    _Act(_BELIEVED, stems_of("believed thought assumed took"), _named_word),
    _Act(
        _BY_A_PERSON,
        stems_of(
            "change changes error errors mistake mistakes action actions command commands input "
            "typo typos slip slips deletion misconfiguration misconfigurations update updates push "
            "deploy commit commits edit edits entry keystroke keystrokes value values query "
            "queries script scripts"
        ),
        _named_word,
    ),
    _Act(
        _WHO_DID,
        stems_of(
            "deleted dropped wiped removed broke pushed ran caused made merged approved "
            "forgot missed skipped ignored pressed clicked typed pulled unplugged triggered "
            "shipped deployed disabled erased misconfigured entered uploaded overwrote switched "
            "turned shut"
        ),
        _named_word,
    ),
    _Act(_RESPONSIBLE, stems_of("responsible blamed blame down pinned pins"), _named_word),
    _Act(_CAUSE_WAS, stems_of("cause"), _described_actor),
    _Act(_FAULT_LIES_WITH, stems_of("fault blame responsibility"), _described_actor),
    _Act(_TOLD_BEFORE, stems_of("told warned asked instructed reminded"), _verb_subject),
    _Act(
        _STATE_OF,
        stems_of(
            "distracted preoccupied inattentive careless drunk hungover sloppy complacent "
            "unreachable uncontactable awol nowhere "
            "overconfident negligent"
        ),
        _verb_subject,
    ),
    _Act(_IS_RESPONSIBLE, stems_of("responsible"), _verb_subject),
    _Act(_DID_NOT_RESPOND, stems_of("not didn never failed"), _verb_subject),
    _Act(
        _BYPASSED,
        stems_of(
            "bypass bypassed overrode override overridden circumvent circumvented disable "
            "disabled ignore ignored skip skipped silence silenced mute muted decided "
            "violated violates violate breached breaches breach pushed deployed merged "
            "shipped released committed uploaded installed published rolled took without fixing finishing waiting warning notifying informing "
            "looking thinking being calling consulting permit inspecting reviewing validating "
            "confirming examining double running doing performing getting taking making"
        ),
        _subject_or_clause,
        in_timeline=False,
    ),
    _Act(
        _DESTROYED,
        stems_of(
            "deleted dropped wiped erased truncated destroyed overwrote unplugged cut "
            "knocked switched pulled disconnected shut turned powered flipped tripped yanked"
        ),
        _person_destroying,
        in_timeline=False,
    ),
    _Act(_INCORRECTLY, stems_of("incorrectly improperly wrongfully"), _verb_subject),
    _Act(
        _STRUCK,
        stems_of(
            "cables cable lines line wires wire wiring pipes pipe pipelines pipeline fibre fibres "
            "fiber fibers conduit conduits main mains poles pole transformer transformers duct ducts"
        ),
        _damaging,
        in_timeline=False,
    ),
    _Act(
        _NAMED_OMISSION,
        stems_of("not didn never hadn failed forgot missed ignored skipped"),
        _unknown_name,
    ),
)
_TIMELINE_ACTS = tuple(act for act in _ACTS if act.in_timeline)
ACT_STEMS = frozenset().union(*(act.stems for act in _ACTS))
"""Every stem an act by a person or a group can need: the pre-check of the rules using `_acts`."""


_NOT_DONE = re.compile(
    r"\b(?:(?:need|needs|have|has|want|wants|able|going|try|tries)\s+to|can|could|may|might"
    r"|will|would|shall|should|must|cannot)\s+(?:\w+ly\s+)?$",
    _I,
)
"""Before the act: what may, must or is meant to happen, not what was done ("developers need to
cut corners" describes a pressure; counterfactuals have their own rule)."""


def _acts(item: _Text) -> Iterator[tuple[Actor, Span]]:
    """Wrong acts with a person or a group as their subject."""
    stems = item.stems
    acts = _TIMELINE_ACTS if item.kind is FieldKind.TIMELINE else _ACTS
    for act in acts:
        if stems is not None and act.stems.isdisjoint(stems):
            continue
        for match in act.pattern.finditer(item.text):
            if _NOT_DONE.search(item.text, max(0, match.start() - 20), match.start()):
                continue
            actor = act.actor(item, match)
            if actor is not None:
                yield actor, match.span()


def _actor_after_comma(item: _Text, pos: int) -> Actor | None:
    """ "Instead of using a library, someone wrote …": the actor after the opening phrase."""
    comma = item.text.find(",", pos, pos + 120)
    if comma < 0:
        return None
    rest = re.match(r"\s*(?:the\s+|a\s+|an\s+)?([\w'’-]+)", item.text[comma + 1 :])
    return actor_of_word(item, rest.group(1)) if rest else None


@lru_cache(maxsize=4)
def _acts_of(item: _Text) -> tuple[tuple[Actor, Span], ...]:
    """`_acts` once per text: the person and the group rules both read it."""
    return tuple(_acts(item))


def person_acts(item: _Text) -> Iterator[Span]:
    for actor, span in _acts_of(item):
        if actor is Actor.PERSON:
            yield span


def group_acts(item: _Text) -> Iterator[Span]:
    for actor, span in _acts_of(item):
        if actor is Actor.GROUP:
            yield span


# --- words of fault ------------------------------------------------------------------------

_FAULT_ADVERB = re.compile(
    r"\b(?:accidentally|accidently|inadvertently|mistakenly|unintentionally|erroneously|wrongly"
    r"|carelessly|negligently|unwittingly|unknowingly|hurriedly|rashly|blindly|haphazardly"
    r"|absent-?mindedly)\b",
    _I,
)
_FAULT_PHRASES = tuple(
    (stems_of(stems), re.compile(pattern, _I))
    for stems, pattern in (
        (
            "accident mistake error",
            r"\bby\s+(?:accident|mistake)\b|\b(?:done|made|sent|deleted|entered|typed|run|ran"
            r"|executed|issued|applied|changed|removed|set|pushed|deployed|merged|dropped)\s+in\s+error\b",
        ),
        (
            "error errors mistake mistakes",
            r"\b(?:his|her|their|my|your)\s+(?:own\s+)?(?:errors?|mistakes?)\b",
        ),
        (
            "incorrectly",
            r"\b(?:done|performed|executed|run|ran|typed|entered|applied|carried\s+out|set\s+up)"
            r"\s+incorrectly\b",
        ),
        (
            "accidental",
            r"\baccidental\b(?!\s+(?:complexity|discovery|finding|features?|benefits?))",
        ),
        (
            "error mistake slip",
            r"\b(?:human|operator|user|pilot|contractor|staff|employee|engineer|admin|manual)\s+"
            r"(?:error|mistake|slip)\b(?!s\b)",
        ),
        (
            "mistake oversight blunder slip goof screw fuck mishap brain",
            r"\b(?:a|an|his|her|their|my|your|honest|simple|silly|dumb|stupid|careless|rookie"
            r"|costly|big|huge|classic)\s+(?:mistake|oversight|blunder|slip|slip-up|goof"
            r"|screw-?up|fuck-?up|mishap|brain\s+fart)\b",
        ),
        (
            "mine hers theirs yours ours",
            r"\b(?:mistake|error|slip|oversight|fault)\s+(?:was|is)\s+(?:all\s+)?"
            r"(?:mine|his|hers|theirs|yours|ours)\b",
        ),
        (
            "typo typos",
            r"(?<!fix\s)(?<!fixed\s)(?<!fixes\s)(?<!a\s)\btypos?\b"
            r"(?!\s+(?:(?:was|were|is)\s+)?(?:fix|found|fixed|corrected|spotted))|\ba\s+typo\b"
            r"(?!\s+(?:was|were|is)\s+(?:found|fixed|corrected|spotted))",
        ),
        ("fat finger fingered fingers", r"\bfat[- ]?finger(?:ed|s|ing)?\b"),
        ("errant", r"\berrant\s+(?:input|command|keystroke|click)s?\b"),
        (
            "wrong",
            r"\bwrong\s+(?:push|click|keystroke|button|switch|key|tab|terminal|window|wire)\b",
        ),
        (
            "lapse",
            r"\b(?:momentary\s+)?lapse\s+(?:in|of)\s+(?:judg(?:e)?ment|concentration|attention)\b",
        ),
        (
            "part",
            r"\b(?:error|mistake|oversight)\s+on\s+(?:his|her|their|my|your|the\s+[\w-]+['’]s)\s+part\b",
        ),
        (
            "fault",
            r"(?<!not\s)(?<!n['’]t\s)\b(?:his|her|their|my|your)\s+(?:own\s+)?fault\b",
        ),
        (
            "wrong",
            r"\bin\s+(?:the|a)\s+wrong\s+(?:way|order|place)\b|\bthe\s+wrong\s+way\s+(?:round|around)\b",
        ),
        (
            "failure failures",
            r"\b(?:simple|basic|repeated|continued|persistent|inexcusable|careless|his|her|their|my"
            r"|your|our)\s+failures?\s+to\s+(?!(?:start|connect|load|boot|respond|converge|scale"
            r"|resolve|deliver|complete|launch|allocate|acquire|parse|compile|replicate|meet\s+demand)"
            r"\b)[a-z]+",
        ),
        (
            "blame",
            r"\b(?:placed|put|laid|pinned|places|puts|lays|pins|placing|putting|laying|pinning)\s+"
            r"(?:much\s+of\s+|most\s+of\s+|all\s+of\s+|some\s+of\s+|part\s+of\s+)?(?:the\s+)?"
            r"blame\b|\bblame\s+(?:\w+\s+){0,6}?squarely\s+on\b"
            r"|\bblame\s+(?:was|is|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:placed|put|laid|pinned)\b",
        ),
        (
            "zero zeros zeroes digit digits",
            r"\ban?\s+extra\s+(?:zero|digit)\b|\btoo\s+many\s+(?:zeros|zeroes|digits)\b"
            r"|\bone\s+(?:zero|digit)\s+too\s+many\b",
        ),
        (
            "goofed ball asleep",
            r"\bgoofed\b|\bdropped\s+the\s+ball\b|\basleep\s+at\s+the\s+(?:wheel|switch|helm|desk)\b",
        ),
        (
            "call calls decision decisions choice choices judgment judgement",
            r"\b(?:bad|poor|wrong|hasty|reckless|questionable)\s+(?:call|decision|choice"
            r"|judg(?:e)?ment)s?\b",
        ),
    )
)
"""Nouns and phrases of fault, each with the stems it needs (a cheap pre-check per phrase)."""
_FAULT_ADVERB_STEMS = stems_of(
    "accidentally accidently inadvertently mistakenly unintentionally erroneously wrongly "
    "carelessly negligently unwittingly unknowingly hurriedly rashly blindly haphazardly absent "
    "absentmindedly"
)
FAULT_STEMS = _FAULT_ADVERB_STEMS.union(_HUMAN_SLIP_STEMS, *(stems for stems, _ in _FAULT_PHRASES))
"""Every stem a word of fault needs: the pre-check of the rule using `fault_words`."""
_GENERIC_HUMAN = re.compile(
    r"\b(?:very|so|all\s+too|perfectly|understandably|just|only)\s+$"
    r"|\b(?:reduce[sd]?|reducing|avoid\w*|prevent\w*|eliminat\w*|minimi[sz]\w*|prone\s+to"
    r"|risk\s+of|chance\s+of|room\s+for|guard\w*\s+against|regardless\s+of|despite|without|no"
    r"|any|tolerat\w*|forgiv\w*)\s+(?:\w+\s+){0,3}$",
    _I,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|be|is|are|got|get)\s+$", _I)
_PASSIVE_IN = re.compile(
    r"\b(?:was|were|been|got)\s+(?:\w+\s+)?(?:\w+(?:ed|en)|set|run|put|made|done)\b", _I
)


def fault_words(item: _Text) -> Iterator[Span]:
    text = item.text
    if item.may_hold(_FAULT_ADVERB_STEMS):
        for match in _FAULT_ADVERB.finditer(text):
            if not _system_did_it(item, match.start()) and not _FOUND.match(text, match.end()):
                yield match.span()
    for stems, pattern in _FAULT_PHRASES:
        if item.may_hold(stems):
            for match in pattern.finditer(text):
                if not _GENERIC_HUMAN.search(text[max(0, match.start() - 40) : match.start()]):
                    yield match.span()
    if item.may_hold(_HUMAN_SLIP_STEMS):
        for match in _HUMAN_SLIP.finditer(text):
            if subject_before(item, match.start()) is None:
                yield match.span()


_FOUND = re.compile(
    r"\s+(?:found|discovered|noticed|spotted|stumbled|learned|learnt|came\s+across|uncovered)\b", _I
)
"""Finding something by accident is luck, not a slip."""


def _system_did_it(item: _Text, start: int) -> bool:
    """Whether a system is the subject of the act an adverb of fault describes ("the change
    inadvertently blocked …"): then it describes an effect, not a person's act. A passive
    ("was inadvertently run", "had been set … accidentally") hides a person and stays a finding."""
    text = item.text
    clause = text[sentence_start(text, start) : start]
    if _PASSIVE_BEFORE.search(clause) or _PASSIVE_IN.search(clause):
        return False
    words = re.findall(r"[\w'’-]+", clause)
    if not words or words[-1].lower().endswith("ing") or words[-1].lower() in ("who", "whom", "we"):
        return False
    if len(words) == 1 and words[0].istitle() and words[0].lower() not in _NOT_NAMES:
        return False  # "Jamal accidentally deleted …": a name nobody told the coach about
    return not (actor_of_word(item, words[-1]) is not None or clause_actor(item, start) is not None)


# --- hindsight and foreseeability ----------------------------------------------------------

_FORESEEABLE = re.compile(
    r"\b(?:nobody|no[- ]one|none\s+of\s+(?:us|them)|neither\s+(?:[\w-]+\s+){1,3}(?:or|nor)\s+"
    r"(?:[\w-]+\s+){1,3})\s*(?:(?:on|in|from|at)\s+(?:the\s+|our\s+)?[\w-]+\s+)?(?:\w+ly\s+)?"
    r"(?:act(?:ed)?|notic(?:e|ed)|look(?:ed)?|check(?:ed)?|respond(?:ed)?|react(?:ed)?|remov(?:e|ed)"
    r"|catch|caught|spot(?:ted)?|question(?:ed)?|rais(?:e|ed)|escalat(?:e|ed)|saw|see|read"
    r"|follow(?:ed)?\s+up|pick(?:ed)?\s+(?:it|this|that)\s+up|bother(?:ed)?|cared?|thought|think"
    r"|watching|looking|monitoring|checking|noticing|paying\s+attention|updated|told|informed|paged"
    r"|called|answered|replied|declared|communicated|alerted|warned|intervened|spoke\s+up|flagged"
    r"|took\s+(?:[\w-]+\s+){1,3}?seriously)\b"
    r"|\b(?:was|were|is|had\s+been|been)\s+(?:entirely\s+|completely\s+|totally\s+|easily\s+)?"
    r"(?:preventable|avoidable)\b"
    r"|\bcould\s+(?:easily\s+)?have\s+been\s+(?:prevented|avoided|caught|spotted|foreseen)\b"
    r"|\b(?:easily|entirely|largely|completely|totally|readily|wholly)\s+(?:preventable|avoidable)\b"
    r"|\bavoidable\s+(?:problem|failure|outage|error|mistake|incident|accident|loss)\b"
    r"|\b(?:was|were|is|are)\s+clearly\s+(?:labell?ed|marked|signposted|documented|written|posted)\b"
    r"|\b(?:plain|clear|evident|obvious|apparent)\s+(?:from\s+(?:day\s+one|the\s+(?:very\s+)?"
    r"(?:start|beginning|outset))|to\s+(?:anyone|everyone|anybody|all))\b"
    r"|\b(?:any|every|a)\s+(?:competent|seasoned|experienced|good|careful|decent|reasonable"
    r"|half-decent|attentive)\s+(?:[\w-]+\s+)?(?:or\s+[\w-]+\s+)?(?:would|should|ought\s+to"
    r"|could|will)\b"
    r"|\bany\s+(?:reviewer|engineer|developer|admin|operator|tester|dba)s?\s+(?:would|should"
    r"|ought\s+to|could)\s+have\b"
    r"|\bsigns?\s+(?:that\s+)?(?:we|they|he|she|I|you|the\s+[\w-]+)\s+(?:had\s+)?(?:missed"
    r"|ignored|overlooked)\b"
    r"|\b(?:could|would)(?:n['’]t|\s+not|\s+never)\s+have\s+happened\b"
    r"|\b(?:warnings?|alerts?|alarms?|signs?|red\s+flags?|concerns)\s+(?:were|was|had\s+been"
    r"|went|got)\s+(?:\w+ly\s+)?(?:ignored|missed|overlooked|disregarded|unheeded|dismissed)\b"
    r"|\bred\s+flags?\b|\bdespite\s+(?:[\w'’-]+\s+){0,2}(?:warnings?|objections|concerns|advice)\b"
    r"|\bdespite\s+being\s+(?:told|warned|asked|reminded)\b"
    r"|\beasy\s+to\s+see\s+(?:now|in\s+hindsight|afterwards)\b"
    r"|\b(?:accident|disaster|outage|incident)s?\s+waiting\s+to\s+happen\b"
    r"|\b(?:did\s+not|didn['’]t)\s+think\s+(?:it|that|this|they)\s+(?:mattered|would\s+matter"
    r"|was\s+(?:important|necessary|needed|serious|a\s+problem))\b|\bthought\s+nothing\s+of\s+it\b"
    r"|\bwriting\s+(?:was|is)\s+on\s+the\s+wall\b|\b(?:was|were)\s+bound\s+to\s+(?:happen|fail)\b"
    r"|\bonly\s+a\s+matter\s+of\s+time\b"
    r"|\b(?:flagged|raised|reported|known|noted)\s+(?:[\w-]+\s+){0,4}?(?:and|but)\s+(?:then\s+)?"
    r"(?:ignored|dismissed|overlooked|deprioriti[sz]ed|shelved)\b"
    r"|\b(?:would|could)\s+(?:easily\s+)?have\s+(?:easily\s+)?(?:prevented|avoided|caught|stopped)\s+"
    r"(?:this|it|the\s+(?:outage|incident|problem|failure|issue))\b"
    r"|\b(?:100\s*%|one\s+hundred\s+percent|totally|fully)\s+(?:preventable|avoidable)\b"
    r"|\b(?:steps|precautions|measures|safeguards|care|action|actions)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:was|were|had\s+been)(?:n['’]t|\s+not|\s+never)\s+taken\b",
    _I,
)


def foreseeability(item: _Text) -> Iterator[Span]:
    for match in _FORESEEABLE.finditer(item.text):
        yield match.span()


# --- questions aimed at a person -----------------------------------------------------------

_HOW_COULD = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(how\s+could|what\s+were|what\s+was)\s+(?:the\s+|our\s+|your\s+)?"
    r"([\w'’-]+)(?=(?:\s+[\w'’-]+)?\s+(?:thinking|doing)\b|\s+(?:not\s+)?(?:\w+\s+)?(?:miss|ignore"
    r"|forget|skip|let|do\s+this|do\s+that|not))",
    _I,
)
_WHY_QUESTION = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(why|how\s+come)\s+(?:the\s+hell\s+|on\s+earth\s+|exactly\s+)?"
    r"(?:did|didn['’]t|do|don['’]t|does|doesn['’]t|is|isn['’]t|was|wasn['’]t|were|weren['’]t"
    r"|are|aren['’]t|has|hasn['’]t|have|haven['’]t|had|hadn['’]t|would|wouldn['’]t)\s+"
    r"(?:not\s+)?(?:the\s+|our\s+|your\s+)?([\w'’-]+)(?:\s+(\d+))?",
    _I,
)


_HUMAN_VERB_NEXT = re.compile(rf"\s+(?:\w+ly\s+)?{_HUMAN_VERBS}\b", _I)


_WHICH_PERSON = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(which)\s+([\w'’-]+)\s+(?=(?:\w+ly\s+)?(?:failed|broke|caused"
    r"|deleted|pushed|missed|forgot|ignored|skipped|ran|approved|merged|messed|screwed|dropped"
    r"|did\s+(?:this|it|that)|(?:is|was|are|were)\s+(?:to\s+blame|at\s+fault|responsible))\b)",
    _I,
)
"""A question after the person who did it: "Which engineer pushed the change?" """
_YES_NO_PERSON = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*((?:did|does|do|has|had|have|is|was|were|are|would|could)"
    r"n['’]t|(?:was|were|is|are)(?=\s+(?:the|this|that|our|your|an?|any)\s+(?:[\w-]+\s+)?[\w'’-]+"
    r"\s+(?:distracted|tired|drunk|careless|asleep|aware|trained|qualified|competent|rushing"
    r"|rushed|paying\s+attention)\b)|(?:does|did|has|had)(?=\s+(?:the|this|that|our|your|an?|any)"
    r"\s+(?:[\w-]+\s+)?[\w'’-]+\s+(?:have\s+)?(?:a\s+)?(?:history|record|habit)\b))"
    r"\s+(?:(?:the|this|that|our|your|an?|any)\s+)?([\w'’-]+)(?:\s+([\w'’-]+))?",
    _I,
)
"""A yes/no question about a person: a negated one ("Didn't the admin read it?") or one about
their state or record ("Was the operator distracted?", "Does this employee have a history …")."""


_ASKED_ABOUT_A_SLIP = re.compile(
    r"(?:^|(?<=[.!?:\n\"“]))\s*(?:(?:or|and|but|so)\s+)?"
    r"(did|does|do|has|had|have|was|were|is|are|would|could|should|shouldn['’]t|couldn['’]t)\s+"
    r"((?:[\w'’/-]+\s+){1,4}?)(?:have\s+(?:caught|noticed|known|seen|checked|spotted|stopped|asked"
    r"|escalated|tested|read)|not|never|even\s+(?:test|check|read|look|try|bother|think|review|run)"
    r"|(?:\w+ly\s+)?(?:forget|forgot|forgotten|ignore|ignored|skip|skipped|overlook"
    r"|overlooked|neglect|neglected|mess|messed|screw|screwed|break|broke|misread|mistype|mistyped"
    r"|bother|bothered|botch|botched))\b",
    _I,
)
"""A yes/no question whether a person slipped: "Or did the manager not keep tabs on it?" """
ASKED_ABOUT_A_SLIP_STEMS = stems_of(
    "even have not never forget forgot forgotten ignore ignored skip skipped overlook overlooked neglect "
    "neglected mess messed screw screwed break broke misread mistype mistyped bother bothered "
    "botch botched"
)


def person_question(item: _Text) -> Iterator[Span]:
    text = item.text
    if item.may_hold(ASKED_ABOUT_A_SLIP_STEMS):
        for match in _ASKED_ABOUT_A_SLIP.finditer(text):
            end = re.search(r"[.!?\n]", text[match.end() :])
            words = re.split(r"[\s/]+", match.group(2).strip())
            if (end is None or end.group(0) == "?") and any(actor_of_word(item, w) for w in words):
                yield match.start(1), match.end()
    for pattern in (_WHICH_PERSON, _YES_NO_PERSON):
        for match in pattern.finditer(text):
            end = re.search(r"[.!?\n]", text[match.end() :])
            words = [word for word in match.groups()[1:] if word]
            if (end is None or end.group(0) == "?") and any(actor_of_word(item, w) for w in words):
                yield match.start(1), match.end()
    for match in _HOW_COULD.finditer(text):
        if actor_of_word(item, match.group(2)) is not None:
            yield match.start(1), match.end()
    for match in _WHY_QUESTION.finditer(text):
        end = re.search(r"[.!?\n]", text[match.end() :])
        asks = end is None or end.group(0) == "?"
        subject = match.group(2)
        named = subject[:1].isupper() and _HUMAN_VERB_NEXT.match(text, match.end())
        if asks and (actor_of_word(item, subject) is not None or named):
            yield match.start(1), match.end()


# --- fixing the human ----------------------------------------------------------------------

_PEOPLE_OBJECT = (
    r"(?:the\s+|our\s+|all\s+|every\s+|each\s+)?(?:[\w-]+\s+)?(?:teams?|staff|engineers?"
    r"|developers?|devs|people|everyone|everybody|him|her|them|product\s+owners?|operators?"
    r"|admins?|employees?|on-?call|reviewers?|accountants?|support|colleagues|new\s+hires)"
)
_FIX_PEOPLE = re.compile(
    r"\b(?:will|would|should|shall|has|have|had|must|to|gets?|got)\s+(?:be\s+|been\s+)?"
    r"(?:\w+ly\s+)?(?:coached|retrained|re-trained|disciplined|reprimanded|reassigned"
    r"|(?<!had\s)(?<!has\s)(?<!have\s)(?:warned|reminded|instructed)|re-briefed|re-educated|told\s+to\s+be"
    r"|fired|let\s+go|dismissed|suspended|written\s+up|sanctioned|held\s+accountable"
    r"|removed\s+from\s+(?:the\s+)?(?:rota|rotation|on-?call|team))\b"
    r"|\b(?:getting|get|got|be|was|were)\s+(?:fired|sacked)\b|\bfire\s+(?:him|her|them|the\s+[\w-]+)\b"
    r"|\bdisciplinary\b|\b(?:week['’]?s?|day['’]?s?|month['’]?s?|unpaid|temporary)\s+suspension\b"
    r"|\bperformance\s+improvement\s+plan\b"
    r"|\bget\s+off\s+(?:as\s+|so\s+)?(?:lightly|easily)\b|\bheads?\s+(?:will|should|must|are\s+going\s+to)\s+roll\b"
    r"|\bface\s+(?:the\s+)?consequences\b"
    r"|\b(?:send(?:ing|s)?|sent|mov(?:e|ed|es|ing)|transferr?(?:ed|ing|s)?|ship(?:ped|ping|s)?)\s+"
    r"(?:him|her)\s+(?:off\s+)?(?:to\s+)?(?:someplace|somewhere|a\s+remote|remote|away|elsewhere"
    r"|off\b)"
    r"|\bhold\s+(?:[\w-]+\s+){0,2}accountable\b|\bzero\s+tolerance\b"
    r"|\b(?:consequences|penalt(?:y|ies)|sanctions?)\s+for\s+(?:anyone|those|engineers|staff"
    r"|employees|people|whoever|the\s+[\w-]+)\b"
    r"|\b(?:additional|more|further|extra|refresher|mandatory)\s+training\b"
    r"(?!\s+(?:data|sets?|examples|runs?|jobs?|pipelines?)\b)"
    r"|\btraining\s+(?:sessions?|courses?|classes|workshops?)\b"
    r"|\bput\s+on\s+(?:paid\s+|unpaid\s+|administrative\s+)?leave\b"
    r"|\bsuspended\s+from\s+(?:work|duty|the\s+rota|on-?call)\b|\bsuspended\s+without\s+pay\b"
    rf"|\b(?:teach|train|retrain|re-train|educate|re-educate|coach)\s+{_PEOPLE_OBJECT}\b"
    r"|\b(?:always|important\s+to|must|should|need\s+to|needs\s+to|have\s+to|has\s+to)\s+"
    r"(?:always\s+)?double[- ]check\b"
    r"|\b(?:be|get|getting)\s+better\s+at\b"
    r"|\bneed\s+to\s+be\s+(?:more\s+|much\s+more\s+)?(?:careful|better|diligent|thorough|vigilant"
    r"|disciplined)\b"
    r"|\b(?:don['’]t|do\s+not|never|(?:must|should|will|can)(?:\s+not|n['’]t|\s+never))\s+let\s+"
    r"(?:it|this|that)\s+happen\s+again\b"
    r"|(?:^|[.!;:]\s*)(?:always\s+)?(?:follow|stick\s+to)\s+the\s+(?:process|runbook|procedure"
    r"|checklist|rules)\b"
    r"|\b(?:must|should|need\s+to|needs\s+to|will|have\s+to|has\s+to)\s+(?:always\s+)?"
    r"(?:follow|stick\s+to)\s+the\s+(?:process|runbook|procedure|checklist|rules)\b"
    r"|\b(?:type|work|go|move)\s+(?:more\s+)?slow(?:er|ly)\b|\bslow\s+down\b"
    r"|\bneeds?\s+a\s+different\s+[A-Z][\w-]*|\bkeep\s+(?:[\w-]+\s+){1,2}away\s+from\b"
    r"|\b(?:ensure|make\s+sure)\s+(?:that\s+)?(?:the\s+)?([\w'’-]+)\s+(?:stops?|never|always"
    r"|remembers?|does\s+not|doesn['’]t|won['’]t|will\s+not|only|is\s+more|are\s+more|pays?"
    r"|double-checks?|checks?\s+twice|(?:is|are)\s+(?:careful|vigilant|diligent))\b"
    r"|(?:^|[.!;:]\s*)always\s+(?:test|check|verify|review|read|confirm)\s+(?:your|their|the|our)\b",
    _I,
)
_REJECTED = re.compile(
    r"\b(?:is|are|was|were)\s+not\s+(?:a|an|the)\s+(?:solution|answer|fix|remedy)\b"
    r"|\bdoes\s+not\s+work\b|\bdoesn['’]t\s+work\b|\binstead\s+of\s+(?:telling|asking|blaming)\b"
    r"|\b(?:should|will|would)(?:n['’]t|\s+not)\s+be\s+(?:fired|punished|blamed|disciplined)\b"
    r"|\b(?:would|will|does|did)(?:n['’]t|\s+not)\s+(?:prevent|help|fix|stop|solve)\b"
    r"|\b(?:nobody|no\s+one|no-one)\s+(?:got|was|were|gets|is)\s+(?:fired|sacked|punished|blamed|disciplined)\b"
    r"|\b(?:don['’]t|do\s+not|never)\s+(?:fire|punish|blame)\b|\bno\s+plans\s+to\b",
    _I,
)
_DONE_TO_A_PERSON = re.compile(r"reassigned|suspended|written\s+up|disciplined|reprimanded", _I)
"""Steps already taken against a person stay findings even beside "no plans to fire him"."""
_MODEL_OBJECT = re.compile(r"\s+(?:the\s+)?(?:model|classifier|detector|network|ml|llm)", _I)


def unless_rejected(detect: Callable[[_Text], Iterable[Span]]) -> Callable[[_Text], Iterator[Span]]:
    """``detect`` without findings in a sentence that rejects the idea ("… is not a solution") or
    turns away from blame."""

    def kept(item: _Text) -> Iterator[Span]:
        for start, end in detect(item):
            sentence = _sentence_at(item.text, start)
            if not _REJECTED.search(sentence) and not _TURNS_FROM_BLAME.search(sentence):
                yield start, end

    return kept


_SUPPOSING = re.compile(
    r"\b(?:(?:even\s+)?if|unless|whenever|suppose|imagine|just\s+because)\b(?!.*,)", _I | re.DOTALL
)
"""An open conditional before a finding in its sentence, with no comma between them."""
_RHETORICAL = re.compile(r"\b(?:just\s+because|suppose|imagine)\b", _I)
_PAST = re.compile(
    r"\b(?:had|was|were|did|didn['’]t|[a-z]+ed|made|took|ran|sent|left|broke|forgot|wrote|chose|gave"
    r"|hit|cut|put|set|have\s+(?:\w+ly\s+)?[a-z]+)\b|['’]d\b",
    _I,
)
"""A past act ("if someone deleted …", "could have made that mistake"): told, not supposed."""


_TURNS_FROM_BLAME = re.compile(
    r"\b(?:from|stop(?:ped)?|instead\s+of|rather\s+than|avoid(?:ed|s)?|without|not|no\s+longer)\s+"
    r"blaming\b"
    r"|\b(?:not|never)\s+(?:\w+\s+){0,8}?(?:[\w'’-]+['’]s\s+)?(?:fault|to\s+blame)\b"
    r"|\bnever\s+(?:just\s+)?(?:a|the|one)\s+(?:single\s+)?(?:person|individual|engineer)\b"
    r"|\bnever\s+the\s+cause\b"
    r"|\bblaming\s+(?:[\w'’-]+\s+){0,10}?(?:overlook\w*|hides?|misses|ignores?)\b"
    r"|\bhuman\s+errors?\s+(?:is|are|was)\s+(?:seldom|rarely|never|not|inevitable|a\s+symptom|normal|unavoidable)\b"
    r"|\b(?:real|root|deeper|underlying)\s+causes?\s+(?:are|is|lie|lies)\b"
    r"|\b(?:never|don['’]t|do\s+not)\s+(?:leave|accept|stop\s+at)\s+(?:any\s+form\s+of\s+)?human\s+error\b"
    r"|n['’]t\s+(?:\w+\s+){0,4}?(?:[\w'’-]+['’]s\s+)?fault\b"
    r"|\b(?:instead\s+of|rather\s+than)\s+(?:blam(?:e|ing)|haranguing|punishing|firing|scapegoating)\b"
    r"|\bnot\s+an?\s+individual\s+(?:one|failure|failing|problem)\b"
    r"|\b(?:rarely|seldom|never|not)\s+caused\s+by\s+(?:individuals|people|a\s+person|one\s+person|humans)\b"
    r"|\b(?:request\s+for|seeking|for)\s+comment\b"
    r"|\bno\s+(?:one\s+|single\s+)*(?:person|individual|one)\s+(?:is|was)\s+to\s+blame\b"
    r"|\bblam(?:e|es|ed|ing)\s+(?:the|a|an)\s+(?:individual|person|people|human|engineer|operator)s?\s+"
    r"(?:rather\s+than|instead\s+of)\b"
    r"|\b(?:don['’]t|do\s+not|never|shouldn['’]t|should\s+not|won['’]t)\s+(?:fire|punish|blame)\b"
    r"|\b(?:punish\w*|fir(?:e|ing)|blam\w*)\s+(?:\w+\s+){0,5}?(?:does(?:n['’]t|\s+not)|won['’]t|will\s+not)\s+"
    r"(?:prevent|help|fix|stop|work)\b",
    _I,
)
"""A sentence about moving away from blame ("I went from blaming the guy who … to blaming the UI")
or denying it ("not the operator's fault", "never a single person")."""


def unless_general(detect: Callable[[_Text], Iterable[Span]]) -> Callable[[_Text], Iterator[Span]]:
    """``detect`` without findings inside a supposition about anyone ("Even if the developer hits
    the wrong button, …", "If your system lets a single typo …"), a general statement rather than
    an account of what someone did (a past act in it, "if someone deleted …", stays a finding),
    and without findings in a sentence that turns away from blaming."""

    def kept(item: _Text) -> Iterator[Span]:
        text = item.text
        for start, end in detect(item):
            if _TURNS_FROM_BLAME.search(_sentence_at(text, start)):
                continue
            before = text[sentence_start(text, start) : start]
            supposing = _SUPPOSING.search(before)
            if supposing and (
                _RHETORICAL.match(supposing.group(0))
                or not _PAST.search(text, sentence_start(text, start) + supposing.end(), end)
            ):
                continue
            yield start, end

    return kept


def _sentence_at(text: str, pos: int) -> str:
    stop = re.search(r"[.!?\n]", text[pos:])
    return text[sentence_start(text, pos) : pos + (stop.start() if stop else len(text) - pos)]


_PUNISH = (
    r"fire[sd]?|firing|sack(?:ed|s|ing)?|suspend(?:ed|s|ing)?|punish(?:ed|es|ing)?"
    r"|disciplin(?:e|ed|es|ing)|terminat(?:e|ed|es|ing)|demot(?:e|ed|es|ing)|reprimand(?:ed|s|ing)?"
    r"|dismiss(?:ed|es|ing)?|reassign(?:ed|s|ing)?|removed\s+from\s+(?:his|her|their|the)\s+"
    r"(?:post|position|role|job|duties)"
)
_PUNISHED = re.compile(
    r"\b(?:has|have|had|was|were|is|are|be|been|being|got|gets|get)\s+(?:\w+ly\s+)?(?:been\s+)?"
    rf"(?:{_PUNISH}|let\s+go)\b",
    _I,
)
"""A step against someone, told in the passive: a finding when a person or a group undergoes it."""
_PUNISHING = re.compile(
    rf"\b(?:{_PUNISH})\s+(?:the\s+|that\s+|this\s+|an?\s+|our\s+|their\s+|his\s+|her\s+)?"
    r"([\w'’-]+)(?:\s+([\w'’-]+))?",
    _I,
)
"""Firing, suspending or punishing someone: a finding when the object is a person or a group."""
_PUNISHED_OBJECTS = frozenset({"him", "her", "them", "whoever", "people", "everyone"})


def _punished(item: _Text) -> Iterator[Span]:
    text = item.text
    for match in _PUNISHED.finditer(text):
        before = re.findall(r"[\w'’-]+", text[sentence_start(text, match.start()) : match.start()])
        if (before and actor_of_word(item, before[-1]) is not None) or clause_actor(
            item, match.start()
        ) is not None:
            yield match.span()
    for match in _PUNISHING.finditer(text):
        if re.search(r"\b(?:the|a|an|of)\s+$", text[max(0, match.start() - 5) : match.start()], _I):
            continue  # "the fire department": a noun
        words = [word for word in match.groups() if word]
        if words[0].lower() in _PUNISHED_OBJECTS or any(actor_of_word(item, w) for w in words):
            yield match.span()


_KEPT_AWAY = re.compile(
    r"\b([\w'’-]+)\s+(?:(?:who|that)\s+)?(?:\w+ly\s+)?(?:should(?:n['’]t|\s+not|\s+never)"
    r"|must(?:n['’]t|\s+not|\s+never)|can(?:not|['’]t))\s+be\s+(?:allowed\s+(?:to|near)"
    r"|trusted\s+(?:with|to)|handling|touching|let\s+near)\b"
    r"|\b([\w'’-]+)\s+(?:should(?:n['’]t|\s+not|\s+never)|must(?:n['’]t|\s+not|\s+never))\s+"
    r"(?:have|get|be\s+given)\s+(?:any\s+)?(?:production|prod|root|admin|write|direct)\s+access\b",
    _I,
)
_ACCESS_REMOVED = re.compile(
    r"\b(?:remove|revoke|take\s+away|restrict|limit|pull)\s+([\w@'’-]+?)['’]s\s+(?:production\s+"
    r"|prod\s+|root\s+|admin\s+|write\s+)?(?:access|permissions|rights)\b",
    _I,
)
"""Taking a person's access away: the person, not the system, is what changes."""
"""Keeping people away from the work ("some people shouldn't be handling it"); "deploys should
not be allowed on Fridays" is a rule of the system and stays quiet."""


_ANYONE = _wordset("people anyone those whoever")


_PEOPLE_MUST = re.compile(
    r"\b(?:people|engineers|developers|devs|everyone|everybody|staff|operators|admins|you"
    r"|reviewers|on-?call\s+engineers|team\s+members|employees)\s+(?:all\s+)?(?:need\s+to|needs\s+to"
    r"|must|should|have\s+to|has\s+to|ought\s+to)\s+(?:always\s+)?(?:remember|think|double-check|pay"
    r"|watch\s+out|be\s+(?:aware|careful|mindful|vigilant|more)|read\s+the\s+(?:runbook|docs|manual"
    r"|documentation|instructions)|follow\s+the\s+(?:process|runbook|procedure|checklist|rules)"
    r"|(?:check|look|verify)\s+(?:twice|again|before|their\s+work|the\s+(?:environment|target)))\b"
    r"|(?:^|[.!;:]\s*)(?:please\s+)?(?:don['’]t|do\s+not|never)\s+(?:[\w-]+\s+){1,6}?without\b"
    r"|\bhave\s+a\s+(?:word|chat|talk|conversation)\s+with\b",
    _I,
)
"""An obligation put on people ("engineers should think before they type"), a rule for them to
keep ("don't deploy without telling anyone"), a talk with someone."""
_TALK_TO = re.compile(r"\b(?:talk|speak)\s+(?:to|with)\s+(?:the\s+)?([\w@'’-]+)\s+about\b", _I)
"""A talk with a person about what they did: a finding when a person is named."""


def _people_must(item: _Text) -> Iterator[Span]:
    yield from (match.span() for match in _PEOPLE_MUST.finditer(item.text))
    for match in _TALK_TO.finditer(item.text):
        if actor_of_word(item, match.group(1)) is Actor.PERSON:
            yield match.span()


def _kept_away(item: _Text) -> Iterator[Span]:
    for match in _ACCESS_REMOVED.finditer(item.text):
        if actor_of_word(item, match.group(1)) is Actor.PERSON:
            yield match.span()
    for match in _KEPT_AWAY.finditer(item.text):
        before = re.findall(r"[\w'’-]+", item.text[sentence_start(item.text, match.start()) : match.start()])
        words = [match.group(1) or match.group(2), *before[-2:]]
        if (before and before[0].lower() in _ANYONE) or any(
            word.lower() in _ANYONE or actor_of_word(item, word) for word in words
        ):
            yield match.span()


def fix_the_human(item: _Text) -> Iterator[Span]:
    text = item.text
    yield from _kept_away(item)
    yield from _people_must(item)
    for start, end in _punished(item):
        if not _REJECTED.search(_sentence_at(text, start)) or _DONE_TO_A_PERSON.search(
            text, start, end
        ):
            yield start, end
    for match in _FIX_PEOPLE.finditer(text):
        sentence = _sentence_at(text, match.start())
        if match.group(1) is not None and actor_of_word(item, match.group(1)) is None:
            continue
        if _REJECTED.search(sentence) and not _DONE_TO_A_PERSON.search(match.group(0)):
            continue
        if _MODEL_OBJECT.match(text, match.end()):
            continue
        yield match.span()


# --- vague one-liners ----------------------------------------------------------------------

_ONE_LINER = re.compile(
    r"^\s*(?:[\w-]+(?:\s+[\w-]+)?\s+(?:could|should|must|needs?\s+to)\s+be\s+(?:improved|better"
    r"|more\s+\w+|clearer|tighter|stronger)\s*[.!]?\s*$"
    r"|[\w-]+(?:\s+[\w-]+)?\s+(?:could|should|must|needs?\s+to|has\s+to|have\s+to)\s+(?:improve"
    r"|do\s+better|get\s+better|step\s+up)\s*[.!]?\s*$"
    r"|(?:implement|introduce|put\s+in\s+place|add|set\s+up)\s+(?:a|an|some)\s+(?:better|improved"
    r"|proper|new|more\s+robust|robust)\s+(?:[\w-]+\s+)?(?:system|solution|process|mechanism|tool"
    r"|strategy|framework)\s*[.!]?\s*$"
    r"|make\s+(?:the\s+|our\s+|it\s+)?(?:[\w-]+\s+){0,3}(?:more|less|better|safer|faster|easier"
    r"|clearer)\b[^.!?;:\d%]*[.!]?\s*$"
    r"|(?:ensure|make\s+sure)\s+(?:that\s+)?(?:this|it|the\s+issue|the\s+problem|the\s+incident)\s+"
    r"(?:never|doesn['’]t|does\s+not|won['’]t|will\s+not|cannot|can['’]t)\s+(?:\w+\s+)?(?:happens?"
    r"|occurs?|recurs?)(?:\s+again)?\s*[.!]?\s*$"
    r"|(?:prevent|avoid)\s+(?:this|it|recurrence)(?:\s+from\s+happening)?(?:\s+again|\s+in\s+"
    r"(?:the\s+)?future)?\s*[.!]?\s*$"
    r"|[\w-]+(?:\s+(?:things|it|stuff|this|that|each\s+other))?\s+(?:better|more\s+(?:closely"
    r"|carefully|effectively|clearly|often))\s*[.!]?\s*$"
    r"|(?:we\s+)?need\s+(?:better|more|improved|stronger|clearer)\s+[^.!?;:\d%]*[.!]?\s*$)"
    r"|^\s*(?:(?:we\s+)?(?:should|must|need\s+to|will)\s+)?(?:improve|enhance|harden|strengthen"
    r"|better|more|improved|stronger|tighter|smarter|faster|quicker|clearer|further|increase|optimi[sz]e"
    r"|stabili[sz]e|refine|rework|enable\s+(?:faster|better|more)"
    r"|revisit|rethink|review|look\s+into|investigate|consider|address|tackle|streamline"
    r"|clean\s+up|work\s+on|focus\s+on)\b[^.!?;:\d%]*[.!]?\s*$",
    _I,
)
_ONE_LINER_WORDS = 8


def vague_one_liner(item: _Text) -> Iterator[Span]:
    """A whole text that is one imperative or noun phrase with no measurable end: "Better
    alerting.", "Harden the rollout." """
    text = item.text
    if len(text.split()) <= _ONE_LINER_WORDS and _ONE_LINER.match(text):
        stripped = text.strip()
        start = text.index(stripped)
        yield start, start + len(stripped.rstrip(".!"))
