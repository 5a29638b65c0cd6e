-- Indicator values (cn.hrss.monitor.indicators.IndicatorRow). A window is rewritten whenever it is refined,
-- with a growing version: ReplacingMergeTree(version) keeps the highest. Readers take the latest with FINAL or
-- argMax(value, version) grouped by the ORDER BY key. subject: the employer's USCC for employer-level indicators
-- (employer_departures), '' otherwise. as_of: event time the value is complete up to (= window_end once closed). written_at: when the row was written (freshness).
CREATE TABLE IF NOT EXISTS ${database}.indicators
(
    indicator      String,
    period         String,
    region_level   String,
    region_code    String,
    insurance_type String,
    subject        String,
    window_start   DateTime('Asia/Shanghai'),
    window_end     DateTime('Asia/Shanghai'),
    as_of          DateTime('Asia/Shanghai'),
    value          Decimal(18, 4),
    version        UInt64,
    written_at     DateTime('Asia/Shanghai')
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (indicator, period, region_code, insurance_type, subject, window_start);
