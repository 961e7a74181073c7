-- Frameworks may have sub-dimensions (indicator -> sub-dimension -> dimension -> overall, any depth), and hierarchies
-- other than the paper's four dimensions (COINr's ASEM index): each value keeps the aggregates above its indicator,
-- top first, as its event stated them. NULL means the indicator sits directly under its dimension. A framework of
-- another hierarchy has neither the paper's dimension nor its subsystems.
ALTER TABLE observation_value ADD COLUMN path TEXT[];
ALTER TABLE observation_value ALTER COLUMN dimension DROP NOT NULL;
ALTER TABLE observation_value ALTER COLUMN subsystem DROP NOT NULL;
