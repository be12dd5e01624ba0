package io.github.otaconnect.api;

import static io.github.otaconnect.api.VendorSamples.businessError;
import static io.github.otaconnect.api.VendorSamples.gatewayError;
import static io.github.otaconnect.api.VendorSamples.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.otaconnect.api.FatalApiException.Reason;

class VendorErrorMappingTest {

    private final ResponseParser parser = ResponseParsers.parser();

    private OtaApiException failure(int status, String body) {
        return assertThrows(OtaApiException.class, () -> parser.parseJob(response(status, body)));
    }

    /** status | code | body shape | expected class | retriable | fatal reason | advice fragment */
    @ParameterizedTest(name = "HTTP {0} {1} ({2}) -> {3}")
    @CsvSource(delimiter = '|', value = {
            "400 | Throttling                      | gateway  | Throttled     | true  |             | ota.qps.per.action",
            "400 | Throttling.User                 | gateway  | Throttled     | true  |             | shared by every client",
            "503 | Throttling.Api                  | gateway  | Throttled     | true  |             | backs off",
            "429 | Throttling.Tps                  | gateway  | Throttled     | true  |             | backs off",
            "200 | Throttling.User                 | business | Throttled     | true  |             | backs off",
            "400 | SignatureNonceUsed              | gateway  | Retriable     | true  |             | fresh nonce",
            "503 | ServiceUnavailable              | gateway  | Retriable     | true  |             | transient",
            "500 | InternalError                   | gateway  | Retriable     | true  |             | transient",
            "502 | SomethingNew                    | gateway  | Retriable     | true  |             | transient",
            "200 | iot.system.SystemException      | business | Retriable     | true  |             | transient",
            "200 | iot.system.Busy                 | business | Retriable     | true  |             | RequestId",
            "400 | SignatureDoesNotMatch           | gateway  | Fatal         | false | CREDENTIALS | AccessKey ID and secret",
            "400 | IncompleteSignature             | gateway  | Fatal         | false | CREDENTIALS | ota.access.key.secret",
            "404 | InvalidAccessKeyId.NotFound     | gateway  | Fatal         | false | CREDENTIALS | ota.access.key.id",
            "403 | InvalidAccessKeyId.Inactive     | gateway  | Fatal         | false | CREDENTIALS | enabled",
            "400 | InvalidSecurityToken.Expired    | gateway  | Fatal         | false | CREDENTIALS | fresh token",
            "400 | InvalidSecurityToken.Malformed  | gateway  | Fatal         | false | CREDENTIALS | ota.security.token",
            "400 | InvalidTimeStamp.Expired        | gateway  | Fatal         | false | CLOCK       | check the worker's clock",
            "400 | InvalidTimeStamp.Format         | gateway  | Fatal         | false | CLOCK       | 15 minutes",
            "403 | Forbidden.RAM                   | gateway  | Fatal         | false | PERMISSION  | iot:QueryOTAJob",
            "403 | Forbidden.NoPermission          | gateway  | Fatal         | false | PERMISSION  | Grant the RAM user",
            "200 | iot.common.RamActionPermissionDeny | business | Fatal      | false | PERMISSION  | iot:QueryOTAJob",
            "200 | iot.system.InstanceNotFound     | business | Fatal         | false | INSTANCE    | ota.iot.instance.id",
            "200 | iot.common.InvalidIotInstanceId | business | Fatal         | false | INSTANCE    | ota.iot.instance.id",
            "200 | iot.ota.OTAJobNotExist          | business | NotFound      | false |             | does not exist",
            "200 | iot.ota.JobNotFound             | business | NotFound      | false |             | deleted or mistyped",
            "200 | iot.ota.InvalidOTAJobId         | business | NotFound      | false |             | ota.region.id",
            "200 | iot.common.InvalidJobId         | business | NotFound      | false |             | does not exist",
            "200 | iot.ota.FirmwareNotExist        | business | NotFound      | false |             | does not exist",
            "200 | iot.common.InvalidPageParams    | business | Fatal         | false | REQUEST     | page size",
            "200 | iot.system.IllegalRequest       | business | Fatal         | false | REQUEST     | RequestId",
            "400 | MissingParameter.JobId          | gateway  | Fatal         | false | REQUEST     | connector bug",
            "400 | InvalidParameter                | gateway  | Fatal         | false | REQUEST     | refused",
            "200 | iot.ota.SomethingElse           | business | Fatal         | false | REQUEST     | Error Center",
            "400 | Some.New.Code                   | gateway  | Fatal         | false | REQUEST     | Error Center",
    })
    void mapsStatusAndCode(int status, String code, String shape, String expected, boolean retriable, String reason,
                           String advice) {
        String body = shape.equals("gateway") ? gatewayError(code, "vendor words") : businessError(code, "vendor words");
        OtaApiException e = failure(status, body);

        assertEquals(expected + (expected.equals("Retriable") ? "ApiException" : expected.equals("Fatal")
                ? "ApiException" : "Exception"), e.getClass().getSimpleName());
        assertEquals(retriable, e.isRetriable());
        assertEquals("QueryOTAJob", e.action());
        assertEquals(code, e.code());
        assertEquals("REQ-1", e.requestId());
        assertEquals(status, e.httpStatus());
        assertTrue(e.getMessage().startsWith("QueryOTAJob failed [HTTP " + status + ", Code " + code
                + ", RequestId REQ-1]: "), e.getMessage());
        assertTrue(e.getMessage().contains("The vendor says: \"vendor words\""), e.getMessage());
        assertTrue(e.getMessage().contains(advice), e.getMessage());
        assertEquals(expected.equals("NotFound") ? "not_found" : expected.toLowerCase(Locale.ROOT), e.outcome());
        if (reason != null) {
            assertEquals(Reason.valueOf(reason), ((FatalApiException) e).reason());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "500 | <html>oops</html>      | Retriable | true",
            "502 | ''                     | Retriable | true",
            "503 | {\"Message\":\"busy\"}   | Retriable | true",
            "408 | ''                     | Retriable | true",
            "429 | too many               | Throttled | true",
            "401 | ''                     | Fatal     | false",
            "403 | <html>WAF</html>       | Fatal     | false",
            "404 | <html>nope</html>      | Fatal     | false",
            "301 | ''                     | Fatal     | false",
            "400 | [1,2]                  | Fatal     | false",
    })
    void nonApiErrorBodiesAreClassifiedByStatus(int status, String body, String expected, boolean retriable) {
        OtaApiException e = failure(status, body);
        assertTrue(e.getClass().getSimpleName().startsWith(expected), e.getClass().getName());
        assertFalse(e instanceof InvalidResponseException, "a non-2xx error is not a malformed success");
        assertEquals(retriable, e.isRetriable());
        assertNull(e.code());
        assertEquals(status, e.httpStatus());
    }

    @Test
    void businessErrorPrefersErrorMessageAndGatewayUsesMessage() {
        OtaApiException business = failure(200,
                "{\"Success\":false,\"Code\":\"iot.system.SystemException\",\"ErrorMessage\":\"A system exception occurred.\"}");
        assertTrue(business.getMessage().contains("A system exception occurred."));
        assertNull(business.requestId());
        OtaApiException gateway = failure(503, gatewayError("ServiceUnavailable", "The request has failed due to a temporary failure of the server."));
        assertTrue(gateway.getMessage().contains("temporary failure of the server"));
    }

    @Test
    void successFalseAsStringAndCodeWithoutSuccessAreErrors() {
        assertInstanceOf(RetriableApiException.class,
                failure(200, "{\"Success\":\"false\",\"Code\":\"iot.system.SystemException\"}"));
        assertInstanceOf(NotFoundException.class, failure(200, "{\"Code\":\"iot.ota.OTAJobNotExist\"}"));
    }

    @Test
    void failureWithoutCodeIsInvalidResponse() {
        OtaApiException e = failure(200, "{\"Success\":false,\"RequestId\":\"R2\"}");
        assertInstanceOf(InvalidResponseException.class, e);
        assertEquals("R2", e.requestId());
        assertTrue(e.getMessage().contains("without an error code"), e.getMessage());
    }

    @Test
    void codeAndRequestIdOfWrongTypeAreIgnoredInErrors() {
        OtaApiException e = failure(400, "{\"Code\":{\"x\":1},\"RequestId\":[1],\"Message\":{}}");
        assertInstanceOf(FatalApiException.class, e);
        assertNull(e.code());
        assertNull(e.requestId());
    }

    @Test
    void vendorTextIsBoundedAndHasNoControlCharacters() {
        OtaApiException e = failure(400, gatewayError("Some.Code\\nFake: line", "x".repeat(5000) + "\\r\\nINFO forged"));
        assertFalse(e.getMessage().contains("\n"), "no newline from vendor text");
        assertFalse(e.getMessage().contains("\r"));
        assertTrue(e.getMessage().length() < 2000, "message length " + e.getMessage().length());
        assertEquals("Some.Code Fake: line", e.code());
    }

    @Test
    void everyActionNamesItselfInErrors() {
        RawResponse throttled = response(400, gatewayError("Throttling.User", "Request was denied due to user flow control."));
        TaskQuery q = new TaskQuery("j", 1, 10, null, List.of());
        assertEquals("ListOTATaskByJob",
                assertThrows(ThrottledException.class, () -> parser.parseTaskPage(throttled, q)).action());
        assertEquals("ListOTAFirmware",
                assertThrows(ThrottledException.class, () -> parser.parseFirmwarePage(throttled, 1, 10)).action());
        assertEquals("ListOTAJobByFirmware",
                assertThrows(ThrottledException.class, () -> parser.parseJobSummaryPage(throttled, 1, 10)).action());
    }
}
