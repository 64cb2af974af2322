-- The users named by handle: $1 is a text[] of handles.
SELECT uuid, display_name, handle FROM public.users WHERE handle = ANY($1)
