"""Module 02 data: the real Seattle weather category (5 levels) and months, a high-cardinality ID feature with no
signal, and a generated corpus with a documented structure for learning word vectors.

No pretrained word vectors ship offline (TOOLING-FACTS, "Offline data"), so the corpus is generated: every
sentence is about one person word, and its other words come from context groups tied to that word's attributes
(gender, royal / common, adult / young, ...) or are filler. The structure is known, so we can say what an embedding
*should* find and measure whether it does. Every generator takes ``seed``; nothing downloads anything.
"""
from __future__ import annotations

import numpy as np

from ...data import load_seattle_weather

__all__ = ["WEATHER_LEVELS", "weather_wet", "PAIRS", "CONTEXTS", "FILLER", "corpus", "corpus_vocabulary",
           "gender_analogies", "noise_ids", "month_targets"]

WEATHER_LEVELS = ("drizzle", "fog", "rain", "snow", "sun")   # sorted, as a fitted vocabulary stores them


def weather_wet():
    """Seattle 2012-2015, one row per day: the weather category (str), numeric features ``temp_max``,
    ``temp_min``, ``wind`` (n, 3) and the target ``wet`` = precipitation > 0 (int). Returns ``(weather, X, y)``."""
    d = load_seattle_weather()
    X = np.column_stack([d["temp_max"], d["temp_min"], d["wind"]])
    return d["weather"], X, (d["precipitation"] > 0).astype(int)


def month_targets():
    """Seattle days: the month (category 1-12, as codes 0-11) and the standardized daily targets ``temp_max``,
    ``temp_min``, ``wind``, ``log(1 + precipitation)`` (n, 4). Returns ``(codes, Y, target names)``."""
    d = load_seattle_weather()
    Y = np.column_stack([d["temp_max"], d["temp_min"], d["wind"], np.log1p(d["precipitation"])])
    Y = (Y - Y.mean(0)) / Y.std(0)
    return d["month"] - 1, Y, ("temp_max", "temp_min", "wind", "log1p(precipitation)")


# ----------------------------------------------------------------------------------------- the corpus
# (male word, female word, attribute groups). Gender is added to every word by its column.
PAIRS = (
    ("king", "queen", ("royal", "adult")),
    ("prince", "princess", ("royal", "young")),
    ("emperor", "empress", ("royal", "adult", "empire")),
    ("man", "woman", ("common", "adult")),
    ("boy", "girl", ("common", "young")),
    ("father", "mother", ("family", "adult")),
    ("son", "daughter", ("family", "young")),
    ("uncle", "aunt", ("family", "adult", "relative")),
    ("brother", "sister", ("family", "young", "sibling")),
    ("actor", "actress", ("stage", "adult")),
    ("waiter", "waitress", ("cafe", "adult")),
    ("husband", "wife", ("family", "adult", "married")),
)
CONTEXTS = {
    "male": ("he", "him", "his", "himself", "beard"),
    "female": ("she", "her", "hers", "herself", "dress"),
    "royal": ("crown", "throne", "palace", "kingdom", "reign", "court"),
    "common": ("village", "street", "market", "work", "neighbour"),
    "adult": ("job", "tax", "old", "grown"),
    "young": ("school", "toy", "play", "young"),
    "family": ("home", "family", "dinner", "parents"),
    "empire": ("empire", "rome", "legion"),
    "relative": ("nephew", "niece", "visit"),
    "sibling": ("twin", "elder"),
    "stage": ("film", "stage", "role", "theatre"),
    "cafe": ("cafe", "menu", "tip", "table"),
    "married": ("wedding", "ring", "spouse"),
}
FILLER = ("the", "a", "of", "and", "in", "to", "was", "is", "with", "on", "at", "by", "that", "for", "it")


def corpus(n_sentences: int = 6000, length: int = 8, p_context: float = 0.6, seed: int = 0):
    """Generate sentences (lists of words). Each sentence picks a person word uniformly among the 24 of
    :data:`PAIRS`; each of its other ``length - 1`` words is, with probability ``p_context``, a word of one of that
    person's context groups (its gender group or one of its attribute groups, chosen uniformly; the word uniformly
    within the group), and otherwise a uniformly chosen filler word."""
    if n_sentences < 1 or length < 2 or not 0 <= p_context <= 1:
        raise ValueError("need n_sentences >= 1, length >= 2 and 0 <= p_context <= 1")
    rng = np.random.default_rng(seed)
    people = [(w, ("male",) + g) for w, _, g in PAIRS] + [(w, ("female",) + g) for _, w, g in PAIRS]
    out = []
    for _ in range(n_sentences):
        word, groups = people[rng.integers(len(people))]
        sent = [word]
        for _ in range(length - 1):
            if rng.random() < p_context:
                group = CONTEXTS[groups[rng.integers(len(groups))]]
                sent.append(group[rng.integers(len(group))])
            else:
                sent.append(FILLER[rng.integers(len(FILLER))])
        out.append(sent)
    return out


def corpus_vocabulary() -> np.ndarray:
    """Every word the corpus can contain, sorted."""
    words = {w for m, f, _ in PAIRS for w in (m, f)} | {w for g in CONTEXTS.values() for w in g} | set(FILLER)
    return np.array(sorted(words))


def gender_analogies():
    """Every question "a is to b as c is to ?" with a known answer built from two pairs of :data:`PAIRS`:
    (man, king, woman) -> queen, and with the genders swapped (woman, queen, man) -> king: 2·12·11 = 264."""
    out = []
    for (m1, f1, _), (m2, f2, _) in ((p, q) for p in PAIRS for q in PAIRS if p is not q):
        out.append((m1, m2, f1, f2))
        out.append((f1, f2, m1, m2))
    return out


def noise_ids(n: int = 20_000, n_levels: int = 10_000, seed: int = 0, noise: float = 1.0):
    """A high-cardinality ID feature with no signal: ``n`` rows, IDs drawn uniformly from ``n_levels`` (about
    n / n_levels rows per ID), the target pure Gaussian noise with standard deviation ``noise``, independent of the
    ID. Returns ``(ids, y)``."""
    rng = np.random.default_rng(seed)
    return rng.integers(n_levels, size=n), rng.normal(scale=noise, size=n)
