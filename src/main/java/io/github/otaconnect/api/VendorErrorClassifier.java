package io.github.otaconnect.api;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.otaconnect.api.FatalApiException.Reason;

/**
 * Turns a vendor error (HTTP status, {@code Code}, message, {@code RequestId}) into the typed exception that
 * tells the caller whether to retry and the operator what to fix.
 *
 * <p>The vendor does not publish a complete code list, so the rules are ordered from the most specific
 * (a code we know) to the most general (the HTTP status alone). Assumptions, because the vendor's pages do
 * not name the codes:
 * <ul>
 *   <li>"does not exist" is an {@code iot.ota.*}, {@code iot.common.*} or {@code iot.firmware.*} code
 *       mentioning {@code NotExist}/{@code NotFound}, or an {@code Invalid...JobId}/{@code Invalid...FirmwareId}
 *       code (for example {@code iot.common.InvalidJobId});</li>
 *   <li>{@code iot.system.*} is transient except {@code iot.system.InstanceNotFound} (configuration) and
 *       {@code iot.system.IllegalRequest}, which the vendor's error-code page describes as "the request
 *       parameter is invalid": a refusal of that one request ({@link Reason#REQUEST}), not of the account.
 *       Resending the same request cannot help, but other requests through the same settings may well
 *       succeed, so it must not fail the task;</li>
 *   <li>an unknown code on HTTP 5xx is transient, an unknown code otherwise is fatal, so a configuration
 *       problem surfaces instead of being retried forever.</li>
 * </ul>
 */
final class VendorErrorClassifier {

    private static final Pattern NOT_FOUND_CODE = Pattern.compile(
            "(?i)iot\\.(ota|common|firmware)\\..*(NotExist|NotFound|Invalid\\w*JobId|Invalid\\w*FirmwareId).*");
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "serviceunavailable", "serviceunavailabletemporary", "internalerror", "internalfailure",
            "servicetimeout", "requesttimeout", "unknownerror", "systembusy", "servicebusy");
    private static final Set<String> PARAMETER_CODES = Set.of(
            "iot.system.illegalrequest", "iot.common.invalidpageparams", "iot.common.invalidformattedparameter");

    private VendorErrorClassifier() {
    }

    /**
     * @param vendorMessage the vendor's {@code Message}/{@code ErrorMessage}, already stripped of secrets
     */
    static OtaApiException classify(String action, int httpStatus, String code, String vendorMessage,
                                    String requestId) {
        String said = vendorMessage == null || vendorMessage.isBlank() ? "" : " The vendor says: \"" + vendorMessage + "\".";
        String c = code == null ? "" : code.toLowerCase(Locale.ROOT);

        if (isThrottling(c, httpStatus)) {
            return new ThrottledException(action, code, requestId, httpStatus,
                    "the vendor throttled the call." + said + " The quota is 10 queries per second per action"
                            + " for the whole Alibaba Cloud account, shared by every client using it; the client"
                            + " backs off and retries. If this persists, lower ota.qps.per.action or reduce other"
                            + " load on the account.");
        }
        if (c.equals("signaturenonceused")) {
            return new RetriableApiException(action, code, requestId, httpStatus,
                    "the vendor has already seen this SignatureNonce." + said + " Retrying with a fresh nonce;"
                            + " if this persists, check that no proxy replays requests.");
        }
        if (c.startsWith("invalidtimestamp")) {
            return new FatalApiException(Reason.CLOCK, action, code, requestId, httpStatus,
                    "the request timestamp was rejected." + said + " The vendor accepts requests only within"
                            + " 15 minutes of its own clock: check the worker's clock (NTP) and time zone.");
        }
        if (c.startsWith("signaturedoesnotmatch") || c.startsWith("incompletesignature")
                || c.startsWith("invalidsignature")) {
            return new FatalApiException(Reason.CREDENTIALS, action, code, requestId, httpStatus,
                    "the request signature was rejected." + said + " Check the AccessKey ID and secret"
                            + " (ota.access.key.id, ota.access.key.secret) belong together and were copied"
                            + " without extra characters.");
        }
        if (c.startsWith("invalidaccesskeyid")) {
            return new FatalApiException(Reason.CREDENTIALS, action, code, requestId, httpStatus,
                    "the AccessKey ID was not accepted." + said + " Check the AccessKey ID and secret"
                            + " (ota.access.key.id) exist and are enabled in the RAM console.");
        }
        if (c.startsWith("invalidsecuritytoken") || c.contains("securitytoken")) {
            return new FatalApiException(Reason.CREDENTIALS, action, code, requestId, httpStatus,
                    "the STS security token was not accepted." + said + " Temporary credentials expire:"
                            + " supply a fresh token (ota.security.token) together with its AccessKey pair.");
        }
        if (c.startsWith("forbidden") || c.contains("nopermission") || c.contains("permissiondeny")
                || c.contains("permissiondenied") || c.contains("accessdenied") || c.equals("unauthorized")) {
            return new FatalApiException(Reason.PERMISSION, action, code, requestId, httpStatus,
                    "the caller is not allowed to call " + action + "." + said + " Grant the RAM user the"
                            + " iot:" + action + " permission (for example with the AliyunIOTReadOnlyAccess policy).");
        }
        if (c.contains("instancenotfound") || c.contains("invalidiotinstance") || c.contains("instancenotexist")) {
            return new FatalApiException(Reason.INSTANCE, action, code, requestId, httpStatus,
                    "the IoT instance was not found." + said + " Check the IoT instance ID (ota.iot.instance.id):"
                            + " enterprise instances need it, public instances must leave it empty; check the"
                            + " region (ota.region.id) matches the instance.");
        }
        if (code != null && NOT_FOUND_CODE.matcher(code).matches()) {
            return new NotFoundException(action, code, requestId, httpStatus,
                    "the job or firmware does not exist." + said + " It may have been deleted or mistyped, or"
                            + " belong to another region (ota.region.id) or IoT instance (ota.iot.instance.id).");
        }
        if (PARAMETER_CODES.contains(c) || c.startsWith("invalidparameter") || c.startsWith("missingparameter")
                || c.startsWith("missing") || c.startsWith("iot.common.invalid")) {
            return new FatalApiException(Reason.REQUEST, action, code, requestId, httpStatus,
                    "the vendor refused the request parameters." + said + " Check the job and firmware IDs"
                            + " (ota.job.ids) and the page size (ota.page.size); if they look right, this is a"
                            + " connector bug: report it with the RequestId.");
        }
        if (TRANSIENT_CODES.contains(c) || c.startsWith("iot.system.") || httpStatus >= 500 || httpStatus == 408) {
            return new RetriableApiException(action, code, requestId, httpStatus,
                    "the vendor reported a transient server-side problem." + said + " The call is retried; if"
                            + " this persists, check the Alibaba Cloud status page and quote the RequestId to"
                            + " vendor support.");
        }
        if (code == null) {
            return withoutCode(action, httpStatus, requestId, said);
        }
        return new FatalApiException(Reason.REQUEST, action, code, requestId, httpStatus,
                "the vendor returned an error this connector does not know." + said + " Look the code up in the"
                        + " Alibaba Cloud API Error Center (product Iot) and quote the RequestId to vendor support.");
    }

    private static boolean isThrottling(String lowerCode, int httpStatus) {
        return httpStatus == 429 || lowerCode.startsWith("throttling") || lowerCode.contains(".throttling")
                || lowerCode.contains("toomanyrequests") || lowerCode.contains("qpslimit")
                || lowerCode.contains("flowcontrol");
    }

    /** A non-2xx answer without a vendor code usually comes from something in front of the API. */
    private static OtaApiException withoutCode(String action, int httpStatus, String requestId, String said) {
        if (httpStatus == 401 || httpStatus == 403) {
            return new FatalApiException(Reason.CREDENTIALS, action, null, requestId, httpStatus,
                    "access was denied without a vendor error code." + said + " Check the AccessKey"
                            + " (ota.access.key.id), the RAM permission iot:" + action + ", and any proxy"
                            + " between the worker and the endpoint.");
        }
        if (httpStatus >= 300 && httpStatus < 400) {
            return new FatalApiException(Reason.ENDPOINT, action, null, requestId, httpStatus,
                    "the endpoint answered with a redirect." + said + " Configure the final endpoint URL"
                            + " (ota.endpoint.url), usually https://iot.<region>.aliyuncs.com/.");
        }
        return new FatalApiException(Reason.ENDPOINT, action, null, requestId, httpStatus,
                "the endpoint did not answer like the IoT API (no vendor error code)." + said + " Check the"
                        + " endpoint (ota.endpoint.url) and region (ota.region.id), and any proxy in between.");
    }
}
