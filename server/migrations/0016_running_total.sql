-- A running sum over bigint that stays bigint: the built-in sum(bigint) accumulates and
-- answers in numeric, which costs about a third of the import's balance window
-- (docs/decisions/0016-journal-one-index.md). int8pl raises on overflow, so it is exact.
CREATE AGGREGATE running_total(bigint) (SFUNC = int8pl, STYPE = bigint, INITCOND = '0');
--> statement-breakpoint
-- Balances are rewritten by every batch: room on each page lets the update stay on the
-- page (a HOT update) instead of adding an entry to each of the table's three indexes.
ALTER TABLE holdings SET (fillfactor = 70);
