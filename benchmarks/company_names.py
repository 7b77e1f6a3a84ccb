"""Company names as customers and counterparties are named: a probe of false alerts beside
`evaluate variants`.

Companies are often named after their country and their business (Bank of Korea, China
Shipping Company, Syrian Investment Corporation), or after a common word and their business
(Eagle Group, Star Trading LLC); the lists hold state banks and front companies named so too
(Korea Trading Bank, IRAN AND INDIA SHIPPING COMPANY; RED EAGLE GROUP, GOLDEN STAR TRADING
LLC). This probe screens 660 names of a country and a trade (20 countries and 10 of their
adjectives, with the words of 16 trades, banks' names) and 600 of a word and a trade (25
words, 12 trades, with LLC and without) as organisations against the four lists at the
default threshold, and prints each one that alerts, with the name it met, and how many
alert. Some are listed parties (Central Bank of Iran, Bank of Russia, GREEN SHIPPING LTD.,
ATLAS SHIPPING): read the list, not only the count.

    .venv/bin/python benchmarks/company_names.py [--home DIR] [--data ../shared/data]
"""

from __future__ import annotations

from real_names import four_lists  # (this folder: the same set-up of the four lists)
from sanctio.contract import DEFAULT_THRESHOLD, Query
from sanctio.screen import Screener

COUNTRIES = ("Korea China Iran Russia Syria Turkey India Japan Egypt Malaysia Singapore "
             "Venezuela Belarus Lebanon Iraq Pakistan Indonesia Brazil Germany Kazakhstan").split()
ADJECTIVES = ("Korean Chinese Iranian Russian Syrian Turkish Indian Japanese Egyptian "
              "Malaysian").split()
TRADES = ("Trading Shipping Petroleum Oil Steel Airlines Insurance Investment Development "
          "Construction Electronics Mining Chemical Logistics Energy Telecom").split()


WORDS = ("Global Golden Star Ocean Pacific Royal Eagle Sun Silver Blue Green Diamond Crystal "
         "Atlas Delta Alpha Omega Prime United Victory Phoenix Falcon Lion Dragon Pearl").split()
WORD_TRADES = ("Trading Shipping Logistics Energy Marine Holdings Industries Technologies "
               "Investments Group Enterprises Solutions").split()


def word_names() -> list[str]:
    return [f"{w} {t}{form}" for w in WORDS for t in WORD_TRADES for form in (" LLC", "")]


def names() -> list[str]:
    out = []
    for c in COUNTRIES:
        out += [f"Bank of {c}", f"{c} National Bank", f"National Bank of {c}",
                f"Central Bank of {c}", f"{c} Development Bank"]
        out += [f"{c} {t} Company" for t in TRADES]
        out += [f"{c} {t}" for t in TRADES[:8]]
    for a in ADJECTIVES:
        out += [f"{a} {t} Corporation" for t in TRADES[:8]]
    return out


def main() -> None:
    screener = Screener(four_lists(__doc__))
    counts = []
    for kind, queries in (("a country and a trade", names()),
                          ("a word and a trade", word_names())):
        alerts = 0
        for name in queries:
            result = screener.screen(Query.build(name, schema="Organization"),
                                     threshold=DEFAULT_THRESHOLD, limit=1)
            if result.matches:
                alerts += 1
                top = result.matches[0]
                print(f"alert  {name}  ->  {top.matched_name} ({top.score:.2f})")
        counts.append(f"{kind}: {alerts} of {len(queries)} alert")
    print("; ".join(counts) + f" (threshold {DEFAULT_THRESHOLD})")


if __name__ == "__main__":
    main()
