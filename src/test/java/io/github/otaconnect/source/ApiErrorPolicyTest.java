package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.otaconnect.api.FatalApiException;
import io.github.otaconnect.api.FatalApiException.Reason;
import io.github.otaconnect.api.InvalidResponseException;
import io.github.otaconnect.api.NotFoundException;
import io.github.otaconnect.api.OtaApiException;
import io.github.otaconnect.api.RawResponse;
import io.github.otaconnect.api.ResponseParsers;
import io.github.otaconnect.api.RetriableApiException;
import io.github.otaconnect.api.TaskQuery;
import io.github.otaconnect.api.ThrottledException;
import io.github.otaconnect.source.ApiErrorPolicy.Verdict;

class ApiErrorPolicyTest {

    private static final String ACTION = "ListOTATaskByJob";

    @ParameterizedTest
    @EnumSource(Reason.class)
    void aFatalErrorFailsTheTaskOnlyForAConfigurationReason(Reason reason) {
        // HTTP 200 and 400 alike: the verdict follows the reason, never the status the error came with.
        for (int status : new int[] {200, 400}) {
            FatalApiException error = new FatalApiException(reason, ACTION, "Some.Code", "R1", status, "refused");
            Verdict expected = switch (reason) {
                case CREDENTIALS, PERMISSION, CLOCK, INSTANCE, ENDPOINT -> Verdict.FAIL_TASK;
                case REQUEST -> Verdict.REQUEST_REFUSED;
            };
            assertEquals(expected, ApiErrorPolicy.classify(error), reason + " with HTTP " + status);
        }
    }

    @Test
    void transientErrorsAreRetriedLater() {
        assertEquals(Verdict.RETRY_LATER, ApiErrorPolicy.classify(
                new RetriableApiException(ACTION, "iot.system.SystemException", "R", 200, "busy")));
        assertEquals(Verdict.RETRY_LATER, ApiErrorPolicy.classify(
                new ThrottledException(ACTION, "Throttling.User", "R", 400, "throttled")));
        assertEquals(Verdict.RETRY_LATER, ApiErrorPolicy.classify(
                new InvalidResponseException(ACTION, null, "R", 200, "garbled")));
    }

    @Test
    void aJobThatDoesNotExistIsTheJobsProblem() {
        assertEquals(Verdict.JOB_PROBLEM, ApiErrorPolicy.classify(
                new NotFoundException("QueryOTAJob", "iot.ota.OTAJobNotExist", "R", 200, "no such job")));
    }

    /** The vendor's own answers, through the client's classification, to the verdict. */
    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "200 | iot.common.InvalidFormattedParameter | REQUEST_REFUSED",
            "200 | iot.system.IllegalRequest            | REQUEST_REFUSED",
            "200 | iot.common.InvalidPageParams         | REQUEST_REFUSED",
            "200 | iot.ota.SomethingNew                 | REQUEST_REFUSED",
            "400 | InvalidParameter                     | REQUEST_REFUSED",
            "400 | MissingParameter.JobId               | REQUEST_REFUSED",
            "400 | Some.New.Code                        | REQUEST_REFUSED",
            "200 | iot.ota.OTAJobNotExist               | JOB_PROBLEM",
            "200 | iot.system.SystemException           | RETRY_LATER",
            "503 | ServiceUnavailable                   | RETRY_LATER",
            "200 | iot.common.RamActionPermissionDeny   | FAIL_TASK",
            "200 | iot.common.AuthActionPermissionDeny  | FAIL_TASK",
            "200 | iot.system.InstanceNotFound          | FAIL_TASK",
            "400 | SignatureDoesNotMatch                | FAIL_TASK",
            "404 | InvalidAccessKeyId.NotFound          | FAIL_TASK",
            "400 | InvalidTimeStamp.Expired             | FAIL_TASK",
            "403 | Forbidden.RAM                        | FAIL_TASK",
    })
    void vendorErrors(int status, String code, Verdict expected) {
        String body = status == 200
                ? "{\"Success\":false,\"RequestId\":\"R\",\"Code\":\"" + code + "\",\"ErrorMessage\":\"m\"}"
                : "{\"RequestId\":\"R\",\"HostId\":\"h\",\"Code\":\"" + code + "\",\"Message\":\"m\"}";
        RawResponse response = new RawResponse(status, body.getBytes(StandardCharsets.UTF_8), null);
        OtaApiException error = assertThrows(OtaApiException.class,
                () -> ResponseParsers.parser().parseTaskPage(response,
                        new TaskQuery("job", 1, 10, null, List.of())));
        assertEquals(expected, ApiErrorPolicy.classify(error));
    }
}
