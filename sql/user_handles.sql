-- Every handle, for "unknown handle" errors that list the ones that exist.
SELECT handle FROM public.users ORDER BY handle
