-- Who is connected to the server: client sessions only (no background workers), not this one.
SELECT pid, usename::text, datname::text, host(client_addr), application_name, state
FROM pg_stat_activity
WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
ORDER BY datname, pid
