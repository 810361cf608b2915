"""Password rules: the same four checks as Django's default validators."""

import re
from difflib import SequenceMatcher

MIN_LENGTH = 8
MAX_SIMILARITY = 0.7

# The 100 most common passwords of 8 or more characters (shorter ones fail the
# length rule anyway), from the list Django ships with its CommonPasswordValidator
# (20,000 passwords, most common first). It is real data: people's passwords.
COMMON = frozenset(
    """
    123456789 password 12345678 password1 1234567890 iloveyou 1q2w3e4r5t qwertyuiop
    1qaz2wsx myspace1 homelesspa 1q2w3e4r qwerty123 987654321 target123 1g2w3e4r
    zag12wsx gwerty123 asdfghjkl 123123123 princess computer football 1234qwer
    sunshine iloveyou1 fuckyou1 789456123 princess1 abcd1234 11111111 passer2009
    superman football1 jordan23 12qwaszx baseball 123456789a q1w2e3r4t5y6 88888888
    fqrg7cs493 michael1 blink182 qwer1234 linkedin babygirl1 q1w2e3r4 michelle
    liverpool j38ifubn 0123456789 iloveyou2 jennifer babygirl 147258369 jessica1
    0987654321 fuckyou2 anthony1 qazwsxedc trustno1 baseball1 1111111111 basketball
    passw0rd samantha chocolate asdf1234 qwerty12 charlie1 pakistan superman1
    asshole1 butterfly fuk19600 12341234 sunshine1 internet alexander 1qaz2wsx3edc
    29rsavoy 3rjs1la7qe 00000000 whatever qweasdzxc 1qazxsw2 hello123 password12
    password2 12344321 starwars q1w2e3r4t5 brandon1 vqsablpzla jonathan 1234567891
    12345qwert cjmasterinf 12345678910 a123456789
    """.split()
)


def too_similar(password, username):
    """Django's UserAttributeSimilarityValidator: the password is too much like
    the username, or like a part of it ("anna.smith" has "anna" and "smith")."""
    password = password.lower()
    username = username.lower()
    for part in [*re.split(r"\W+", username), username]:
        # A password ten times longer than the part is never "similar" to it.
        if not part or (
            len(password) >= 10 * len(part)
            and len(part) < MAX_SIMILARITY / 2 * len(password)
        ):
            continue
        if SequenceMatcher(a=password, b=part).quick_ratio() >= MAX_SIMILARITY:
            return True
    return False


def password_problems(password, username=""):
    """What is wrong with ``password`` for ``username``: a list of messages."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"Use at least {MIN_LENGTH} characters.")
    if password.isdigit():
        problems.append("Use more than digits.")
    if password.lower().strip() in COMMON:
        problems.append("That password is too common.")
    if username and too_similar(password, username):
        problems.append("That password is too much like your username.")
    return problems
