package io.github.otaconnect.simulator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * What Alibaba Cloud's RPC gateway checks before a call reaches the OTA service, in this order: the
 * action exists, common parameters are present and valid, the timestamp is within the tolerance of the
 * server clock, the AccessKey exists, the signature matches, the STS token (when the key needs one), the
 * nonce is new, and the account's per-action QPS allows the call.
 */
final class Gateway {

  static final String API_VERSION = "2018-01-20";

  private static final List<String> REQUIRED_COMMON = List.of("Version", "Format", "AccessKeyId",
      "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Signature");

  record Caller(String accessKeyId, String account) {
  }

  private final AccessKeys keys;
  private final NonceRegistry nonces;
  private final SlidingWindowLimiter limiter;
  private final long timestampToleranceMillis;

  Gateway(AccessKeys keys, NonceRegistry nonces, SlidingWindowLimiter limiter, long timestampToleranceMillis) {
    this.keys = keys;
    this.nonces = nonces;
    this.limiter = limiter;
    this.timestampToleranceMillis = timestampToleranceMillis;
  }

  Caller authorize(String httpMethod, Map<String, String> params, long nowMillis) throws ApiRejection {
    String action = params.get("Action");
    if (action == null || action.isEmpty()) {
      throw new ApiRejection(ApiReply.missingParameter("Action"));
    }
    if (!OtaOperations.ACTIONS.contains(action)) {
      throw new ApiRejection(ApiReply.gateway(GatewayError.INVALID_ACTION));
    }
    for (String name : REQUIRED_COMMON) {
      String value = params.get(name);
      if (value == null || value.isEmpty()) {
        throw new ApiRejection(ApiReply.missingParameter(name));
      }
    }
    require(API_VERSION.equals(params.get("Version")), GatewayError.INVALID_VERSION);
    require("JSON".equalsIgnoreCase(params.get("Format")), GatewayError.UNSUPPORTED_FORMAT);
    require("HMAC-SHA1".equals(params.get("SignatureMethod")), GatewayError.INVALID_SIGNATURE_METHOD);
    require("1.0".equals(params.get("SignatureVersion")), GatewayError.INVALID_SIGNATURE_VERSION);
    checkTimestamp(params.get("Timestamp"), nowMillis);

    AccessKeys.Key key = keys.active(params.get("AccessKeyId"))
        .orElseThrow(() -> new ApiRejection(ApiReply.gateway(GatewayError.ACCESS_KEY_NOT_FOUND)));
    String expected = RpcSignature.sign(httpMethod, params, key.secret());
    if (!RpcSignature.matches(expected, params.get(RpcSignature.SIGNATURE_PARAM))) {
      // the real gateway also reveals its string to sign, which is what makes the error debuggable
      throw new ApiRejection(ApiReply.gateway(GatewayError.SIGNATURE_DOES_NOT_MATCH,
          GatewayError.SIGNATURE_DOES_NOT_MATCH.message() + " server string to sign is:"
              + RpcSignature.stringToSign(httpMethod, params)));
    }
    checkSecurityToken(key, params.get("SecurityToken"));
    require(nonces.firstUse(key.accessKeyId(), params.get("SignatureNonce"), nowMillis),
        GatewayError.SIGNATURE_NONCE_USED);
    require(limiter.tryAcquire(key.account() + '\n' + action, nowMillis), GatewayError.THROTTLING_USER);
    return new Caller(key.accessKeyId(), key.account());
  }

  private void checkTimestamp(String timestamp, long nowMillis) throws ApiRejection {
    Instant at;
    try {
      at = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw new ApiRejection(ApiReply.gateway(GatewayError.INVALID_TIMESTAMP_FORMAT));
    }
    require(Math.abs(at.toEpochMilli() - nowMillis) <= timestampToleranceMillis, GatewayError.TIMESTAMP_EXPIRED);
  }

  private static void checkSecurityToken(AccessKeys.Key key, String presented) throws ApiRejection {
    if (!key.requiresToken()) {
      require(presented == null, GatewayError.SECURITY_TOKEN_MISMATCH);
      return;
    }
    require(presented != null && !presented.isEmpty(), GatewayError.SECURITY_TOKEN_MISSING);
    require(key.securityToken().equals(presented), GatewayError.SECURITY_TOKEN_MISMATCH);
    require(!key.tokenExpired(), GatewayError.SECURITY_TOKEN_EXPIRED);
  }

  private static void require(boolean condition, GatewayError otherwise) throws ApiRejection {
    if (!condition) {
      throw new ApiRejection(ApiReply.gateway(otherwise));
    }
  }
}
