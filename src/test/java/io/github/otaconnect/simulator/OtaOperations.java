package io.github.otaconnect.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The OTA service behind the gateway: the four operations, their parameter checks and limits. */
final class OtaOperations {

  static final String QUERY_JOB = "QueryOTAJob";
  static final String LIST_TASKS = "ListOTATaskByJob";
  static final String LIST_FIRMWARE = "ListOTAFirmware";
  static final String LIST_JOBS_BY_FIRMWARE = "ListOTAJobByFirmware";
  static final Set<String> ACTIONS = Set.of(QUERY_JOB, LIST_TASKS, LIST_FIRMWARE, LIST_JOBS_BY_FIRMWARE);

  static final int MAX_TASK_PAGE_SIZE = 100;
  static final int MAX_FIRMWARE_PAGE_SIZE = 100;
  static final int MAX_JOB_PAGE_SIZE = 200;
  /** CurrentPage x PageSize beyond this is refused. */
  static final long MAX_PAGE_WINDOW = 100_000;
  static final int MAX_DEVICE_NAMES = 50;

  private static final String DEVICE_NAMES_PREFIX = "DeviceNames.";

  private final Scenario scenario;
  private final Supplier<String> iotInstanceId;
  private final StatusFilterPolicy statusFilters;
  private final RowDefects rowDefects;

  OtaOperations(Scenario scenario, Supplier<String> iotInstanceId, StatusFilterPolicy statusFilters,
      RowDefects rowDefects) {
    this.scenario = scenario;
    this.iotInstanceId = iotInstanceId;
    this.statusFilters = statusFilters;
    this.rowDefects = rowDefects;
  }

  ApiReply handle(String action, Map<String, String> params) throws ApiRejection {
    checkInstance(params.get("IotInstanceId"));
    switch (action) {
      case QUERY_JOB:
        return queryJob(params);
      case LIST_TASKS:
        return listTasks(params);
      case LIST_FIRMWARE:
        return listFirmware(params);
      case LIST_JOBS_BY_FIRMWARE:
        return listJobsByFirmware(params);
      default:
        throw new ApiRejection(ApiReply.gateway(GatewayError.INVALID_ACTION));
    }
  }

  /** A configured instance must be named on every call; naming one that does not exist fails too. */
  private void checkInstance(String presented) throws ApiRejection {
    String expected = iotInstanceId.get();
    boolean ok = expected == null ? presented == null || presented.isEmpty() : expected.equals(presented);
    if (!ok) {
      String message = presented == null || presented.isEmpty()
          ? "The specified instance ID does not exist: IotInstanceId is required for this instance."
          : "The specified instance ID does not exist: " + presented + ".";
      throw new ApiRejection(ApiReply.business(BusinessError.INSTANCE_NOT_FOUND, message));
    }
  }

  private ApiReply queryJob(Map<String, String> params) throws ApiRejection {
    String jobId = required(params, "JobId");
    SimJobState job = scenario.queryJob(jobId).orElseThrow(() -> jobNotFound(jobId));
    ObjectNode fields = ResponseBodies.job(job);
    ObjectNode wrapped = fields.objectNode();
    wrapped.set("Data", fields);
    return ApiReply.success(wrapped);
  }

  private ApiReply listTasks(Map<String, String> params) throws ApiRejection {
    String jobId = required(params, "JobId");
    Paging paging = paging(params, MAX_TASK_PAGE_SIZE);
    if ((long) paging.page * paging.size > MAX_PAGE_WINDOW) {
      throw new ApiRejection(ApiReply.business(BusinessError.INVALID_PAGE_PARAMS,
          "CurrentPage * PageSize must not exceed " + MAX_PAGE_WINDOW + " (was " + paging.page + " * "
              + paging.size + "); narrow the query, e.g. by TaskStatus."));
    }
    List<String> deviceNames = deviceNames(params);
    String status = params.get("TaskStatus");
    if (status != null && status.isEmpty()) {
      status = null;
    }
    if (status != null && !statusFilters.accept(status)) {
      throw new ApiRejection(ApiReply.business(BusinessError.INVALID_FORMATTED_PARAMETER,
          "The value of the parameter TaskStatus is invalid: " + status + "."));
    }
    Optional<TaskListing> listing = scenario.listTasks(jobId, paging.page, paging.size, status, deviceNames);
    TaskListing page = listing.orElseThrow(() -> jobNotFound(jobId));
    return ApiReply.success(ResponseBodies.page("Data", "SimpleOTATaskInfo", page.rows(),
        task -> rowDefects.apply(task, ResponseBodies.task(task)), page.total(), paging.size, paging.page));
  }

  private ApiReply listFirmware(Map<String, String> params) throws ApiRejection {
    Paging paging = paging(params, MAX_FIRMWARE_PAGE_SIZE);
    String productKey = params.get("ProductKey");
    List<FirmwareState> all =
        new ArrayList<>(scenario.firmware(productKey == null || productKey.isEmpty() ? null : productKey));
    String destVersion = params.get("DestVersion");
    if (destVersion != null && !destVersion.isEmpty()) {
      all.removeIf(f -> !destVersion.equals(f.destVersion()));
    }
    return ApiReply.success(ResponseBodies.page("FirmwareInfo", "SimpleFirmwareInfo", slice(all, paging),
        ResponseBodies::firmware, all.size(), paging.size, paging.page));
  }

  private ApiReply listJobsByFirmware(Map<String, String> params) throws ApiRejection {
    String firmwareId = required(params, "FirmwareId");
    Paging paging = paging(params, MAX_JOB_PAGE_SIZE);
    List<SimJobState> jobs = scenario.jobsOfFirmware(firmwareId).orElseThrow(() -> new ApiRejection(
        ApiReply.business(BusinessError.FIRMWARE_NOT_FOUND, BusinessError.FIRMWARE_NOT_FOUND.message()
            + " FirmwareId: " + firmwareId)));
    return ApiReply.success(ResponseBodies.page("Data", "SimpleOTAJobInfo", slice(jobs, paging),
        ResponseBodies::jobSummary, jobs.size(), paging.size, paging.page));
  }

  private static ApiRejection jobNotFound(String jobId) {
    return new ApiRejection(ApiReply.business(BusinessError.JOB_NOT_FOUND,
        BusinessError.JOB_NOT_FOUND.message() + " JobId: " + jobId));
  }

  private record Paging(int page, int size) {
  }

  private static Paging paging(Map<String, String> params, int maxPageSize) throws ApiRejection {
    String pageText = required(params, "CurrentPage");
    String sizeText = required(params, "PageSize");
    int page;
    int size;
    try {
      page = Integer.parseInt(pageText.trim());
      size = Integer.parseInt(sizeText.trim());
    } catch (NumberFormatException e) {
      throw invalidPaging("CurrentPage and PageSize must be integers.");
    }
    if (page < 1) {
      throw invalidPaging("CurrentPage starts at 1 (was " + page + ").");
    }
    if (size < 1 || size > maxPageSize) {
      throw invalidPaging("PageSize must be within 1.." + maxPageSize + " (was " + size + ").");
    }
    return new Paging(page, size);
  }

  private static ApiRejection invalidPaging(String detail) {
    return new ApiRejection(ApiReply.business(BusinessError.INVALID_PAGE_PARAMS,
        BusinessError.INVALID_PAGE_PARAMS.message() + " " + detail));
  }

  /** {@code DeviceNames.1..N} in the order of N. */
  private static List<String> deviceNames(Map<String, String> params) throws ApiRejection {
    TreeMap<Integer, String> byPosition = new TreeMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getKey().startsWith(DEVICE_NAMES_PREFIX)) {
        int position;
        try {
          position = Integer.parseInt(e.getKey().substring(DEVICE_NAMES_PREFIX.length()));
        } catch (NumberFormatException ex) {
          continue;
        }
        byPosition.put(position, e.getValue());
      }
    }
    if (byPosition.size() > MAX_DEVICE_NAMES) {
      throw new ApiRejection(ApiReply.business(BusinessError.PARAMETER_SIZE_LIMIT,
          "DeviceNames accepts at most " + MAX_DEVICE_NAMES + " device names (was " + byPosition.size() + ")."));
    }
    return new ArrayList<>(byPosition.values());
  }

  private static <T> List<T> slice(List<T> all, Paging paging) {
    long from = (long) (paging.page - 1) * paging.size;
    if (from >= all.size()) {
      return List.of();
    }
    return all.subList((int) from, (int) Math.min(all.size(), from + paging.size));
  }

  private static String required(Map<String, String> params, String name) throws ApiRejection {
    String value = params.get(name);
    if (value == null || value.isEmpty()) {
      throw new ApiRejection(ApiReply.missingParameter(name));
    }
    return value;
  }
}
