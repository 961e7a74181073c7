-- Stands for a messaging migration added after a service's V2 shipped: its version is below the service's newest.
CREATE TABLE it_messaging_marker (id INT PRIMARY KEY);
