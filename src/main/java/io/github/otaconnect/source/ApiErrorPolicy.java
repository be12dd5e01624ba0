package io.github.otaconnect.source;

import io.github.otaconnect.api.FatalApiException;
import io.github.otaconnect.api.NotFoundException;
import io.github.otaconnect.api.OtaApiException;

/**
 * The one place that decides what an API error means for the connector: try the job again later, set
 * one job aside (its own problem, the other jobs go on), or fail the task because nothing can work until
 * an operator fixes something (credentials, permissions, instance, clock, endpoint).
 *
 * <p>It reads the classification the API client made ({@link OtaApiException#isRetriable()}, the exception
 * type, {@link FatalApiException#reason()}) and never looks at HTTP statuses or vendor codes itself: a
 * second list of codes here would drift from the client's and, as it did once, give one code two meanings.
 */
final class ApiErrorPolicy {

    enum Verdict {
        /** Transient: the client already retried; back off and scan again later. */
        RETRY_LATER,
        /**
         * The vendor refused one request (its parameters, or an error this connector does not know): that
         * scan stops, the job backs off as after a transient error, and the other jobs go on. Never the
         * task's end: the next scan may ask differently, and one odd request says nothing about the account.
         */
        REQUEST_REFUSED,
        /** This job does not exist (deleted, mistyped, another region or instance): log it, keep the others going. */
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
        if (error instanceof FatalApiException fatal && !fatal.reason().isConfigurationProblem()) {
            return Verdict.REQUEST_REFUSED;
        }
        return Verdict.FAIL_TASK;
    }
}
