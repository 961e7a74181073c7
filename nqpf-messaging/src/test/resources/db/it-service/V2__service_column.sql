ALTER TABLE it_service_thing ADD COLUMN name TEXT;
