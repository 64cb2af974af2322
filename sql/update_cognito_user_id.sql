-- Sets each user's Cognito id in one statement: $1 a text[] of handles, $2 the text[] of their subs.
UPDATE public.users
SET cognito_user_id = new.sub
FROM unnest($1::text[], $2::text[]) AS new(handle, sub)
WHERE users.handle = new.handle
