-- The desk's day sheet lists a facility's blocks of one day in one query.
CREATE INDEX blocks_facility_start ON blocks (facility_id, start_at);
