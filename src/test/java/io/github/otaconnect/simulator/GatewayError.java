package io.github.otaconnect.simulator;

/**
 * Errors the API gateway answers before the OTA service sees the call: an HTTP 4xx/5xx status and a body
 * of RequestId, HostId, Code, Message (and Recommend, as the real gateway adds). Missing parameters are
 * answered as {@code Missing<Name>}, HTTP 400 (see {@link #missingCode(String)}).
 *
 * <p>Throttling: the vendor documents "Throttling" errors without a status; the simulator answers
 * {@code Throttling.User} with HTTP 400, the status Alibaba Cloud's RPC gateway uses for flow control.
 */
public enum GatewayError {
  INVALID_ACTION(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."),
  INVALID_VERSION(400, "InvalidVersion", "Specified parameter Version is not valid."),
  UNSUPPORTED_FORMAT(400, "InvalidParameter.Format",
      "Specified parameter Format is not valid (the simulator answers JSON only)."),
  INVALID_SIGNATURE_METHOD(400, "InvalidSignatureMethod", "Specified signature method is not supported."),
  INVALID_SIGNATURE_VERSION(400, "InvalidSignatureVersion", "Specified signature version is not supported."),
  INVALID_TIMESTAMP_FORMAT(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."),
  TIMESTAMP_EXPIRED(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."),
  ACCESS_KEY_NOT_FOUND(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
  SIGNATURE_DOES_NOT_MATCH(400, "SignatureDoesNotMatch",
      "Specified signature is not matched with our calculation."),
  SIGNATURE_NONCE_USED(400, "SignatureNonceUsed", "Specified signature nonce was used already."),
  SECURITY_TOKEN_MISSING(400, "MissingSecurityToken", "SecurityToken is mandatory for this access key."),
  SECURITY_TOKEN_MISMATCH(400, "InvalidSecurityToken.MismatchWithAccessKey",
      "Specified SecurityToken mismatch with the AccessKey."),
  SECURITY_TOKEN_EXPIRED(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."),
  THROTTLING_USER(400, "Throttling.User", "Request was denied due to user flow control."),
  INTERNAL_ERROR(500, "InternalError",
      "The request processing has failed due to some unknown error, exception or failure."),
  SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");

  /** HTTP status of {@code Missing<Name>}. */
  public static final int MISSING_PARAMETER_STATUS = 400;

  private final int httpStatus;
  private final String code;
  private final String message;

  GatewayError(int httpStatus, String code, String message) {
    this.httpStatus = httpStatus;
    this.code = code;
    this.message = message;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String code() {
    return code;
  }

  public String message() {
    return message;
  }

  /** The code for a missing required parameter, e.g. {@code MissingJobId}. */
  public static String missingCode(String parameter) {
    return "Missing" + parameter;
  }
}
