-- A facility's logo and a court's picture: the name of the stored image file under the data
-- directory's media/ (the SHA-256 of its bytes and its type's extension), or NULL for none.
ALTER TABLE facilities ADD COLUMN logo TEXT;
ALTER TABLE resources ADD COLUMN image TEXT;
