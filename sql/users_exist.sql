-- Whether the users table has any row (the seed loaded, or real sign-ups).
SELECT EXISTS (SELECT 1 FROM public.users)
