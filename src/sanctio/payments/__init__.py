"""Payment messages (issue 14): ISO 20022 pacs.008 and SWIFT MT103 read field by field
(:mod:`sanctio.payments.pacs008`, :mod:`sanctio.payments.mt103`), screened party by party,
agent by agent (names and BICs), country by country and through the text scanner
(:mod:`sanctio.payments.screen`), with a decision per message: pass, hold, block or error."""
