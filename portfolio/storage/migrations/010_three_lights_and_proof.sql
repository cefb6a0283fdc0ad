-- Schema version 10 (issue #18): what the engine now judges and shows beside the latest
-- value. Per KPI of a verdict: the first measurement's date (the evidence run's span), the
-- band (lowest and highest of the newest measurements) and the forecast date of reaching
-- the target at the current trend. Per verdict: the `proof` criterion (SCALE needs the
-- band's worse edge green and a long enough run). Per reason: the band edges and the
-- forecast date as params. Verdicts stored before keep NULL here: they were judged
-- without proof, and read back so.

ALTER TABLE evaluation_kpis ADD COLUMN first_on DATE;
ALTER TABLE evaluation_kpis ADD COLUMN band_min DOUBLE;
ALTER TABLE evaluation_kpis ADD COLUMN band_max DOUBLE;
ALTER TABLE evaluation_kpis ADD COLUMN forecast_on DATE;

ALTER TABLE evaluations ADD COLUMN proof_light VARCHAR;
ALTER TABLE evaluations ADD COLUMN proof_value DOUBLE;
ALTER TABLE evaluations ADD COLUMN proof_passed BOOLEAN;

ALTER TABLE evaluation_reasons ADD COLUMN low_pct DOUBLE;
ALTER TABLE evaluation_reasons ADD COLUMN high_pct DOUBLE;
ALTER TABLE evaluation_reasons ADD COLUMN forecast_on VARCHAR;
