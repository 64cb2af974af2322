-- Seed data for dev: the first two users talk in the sample conversations (conversations/),
-- the third is there to start new conversations with. Cognito ids are copied by `cruddur cognito update-ids`.
INSERT INTO public.users (display_name, handle, email, cognito_user_id)
VALUES
  ('Andrew Brown', 'andrewbrown', 'andrew@example.com', 'MOCK'),
  ('Andrew Bayko', 'bayko', 'bayko@example.com', 'MOCK'),
  ('Londo Mollari', 'londo', 'londo@example.com', 'MOCK');

INSERT INTO public.activities (user_uuid, message, expires_at)
VALUES
  ((SELECT uuid FROM public.users WHERE users.handle = 'andrewbrown' LIMIT 1),
   'This was imported as seed data!',
   current_timestamp + interval '10 day');
