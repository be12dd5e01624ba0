package io.github.otaconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.otaconnect.quickstart.RolloutBoard.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutBoardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void countsTheLatestStatusOfEachTaskNotEveryRecord() throws Exception {
        RolloutBoard board = new RolloutBoard(Map.of());

        board.acceptTask(task("job1", "t1", "QUEUED"));
        board.acceptTask(task("job1", "t1", "IN_PROGRESS"));
        board.acceptTask(task("job1", "t1", "SUCCEEDED"));
        board.acceptTask(task("job1", "t2", "FAILED"));
        board.acceptTask(task("job1", "t3", "PAUSED_BY_VENDOR"));

        Map<Status, Integer> counts = board.countsOf("job1");
        assertEquals(1, counts.get(Status.SUCCEEDED));
        assertEquals(1, counts.get(Status.FAILED));
        assertEquals(1, counts.get(Status.OTHER));
        assertEquals(0, counts.get(Status.IN_PROGRESS));
        assertEquals(5, board.taskRecords());
    }

    @Test
    void readsValuesWithAndWithoutTheJsonConvertersSchemaEnvelope() throws Exception {
        RolloutBoard board = new RolloutBoard(Map.of());

        board.acceptTask(JSON.readTree("{\"schema\":{\"type\":\"struct\"},\"payload\":"
                + "{\"job_id\":\"job1\",\"task_id\":\"t1\",\"task_status\":\"CANCELED\"}}"));
        board.acceptJob(JSON.readTree("{\"job_id\":\"job1\",\"job_status\":\"CANCELED\",\"task_total\":1,"
                + "\"finished\":true}"));

        assertEquals(1, board.countsOf("job1").get(Status.CANCELED));
        assertEquals(1, board.jobRecords());
    }

    @Test
    void listsKnownJobsFirstWithTheirDescriptionsAndProgress() throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("jobB", "the second job");
        labels.put("jobA", "the first job");
        RolloutBoard board = new RolloutBoard(labels);
        board.acceptJob(JSON.readTree("{\"job_id\":\"jobA\",\"job_status\":\"IN_PROGRESS\",\"task_total\":4}"));
        board.acceptTask(task("jobA", "t1", "SUCCEEDED"));
        board.acceptTask(task("jobA", "t2", "CANCELED"));
        board.acceptTask(task("jobC", "t1", "QUEUED"));

        List<String> table = board.table();

        assertEquals(4, table.size(), String.join("\n", table));
        assertTrue(table.get(1).startsWith("jobB ") && table.get(1).endsWith("the second job"), table.get(1));
        assertTrue(table.get(2).startsWith("jobA ") && table.get(2).contains("IN_PROGRESS")
                && table.get(2).contains(" 50.0%"), table.get(2));
        assertTrue(table.get(3).startsWith("jobC "), table.get(3));
    }

    private static JsonNode task(String jobId, String taskId, String status) throws Exception {
        return JSON.readTree("{\"job_id\":\"" + jobId + "\",\"task_id\":\"" + taskId + "\",\"task_status\":\""
                + status + "\"}");
    }
}
