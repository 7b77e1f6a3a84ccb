"""Model validation (``sanctio evaluate``).

- :mod:`~sanctio.evaluate.variants`: one generator per variant category (typos, reorder,
  transliteration, other scripts, legal forms ...), seeded and deterministic;
- :mod:`~sanctio.evaluate.unlisted`: realistic unlisted people and companies (Faker);
- :mod:`~sanctio.evaluate.run`: screens both with the real screener and a rapidfuzz baseline;
- :mod:`~sanctio.evaluate.report`: the self-contained HTML report;
- :mod:`~sanctio.evaluate.pairs`: precision / recall / F1 and reliability on labelled pairs;
- :mod:`~sanctio.evaluate.native`: the lists' own native-script names screened against their
  Latin-script names (``native``);
- :mod:`~sanctio.evaluate.listpairs`: a labelled pair set built from the lists, split by
  entity into train and heldout (``make-pairs``);
- :mod:`sanctio.cli.evaluate`: the ``variants``, ``native``, ``make-pairs`` and ``pairs``
  commands.
"""
