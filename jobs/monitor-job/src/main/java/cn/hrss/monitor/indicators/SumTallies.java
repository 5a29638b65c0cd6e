package cn.hrss.monitor.indicators;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window aggregate: one {@link Tallies} per window, whatever the number of inputs. */
public final class SumTallies implements AggregateFunction<Tallies, Tallies, Tallies> {
    @Override
    public Tallies createAccumulator() {
        return new Tallies();
    }

    @Override
    public Tallies add(Tallies value, Tallies acc) {
        return acc.add(value, 1);
    }

    @Override
    public Tallies getResult(Tallies acc) {
        return acc;
    }

    @Override
    public Tallies merge(Tallies a, Tallies b) {
        return a.add(b, 1);
    }
}
