-- Handles of the users not yet matched to a Cognito user (seed.sql gives them 'MOCK').
SELECT handle FROM public.users WHERE cognito_user_id = 'MOCK' ORDER BY handle
