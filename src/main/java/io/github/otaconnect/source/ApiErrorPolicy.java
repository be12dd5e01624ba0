package io.github.otaconnect.source;

import java.util.Set;

import io.github.otaconnect.api.NotFoundException;
import io.github.otaconnect.api.OtaApiException;

/**
 * The one place that decides what an API error means for the connector: try the job again later, set
 * one job aside (its own problem, the other jobs go on), or fail the task because nothing can work until
 * an operator fixes something (credentials, permissions, instance, clock).
 */
final class ApiErrorPolicy {

    /** Business errors (HTTP 200, Success=false) that concern the account or instance, not one job. */
    private static final Set<String> ACCOUNT_WIDE_CODES = Set.of(
            "iot.common.RamActionPermissionDeny", "iot.system.InstanceNotFound", "iot.system.IllegalRequest",
            "iot.common.AuthActionPermissionDeny");

    enum Verdict {
        /** Transient: the client already retried; back off and scan again later. */
        RETRY_LATER,
        /** This job cannot be read (deleted, never existed, refused): log it, keep the others going. */
        JOB_PROBLEM,
        /** Nothing will work until the configuration or the account is fixed. */
        FAIL_TASK
    }

    private ApiErrorPolicy() {
    }

    static Verdict classify(OtaApiException error) {
        if (error.isRetriable()) {
            return Verdict.RETRY_LATER;
        }
        if (error instanceof NotFoundException) {
            return Verdict.JOB_PROBLEM;
        }
        boolean businessError = error.httpStatus() == 200;
        if (businessError && (error.code() == null || !ACCOUNT_WIDE_CODES.contains(error.code()))) {
            return Verdict.JOB_PROBLEM;
        }
        return Verdict.FAIL_TASK;
    }
}
