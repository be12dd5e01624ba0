package io.github.otaconnect.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.otaconnect.api.MalformedRow;

/**
 * Tells the operator about the malformed rows of one scan of one job: one WARN per row, naming the job,
 * the row (its TaskId, or its place on the page), the page and the RequestId to quote to the vendor, and
 * what became of the row. A vendor that breaks a whole field would flood the log, so past
 * {@value #MAX_WARNINGS} rows in one scan the rest go to DEBUG; all of them are counted.
 */
final class MalformedRowLog {

    static final int MAX_WARNINGS = 20;

    private static final Logger log = LoggerFactory.getLogger(MalformedRowLog.class);

    private final String jobId;
    private int rows;

    MalformedRowLog(String jobId) {
        this.jobId = jobId;
    }

    void report(MalformedRow row, int page, String requestId) {
        rows++;
        boolean warn = rows <= MAX_WARNINGS;
        if (!warn && !log.isDebugEnabled()) {
            return;
        }
        String line = "Job {}: {} of page {} in the ListOTATaskByJob response with RequestId {} is malformed: {}; {}";
        Object[] args = {jobId, row.row(), page, requestId, String.join("; ", row.problems()),
                row.skipped() ? "the row is skipped, the rest of the page is read"
                        : "the task is published with those fields null"};
        if (!warn) {
            log.debug(line, args);
            return;
        }
        log.warn(line, args);
        if (rows == MAX_WARNINGS) {
            log.warn("Job {}: {} malformed rows in this scan; further ones are counted (metric {}) and logged at DEBUG "
                    + "only", jobId, MAX_WARNINGS, TaskMetrics.MALFORMED_ROWS_TOTAL);
        }
    }

    /** Rows reported in this scan. */
    int rows() {
        return rows;
    }
}
