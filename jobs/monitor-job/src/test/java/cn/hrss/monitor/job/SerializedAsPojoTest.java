package cn.hrss.monitor.job;

import cn.hrss.monitor.indicators.IndicatorRow;
import cn.hrss.monitor.indicators.Tallies;
import cn.hrss.monitor.indicators.WindowedTallies;
import cn.hrss.monitor.warnings.Observation;
import cn.hrss.monitor.warnings.detectors.BenefitAfterDeathPayment;
import cn.hrss.monitor.warnings.detectors.FundMonthsPayableLevel;
import cn.hrss.monitor.warnings.detectors.MassLayoffEmployer;
import cn.hrss.monitor.warnings.detectors.UiWhileEmployedSpell;
import cn.hrss.monitor.warnings.detectors.UnemploymentSurgeBaseline;
import cn.hrss.monitor.warnings.layoff.MassLayoffSignal;
import cn.hrss.monitor.warnings.lifecycle.AlertTransition;
import cn.hrss.monitor.warnings.lifecycle.OpenEpisode;
import cn.hrss.monitor.warnings.patterns.PeriodVerdict;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.SeverityBand;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type that crosses a shuffle or lives in state is a Flink POJO: serialized field by field by Flink's own
 * serializer, with schema evolution, never by the Kryo fallback (which the job also forbids at run time). The one
 * exception is {@code Event}, the hottest type, which has a serializer of its own ({@code EventSerializerTest}).
 */
class SerializedAsPojoTest {

    @ParameterizedTest
    @ValueSource(classes = {IndicatorRow.class, Tallies.class, WindowedTallies.class, Observation.class,
        PeriodVerdict.class, OpenEpisode.class, AlertTransition.class, RuleDefinition.class, SeverityBand.class,
        MassLayoffSignal.class, BenefitAfterDeathPayment.class, UiWhileEmployedSpell.class, MassLayoffEmployer.class,
        FundMonthsPayableLevel.class, UnemploymentSurgeBaseline.class})
    void isSerializedAsAPojo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
