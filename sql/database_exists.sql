-- Whether the server has a database named $1.
SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)
