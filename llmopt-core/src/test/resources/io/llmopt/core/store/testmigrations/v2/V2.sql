-- adds a column; never edits V1
ALTER TABLE note ADD COLUMN author TEXT;
CREATE INDEX note_by_author ON note (author);
