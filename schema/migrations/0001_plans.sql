-- Reference data: the plan ladder (DESIGN.md: accounts without a subscription are on the implicit Free plan).
INSERT INTO plans (id, name, rank, max_short_side, max_concurrent_streams, price_cents, currency) VALUES
  ('free', 'Free', 0, 720, 1, 0, 'USD'),
  ('basic', 'Basic', 1, 720, 2, 699, 'USD'),
  ('standard', 'Standard', 2, 1080, 3, 1299, 'USD'),
  ('premium', 'Premium', 3, 2160, 4, 1999, 'USD');
