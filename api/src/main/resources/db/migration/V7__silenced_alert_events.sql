-- Which transitions of an alert episode were silenced, and by which silences: a JSON object from the transition's
-- state to the ids of the silences active and matching at the transition's record time, e.g.
-- {"firing": ["3f0c…"], "resolved": ["3f0c…"]}. A state absent from it was not silenced (or has not happened).
alter table alerts add column silenced_by jsonb not null default '{}';
