package io.github.otaconnect.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.FirmwareInfo;
import io.github.otaconnect.api.FirmwarePage;
import io.github.otaconnect.api.JobStatus;
import io.github.otaconnect.api.JobSummary;
import io.github.otaconnect.api.JobSummaryPage;
import io.github.otaconnect.api.NotFoundException;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.VendorLimits;

/**
 * Finds the jobs to follow: every firmware of the configured products ({@code ListOTAFirmware}) plus the
 * configured firmware, then every job of that firmware ({@code ListOTAJobByFirmware}), all pages. Jobs that
 * are over and ended before the backfill horizon are left out.
 *
 * <p>A round either sees every listing completely or throws: a partial answer would look like jobs that
 * disappeared, and the connector would stop following them.
 */
final class JobDiscovery {

    private static final Logger log = LoggerFactory.getLogger(JobDiscovery.class);
    /**
     * Rows move while pages are read (the listings are newest first), so the page count is only a guide; this
     * bound keeps a listing that never ends from looping forever.
     */
    static final int MAX_PAGES = 10_000;

    private final OtaApi api;
    private final List<String> productKeys;
    private final List<String> firmwareIds;
    private final Duration backfillHorizon;
    private final Clock clock;

    JobDiscovery(OtaApi api, List<String> productKeys, List<String> firmwareIds, Duration backfillHorizon,
                 Clock clock) {
        this.api = api;
        this.productKeys = List.copyOf(productKeys);
        this.firmwareIds = List.copyOf(firmwareIds);
        this.backfillHorizon = backfillHorizon;
        this.clock = clock;
    }

    static JobDiscovery from(OtaSourceConnectorConfig config, OtaApi api, Clock clock) {
        return new JobDiscovery(api, config.productKeys(), config.firmwareIds(), config.discoveryBackfillHorizon(),
                clock);
    }

    /** What one round found. */
    record Result(List<String> jobIds, int firmwareCount, int jobsListed, int jobsBeyondHorizon) {
    }

    /**
     * Lists everything once.
     *
     * @return the jobs to follow, sorted by ID (a stable order keeps the task assignment stable)
     * @throws io.github.otaconnect.api.OtaApiException when a listing cannot be read completely
     */
    Result discover() throws InterruptedException {
        Set<String> firmware = new LinkedHashSet<>();
        for (String productKey : productKeys) {
            for (FirmwareInfo info : allFirmware(productKey)) {
                firmware.add(info.firmwareId());
            }
        }
        firmware.addAll(firmwareIds);

        Instant oldestEnd = backfillHorizon.isZero() ? null : clock.instant().minus(backfillHorizon);
        Set<String> jobs = new TreeSet<>();
        int listed = 0;
        int beyondHorizon = 0;
        for (String firmwareId : firmware) {
            for (JobSummary job : jobsOf(firmwareId)) {
                listed++;
                if (endedBefore(job, oldestEnd)) {
                    beyondHorizon++;
                } else {
                    jobs.add(job.jobId());
                }
            }
        }
        return new Result(List.copyOf(jobs), firmware.size(), listed, beyondHorizon);
    }

    private List<FirmwareInfo> allFirmware(String productKey) throws InterruptedException {
        List<FirmwareInfo> all = new ArrayList<>();
        int pageSize = VendorLimits.FIRMWARE_PAGE_SIZE;
        for (int page = 1; page <= MAX_PAGES; page++) {
            FirmwarePage answer = api.listFirmware(productKey, page, pageSize);
            all.addAll(answer.firmware());
            if (lastPage(page, pageSize, answer.firmware().size(), answer.total())) {
                break;
            }
        }
        return all;
    }

    /** A configured firmware that does not exist has no jobs; it is worth a warning, not a failed round. */
    private List<JobSummary> jobsOf(String firmwareId) throws InterruptedException {
        List<JobSummary> all = new ArrayList<>();
        int pageSize = VendorLimits.JOB_PAGE_SIZE;
        try {
            for (int page = 1; page <= MAX_PAGES; page++) {
                JobSummaryPage answer = api.listJobsByFirmware(firmwareId, page, pageSize);
                all.addAll(answer.jobs());
                if (lastPage(page, pageSize, answer.jobs().size(), answer.total())) {
                    break;
                }
            }
        } catch (NotFoundException e) {
            if (firmwareIds.contains(firmwareId)) {
                log.warn("Firmware {} does not exist; it has no jobs to follow. Remove it from {}. ({})", firmwareId,
                        OtaSourceConnectorConfig.FIRMWARE_IDS, e.getMessage());
            } else {
                log.debug("Firmware {} was deleted while jobs were being discovered", firmwareId);
            }
            return List.of();
        }
        return all;
    }

    /** A short page ends a listing; so does reaching the total, when the answer states one. */
    private static boolean lastPage(int page, int pageSize, int rows, int total) {
        return rows < pageSize || (total > 0 && (long) page * pageSize >= total);
    }

    private static boolean endedBefore(JobSummary job, Instant oldestEnd) {
        if (oldestEnd == null || !JobStatus.isFinal(job.jobStatus())) {
            return false;
        }
        Instant ended = job.utcEndTime() != null ? job.utcEndTime()
                : job.utcModified() != null ? job.utcModified() : job.utcCreate();
        return ended != null && ended.isBefore(oldestEnd);
    }
}
