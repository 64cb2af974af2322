-- The Cognito ids of the users named by handle ($1, a text[]), locked until the update commits.
SELECT handle, cognito_user_id FROM public.users WHERE handle = ANY($1) FOR UPDATE
