package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.OtaActions;
import io.github.otaconnect.api.RetriableApiException;
import io.github.otaconnect.simulator.Fault;
import io.github.otaconnect.simulator.JobSpec;

class JobDiscoveryTest {

    private static final Duration WEEK = Duration.ofDays(7);

    private final ScanFixture fixture = new ScanFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private String addJob(JobSpec.Builder spec) {
        return fixture.scenario().addJob(spec.build());
    }

    private JobDiscovery discovery(List<String> productKeys, List<String> firmwareIds, Duration horizon) {
        return new JobDiscovery(fixture.api, productKeys, firmwareIds, horizon, fixture.clock.asClock());
    }

    private static List<String> sorted(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        copy.sort(null);
        return copy;
    }

    @Test
    void findsEveryJobOfEveryFirmwareOfTheProductsAcrossAllPages() throws InterruptedException {
        List<String> expected = new ArrayList<>();
        // 121 firmware: two pages of ListOTAFirmware; 210 jobs of one firmware: two pages of ListOTAJobByFirmware.
        for (int i = 0; i < 120; i++) {
            expected.add(addJob(JobSpec.upgrade().productKey("a1Paging").destVersion("2.0." + i).taskCount(1)
                    .changeRate(0)));
        }
        for (int i = 0; i < 210; i++) {
            expected.add(addJob(JobSpec.upgrade().productKey("a1Paging").destVersion("9.9.9").taskCount(1)
                    .changeRate(0)));
        }
        addJob(JobSpec.upgrade().productKey("b2Other").taskCount(1).changeRate(0));

        JobDiscovery.Result result = discovery(List.of("a1Paging"), List.of(), WEEK).discover();

        assertEquals(sorted(expected), result.jobIds(), "every job of the product, sorted by ID, nothing else");
        assertEquals(121, result.firmwareCount());
        assertEquals(2, fixture.simulator.counters().snapshot().total(OtaActions.LIST_OTA_FIRMWARE));
        assertEquals(122, fixture.simulator.counters().snapshot().total(OtaActions.LIST_OTA_JOB_BY_FIRMWARE));
    }

    @Test
    void finishedJobsThatEndedBeforeTheHorizonAreLeftOutUnlessTheHorizonIsZero() throws InterruptedException {
        String running = addJob(JobSpec.upgrade().productKey("a1Horizon").taskCount(3).changeRate(0));
        String endedLongAgo = addJob(JobSpec.upgrade().productKey("a1Horizon").taskCount(3).changeRate(0));
        fixture.scenario().finishJob(endedLongAgo);
        fixture.clock.advance(Duration.ofDays(7));
        String canceledRecently = addJob(JobSpec.upgrade().productKey("a1Horizon").taskCount(3).changeRate(0));
        fixture.scenario().cancelJob(canceledRecently);
        fixture.clock.advance(Duration.ofDays(1));

        JobDiscovery.Result week = discovery(List.of("a1Horizon"), List.of(), WEEK).discover();
        JobDiscovery.Result all = discovery(List.of("a1Horizon"), List.of(), Duration.ZERO).discover();

        assertEquals(sorted(List.of(running, canceledRecently)), week.jobIds());
        assertEquals(1, week.jobsBeyondHorizon());
        assertEquals(sorted(List.of(running, endedLongAgo, canceledRecently)), all.jobIds());
    }

    @Test
    void configuredFirmwareIsListedDirectlyAndAMissingOneIsSkipped() throws InterruptedException {
        String wanted = addJob(JobSpec.upgrade().productKey("a1Fw").firmwareId("WantedFirmware0000000100")
                .taskCount(2).changeRate(0));
        addJob(JobSpec.upgrade().productKey("a1Fw").destVersion("3.0.0").taskCount(2).changeRate(0));

        JobDiscovery.Result result = discovery(List.of(), List.of("WantedFirmware0000000100",
                "MissingFirmware000000100"), WEEK).discover();

        assertEquals(List.of(wanted), result.jobIds());
        assertEquals(0, fixture.simulator.counters().snapshot().total(OtaActions.LIST_OTA_FIRMWARE));
    }

    @Test
    void aListingThatCannotBeReadFailsTheWholeRound() {
        addJob(JobSpec.upgrade().productKey("a1Fail").taskCount(2).changeRate(0));
        fixture.simulator.faults().failNext(OtaActions.LIST_OTA_JOB_BY_FIRMWARE, 1, Fault.serviceUnavailable());

        assertThrows(RetriableApiException.class,
                () -> discovery(List.of("a1Fail"), List.of(), WEEK).discover());
    }
}
