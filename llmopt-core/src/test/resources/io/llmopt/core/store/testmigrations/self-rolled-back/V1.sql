-- A migration SQLite rolls back by itself before it fails, as it does on a full disk.
CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);
ROLLBACK;
ALTER TABLE missing ADD COLUMN x TEXT;
