-- Targets key on the 2018+ framework's measure ids, not only on stored indicator codes: a measure may be derived from
-- several indicators (the extended engagement rate, `extended_engagement_pct`, is the 4-year graduation rate plus
-- the still-enrolled and non-graduate-completer rates) and has no row in `indicators`. The state's targets file sets
-- targets for such measures, so the foreign key to `indicators` is dropped; the targets importer
-- (src/server/ingest/accountability-targets.ts) checks every code against the framework's measure ids instead.
ALTER TABLE accountability_targets DROP CONSTRAINT accountability_targets_indicator_code_fkey;
