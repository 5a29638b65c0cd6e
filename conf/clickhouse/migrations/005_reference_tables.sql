-- Reference data for the dashboards, so their queries name regions, compare with targets and draw warning bands
-- without literals. The migration command (bin/migrate, ClickHouseReferenceTables) fills these tables after the
-- migrations from the job's reference data and rule catalog, replacing each table's rows on every run (re-running
-- never duplicates). Plain MergeTree: they are rewritten whole, never upserted.

-- GB/T 2260 regions (conf/reference/regions.csv). display_name as alerts name a region (北京市朝阳区);
-- province_code / city_code: the region's province and city (the region itself at that level, '' above it), so a
-- reader selects everything within a region with one comparison.
CREATE TABLE IF NOT EXISTS ${database}.regions
(
    code          String,
    name          String,
    display_name  String,
    level         String,
    parent_code   String,
    province_code String,
    city_code     String
)
ENGINE = MergeTree
ORDER BY code;

-- Annual target for new urban employment (城镇新增就业), persons (conf/reference/employment_targets.csv).
CREATE TABLE IF NOT EXISTS ${database}.employment_targets
(
    region_code                 String,
    annual_new_urban_employment UInt64
)
ENGINE = MergeTree
ORDER BY region_code;

-- Insurance types in scope (AAE140 code, Chinese name).
CREATE TABLE IF NOT EXISTS ${database}.insurance_types
(
    code String,
    name String
)
ENGINE = MergeTree
ORDER BY code;

-- Severity bands of the rule catalog (alerts/rules): a value v is in a band when at_least <= v < below; unbounded
-- ends are -inf / inf. insurance_type '' = every type. Every rule has at least one band, so this also names every rule. severity_level: 1 (red) to 4 (blue), as in the rules.
CREATE TABLE IF NOT EXISTS ${database}.rule_bands
(
    rule_id        String,
    rule_name      String,
    rule_version   UInt32,
    severity       String,
    severity_name  String,
    severity_level UInt8,
    insurance_type String,
    at_least       Float64,
    below          Float64
)
ENGINE = MergeTree
ORDER BY (rule_id, insurance_type, severity_level);
