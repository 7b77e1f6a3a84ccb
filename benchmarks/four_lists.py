"""The four main lists the benchmarks load, in one place: OFAC SDN (2021), the UN Security
Council's consolidated list, the EU's and the UK's (2026), from ``../shared/data`` beside the
repository (or another folder of the same layout)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FOUR_LISTS = ("ofac-sdn-2021", "un-2026/consolidated.xml", "eu-2026/sanctions.xml",
              "uk-2026/ConList.csv")


def four_list_paths(data: Path = DATA) -> list[Path]:
    """The files (or folder) of each of the four lists under ``data``."""
    return [data / rel for rel in FOUR_LISTS]
