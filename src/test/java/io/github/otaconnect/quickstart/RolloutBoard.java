package io.github.otaconnect.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the connector's topics say about the rollout: each job's latest snapshot and each device task's latest
 * status, as a consumer of the two compacted topics would see them. Fed record values (JSON converter,
 * schemas off or on); not thread-safe.
 */
final class RolloutBoard {

    /** The vendor's task statuses, in lifecycle order; anything else is counted as "other". */
    enum Status {
        QUEUED, NOTIFIED, CONFIRM, IN_PROGRESS, SUCCEEDED, FAILED, CANCELED, OTHER;

        static Status of(String wire) {
            for (Status status : values()) {
                if (status != OTHER && status.name().equals(wire)) {
                    return status;
                }
            }
            return OTHER;
        }
    }

    private static final class Job {
        /** Until its first snapshot: the first read writes a job's tasks before the snapshot that counts them. */
        String status = "reading";
        long total = -1;
        boolean finished;
        final Map<String, Status> tasks = new HashMap<>();
    }

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, String> labels;
    private long jobRecords;
    private long taskRecords;

    /** @param labels descriptions of known jobs, in the order the table lists them */
    RolloutBoard(Map<String, String> labels) {
        this.labels = new LinkedHashMap<>(labels);
        labels.keySet().forEach(id -> jobs.put(id, new Job()));
    }

    void acceptJob(JsonNode record) {
        JsonNode value = payload(record);
        String jobId = value.path("job_id").asText("");
        if (jobId.isEmpty()) {
            return;
        }
        jobRecords++;
        Job job = jobs.computeIfAbsent(jobId, id -> new Job());
        job.status = value.path("job_status").asText("?");
        job.total = value.path("task_total").isNumber() ? value.path("task_total").asLong() : -1;
        job.finished = value.path("finished").asBoolean(false);
    }

    void acceptTask(JsonNode record) {
        JsonNode value = payload(record);
        String jobId = value.path("job_id").asText("");
        String taskId = value.path("task_id").asText("");
        if (jobId.isEmpty() || taskId.isEmpty()) {
            return;
        }
        taskRecords++;
        jobs.computeIfAbsent(jobId, id -> new Job()).tasks.put(taskId, Status.of(value.path("task_status").asText()));
    }

    long jobRecords() {
        return jobRecords;
    }

    long taskRecords() {
        return taskRecords;
    }

    /** Latest task statuses of one job, counted. */
    Map<Status, Integer> countsOf(String jobId) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            counts.put(status, 0);
        }
        Job job = jobs.get(jobId);
        if (job != null) {
            job.tasks.values().forEach(status -> counts.merge(status, 1, Integer::sum));
        }
        return counts;
    }

    /** One line per job: latest job status, task total, latest task statuses counted, share succeeded. */
    List<String> table() {
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-26s %-12s %6s %6s", "JOB",
                "STATUS", "TOTAL", "SEEN"));
        for (Status status : Status.values()) {
            header.append(String.format(Locale.ROOT, " %7s", abbreviation(status)));
        }
        header.append("   DONE  DESCRIPTION");
        lines.add(header.toString());
        jobs.forEach((jobId, job) -> {
            Map<Status, Integer> counts = countsOf(jobId);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s %-12s %6s %6d",
                    abbreviate(jobId, 26), abbreviate(job.status + (job.finished ? "*" : ""), 12),
                    job.total < 0 ? "-" : Long.toString(job.total), job.tasks.size()));
            for (Status status : Status.values()) {
                line.append(String.format(Locale.ROOT, " %7d", counts.get(status)));
            }
            long done = counts.get(Status.SUCCEEDED) + counts.get(Status.CANCELED);
            long of = Math.max(job.total, job.tasks.size());
            line.append(of == 0 ? "      -" : String.format(Locale.ROOT, " %5.1f%%", 100.0 * done / of));
            line.append("  ").append(labels.getOrDefault(jobId, ""));
            lines.add(line.toString());
        });
        return lines;
    }

    private static String abbreviation(Status status) {
        return switch (status) {
            case IN_PROGRESS -> "IN_PROG";
            case SUCCEEDED -> "SUCCESS";
            case NOTIFIED -> "NOTIFY";
            case CANCELED -> "CANCEL";
            default -> status.name();
        };
    }

    private static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }

    /** The JSON converter with schemas on wraps the value as {schema, payload}. */
    static JsonNode payload(JsonNode record) {
        return record.has("schema") && record.has("payload") ? record.get("payload") : record;
    }
}
