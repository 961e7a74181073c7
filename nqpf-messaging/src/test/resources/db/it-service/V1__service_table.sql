-- A service's own first migration, numbered above every messaging migration as the real services' are.
CREATE TABLE it_service_thing (id TEXT PRIMARY KEY);
