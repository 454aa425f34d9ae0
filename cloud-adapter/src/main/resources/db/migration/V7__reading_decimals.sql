-- Weir cloud adapter schema, version 6: how many decimals people read a channel's value with (the point's
-- decimals in its device profile, 0 for a value sent as an integer), so the operations view shows 229.8 V and a
-- count of 87 as the gateway's console does. NULL: shown as stored.
ALTER TABLE latest_reading ADD COLUMN decimals INTEGER;
