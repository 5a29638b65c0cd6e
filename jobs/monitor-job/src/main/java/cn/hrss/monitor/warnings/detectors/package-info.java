/**
 * What the warning detectors keep in Flink keyed state: one POJO per kind of memory (a remembered benefit payment, an
 * employment spell, an employer's departures, a months-payable level, a registration baseline). The detectors that
 * use them live in the rule-family packages ({@code fraud}, {@code fund}, {@code layoff}, {@code unemployment}).
 *
 * <p>Why they are here and not beside their detectors: Flink's POJO serializer writes each state class's fully
 * qualified name into every checkpoint and savepoint and finds the class by that name on restore, so moving or
 * renaming one of these classes makes every savepoint taken before unrestorable. They stay under their original
 * names; {@code SavepointCompatibilityTest} (devstack) restores a savepoint taken before the package layout changed.
 * A rename needs a state migration (Flink's State Processor API) and a note in the README.
 */
package cn.hrss.monitor.warnings.detectors;
