r"""Module 04 data: scikit-learn's bundled diabetes data in both of its forms, the six-document count matrix of
scikit-learn's TF-IDF guide, and a generated corpus whose documents differ in length by two orders of magnitude.

Why a generated corpus: no text collection ships offline (TOOLING-FACTS, "Offline data"; every ``fetch_*`` of
scikit-learn downloads). The generator is a documented topic model, so the lecture knows the truth it measures
against: every document belongs to one topic; its words are drawn half from its topic's words and half from words
common to all topics; its length is log-uniform between ``min_len`` and ``max_len``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

__all__ = ["GUIDE_COUNTS", "load_diabetes_both", "Corpus", "topic_corpus"]

#: the count matrix of scikit-learn's TF-IDF example (text feature-extraction guide, ``TfidfTransformer``):
#: six documents, three terms; its first row becomes [0.8194, 0, 0.5732] with ``smooth_idf=False`` and
#: [0.8515, 0, 0.5243] by default
GUIDE_COUNTS = np.array([[3, 0, 1], [2, 0, 0], [3, 0, 0], [4, 0, 0], [3, 2, 0], [3, 0, 2]])
GUIDE_COUNTS.setflags(write=False)


@lru_cache(maxsize=1)
def load_diabetes_both():
    """``(raw, default, feature_names, y)``: ``load_diabetes(scaled=False)`` (age in years, BMI in kg/m², ...) and
    the default ``load_diabetes()``, whose every **column** is centred and scaled to unit L2 norm (442 × 10)."""
    from sklearn.datasets import load_diabetes
    raw = load_diabetes(scaled=False)
    default = load_diabetes()
    out = (np.asarray(raw.data, dtype=float), np.asarray(default.data, dtype=float), tuple(raw.feature_names),
           np.asarray(raw.target, dtype=float))
    for a in (out[0], out[1], out[3]):
        a.setflags(write=False)
    return out


@dataclass(frozen=True)
class Corpus:
    """``counts`` (n_docs, n_terms) term counts, ``topic`` (n_docs,) the generating topic, ``length`` (n_docs,)
    words per document, ``terms`` the term names (``"t2_w05"``: word 5 of topic 2; ``"c07"``: common word 7)."""
    counts: np.ndarray
    topic: np.ndarray
    length: np.ndarray
    terms: tuple


@lru_cache(maxsize=4)
def topic_corpus(n_docs: int = 240, n_topics: int = 4, topic_words: int = 15, common_words: int = 20,
                 min_len: int = 10, max_len: int = 2000, topic_share: float = 0.2, seed: int = 0) -> Corpus:
    """The generated corpus of the module docstring. Word frequencies inside the topic and inside the common
    block follow Zipf's law (weight 1/rank). Seeded: the same arrays on every machine."""
    rng = np.random.default_rng(seed)
    n_terms = n_topics * topic_words + common_words
    zipf_t = 1.0 / np.arange(1, topic_words + 1)
    zipf_c = 1.0 / np.arange(1, common_words + 1)
    topic = rng.integers(0, n_topics, size=n_docs)
    length = np.round(np.exp(rng.uniform(np.log(min_len), np.log(max_len), size=n_docs))).astype(int)
    counts = np.zeros((n_docs, n_terms), dtype=np.int64)
    for i in range(n_docs):
        p = np.zeros(n_terms)
        k = topic[i]
        p[k * topic_words:(k + 1) * topic_words] = topic_share * zipf_t / zipf_t.sum()
        p[n_topics * topic_words:] = (1.0 - topic_share) * zipf_c / zipf_c.sum()
        counts[i] = rng.multinomial(length[i], p)
    terms = tuple(f"t{k}_w{j:02d}" for k in range(n_topics) for j in range(topic_words)) + \
        tuple(f"c{j:02d}" for j in range(common_words))
    for a in (counts, topic, length):
        a.setflags(write=False)
    return Corpus(counts, topic, length, terms)
