package io.github.otaconnect.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.otaconnect.simulator.JobTruth;
import io.github.otaconnect.simulator.Scenario;
import io.github.otaconnect.simulator.TaskState;

/**
 * The convergence check of every integration test: the latest record per task key in Kafka equals the
 * simulator's truth for every task, and every job's latest snapshot matches the job.
 */
final class Convergence {

    private Convergence() {
    }

    /** Differences between what reached Kafka and the truth; empty when converged. */
    static List<String> divergence(Scenario scenario, List<String> jobIds, TopicRecords records, String jobTopic,
                                   String taskTopic, boolean expectFinished) {
        List<String> problems = new ArrayList<>();
        Map<String, TopicRecords.Entry> latestTasks = new HashMap<>();
        for (TopicRecords.Entry entry : records.latestByKey(taskTopic).values()) {
            latestTasks.put(entry.text("job_id") + "/" + entry.text("task_id"), entry);
        }
        Map<String, TopicRecords.Entry> latestJobs = new HashMap<>();
        for (TopicRecords.Entry entry : records.latestByKey(jobTopic).values()) {
            latestJobs.put(entry.text("job_id"), entry);
        }
        for (String jobId : jobIds) {
            JobTruth truth = scenario.truth(jobId);
            for (TaskState task : truth.tasks()) {
                TopicRecords.Entry entry = latestTasks.get(jobId + "/" + task.taskId());
                if (entry == null) {
                    problems.add(jobId + "/" + task.taskId() + " never emitted (truth " + state(task) + ")");
                } else if (!state(entry).equals(state(task))) {
                    problems.add(jobId + "/" + task.taskId() + ": latest " + state(entry) + ", truth " + state(task));
                }
            }
            TopicRecords.Entry snapshot = latestJobs.get(jobId);
            if (snapshot == null) {
                problems.add(jobId + ": no job snapshot");
            } else {
                if (!truth.job().jobStatus().equals(snapshot.text("job_status"))) {
                    problems.add(jobId + ": snapshot status " + snapshot.text("job_status") + ", truth "
                            + truth.job().jobStatus());
                }
                if (expectFinished && !snapshot.value().get("finished").asBoolean()) {
                    problems.add(jobId + ": the latest snapshot is not the final one");
                }
            }
        }
        return problems.size() > 20 ? List.of(problems.size() + " problems, first: " + problems.subList(0, 20))
                : problems;
    }

    /** Task records with the same key and the same observed state, written more than once. */
    static List<String> duplicates(TopicRecords records, String taskTopic) {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (TopicRecords.Entry entry : records.all(taskTopic)) {
            String identity = entry.text("job_id") + "/" + entry.text("task_id") + "@" + state(entry);
            if (!seen.add(identity)) {
                duplicates.add(identity);
            }
        }
        return duplicates.size() > 20 ? List.of(duplicates.size() + " duplicates, first: " + duplicates.subList(0, 20))
                : duplicates;
    }

    /** How many tasks of these jobs have no record in Kafka, or whose latest record is not their true state. */
    static long lostTasks(Scenario scenario, List<String> jobIds, TopicRecords records, String taskTopic) {
        Map<String, String> latest = new HashMap<>();
        for (TopicRecords.Entry entry : records.latestByKey(taskTopic).values()) {
            latest.put(entry.text("job_id") + "/" + entry.text("task_id"), state(entry));
        }
        long lost = 0;
        for (String jobId : jobIds) {
            for (TaskState task : scenario.truth(jobId).tasks()) {
                if (!state(task).equals(latest.get(jobId + "/" + task.taskId()))) {
                    lost++;
                }
            }
        }
        return lost;
    }

    /** The number of task records that repeat an earlier record's key and observed state. */
    static long duplicateCount(TopicRecords records, String taskTopic) {
        Set<String> seen = new HashSet<>();
        long duplicates = 0;
        for (TopicRecords.Entry entry : records.all(taskTopic)) {
            if (!seen.add(entry.text("job_id") + "/" + entry.text("task_id") + "@" + state(entry))) {
                duplicates++;
            }
        }
        return duplicates;
    }

    static String state(TaskState task) {
        return task.taskStatus() + "/" + task.progress() + "/" + task.utcModified().toEpochMilli();
    }

    static String state(TopicRecords.Entry entry) {
        return entry.text("task_status") + "/" + (int) entry.value().get("progress").asDouble() + "/"
                + entry.value().get("utc_modified").asLong();
    }
}
