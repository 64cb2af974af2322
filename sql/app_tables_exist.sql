-- Whether the app's tables (sql/schema.sql) are there.
SELECT to_regclass('public.users') IS NOT NULL AND to_regclass('public.activities') IS NOT NULL
