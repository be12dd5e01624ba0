package io.github.otaconnect.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The vendor's JSON shapes: optional fields are left out rather than sent as null, lists are wrapped in an
 * object named after the element ({@code Data.SimpleOTATaskInfo}), an empty list leaves the wrapper
 * empty, and Progress/GrayPercent are strings with two decimals.
 */
final class ResponseBodies {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ResponseBodies() {
  }

  static ObjectNode job(SimJobState job) {
    ObjectNode data = JSON.objectNode();
    data.put("JobId", job.jobId());
    data.put("JobStatus", job.jobStatus());
    data.put("JobType", job.jobType());
    data.put("SelectionType", job.selectionType());
    data.put("TargetSelection", job.targetSelection());
    data.put("ProductKey", job.productKey());
    data.put("FirmwareId", job.firmwareId());
    data.put("Name", job.firmwareName());
    data.put("DestVersion", job.destVersion());
    if (!job.srcVersions().isEmpty()) {
      ArrayNode versions = data.putObject("SrcVersions").putArray("SrcVersion");
      job.srcVersions().forEach(versions::add);
    }
    putIfPresent(data, "JobDesc", job.jobDesc());
    putIfPresent(data, "DynamicMode", job.dynamicMode());
    if (job.grayPercent() != null) {
      data.put("GrayPercent", WireFormat.twoDecimals(job.grayPercent()));
    }
    putIfPresent(data, "MaximumPerMinute", job.maximumPerMinute());
    putIfPresent(data, "OverwriteMode", job.overwriteMode());
    putIfPresent(data, "RetryCount", job.retryCount());
    putIfPresent(data, "RetryInterval", job.retryInterval());
    putIfPresent(data, "TimeoutInMinutes", job.timeoutInMinutes());
    putTime(data, "UtcCreate", job.utcCreate());
    putTime(data, "UtcModified", job.utcModified());
    putTime(data, "UtcStartTime", job.utcStartTime());
    putTime(data, "UtcEndTime", job.utcEndTime());
    putTime(data, "UtcScheduleTime", job.utcScheduleTime());
    putTime(data, "UtcScheduleFinishTime", job.utcScheduleFinishTime());
    return data;
  }

  static ObjectNode task(TaskState task) {
    ObjectNode row = JSON.objectNode();
    row.put("SrcVersion", task.srcVersion());
    row.put("DeviceName", task.deviceName());
    row.put("FirmwareId", task.firmwareId());
    row.put("IotId", task.iotId());
    row.put("ProductKey", task.productKey());
    row.put("JobId", task.jobId());
    row.put("TaskDesc", task.taskDesc());
    row.put("DestVersion", task.destVersion());
    putTime(row, "UtcCreate", task.utcCreate());
    putTime(row, "UtcModified", task.utcModified());
    row.put("TaskStatus", task.taskStatus());
    row.put("ProductName", task.productName());
    row.put("TaskId", task.taskId());
    row.put("Progress", task.progressText());
    putIfPresent(row, "Timeout", task.timeout());
    return row;
  }

  static ObjectNode firmware(FirmwareState firmware) {
    ObjectNode row = JSON.objectNode();
    row.put("FirmwareId", firmware.firmwareId());
    row.put("FirmwareName", firmware.firmwareName());
    row.put("ProductKey", firmware.productKey());
    row.put("ProductName", firmware.productName());
    putIfPresent(row, "SrcVersion", firmware.srcVersion());
    row.put("DestVersion", firmware.destVersion());
    row.put("Status", firmware.status());
    row.put("Type", firmware.type());
    putTime(row, "UtcCreate", firmware.utcCreate());
    putTime(row, "UtcModified", firmware.utcModified());
    return row;
  }

  static ObjectNode jobSummary(SimJobState job) {
    ObjectNode row = JSON.objectNode();
    row.put("JobId", job.jobId());
    row.put("FirmwareId", job.firmwareId());
    row.put("ProductKey", job.productKey());
    row.put("JobStatus", job.jobStatus());
    row.put("JobType", job.jobType());
    row.put("SelectionType", job.selectionType());
    row.put("TargetSelection", job.targetSelection());
    putTime(row, "UtcCreate", job.utcCreate());
    putTime(row, "UtcModified", job.utcModified());
    putTime(row, "UtcStartTime", job.utcStartTime());
    putTime(row, "UtcEndTime", job.utcEndTime());
    return row;
  }

  /** Paging fields plus {@code wrapper.element[]} holding the rows. */
  static <T> ObjectNode page(String wrapper, String element, List<T> rows, Function<T, ObjectNode> render,
      int total, int pageSize, int currentPage) {
    ObjectNode fields = JSON.objectNode();
    fields.put("Total", total);
    fields.put("PageCount", total == 0 ? 0 : (total + pageSize - 1) / pageSize);
    fields.put("PageSize", pageSize);
    fields.put("CurrentPage", currentPage);
    ObjectNode list = fields.putObject(wrapper);
    if (!rows.isEmpty()) {
      ArrayNode array = list.putArray(element);
      rows.forEach(row -> array.add(render.apply(row)));
    }
    return fields;
  }

  private static void putTime(ObjectNode node, String name, Instant value) {
    if (value != null) {
      node.put(name, WireFormat.apiTime(value));
    }
  }

  private static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static void putIfPresent(ObjectNode node, String name, Integer value) {
    if (value != null) {
      node.put(name, value);
    }
  }
}
