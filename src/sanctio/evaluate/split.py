"""The split of listed parties into ``train`` and ``heldout`` that the learned tables and the
pair sets share: what a table learned from the train parties is measured on the others."""

from __future__ import annotations

import hashlib

# the split of ``evaluate make-pairs`` (its default seed and held-out share), which
# ``evaluate learn-org-words`` learns on and ``evaluate native`` reports by
PAIRS_SEED = 42
PAIRS_HELDOUT = 0.3


def split_of(entity_id: str, seed: int, heldout: float = 0.3) -> str:
    """``heldout`` for about ``heldout`` of the entities, ``train`` for the others: a seeded
    hash of the entity id, so the same entity is always in the same part."""
    h = hashlib.sha256(f"{seed}:{entity_id}".encode()).digest()
    return "heldout" if int.from_bytes(h[:8], "big") / 2.0**64 < heldout else "train"
