package io.github.otaconnect.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the rows of one {@code ListOTATaskByJob} page so that a bad row never costs the page: a row
 * without a usable {@code TaskId} is skipped, a field that cannot be read is left {@code null}, a blank
 * {@code DeviceName} becomes {@code null} (a blank name cannot be asked for by {@code DeviceNames.N}), and
 * a missing {@code JobId} is the requested job's. Each such row is reported as a {@link MalformedRow}.
 * Everything else about the page (its paging fields, a row that is not an object) is still refused by
 * the {@link ResponseParser}: those mean the reply itself is broken.
 */
final class TaskRowReader {

    private final ResponseFields fields;
    private final String requestedJobId;
    private final List<OtaTask> tasks = new ArrayList<>();
    private final List<MalformedRow> malformed = new ArrayList<>();

    TaskRowReader(ResponseFields fields, String requestedJobId) {
        this.fields = fields;
        this.requestedJobId = requestedJobId;
    }

    void read(ResponseFields.Item item, int position) {
        JsonNode t = item.node();
        String p = item.path();
        List<String> problems = new ArrayList<>();
        String taskId = lenient(problems, () -> fields.text(t, "TaskId", p));
        if (taskId == null || taskId.isBlank()) {
            if (problems.isEmpty()) {
                problems.add("field " + ResponseFields.pathOf(p, "TaskId") + " is missing or blank");
            }
            malformed.add(new MalformedRow(position, null, true, problems));
            return;
        }
        String jobId = lenient(problems, () -> fields.text(t, "JobId", p));
        if (jobId == null || jobId.isBlank()) {
            problems.add("field " + ResponseFields.pathOf(p, "JobId") + " is missing; the requested job's ID is used");
            jobId = requestedJobId;
        }
        String deviceName = lenient(problems, () -> fields.text(t, "DeviceName", p));
        if (deviceName != null && deviceName.isBlank()) {
            problems.add("field " + ResponseFields.pathOf(p, "DeviceName") + " is blank");
            deviceName = null;
        }
        tasks.add(new OtaTask(
                taskId,
                jobId,
                lenient(problems, () -> fields.text(t, "IotId", p)),
                deviceName,
                lenient(problems, () -> fields.text(t, "ProductKey", p)),
                lenient(problems, () -> fields.text(t, "ProductName", p)),
                lenient(problems, () -> fields.text(t, "FirmwareId", p)),
                lenient(problems, () -> fields.text(t, "SrcVersion", p)),
                lenient(problems, () -> fields.text(t, "DestVersion", p)),
                lenient(problems, () -> fields.text(t, "TaskStatus", p)),
                lenient(problems, () -> fields.decimal(t, "Progress", p)),
                lenient(problems, () -> fields.text(t, "TaskDesc", p)),
                lenient(problems, () -> fields.text(t, "Timeout", p)),
                lenient(problems, () -> fields.instant(t, "UtcCreate", p)),
                lenient(problems, () -> fields.instant(t, "UtcModified", p))));
        if (!problems.isEmpty()) {
            malformed.add(new MalformedRow(position, taskId, false, problems));
        }
    }

    List<OtaTask> tasks() {
        return tasks;
    }

    List<MalformedRow> malformed() {
        return malformed;
    }

    private static <T> T lenient(List<String> problems, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidFieldException e) {
            problems.add(e.fieldProblem());
            return null;
        }
    }
}
