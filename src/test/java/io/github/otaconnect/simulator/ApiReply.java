package io.github.otaconnect.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The answer to one call before it is written: a success body, a business error or a gateway error. */
final class ApiReply {

  static final String OUTCOME_SUCCESS = "success";
  static final String OUTCOME_THROTTLED = "throttled";

  private enum Kind { SUCCESS, BUSINESS_ERROR, GATEWAY_ERROR }

  private final Kind kind;
  private final int httpStatus;
  private final String code;
  private final String message;
  private final ObjectNode fields;

  private ApiReply(Kind kind, int httpStatus, String code, String message, ObjectNode fields) {
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.code = code;
    this.message = message;
    this.fields = fields;
  }

  /** {@code fields} are the operation's response fields; RequestId and Success are added on rendering. */
  static ApiReply success(ObjectNode fields) {
    return new ApiReply(Kind.SUCCESS, 200, null, null, fields);
  }

  static ApiReply business(BusinessError error, String message) {
    return new ApiReply(Kind.BUSINESS_ERROR, 200, error.code(), message, null);
  }

  static ApiReply gateway(GatewayError error) {
    return gateway(error, error.message());
  }

  static ApiReply gateway(GatewayError error, String message) {
    return new ApiReply(Kind.GATEWAY_ERROR, error.httpStatus(), error.code(), message, null);
  }

  static ApiReply missingParameter(String parameter) {
    return new ApiReply(Kind.GATEWAY_ERROR, GatewayError.MISSING_PARAMETER_STATUS,
        GatewayError.missingCode(parameter), parameter + " is mandatory for this action.", null);
  }

  int httpStatus() {
    return httpStatus;
  }

  /** What the call counters record: "success", "throttled", or the error code. */
  String outcome() {
    if (kind == Kind.SUCCESS) {
      return OUTCOME_SUCCESS;
    }
    return GatewayError.THROTTLING_USER.code().equals(code) ? OUTCOME_THROTTLED : code;
  }

  ObjectNode render(String requestId, String hostId) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("RequestId", requestId);
    switch (kind) {
      case SUCCESS:
        body.put("Success", true);
        body.setAll(fields);
        break;
      case BUSINESS_ERROR:
        body.put("Success", false);
        body.put("Code", code);
        body.put("ErrorMessage", message);
        break;
      default:
        body.put("HostId", hostId);
        body.put("Code", code);
        body.put("Message", message);
        body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + code + "&product=Iot");
        break;
    }
    return body;
  }
}
