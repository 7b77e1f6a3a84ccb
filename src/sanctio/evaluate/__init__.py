"""Model validation (``sanctio evaluate``).

- :mod:`~sanctio.evaluate.variants`: one generator per variant category (typos, reorder,
  transliteration, other scripts, legal forms ...), seeded and deterministic;
- :mod:`~sanctio.evaluate.unlisted`: realistic unlisted people and companies (Faker);
- :mod:`~sanctio.evaluate.run`: screens both with the real screener and a rapidfuzz baseline;
- :mod:`~sanctio.evaluate.report`: the self-contained HTML report;
- :mod:`~sanctio.evaluate.pairs`: precision / recall / F1 on labelled name pairs;
- :mod:`~sanctio.evaluate.cli`: the ``variants`` and ``pairs`` commands.
"""
