package io.github.otaconnect.simulator;

/**
 * Errors of the OTA service itself: HTTP 200 with Success false, Code and ErrorMessage.
 *
 * <p>The vendor does not publish the code for "this job does not exist"; the simulator uses
 * {@link #JOB_NOT_FOUND} {@code iot.ota.OTAJobNotExist} (and {@code iot.ota.OTAFirmwareNotExist} for a
 * firmware). More than 50 {@code DeviceNames.N} get {@code iot.common.ParameterSizeLimit} (a code the
 * vendor documents for oversized parameters); a page window past CurrentPage x PageSize = 100,000 gets
 * {@code iot.common.InvalidPageParams} like any other bad paging. A {@code TaskStatus} filter the vendor's
 * reference page does not list gets {@link #INVALID_FORMATTED_PARAMETER}: the simulator is stricter than
 * the vendor may be, so that a client learns to live with a refused filter value.
 */
public enum BusinessError {
  JOB_NOT_FOUND("iot.ota.OTAJobNotExist", "The specified OTA job does not exist."),
  FIRMWARE_NOT_FOUND("iot.ota.OTAFirmwareNotExist", "The specified OTA firmware does not exist."),
  INVALID_PAGE_PARAMS("iot.common.InvalidPageParams", "The specified page size or page number is invalid."),
  INVALID_FORMATTED_PARAMETER("iot.common.InvalidFormattedParameter",
      "The format of the specified request parameter is invalid."),
  PARAMETER_SIZE_LIMIT("iot.common.ParameterSizeLimit",
      "The value that you specified for the request parameter exceeds the limit."),
  INSTANCE_NOT_FOUND("iot.system.InstanceNotFound", "The specified instance ID does not exist."),
  SYSTEM_EXCEPTION("iot.system.SystemException", "A system exception occurred.");

  private final String code;
  private final String message;

  BusinessError(String code, String message) {
    this.code = code;
    this.message = message;
  }

  public String code() {
    return code;
  }

  public String message() {
    return message;
  }
}
