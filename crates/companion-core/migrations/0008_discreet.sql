-- Discreet notifications: neutral words, no app name that speaks of recovery. Off until chosen.
INSERT INTO settings (key, value) VALUES ('discreet', '0');
