-- Frameworks may have sub-dimensions: indicator -> sub-dimension -> ... -> dimension -> overall. Each indicator keeps
-- the sub-dimensions between its dimension and itself, top first; NULL when it sits directly under its dimension (all
-- indicators before this version). Observation events carry them as the indicator's path.
ALTER TABLE indicator ADD COLUMN sub_dimensions TEXT[];
