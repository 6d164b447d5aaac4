"""The reader demeaned for who they are: origin, language, religion, gender, age, disability.

"Go back to your own country", "learn to speak English or get off the phone", "typical Indian
customer service", "a girl like you wouldn't understand a gearbox", "are you even old enough
to work there?", "if you can't hear properly you shouldn't be answering phones": harassment
of the person at the desk for who they are rather than what they did. Each form below is one
that a plain request does not take: a customer asking for an agent who speaks Spanish, a
female engineer for a home visit, large print or a clearer line says so without a
stereotype, an order to go back or learn, or a demand for someone "born here".

Three kinds of rule:

* fixed forms (``_FORMS``), read in one sentence, each run only when the message holds a word
  of every part of one of its alternatives (``_ANCHORS``);
* a stereotype (``_stereotype``): a group the reader belongs to (a nationality, a faith, women,
  "foreigners"), named as people ("a Polish lad", "Indian customer service", "Frenchman"), in
  the same sentence as or the sentence before a word that generalises or sneers ("typical",
  "no wonder", "your lot", "all the same"), not in praise. Never the speaker's own group
  ("I'm Polish"), a cuisine, a shop or a language ("the Indian takeaway", "Polish
  subtitles");
* a demand for someone of another kind (``_other_kind``: "send someone normal", "a male
  colleague") after a sentence that named a group or a trait of the person served ("the
  technician wore a turban"); never a trait inside the demand itself ("could a female
  engineer come?").

Never a quotation ("'go back to your country' is what he shouted") nor a setting ("go back to
your country settings"). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from worker.core.abuse.wish import QUOTE_MARKS, SENTENCES

__all__ = ["demeaned"]

#: Words in quotation marks inside a sentence ("she told me 'go back to your own country'"):
#: an opening mark after no letter, a closing one before none (so "don't" opens nothing).
_QUOTED = re.compile(
    "(?<![\\w])[\"'\u201c\u2018\u00ab][^\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\n]{1,300}"
    "[\"'\u201d\u2019\u00bb](?![\\w])"
)
_YOU = r"(?:you|u|ya)"
_YOUR = r"(?:your|ur|yer)"
_HIS = r"(?:your|ur|his|her|their|that|this)"
#: A clause's start: the sentence's, or after a comma, a semicolon, a colon or a dash, then
#: a few softeners or a modal said to the reader ("you should", "go and").
_OPENS = (
    r"(?:^|(?<=[,;:\u2013\u2014-])\s*+)(?:(?:just|so|now|then|go and|go|and|maybe|mate"
    rf"|{_YOU} (?:should|need to|needs to|must|have to|better|ought to|oughta))\s+)*+"
)
#: Staff asked for by who they are, not what they know.
_FROM_HERE = (
    r"(?:born here|from here|from this country|local|british|english|american|a native"
    r"|native|white|normal|english-speaking)"
)

_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Sent back where they came from; where they are "really" from; off the boat.
    (
        "origin",
        re.compile(
            rf"\bgo(?:es)? (?:back )?(?:home )?to {_YOUR} (?:own )?(?:country|village|jungle"
            r"|desert|hut|island|planet)\b(?!['\u2019]s|\s+(?:settings?|site|page|selection"
            r"|menu|list|code|drop-?down|field|option|tab|version|store|of residence))"
            rf"|\bgo back (?:to )?(?:where|(?:wherever|whatever|whichever)(?: \w+)?) {_YOU}"
            r" (?:came|come|crawled) from"
            rf"|\b{_YOU} (?:came|come|got here|arrived) (?:over )?(?:here )?on a"
            r" (?:boat|raft|dinghy)|\b(?:just |fresh )?(?:got|get|come|came) off the (?:boat|plane)"
            rf"|\bfresh off the (?:boat|plane)|\bwhere (?:are|r) {_YOU} really from"
            r"|\bhow they (?:do|run) (?:things|it|business|banks|\w+) (?:where (?:you'?re|you are"
            r"|he'?s|she'?s|they'?re) from|(?:in|over in|back in) (?:india|poland|pakistan|nigeria"
            r"|china|romania|africa|the philippines|manila|lagos|mumbai))"
            r"|\b(?:actually |really )?belongs? in this country|\b(?:aren'?t|isn'?t|not) here"
            r" legally"
            rf"|\b(?:in|where|over in) {_HIS} country (?:it'?s|that'?s|is|they think)"
            r" (?:normal|ok|okay|acceptable|fine|how)"
            r"|\bhow (?:they|you|you people) do (?:things|it|business) (?:over there|in"
            rf" {_HIS} country|where (?:you|they) come from)"
        ),
    ),
    # Demands for staff by birth or origin ("hire staff who were born here", "a real
    # American", "someone whose name I can pronounce", "someone a bit less foreign").
    (
        "origin",
        re.compile(
            r"\b(?:staff|people|someone|somebody|anyone|agents|drivers|workers) who (?:were|was"
            r"|are|is) (?:actually |really )?born here"
            r"|\b(?:a|an) (?:real|proper) (?:american|brit|british person|english person|englishman"
            r"|englishwoman)"
            rf"|\b(?:someone|somebody|anyone|an agent|a person|a driver) {_FROM_HERE}"
            r"(?: person| agent| guy| bloke| driver)?,? (?:not|instead of) (?:you|u|her|him|them)"
            r"|\b(?:get|put|give|transfer|pass) (?:me |this |it )?(?:to |through to |on to )?"
            r"(?:someone|somebody|a person|an agent) (?:from here|born here|from this country)"
            r"|\bwhose (?:\w+ )?name (?:i|we) can (?:actually )?(?:pronounce|say|spell)"
            r"|\b(?:a bit |a little |slightly )?less (?:\.+ ?)?foreign\b"
            r"|\bonly (?:put|hire|employ|use) native (?:english )?speakers"
            r"|\bwhose first language is english,? (?:not|instead of|for once|this time|thx"
            r"|thanks|please|cheers)"
        ),
    ),
    # Told to learn the language, or to speak it or get off the line; the accent mocked.
    (
        "language",
        re.compile(
            rf"{_OPENS}(?:learn|learnt|go learn) (?:to speak |to talk )?(?:proper |some |basic"
            r" |real |the )?(?:english|the language|to speak properly|to talk properly)\b"
            r"|\bspeak (?:proper |real |fucking |bloody )?english,? or (?:get off|hang up|go"
            r"|put|transfer|give)"
            rf"|^(?:just |mate |oi |now )?speak (?:proper |real |fucking |bloody )?english\b"
            r"(?!.*\?)(?![\s,]*+(?:please|pls|if))"
            rf"|\b(?:{_YOUR}|that|her|his) (?:stupid|ridiculous|awful|horrible|terrible|fake"
            r"|laughable|disgusting|annoying|pathetic) accent\b"
            rf"|\b{_YOUR} accent\W*(?:\U0001f602|\U0001f923|lol|lmao|haha)"
            rf"|\bwhere did {_YOU} (?:learn|learnt|study|pick up) (?:english|to speak|to talk"
            r"|to write|to read)\W+(?:a |in a |at a |from a |off |on )?(?:cave|zoo|barn|jungle"
            r"|farm|cereal box|youtube|tiktok|kindergarten|nursery|the back of)"
            r"|\blearn(?:ed|t)? (?:their|your|ur|his|her|its) english (?:off|from|on|in) "
            r"|\b(?:can'?t|cannot|couldn'?t) understand (?:a word )?(?:you|a word) \w+ say,"
            r" (?:you|ya) all"
            r"|\b(?:if|when) (?:you|u) can'?t (?:talk|speak|hear)(?: properly)?,? (?:then )?"
            rf"(?:don'?t|you shouldn'?t|u shouldn'?t|shouldn'?t)"
        ),
    ),
    # Her place is not at a desk; women cannot do the job; a girl would not know.
    (
        "gender",
        re.compile(
            r"\b(?:women|woman|girls|ladies|females) (?:shouldn'?t|should not|can'?t|cannot"
            r"|don'?t|do not|never) (?:be allowed to |be let |ever )?(?:work|answer|handle"
            r"|understand|fix|run|be in|deal with|grasp)\b"
            rf"|\b(?:a|some) (?:girl|woman|lady|little girl) like {_YOU} (?:wouldn'?t|won'?t"
            r"|can'?t|couldn'?t|could never|would never|will never|doesn'?t|don'?t)"
            r"|\b(?:girls|women|ladies) like (?:you|u|her) (?:should|shouldn'?t|belong|can'?t"
            r"|won'?t|wouldn'?t|don'?t|never)"
            rf"|\b(?:{_YOU}'?re|{_YOU} are|ur|she'?s) (?:just )?(?:a|an) (?:girl|woman|lady"
            r"|female)\b,? (?:so |and )?(?:what would|(?:you|u|she) (?:wouldn'?t|won'?t|can'?t"
            r"|couldn'?t|don'?t|would never|will never))"
            r"|\bwhat would a (?:girl|woman|lady) know"
            rf"|\b(?:{_YOU}'?re|{_YOU} are) (?:just )?(?:a|an) (?:girl|woman|lady|female),? what"
            rf" (?:do|would|does) {_YOU} know"
            r"|\b(?:go )?make me a sandwich|\bget back (?:in|to|into) the kitchen"
            r"|\bbelongs? in the kitchen|\bwomen drivers\b|\btypical (?:bloody )?(?:woman|girl"
            r"|female)\b"
            rf"|\b(?:shouldn'?t {_YOU}|{_YOU} should) be at home with (?:the|your|ur) (?:kids"
            r"|children|baby|babies)|\bwhat'?s a (?:woman|girl) doing (?:in|on|answering|running)"
            rf"|\b(?:are|r) {_YOU} on {_YOUR} period|\bpreferably a man\b"
            r"|\b(?:one of the lads|a normal bloke|a proper bloke|a real man)\b"
        ),
    ),
    # Too young or too old for the job.
    (
        "age",
        re.compile(
            rf"\b(?:are|r) {_YOU} even old enough to"
            rf"|\b(?:{_YOU}'?re|{_YOU} are|{_YOU} r|ur) (?:too|way too|far too) (?:old|young)"
            r" to (?:understand|know|work|get|grasp|do|be)"
            rf"|\bhow old (?:are|r) {_YOU},? (?:like |about )?(?:twelve|ten|eleven|thirteen"
            r"|fourteen|fifteen|sixteen|\d{1,2}|a hundred|ninety|eighty|five)\b"
            rf"|\b{_YOU} sound (?:about |like )?(?:twelve|thirteen|fourteen|fifteen|sixteen"
            r"|ninety|eighty|a hundred|\d{1,2})\b"
            r"|\b(?:put|get|get me|give me|let me speak to|pass me to) (?:an|a|the)"
            r" (?:adult|grown-?up)"
            r"(?=\s*+(?:[.!?,;]|$|on\b(?!\s+(?:the|my|our|this|a|an)\b)|on the (?:phone|line)"
            r"|please|pls|now|who|that|to talk|i can|there))"
            r"|\bput the (?:adult|grown-?up) back on|\bwork experience (?:kid|boy|girl|child)"
            r"|\banyone (?:under|below|younger than) retirement age"
            r"|\bok(?:ay)? (?:grandma|grandad|granddad|grandpa|granny|boomer|gramps)\b"
            r"|\bgo and get (?:your|ur) (?:mum|mom|mummy|mommy|dad|daddy)"
            r"|\b(?:someone|somebody|anyone) old enough to (?:shave|drive|vote|drink)"
            r"|\bat (?:his|her|your|ur) age (?:he|she|you|u) should be"
            r"|\b(?:someone|people|staff) of (?:her|his|your|ur|that) generation"
            r"|\bkids like (?:him|her|you|u) (?:are|shouldn'?t|should)"
            r"|\bbarely out of (?:school|nappies|diapers)|\bbelongs? in a care home"
            r"|\b(?:shouldn'?t (?:he|she|you|they) have|should have|should've) retired"
        ),
    ),
    # Disability or health as a taunt or a bar to the job.
    (
        "disability",
        re.compile(
            rf"\b(?:are|r) {_YOU} (?:brain-?dead|brain-?damaged|special needs|retarded"
            r"|autistic)\b"
            r"|\b(?:deaf|blind),? or (?:just )?(?:stupid|thick|dumb|ignorant)"
            r"|\b(?:if|when) (?:you|u) can'?t (?:hear|see|walk|move)(?: properly)?,? (?:then )?"
            rf"(?:you|u) shouldn'?t"
            r"|\bpeople with (?:that|a|this) (?:condition|disability|illness) (?:shouldn'?t"
            r"|should not|can'?t)"
            r"|\bhire (?:people|staff|someone|somebody|ppl) who can (?:actually )?(?:move|walk"
            r"|see|hear|talk like normal)\b|\b(?:stop|quit) (?:employing|hiring) (?:pensioners"
            r"|old people|foreigners|immigrants|disabled people|cripples)"
            r"|\bhire (?:people|staff|someone|somebody) who (?:aren'?t|isn'?t) (?:broken"
            r"|disabled|crippled|deaf|blind)"
            r"|\b(?:if )?(?:you'?re|you are|ur|he'?s|she'?s) too (?:sick|ill|disabled) to work"
            r"|\bsomeone able-?bodied"
        ),
    ),
    # A group kept from the job ("old people shouldn't be on tech support", "overweight
    # people really shouldn't be doing site surveys"); age heard in a voice ("he sounded about
    # 80"); the old put through ("don't put me through to grandad again"); a part of the
    # world ("like every scam call from your part of the world"). Never what a group cannot
    # do with the product ("blind people can't use your captcha", "old people shouldn't have
    # to queue").
    (
        "stereotype",
        re.compile(
            r"\b(?:old|older|elderly|overweight|fat|blind|deaf|disabled|gay|foreign|black|brown"
            r"|immigrant|muslim|jewish)\s+(?:people|folk|men|women|staff|workers|drivers|ones)"
            r"\s+(?:really |just |simply |honestly )?(?:shouldn'?t be (?:on|doing|working|in"
            r"|allowed|let|answering|dealing|handling)|should not be (?:on|doing|working|in"
            r"|allowed|let)|have no business|are the reason|just don'?t get it|don'?t get it"
            r"|can'?t be trusted)"
            r"|\b(?:he|she|they|who) sounded (?:about |like (?:he|she) was )?(?:\d{1,2}|twelve"
            r"|thirteen|fourteen|fifteen|sixteen|nineteen|eighty|ninety|a hundred)\b"
            r"|\b(?:you|u) (?:indian|bengali|pakistani|polish|romanian|nigerian|african|asian|arab"
            r"|mexican|filipino|chinese|irish|scottish|welsh|english|british|american|foreign"
            r"|muslim|jewish|hindu|black|brown|eastern european) (?:people|lot|lads|guys)\b"
            r"|\b(?:put|pass|transfer) (?:me )?(?:thru|through) to (?:grandad|grandma|granny"
            r"|grandpa|the old (?:man|woman|lady|git|bat|codger))\b"
            r"|\b(?<!to )(?<!i )(?<!we )(?<!'d )(?<!'ll )(?<!could )(?<!should )retire already"
            r"|\b(?:from|in) (?:your|his|her|that|their) part of the world"
            r"|\bhalf ?way (?:round|around) the world|\boutsourced to (?:a|some) country where"
            r"|\bwhat kind of (?:a )?name is that(?=\s*+(?:[?!.]|$))"
            r"|\bwhose name (?:i|we) (?:can'?t|cannot)"
            r" (?:pronounce|say|spell)|\b(?:less|fewer) pies,? (?:and|more)\b|\bbible[- ]?basher"
            r"|\bless time praying|\b(?:off|gone) to the (?:mosque|temple|synagogue) again"
            r"|\b(?:his|her|their) people never|\bcommon as muck|\ba bit of breeding"
            r"|\b(?:he|she|they|who|you|u) (?:\w+ )?(?:grew up|dragged up|raised|brought up)"
            r" (?:on|in) a council estate"
            r"|\b(?:anyone|someone|somebody)(?: in that building| there| here)? who (?:actually"
            r" )?speaks? (?:proper|real|decent) english|\blearn(?:ed|t) english (?:off|from"
            r"|on) (?:a|the) (?:fortune cookie|cereal box|youtube|tiktok)"
        ),
    ),
    # Faith or its dress as a reason not to be served.
    (
        "religion",
        re.compile(
            r"\bpeople of that (?:religion|faith)|\b(?:rather|prefer) (?:wait for |have |speak"
            r" to )?a (?:christian|white|proper english)"
            r"|\bone of those (?:muslims|jews|hindus|sikhs|immigrants|foreigners)"
            rf"|\b(?:are|r) {_YOU} going to blow (?:up|me up)"
            r"|\bfrom a (?:woman|girl|man|guy|bloke) in a (?:hijab|headscarf|turban|burqa|burka"
            r"|niqab)\b|\bis (?:this|it) a \w+ or a (?:mosque|temple|synagogue|gurdwara)\b"
        ),
    ),
)


def _any(*words: str) -> frozenset[str]:
    return frozenset(words)


#: When each form's regex may match, by the message's words: a conjunction of word sets for
#: each of its alternatives, any of which lets the regex run (most messages hold none, and
#: the regexes are the cost).
_ANCHORS: tuple[tuple[tuple[frozenset[str], ...], ...], ...] = (
    (  # origin
        (_any("country", "village", "jungle", "desert", "hut", "island", "planet"),),
        (_any("boat", "raft", "dinghy", "plane"),),
        (_any("where"), _any("how"), _any("from")),
        (
            _any(
                *(
                    "india poland pakistan nigeria china romania africa philippines manila"
                    " lagos mumbai"
                ).split()
            ),
            _any("how"),
        ),
        (_any("belong", "belongs"), _any("country")),
        (_any("legally"),),
        (_any("came", "come", "crawled"), _any("back")),
        (_any("where", "where's"), _any("really"), _any("from")),
        (_any("things", "business"), _any("how"), _any("there", "country", "come")),
    ),
    (  # origin: demands by birth or origin
        (_any("born"), _any("here")),
        (_any("american", "brit", "british", "english", "englishman"), _any("real", "proper")),
        (
            _any(*("local british english american native white normal").split()),
            _any("not", "instead"),
        ),
        (_any("here", "country"), _any("someone", "somebody", "person", "agent")),
        (_any("whose"), _any("name")),
        (_any("foreign"),),
        (_any("native"),),
        (_any("language"), _any("first"), _any("english")),
    ),
    (  # language
        (_any("learn", "learnt", "learned"), _any("english", "language", "properly")),
        (_any("speak"), _any("english")),
        (_any("accent"),),
        (_any("understand"), _any("all"), _any("say")),
        (_any("talk", "speak", "hear"), _any("can't", "cant", "cannot")),
    ),
    (  # gender
        (
            _any(
                *(
                    "women woman girls ladies females girl lady female sandwich"
                    " kitchen period lads bloke preferably"
                ).split()
            ),
        ),
        (_any("kids", "children", "baby", "babies"), _any("home")),
    ),
    (  # age
        (_any("old", "young"), _any("enough", "too", "how")),
        (_any("sound"),),
        (_any("adult", "grown", "grownup"),),
        (_any("experience"), _any("kid", "boy", "girl", "child")),
        (
            _any(
                *(
                    "retirement grandma grandad granddad grandpa granny boomer"
                    " gramps generation barely retired"
                ).split()
            ),
        ),
        (_any("mum", "mom", "mummy", "mommy", "dad", "daddy"), _any("get")),
        (_any("age"), _any("should")),
        (_any("kids"), _any("like")),
        (_any("home"), _any("care")),
    ),
    (  # disability
        (
            _any(
                *(
                    "brain special retarded autistic deaf blind employing hiring condition"
                    " disability illness hire bodied"
                ).split()
            ),
        ),
        (_any("shouldn't", "shouldnt"), _any("hear", "see", "walk", "move")),
        (_any("sick", "ill", "disabled"), _any("too")),
    ),
    (  # stereotype: a group kept from the job, age heard, a part of the world, a name
        (
            _any(
                *(
                    "old older elderly overweight fat blind deaf disabled gay foreign black"
                    " brown immigrant muslim jewish"
                ).split()
            ),
            _any("people", "folk", "men", "women", "staff", "workers", "drivers", "ones"),
        ),
        (_any("sounded"),),
        (
            _any(
                *(
                    "indian bengali pakistani polish romanian nigerian african asian arab mexican"
                    " filipino chinese irish scottish welsh english british american foreign"
                    " muslim jewish hindu black brown european"
                ).split()
            ),
            _any("people", "lot", "lads", "guys"),
        ),
        (_any("thru", "through"), _any("grandad", "grandma", "granny", "grandpa", "old")),
        (_any("retire"),),
        (_any("world"), _any("part", "halfway", "half")),
        (_any("outsourced"),),
        (_any("name"), _any("kind", "pronounce", "say", "spell")),
        (_any("pies", "bible", "basher", "praying", "muck", "breeding"),),
        (_any("mosque", "temple", "synagogue"),),
        (_any("never"), _any("people")),
        (_any("estate"), _any("council")),
        (_any("english"), _any("proper", "real", "decent", "cookie", "box", "youtube", "tiktok")),
    ),
    (  # religion
        (
            _any(
                *(
                    "religion faith blow hijab headscarf turban burqa burka niqab"
                    " mosque temple synagogue gurdwara"
                ).split()
            ),
        ),
        (_any("christian", "white", "proper"), _any("rather", "prefer")),
        (_any("muslims", "jews", "hindus", "sikhs", "immigrants", "foreigners"), _any("those")),
    ),
)
#: The words of a demand for someone else ("send someone normal") and of its qualifier.
_DEMAND_VERBS = _any(
    *"send get give put transfer pass route reassign assign want need hire bring employ find"
    " speak talk served prefer expect flag".split()
)
_DEMAND_KINDS = _any(
    *"normal younger older british english european here born christian male man men bloke"
    " traditional posh educated stable native local white uk english-speaking trustworthy"
    " accent speaker people agents staff".split()
)
#: The words a sneer needs (``_SNEER``).
_SNEER_WORDS = _any(
    *"typical wonder same lot people kind sort sweatshop result needful trusted trust ilk like"
    " as guess ugh careful types left mix".split()
)

#: A stammer mocked by spelling it out ("b-b-b-billing"); read only in a text with a hyphen.
_STAMMER = re.compile(r"(?i)\b([a-z])-\1-\1-?[a-z]")

#: Groups named as people: nationalities, faiths, regions; women; foreigners.
_GROUPS = frozenset(
    "indian indians pakistani pakistanis paki pakis filipino filipinos filipina chinese polish"
    " pole poles romanian romanians nigerian nigerians african africans asian asians arab"
    " arabs mexican mexicans foreign foreigner foreigners immigrant immigrants migrant"
    " migrants irish scots scottish welsh french frenchman frenchmen russian russians"
    " bangladeshi turkish latino latina gypsy gypsies muslim muslims islamic jew jews jewish"
    " hindu hindus sikh sikhs eastern european europeans bulgarian bulgarians albanian"
    " albanians lithuanian ukrainian brazilian portuguese italian italians spanish"
    " spaniard spaniards german germans americans american scouse scouser geordie brummie"
    " cockney women girls ladies females india lagos manila karachi bangalore bengaluru"
    " mumbai delhi philippines pakistan nigeria africa poland romania brit brits pom poms"
    " aussie aussies culchie culchies bengali bengalis quebecer quebecers hick hicks".split()
)
#: Group words that name people by themselves ("a Frenchman", "foreigners", "women").
_GROUP_PEOPLE = frozenset(
    "indians pakistanis paki pakis filipinos filipina pole poles romanians nigerians"
    " africans asians arabs mexicans foreigner foreigners immigrant immigrants migrant"
    " migrants scots frenchman frenchmen russians gypsies muslims jews hindus sikhs"
    " europeans bulgarians albanians italians spaniards germans americans scouser geordie"
    " brummie women girls ladies females india lagos manila karachi bangalore bengaluru"
    " mumbai delhi philippines pakistan nigeria africa poland romania american brits pom poms"
    " aussies culchie culchies bengalis quebecer quebecers hick hicks".split()
)
#: People words after a group adjective ("a Polish lad", "Indian customer service").
_PEOPLE = frozenset(
    "lad lads guy guys man men woman women girl girls boy boys person people staff agent"
    " agents driver drivers fitter fitters rep reps bloke blokes chap chaps customer support"
    " helpdesk team lot workers worker employee employees operator operators advisor advisors"
    " adviser advisers builder builders cleaner cleaners call lady ladies kid kids mob crowd"
    " service".split()
)
#: Words that generalise about a group or sneer at it.
_SNEER = re.compile(
    r"\b(?:typical|no wonder|all the same|your lot|his lot|her lot|their lot|you lot"
    r"|that lot|the lot of you|those people|them people|your kind|their kind|his kind|her kind"
    r"|sweatshop|same result|do the needful|can'?t be trusted|don'?t trust|never trust"
    r"|of that ilk|(?:his|her|their|your|that) sort|people like (?:that|him|her|them)"
    r"|as they (?:always )?do|like they all do|let me guess|ugh|careful with them"
    r"|one of those \w+ types|best left to (?:men|women|a man)|(?:don'?t|do not|never) mix"
    r"|(?:his|her) (?:people|type)|people from (?:his|her|their) background"
    r"|\w+ like (?:her|him) are the reason)\b"
)
#: The speaker's own group ("I'm Polish", "as a woman", "my Indian husband"), and a group
#: word before a thing ("the Indian takeaway", "Polish subtitles", "Chinese New Year").
_OWN = frozenset("i i'm im am we we're our my as me".split())
_THINGS_AFTER = frozenset(
    "restaurant restaurants takeaway takeaways food meal meals dish dishes cuisine curry menu"
    " shop store market supermarket version site website number address bank card account"
    " plug adapter visa passport embassy language keyboard translation subtitles new year"
    " holiday holidays festival film films tv channel channels course courses lessons"
    " tutor speaker speakers speaking speaks citizen citizens resident residents time"
    " roaming sim tax law laws border customs rail railway post mail branch branches office"
    " offices hours express airlines airline".split()
)
#: Traits of a person at the desk (beside the groups): how they sound, dress, move or age.
_TRAITS = frozenset(
    "accent turban hijab headscarf burka burqa niqab bindi kippah yarmulke wheelchair"
    " dyslexic autistic disabled deaf stammer stutter pensioner pensioners teenager"
    " teenagers camp chav chavs jock menopausal dementia invalid anxiety grandad granddad"
    " granny grandma woman female lady girl old kid kids child dinosaur dinosaurs"
    " snowflake".split()
)
#: A demand for someone of another kind: "send someone normal", "reassign to a male
#: colleague", "get me an English speaker", "UK agents only", "someone born after the moon
#: landing".
_DEMAND = re.compile(
    r"\b(?:send|get|give|put|transfer|pass|route|reassign|assign|want|need|hire|bring back"
    r"|employ|find|speak to|talk to|served by|prefer|expect|flag my account for|have)"
    r" (?:me |us |my account |my case |it |this |my claim )?(?:to |through to |on to |with )?"
    r"(?:someone|somebody|anyone|a|an|staff|people|agents?|uk|british|english)"
    r" (?:(?:a bit |bit |more |who'?s |who is |who are |who sounds? |who looks? )?"
    r"(?:\.+ ?)?(?:normal|younger|older|british|english|european|from here|born|christian"
    r"|male|man|men|bloke|traditional|posh|educated|stable|native|local|white|in the uk"
    r"|english-speaking|trustworthy|with a proper accent|speaker|straight|well-spoken|aussie"
    r"|irish|scottish|welsh|indian|canadian|northern|southern|proper (?:lad|agent|bloke)"
    r"|under (?:\d+|thirty|forty|fifty|sixty)|with grey hair|of my own background)"
    r"|(?:people|agents|staff)"
    r"(?: only)?\b)"
)
#: Praise in a sentence that names a group: "no wonder" and "typical" are then no sneer.
_PRAISE = frozenset(
    "lovely great helpful kind brilliant amazing excellent friendly polite thanks thank"
    " wonderful fantastic best good nice patient superb star love loved".split()
)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


#: Per form, the union of its conjunctions' first (rarest) word sets: the form's own gate.
_FIRSTS = tuple(frozenset().union(*(conj[0] for conj in anchors)) for anchors in _ANCHORS)
#: The first gate: every form's, the groups and the traits (a demand for someone else names
#: one of them). Most messages hold none.
_GATE = (
    frozenset().union(*(conj[0] for anchors in _ANCHORS for conj in anchors)) | _GROUPS | _TRAITS
)


def demeaned(text: str, words: Iterable[str]) -> str | None:
    """``"bias:<form>"`` (origin, language, gender, age, disability, religion, stereotype)
    for the first sentence of ``text`` that demeans the reader for who they are, else None.
    ``words``: the text's lower-case word tokens (the gate)."""
    # A stammer spelt out is read per sentence, after quotations are blanked ("he mocked me:
    # 'b-b-b-billing'" is someone else's).
    stammer = "-" in text and _STAMMER.search(text) is not None
    hits = _GATE.intersection(words)
    if not hits and not stammer:
        return None
    present = frozenset(words)
    forms = [
        form
        for form, firsts, anchors in zip(_FORMS, _FIRSTS, _ANCHORS, strict=True)
        if not firsts.isdisjoint(hits)
        and any(all(not need.isdisjoint(present) for need in conj) for conj in anchors)
    ]
    groups = not _GROUPS.isdisjoint(hits)
    sneers = groups and not _SNEER_WORDS.isdisjoint(present)
    demands = (
        not _DEMAND_VERBS.isdisjoint(present)
        and not _DEMAND_KINDS.isdisjoint(present)
        and (groups or not _TRAITS.isdisjoint(hits))
    )
    if not forms and not sneers and not demands and not stammer:
        return None
    #: The sentence before, when it named a group or a trait (a sneer reads it); whether any
    #: earlier sentence did (a demand for someone else reads that).
    previous: list[str] = []
    named = False
    #: ... and whether one named a group or an accent (not only a trait such as "woman").
    origin = False
    for sentence in SENTENCES.split(text):
        said = sentence.strip().lower()
        if not said or said[0] in QUOTE_MARKS:
            previous = []
            continue
        if "'" in said or '"' in said or "\u2018" in said or "\u201c" in said:
            said = _QUOTED.sub(" ", said)
        if stammer and _STAMMER.search(said) is not None:
            return "bias:language"
        for form, pattern in forms:
            if pattern.search(said) is not None:
                return f"bias:{form}"
        if not (sneers or demands):
            continue
        toks = _WORD.findall(said)
        if sneers and _stereotype(said, toks, previous):
            return "bias:stereotype"
        if demands and _other_kind(said, toks, named, origin):
            return "bias:other_kind"
        previous = toks if _names_group(toks) or _has_trait(toks) else []
        # A person named in praise is no reason for a demand ("the woman at the depot was
        # lovely; next time send a male engineer, my husband prefers").
        named = named or (bool(previous) and _PRAISE.isdisjoint(previous))
        origin = origin or (bool(previous) and _of_origin(previous))
    return None


def _other_kind(said: str, toks: list[str], named: bool, origin: bool) -> bool:
    """Whether this sentence demands someone of another kind than a person named by a group
    or a trait in it or in an earlier sentence (``named``: "the technician wore a turban ...
    send someone normal"); never the trait inside the demand itself ("could a female
    engineer come"). "Someone local" only after a group or an accent (``origin``: "stop
    putting immigrants on the phones, I want someone local"): after a woman or an old man
    named, it is an engineer who lives nearby ("the woman at the depot said no engineers are
    free, can you send someone local?")."""
    m = _DEMAND.search(said)
    if m is None:
        return False
    outside = _WORD.findall(said[: m.start()] + " " + said[m.end() :])
    if "local" in m.group(0):
        return origin or _of_origin(outside)
    if named:
        return True
    return _names_group(outside) or _has_trait(outside)


def _of_origin(toks: list[str]) -> bool:
    """Whether ``toks`` name a group as people or an accent."""
    return _names_group(toks) or "accent" in toks


def _has_trait(toks: list[str]) -> bool:
    """Whether ``toks`` name a trait of someone other than the speaker."""
    for i, tok in enumerate(toks):
        if tok in _TRAITS and _OWN.isdisjoint(toks[max(0, i - 3) : i]):
            return True
    return False


def _stereotype(said: str, toks: list[str], previous: list[str]) -> bool:
    """Whether a group is named as people in this sentence or the one before (``previous``
    holds its tokens only when it named one) and this sentence sneers or generalises; never
    in praise ("the Polish driver was lovely, no wonder you get good reviews")."""
    if _SNEER.search(said) is None or not _PRAISE.isdisjoint(toks):
        return False
    return (bool(previous) and _PRAISE.isdisjoint(previous)) or _names_group(toks)


def _names_group(toks: list[str]) -> bool:
    """Whether ``toks`` name a group as people, not the speaker's own nor a thing's kind."""
    for i, tok in enumerate(toks):
        if tok not in _GROUPS:
            continue
        if not _OWN.isdisjoint(toks[max(0, i - 3) : i]):
            continue
        after = toks[i + 1 : i + 3]
        if after and after[0] in _THINGS_AFTER:
            continue
        if tok in _GROUP_PEOPLE or not _PEOPLE.isdisjoint(after):
            return True
    return False
