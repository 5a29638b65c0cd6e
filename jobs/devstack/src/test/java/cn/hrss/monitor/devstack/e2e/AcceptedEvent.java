package cn.hrss.monitor.devstack.e2e;

import cn.hrss.monitor.tools.clickhouse.ClickHouseQueries;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An event the job accepted, read back from ClickHouse {@code events FINAL}: what the indicators are computed from.
 *
 * @param type wire name, e.g. {@code contribution.paid}
 * @param amountFen the amount in fen (exact), 0 where the type has none
 */
record AcceptedEvent(String type, String regionCode, String insuranceType, String person, String employer,
        String benefitItem, long amountFen, long occurredAtMillis) {

    static List<AcceptedEvent> readAll(ClickHouseQueries clickHouse, String eventsTable) throws IOException {
        List<AcceptedEvent> events = new ArrayList<>();
        for (String[] r : clickHouse.queryTsv("SELECT type, region_code, insurance_type, person_pseudonym,"
                + " employer_uscc, benefit_item, amount, occurred_at_ms FROM " + eventsTable + " FINAL")) {
            events.add(new AcceptedEvent(r[0], r[1], r[2], r[3], r[4], r[5],
                    new BigDecimal(r[6]).movePointRight(2).longValueExact(), Long.parseLong(r[7])));
        }
        return events;
    }
}
