"""The words the understanding of a message knows (language.understanding), as data tables.

Phrases are regular expressions over the *folded* text (language.folding.fold: lowercase ASCII,
«møte» → «mote», «ikkje» stays), bokmål and nynorsk side by side, after the typo table below has
put the usual misspellings right. Add a word here, not a regex in a handler.
"""

from __future__ import annotations

# --- Spelling: folded word → the word as the rules and the date parser read it --------------------
# Missing æøå come back (the date parser reads «møte», «på», «første»); common typos are mended.
SPELLING: dict[str, str] = {
    "mote": "møte", "motet": "møtet", "moter": "møter", "motte": "møte", "mottet": "møtet",
    "motene": "møtene", "moteplan": "møteplan", "moete": "møte", "moetet": "møtet",
    "pa": "på", "paa": "på", "forste": "første", "fyrste": "fyrste", "lordag": "lørdag",
    "sondag": "søndag", "mandag": "mandag", "mondag": "måndag", "neste": "neste",
    "fravaer": "fravær", "nar": "når", "naar": "når", "grunn": "grunn", "arsak": "årsak",
    "ikek": "ikke", "ikkke": "ikke", "ikk": "ikke", "ikkj": "ikkje", "ikkeje": "ikkje",
    "desverre": "dessverre", "dessvere": "dessverre", "dessverr": "dessverre", "dverre": "dessverre",
    "alikevel": "allikevel", "likvel": "likevel", "likevell": "likevel", "likavel": "likevel",
    "komer": "kommer", "kommmer": "kommer", "kome": "kome", "kan": "kan",
    "forhindra": "forhindret", "sjuk": "sjuk", "syk": "syk", "overmorgen": "overmorgen",
    "imorgen": "i morgen", "imorgon": "i morgon",
}  # fmt: skip

# Words a misspelling is mended towards by edit distance (one edit, two in long words): «forfal»,
# «forfaall», «frofall». Only these: a distance match to ordinary words would change meaning.
FUZZY_TARGETS: tuple[str, ...] = ("forfall", "forfallet", "likevel", "allikevel", "dessverre", "hvordan")
FUZZY_MIN_LENGTH = 5

# --- Pieces the phrases are made of (folded) ------------------------------------------------------
NEG = r"(?:ikke|ikkje|ikkje|ei|aldri)"
FIRST_PERSON = r"\b(?:jeg|eg|meg|min|mitt|mine|je|jg)\b"
PRONOUN_OTHER = (
    r"(?:han|hun|ho|hen|de|dei|dem|vedkommende|kollegaen min|kollegaen|kollegaen min|sjefen|ordforeren|"
    r"radmannen|varaordforeren|kommunedirektoren|lederen|leiaren|nestlederen|nestleiaren|sekretaeren|"
    r"vara|varaen|vara min|varamedlemmet)"
)
ATTEND = r"(?:komme|kome|kommet|delta|deltatt|deltaka|stille|stilt|mote|motet|vaere med|vere med|" \
    r"vaere til stede|vere til stades|vaere der|vere der|rekke|rekke det|rekke motet|moete)"  # fmt: skip
ADVERB = r"(?: dessverre| trolig| truleg| nok| sannsynligvis| sannsynlegvis| antakelig| visst)"
CAN = r"(?:kan|far|klarer|greier|rekker|rekk|maktar|har mulighet til a|har hove til a|skal)"

# --- What a sentence says ------------------------------------------------------------------------
# A first-person (or subject-less) statement of absence.
ABSENCE: tuple[str, ...] = (
    r"\bforfall\b",
    r"\bforfalt\b",
    rf"\b{CAN}(?: \w+){{0,2}}? {NEG}(?: \w+){{0,3}}? {ATTEND}\b",
    rf"\b{NEG} (?:\w+ )?{CAN} {ATTEND}\b",
    rf"\b(?:at|om|hvis|dersom|viss|jeg|eg) {NEG} (?:kommer|kjem|deltar|stiller|moter|rekker)\b",
    rf"\b(?:kommer|kjem|deltar|stiller|moter|moeter)(?: jeg| eg)?{ADVERB}? {NEG}\b",
    rf"\bblir(?: dessverre)? {NEG} med\b",
    rf"\bvert(?: dessverre)? {NEG} med\b",
    r"\ber (?:dessverre )?(?:forhindret|hindret|forhindra|opptatt|oppteken)\b",
    rf"\bhar (?:dessverre )?{NEG} (?:anledning|mulighet|moglegheit|hove|tid)\b",
    r"\bfravaer\b",
    r"\bmelde meg av\b|\bmelder meg av\b|\bmeld meg av\b",
)
# A state that explains an absence but may not be one («jeg er syk»): confirmed, never written at once.
STATE: tuple[str, ...] = (
    r"\b(?:er|blir) (?:dessverre )?(?:syk|sjuk|sykmeldt|sjukmeldt|pa ferie|bortreist|pa reise|pa kurs|"
    r"pa tjenestereise|utenlands|i utlandet)\b",
)
# A change of mind: attending after all, or the forfall no longer holds.
CHANGE_OF_MIND: tuple[str, ...] = (
    rf"\b{NEG} (?:\w+ ){{0,2}}forfall\w* (?:\w+ ){{0,3}}(?:likevel|allikevel|lell|lenger|lengre|mer)\b",
    rf"\b{NEG} (?:lenger |lengre |mer )?forfall\b",
    r"\b(?:kommer|kjem|kan komme|kan kome|kan delta|deltar|stiller|moter|er med|blir med|kan stille|"
    r"rekker|rekk|kan|far komme|far kome|far kommet|moter opp|dukker opp)\b(?: \w+){0,4}? "
    r"(?:likevel|allikevel|lell|etter alt)\b",
    r"\b(?:glem|gloym|se bort fra|sjaa bort fra|sja bort fra|ignorer) (?:\w+ ){0,2}forfall\w*\b",
    rf"\bforfallet (?:\S+ ){{0,3}}(?:gjelder|gjeld) {NEG}\b",
    r"\bforfallet (?:\S+ ){0,3}(?:kan|skal) (?:slettes|trekkes|fjernes|strykes)\b",
)
# An explicit withdrawal («trekk forfallet», «angre forfall»), a command.
WITHDRAWAL: tuple[str, ...] = (
    r"\b(?:trekk|trekker|trekke|trekkje|trekkjer|angre|angrer|slett|slette|sletter|fjern|fjerne|fjerner|annuller|"
    r"annullere|ta bort|tar bort|kanseller|kansellere|stryk|stryke|avlys|avlyse)\b(?: \S+){0,4}? forfall\w*\b",
    r"^\s*(?:angre|trekk)\s*[.!]?\s*$",
)
# A polite request to register («kan du melde forfall for meg?»): a statement despite the «?».
REQUEST: tuple[str, ...] = (
    r"\b(?:kan|kunne|vil|ville|gidder) du\b(?: \w+){0,3}? (?:melde|registrere|fore|sette|legge inn|"
    r"notere|fore opp|skrive|slette|trekke|fjerne|ta bort|angre|annullere)\b",
    r"^\s*(?:meld|registrer|regstrer|noter|for opp|sett opp)\b",
)
CONDITIONAL: tuple[str, ...] = (
    r"\b(?:hvis|dersom|viss|ifall|i tilfelle|i fall|forutsatt)\b",
    r"(?:^|[,.] )om (?:jeg|eg|det|vi|flyet|toget|ferja|ferjen|moetet|motet|barnet|ungen)\b",
    r"\b(?:kanskje|muligens|kan hende|kan det hende|kan skje|usikker|uviss|uvisst|trolig|truleg|"
    r"sannsynligvis|sannsynlegvis|antakelig|antageligvis|risikerer|risikerar|mogleg|kan bli|kan verte|"
    r"vet ikke om|veit ikkje om|vet ikke enda|veit ikkje enno|vet ikke helt|ser ut til|frykter|fryktar|"
    r"mulig at|mulig jeg|mulig eg|det er mulig|fare for)\b",
)
# Doubt about attending: conditional, and about an absence even without «ikke … komme».
DOUBT: tuple[str, ...] = (
    r"\b(?:vet|veit) (?:ikke|ikkje)(?: \w+)? om (?:jeg|eg|vi)\b",
    r"\busikker (?:pa )?om\b",
    r"\b(?:kan|kan kanskje) (?:bli|verte) (?:forhindret|forhindra|opptatt|oppteken|forsinket|forseinka)\b",
)
COND_OPENER = r"^(?:hvis|dersom|viss|om|ifall|i tilfelle|kanskje)\b"
COMMAND_FORMS = r"^\s*(?:mine (?:meldte )?forfal\w*|hjelp|help)\b"  # commands, not statements
QUESTION_OPENERS = (
    r"^(?:hvem|hva|nar|hvor|hvordan|hvilke|hvilken|hvilket|hvorfor|kven|kva|kor|korleis|kvifor|kvar|"
    r"kor tid|hvordan|mon tro)\b"
)
# A verb first and then a subject is a yes/no question («Har noen meldt forfall?»); a verb first
# without one is a statement with the subject left out («Har forfall 7.12», «Kan ikke komme»).
VERB_SUBJECT = (
    r"^(?:har|hadde|er|var|kan|skal|ma|bor|vil|far|blir|trenger|treng|gjelder|finnes|fins|kommer|"
    r"kjem|moter|meldte|melder|rekker|gikk|ble|vart|skulle|burde|matte|kunne|ville)\s+"
    r"(?:jeg|eg|du|noen|nokon|det|vi|dere|de|man|ein|en|han|hun|ho|alle|forfallet|motet|fristen)\b"
)
ASKS: tuple[str, ...] = (
    r"\blurer pa\b",
    r"\blurar pa\b",
    r"\bsporsmal\b",
    r"\b(?:vet|veit) (?:du|noen|nokon)\b",
    r"\bkan (?:du|noen) (?:si|fortelle|svare)\b",
    r"\bsi meg\b",
    r"\bfortell meg\b",
)
# Question topics the forfall handler answers itself.
TOPIC_WHO = r"\b(?:hvem|kven|noen|nokon|hvor mange|kor mange|hvilke medlemmer)\b"
TOPIC_HOW = r"\b(?:hvordan|korleis|hvor|kor|kva gjer|hva gjor)\b(?: \w+){0,4}? (?:melde|melder|meld|registrere|gjore)\b"
TOPIC_DEADLINE = r"\bfrist\w*\b|\bsenest\b|\bseinast\b|\binnen nar\b"
TOPIC_MINE = r"\b(?:har|er) (?:jeg|eg)\b(?: \w+){0,2}? (?:meldt|registrert|fort opp|satt opp)\b"

SMALL_TALK = (
    r"(?:hei|hallo|heisann|hei hei|hoi|god morgen|god dag|god kveld|takk|tusen takk|mange takk|takk skal du ha|"
    r"takk for hjelpen|takk for det|takk for sist|ok|okei|okay|flott|supert|fint|bra|perfekt|kjempebra|topp|"
    r"ha en fin dag|god helg|ha det|ha det bra|hade|greit|skjonner|skjonar|den er grei|lol|haha|hehe|"
    r"sorry|unnskyld|beklager|fint takk|alt vel|hvordan gar det|korleis gar det|hyggelig|kjekt|takk takk)"
)

# --- Vara, reason, several meetings (over the original text, case kept) --------------------------
STANDS_IN = (
    r"\s+(?:møter|moter|stiller|kommer|kjem|møter opp|går|tar|tek)\s+"
    r"(?:for meg|i stedet(?: for meg)?|i staden(?: for meg)?|som vara|plassen min|min plass)\b"
)
VARA_NOTIFIED = (
    r"\bvara(?:en|mannen|representanten)?(?: min| mi| mitt)?\s+(?:er|blir|vert|har blitt|har vorte|er blitt)\s+"
    r"(?:varslet|varsla|kalt inn|innkalt|kalla inn|informert|orientert|beskjed)\b"
    r"|\b(?:har|er)\s+(?:varslet|varsla|kalt inn|kalla inn)\s+(?:vara|varaen|vara min)\b"
)
REASON_TRIGGERS = (
    r"(?:pga\.?|p\.g\.a\.?|på grunn av|pa grunn av|grunnet|grunna|fordi|årsak:|grunn:|årsak er|grunnen er)"
)
# «er syk», «er på ferie»: the state is the reason.
REASON_STATES = (
    r"\b(?:er|blir|vert)\s+(?P<reason>syk|sjuk|sykmeldt|sjukmeldt|på ferie|pa ferie|bortreist|på reise|pa reise|"
    r"på kurs|pa kurs|på tjenestereise|utenlands|i utlandet)\b"
)
EVERY = r"\b(?:alle|begge|heile|hele|samtlige)\b(?: \w+){0,2}? (?:motene|moter|mota|motet|desember|november|" \
    r"oktober|januar|februar|mars|april|mai|juni|juli|august|september|uka|veka|maneden|manaden)\b"  # fmt: skip
# Single capitalised words that begin a sentence but name no person.
NOT_NAMES = frozenset({
    "jeg", "eg", "vi", "han", "hun", "ho", "det", "dessverre", "beklager", "hei", "uff", "melder",
    "har", "kan", "får", "kommer", "forfall", "sorry", "også", "hvis", "dersom", "kanskje", "takk",
    "i", "til", "neste", "på", "om", "vara", "hvem", "hva", "når", "styringsgruppen", "rådmannsgruppen",
    "glem", "trekk", "angre", "ok", "meld", "registrer", "skal", "må", "blir", "er", "kjem", "viss",
    "hallo", "god", "hvordan", "korleis", "kven", "kva", "jf", "mvh", "hilsen", "helsing",
    "nok", "ikke", "ikkje", "likevel", "du", "dere", "de", "noen", "nokon", "meg", "seg", "oss", "alle",
    "ingen", "møtet", "møte", "møtene", "den", "en", "ei", "et", "med", "og", "men", "så", "da", "bare",
    "visst", "trolig", "sikkert", "usikker", "forfallet", "min", "mitt", "mi", "mine", "man", "me", "hen", "dei", "dem", "alt", "noe", "noko", "her", "der", "nå", "no", "mulig", "styret", "utvalget", "gruppa", "deltar", "stiller", "rekker", "klarer", "vil", "kunne", "skulle",
})  # fmt: skip
