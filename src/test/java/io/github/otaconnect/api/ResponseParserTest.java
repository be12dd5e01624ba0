package io.github.otaconnect.api;

import static io.github.otaconnect.api.VendorSamples.DATE;
import static io.github.otaconnect.api.VendorSamples.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseParserTest {

    private final ResponseParser parser = ResponseParsers.parser();
    private final TaskQuery query = new TaskQuery("7glPHmaDYLAYMD1HHutT02****", 1, 10, null, List.of());

    private static String task(String fields) {
        return "{\"Success\":true,\"RequestId\":\"R\",\"Total\":1,\"Data\":{\"SimpleOTATaskInfo\":[{"
                + "\"TaskId\":\"t1\",\"JobId\":\"j1\"" + (fields.isEmpty() ? "" : "," + fields) + "}]}}";
    }

    private static String job(String fields) {
        return "{\"Success\":true,\"RequestId\":\"R\",\"Data\":{\"JobId\":\"j1\""
                + (fields.isEmpty() ? "" : "," + fields) + "}}";
    }

    private OtaTask onlyTask(String fields) {
        return parser.parseTaskPage(ok(task(fields)), query).tasks().get(0);
    }

    private OtaJob parseJob(String fields) {
        return parser.parseJob(ok(job(fields))).job();
    }

    @Test
    void queryOtaJobSeedSample() {
        JobResult result = parser.parseJob(ok(VendorSamples.QUERY_OTA_JOB));
        OtaJob job = result.job();
        assertEquals("30F1BB8D-EDBF-44FD-BBC0-BE97DEA73991", result.requestId());
        assertEquals(DATE, result.serverTime());
        assertEquals(new OtaJob("HvKuBpuk3rdk6E92CP****0200", "IN_PROGRESS", "UPGRADE_FIRMWARE", "STATIC", "SPECIFIC",
                "a19mzPZ****", "UfuxnwygsuSkVE0VCN****0100", "firmware2", "1.0.1", List.of("1.0.0"),
                "batch upgrade", null, null, 1000, 1, 1, 60, 5,
                Instant.parse("2019-12-28T02:43:10Z"), Instant.parse("2019-12-28T02:43:10Z"),
                Instant.parse("2019-12-28T02:43:10Z"), Instant.parse("2019-12-29T02:43:10Z"), null, null), job);
        assertFalse(job.isFinal());
        assertFalse(job.isPlanned());
        assertTrue(job.hasRetryPolicy());
    }

    @Test
    void listOtaTaskByJobSeedSample() {
        TaskPage page = parser.parseTaskPage(ok(VendorSamples.LIST_OTA_TASK_BY_JOB), query);
        assertEquals(2, page.total());
        assertEquals(1, page.pageCount());
        assertEquals(10, page.pageSize());
        assertEquals(1, page.currentPage());
        assertEquals("A59D3BE1-E9A3-43F3-9B50-B7C8DE165D9B", page.requestId());
        assertEquals(DATE, page.serverTime());
        assertEquals(new OtaTask("y3tOmCDNgpR8F9jnVEzC01****", "7glPHmaDYLAYMD1HHutT02****",
                "SR8FiTu1R9tlUR2V1bmi00105****", "testDevice1", "a1GUfrM****", "MyProduct",
                "q3j9OYBjUAZMv1hlMgdo03****", "1.0.0", "1.0.1", "FAILED", 0.0, "report version is not conform", null,
                Instant.parse("2019-11-04T03:38:15Z"), Instant.parse("2019-11-04T03:38:15Z")), page.tasks().get(0));
        OtaTask second = page.tasks().get(1);
        assertEquals("ZS9sNBb1ahsu6khqr9II01****", second.taskId());
        assertEquals(100.0, second.progress());
        assertEquals("", second.taskDesc());
        assertFalse(TaskStatus.isSettled(page.tasks().get(0).taskStatus()), "FAILED can be retried");
        assertTrue(TaskStatus.isSettled(second.taskStatus()));
    }

    @Test
    void listFirmwareSample() {
        FirmwarePage page = parser.parseFirmwarePage(ok(VendorSamples.LIST_OTA_FIRMWARE), 1, 10);
        assertEquals(2, page.total());
        assertEquals("FW-REQ-1", page.requestId());
        assertEquals(new FirmwareInfo("fw-1", "Firmware One", "a1GUfrM****", "MyProduct", "1.0.0", "1.0.1", 1, "0",
                Instant.parse("2019-11-04T03:38:15Z"), Instant.parse("2019-11-04T03:38:15Z")), page.firmware().get(0));
        assertEquals(3, page.firmware().get(1).status(), "numeric string status");
        assertEquals("1", page.firmware().get(1).type());
    }

    @Test
    void listJobsByFirmwareSampleKeepsVendorSpellings() {
        JobSummaryPage page = parser.parseJobSummaryPage(ok(VendorSamples.LIST_OTA_JOB_BY_FIRMWARE), 1, 200);
        JobSummary job = page.jobs().get(0);
        assertEquals("job-1", job.jobId());
        assertEquals("COMPLETED", job.jobStatus());
        assertEquals("VERFIY_FIRMWARE", job.jobType());
        assertEquals(Instant.parse("2019-12-29T02:43:10Z"), job.utcEndTime());
        assertEquals(200, page.pageSize());
    }

    @Test
    void firmwareStatusLabelIsUnknownNotFatal() {
        String body = "{\"Success\":true,\"Total\":1,\"FirmwareInfo\":{\"SimpleFirmwareInfo\":"
                + "{\"FirmwareId\":\"fw\",\"Status\":\"VERIFIED\"}}}";
        FirmwareInfo info = parser.parseFirmwarePage(ok(body), 1, 10).firmware().get(0);
        assertNull(info.status());
    }

    @Test
    void singleTaskObjectInsteadOfArray() {
        String body = "{\"Success\":true,\"Total\":1,\"Data\":{\"SimpleOTATaskInfo\":{\"TaskId\":\"t\",\"JobId\":\"j\"}}}";
        assertEquals("t", parser.parseTaskPage(ok(body), query).tasks().get(0).taskId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Success\":true,\"Total\":0}",
            "{\"Success\":true,\"Total\":0,\"Data\":{}}",
            "{\"Success\":true,\"Total\":0,\"Data\":null}",
            "{\"Success\":true,\"Total\":0,\"Data\":\"\"}",
            "{\"Success\":true,\"Total\":0,\"Data\":{\"SimpleOTATaskInfo\":[]}}",
            "{\"Success\":true,\"Total\":0,\"Data\":[]}",
    })
    void absentOrEmptyTaskListIsEmpty(String body) {
        TaskPage page = parser.parseTaskPage(ok(body), query);
        assertTrue(page.tasks().isEmpty());
        assertEquals(0, page.pageCount());
    }

    @Test
    void missingPagingFieldsFallBackToTheQuery() {
        TaskPage page = parser.parseTaskPage(ok("{\"Success\":true,\"Total\":\"25\"}"), new TaskQuery(query.jobId(), 2, query.pageSize(), null, List.of()));
        assertEquals(25, page.total());
        assertEquals(2, page.currentPage());
        assertEquals(10, page.pageSize());
        assertEquals(3, page.pageCount());
        assertNull(page.requestId());
        assertNull(parser.parseTaskPage(new RawResponse(200, VendorSamples.bytes("{\"Total\":0}"), null), query)
                .serverTime());
    }

    @Test
    void missingTotalIsInvalid() {
        InvalidResponseException e = assertThrows(InvalidResponseException.class,
                () -> parser.parseTaskPage(ok("{\"Success\":true,\"RequestId\":\"R9\"}"), query));
        assertTrue(e.getMessage().contains("response field Total is missing"), e.getMessage());
        assertEquals("R9", e.requestId());
        assertEquals(200, e.httpStatus());
        assertEquals("ListOTATaskByJob", e.action());
        assertTrue(e.isRetriable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SrcVersion\":[\"1.0.0\",\"1.0.1\"]", "SrcVersion\":\"1.0.0\"", "SrcVersion\":[]"})
    void srcVersionsInEveryShape(String inner) {
        OtaJob job = parseJob("\"SrcVersions\":{\"" + inner + "}");
        assertEquals(inner.contains("1.0.1") ? List.of("1.0.0", "1.0.1") : inner.contains("1.0.0")
                ? List.of("1.0.0") : List.of(), job.srcVersions());
    }

    @Test
    void srcVersionsAbsentIsEmptyNeverNull() {
        assertEquals(List.of(), parseJob("").srcVersions());
        assertEquals(List.of(), parseJob("\"SrcVersions\":{}").srcVersions());
        assertEquals(List.of("1.0"), parseJob("\"SrcVersions\":[\"1.0\"]").srcVersions());
        assertEquals(List.of("2"), parseJob("\"SrcVersions\":{\"SrcVersion\":[2, null]}").srcVersions());
    }

    @Test
    void numbersAsStringsAndStringsAsNumbers() {
        OtaJob job = parseJob("\"GrayPercent\":\"50.00\",\"RetryCount\":\"3\",\"RetryInterval\":\" 60 \","
                + "\"DynamicMode\":1.0,\"JobDesc\":12,\"DestVersion\":2.5,\"TimeoutInMinutes\":\"\"");
        assertEquals(50.0, job.grayPercent());
        assertEquals(3, job.retryCount());
        assertEquals(60, job.retryIntervalMinutes());
        assertEquals(1, job.dynamicMode());
        assertEquals("12", job.jobDesc());
        assertEquals("2.5", job.destVersion());
        assertNull(job.timeoutInMinutes());
        assertEquals("12", parseJob("\"JobId\":12").jobId(), "last JobId wins; number as text");
    }

    @Test
    void statusSpellingsAreKeptAndUnderstood() {
        assertTrue(parseJob("\"JobStatus\":\"COMPLETE\"").isFinal());
        OtaJob completed = parseJob("\"JobStatus\":\"COMPLETED\",\"JobType\":\"VERIFY_FIRMWARE\"");
        assertTrue(completed.isFinal());
        assertEquals("COMPLETED", completed.jobStatus());
        assertEquals("VERIFY_FIRMWARE", completed.jobType());
        assertTrue(parseJob("\"JobStatus\":\"CANCELED\"").isFinal());
        assertTrue(parseJob("\"JobStatus\":\"PLANNED\"").isPlanned());
        assertEquals("DYNAMIC", parseJob("\"SelectionType\":\"DYNAMIC\",\"DynamicMode\":1").selectionType());
        assertEquals("SOMETHING_NEW", parseJob("\"JobStatus\":\"SOMETHING_NEW\"").jobStatus());
        assertFalse(parseJob("\"RetryCount\":0").hasRetryPolicy());
        assertEquals("CONFIRM", onlyTask("\"TaskStatus\":\"CONFIRM\"").taskStatus());
        assertFalse(TaskStatus.isSettled(onlyTask("\"TaskStatus\":\"CONFIRM\"").taskStatus()));
        assertTrue(TaskStatus.isSettled(onlyTask("\"TaskStatus\":\"CANCELED\"").taskStatus()));
    }

    @Test
    void timesWithAndWithoutMillisAndOtherForms() {
        Instant expected = Instant.parse("2019-12-28T02:43:10Z");
        assertEquals(expected, parseJob("\"UtcCreate\":\"2019-12-28T02:43:10.000Z\"").utcCreate());
        assertEquals(expected, parseJob("\"UtcCreate\":\"2019-12-28T02:43:10Z\"").utcCreate());
        assertEquals(expected, parseJob("\"UtcCreate\":\"2019-12-28T10:43:10+08:00\"").utcCreate());
        assertEquals(expected, parseJob("\"UtcCreate\":\"2019-12-28 02:43:10\"").utcCreate());
        assertEquals(expected, parseJob("\"UtcCreate\":" + expected.toEpochMilli()).utcCreate());
        assertEquals(expected, parseJob("\"UtcCreate\":\"" + expected.toEpochMilli() + "\"").utcCreate());
        assertNull(parseJob("\"UtcCreate\":\"\"").utcCreate());
        assertNull(parseJob("\"UtcCreate\":null").utcCreate());
    }

    @Test
    void unknownFieldsAreIgnored() {
        OtaTask t = onlyTask("\"NewField\":{\"deep\":[1,2,{\"x\":null}]},\"Timeout\":30");
        assertEquals("t1", t.taskId());
        assertEquals("30", t.timeout());
    }

    @Test
    void requiredFieldsAreNamedWhenMissing() {
        InvalidResponseException noData = assertThrows(InvalidResponseException.class,
                () -> parser.parseJob(ok("{\"Success\":true}")));
        assertTrue(noData.getMessage().contains("response field Data is missing"), noData.getMessage());
        InvalidResponseException noJobId = assertThrows(InvalidResponseException.class,
                () -> parser.parseJob(ok("{\"Success\":true,\"Data\":{\"JobStatus\":\"PLANNED\"}}")));
        assertTrue(noJobId.getMessage().contains("response field Data.JobId is missing"), noJobId.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"TaskId\":null", "\"TaskId\":\"\"", "\"TaskId\":\"  \"", "\"TaskId\":{\"a\":1}"})
    void aRowWithoutAUsableTaskIdIsSkippedNotThePage(String taskId) {
        String body = "{\"Success\":true,\"RequestId\":\"R\",\"Total\":3,\"Data\":{\"SimpleOTATaskInfo\":["
                + "{\"TaskId\":\"t1\",\"JobId\":\"j1\"},{" + taskId + ",\"JobId\":\"j1\",\"DeviceName\":\"d2\"},"
                + "{\"TaskId\":\"t3\",\"JobId\":\"j1\"}]}}";
        TaskPage page = parser.parseTaskPage(ok(body), query);
        assertEquals(List.of("t1", "t3"), page.tasks().stream().map(OtaTask::taskId).toList());
        assertEquals(3, page.total(), "the page is what the vendor said it is");
        MalformedRow skipped = page.malformedRows().get(0);
        assertEquals(1, page.malformedRows().size());
        assertEquals(1, skipped.position());
        assertTrue(skipped.skipped());
        assertNull(skipped.taskId());
        assertEquals("row 1 (no TaskId)", skipped.row());
        assertTrue(skipped.problems().get(0).contains("Data.SimpleOTATaskInfo[1].TaskId"), skipped.problems().toString());
    }

    @Test
    void aMissingJobIdIsTheRequestedJobs() {
        TaskPage page = parser.parseTaskPage(ok("{\"Success\":true,\"Total\":1,\"Data\":{\"SimpleOTATaskInfo\":"
                + "[{\"TaskId\":\"t1\",\"JobId\":\"\"}]}}"), query);
        assertEquals(query.jobId(), page.tasks().get(0).jobId());
        MalformedRow row = page.malformedRows().get(0);
        assertFalse(row.skipped());
        assertEquals("row 0 (TaskId t1)", row.row());
        assertTrue(row.problems().get(0).contains("Data.SimpleOTATaskInfo[0].JobId is missing"), row.problems().toString());
    }

    /** field JSON | the field's problem, as reported */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"Progress\":\"N/A\"          | Progress should be a number but is \"N/A\"",
            "\"Progress\":\"abc\"          | Progress should be a number but is \"abc\"",
            "\"Progress\":\"NaN\"          | Progress should be a number",
            "\"Progress\":true             | Progress should be a number but is a boolean",
            "\"Progress\":1e999            | Progress is out of range",
            "\"UtcCreate\":\"yesterday\"   | UtcCreate should be a time",
            "\"UtcModified\":\"unknown\"   | UtcModified should be a time",
            "\"UtcCreate\":{}              | UtcCreate should be a time but is an object",
            "\"DeviceName\":{\"a\":1}       | DeviceName should be text but is an object",
            "\"DeviceName\":\"\"            | DeviceName is blank",
            "\"DeviceName\":\" \"           | DeviceName is blank",
            "\"TaskStatus\":[\"FAILED\"]    | TaskStatus should be text but is an array",
    })
    void anUnreadableFieldIsNullAndTheRowKept(String field, String problem) {
        String body = "{\"Success\":true,\"Total\":2,\"Data\":{\"SimpleOTATaskInfo\":[{\"TaskId\":\"t1\",\"JobId\":\"j1\","
                + "\"DeviceName\":\"dev1\",\"TaskStatus\":\"IN_PROGRESS\",\"Progress\":\"35.00\","
                + "\"UtcCreate\":\"2019-11-04T03:38:15.000Z\",\"UtcModified\":\"2019-11-04T03:38:15.000Z\"," + field + "},"
                + "{\"TaskId\":\"t2\",\"JobId\":\"j1\",\"Progress\":\"50.00\"}]}}";
        TaskPage page = parser.parseTaskPage(ok(body), query);
        assertEquals(2, page.tasks().size(), "the rest of the page is read");
        assertEquals(50.0, page.tasks().get(1).progress());
        OtaTask kept = page.tasks().get(0);
        assertEquals("t1", kept.taskId());
        String name = field.substring(1, field.indexOf('"', 1));
        Object value = switch (name) {
            case "Progress" -> kept.progress();
            case "UtcCreate" -> kept.utcCreate();
            case "UtcModified" -> kept.utcModified();
            case "DeviceName" -> kept.deviceName();
            default -> kept.taskStatus();
        };
        assertNull(value, name + " is left null");
        if (!name.equals("TaskStatus")) {
            assertEquals("IN_PROGRESS", kept.taskStatus(), "the other fields are kept");
        }
        assertEquals(1, page.malformedRows().size());
        MalformedRow row = page.malformedRows().get(0);
        assertEquals("t1", row.taskId());
        assertFalse(row.skipped());
        assertEquals(1, row.problems().size());
        assertTrue(row.problems().get(0).contains("Data.SimpleOTATaskInfo[0]." + problem), row.problems().toString());
    }

    @Test
    void wrongTypesAreInvalidAndNamed() {
        InvalidResponseException e = assertThrows(InvalidResponseException.class,
                () -> parseJob("\"RetryCount\":1.5"));
        assertTrue(e.getMessage().contains("Data.RetryCount should be a whole number"), e.getMessage());
        assertThrows(InvalidResponseException.class, () -> parseJob("\"RetryCount\":99999999999"));
        assertThrows(InvalidResponseException.class, () -> parseJob("\"SrcVersions\":{\"SrcVersion\":[{}]}"));
        assertThrows(InvalidResponseException.class, () -> parser.parseJob(ok("{\"Success\":true,\"Data\":[]}")));
        assertThrows(InvalidResponseException.class,
                () -> parser.parseTaskPage(ok("{\"Success\":true,\"Total\":1,\"Data\":{\"SimpleOTATaskInfo\":[1]}}"), query));
        assertThrows(InvalidResponseException.class,
                () -> parser.parseTaskPage(ok("{\"Success\":true,\"Total\":1,\"Data\":5}"), query));
        assertThrows(InvalidResponseException.class,
                () -> parser.parseTaskPage(ok("{\"Success\":true,\"Total\":-1}"), query));
        assertThrows(InvalidResponseException.class,
                () -> parser.parseTaskPage(ok("{\"Success\":true,\"Total\":[]}"), query));
    }

    @Test
    void controlCharactersInEchoedValuesAreNeutralised() {
        String problem = parser.parseTaskPage(ok(task("\"Progress\":\"1\\n2\"")), query).malformedRows().get(0)
                .problems().get(0);
        assertFalse(problem.contains("\n"), problem);
        String message = assertThrows(InvalidResponseException.class,
                () -> parseJob("\"RetryCount\":\"1\\n2\"")).getMessage();
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void aWellFormedPageHasNoMalformedRows() {
        assertEquals(List.of(), parser.parseTaskPage(ok(VendorSamples.LIST_OTA_TASK_BY_JOB), query).malformedRows());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "not json", "{", "{\"Success\":true", "[]", "\"text\"", "42", "null",
            "{\"Success\":true,\"Data\":{}} trailing", "{\"Success\":true}{\"Success\":true}", "<html></html>",
            "{\"Success\":\"maybe\",\"Data\":{\"JobId\":\"j\"}}", "{\"Success\":{},\"Data\":{\"JobId\":\"j\"}}"})
    void unreadableBodiesAreInvalid(String body) {
        InvalidResponseException e = assertThrows(InvalidResponseException.class, () -> parser.parseJob(ok(body)));
        assertEquals("QueryOTAJob", e.action());
        assertTrue(e.getMessage().startsWith("QueryOTAJob failed [HTTP 200]"), e.getMessage());
    }

    @Test
    void invalidUtf8IsInvalid() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThrows(InvalidResponseException.class, () -> parser.parseJob(new RawResponse(200, body, null)));
    }

    @Test
    void deepNestingIsInvalidNotStackOverflow() {
        String deep = "{\"Success\":true,\"Data\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        InvalidResponseException e = assertThrows(InvalidResponseException.class, () -> parser.parseJob(ok(deep)));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        String deepObjects = "{\"a\":".repeat(50) + "1" + "}".repeat(50);
        assertThrows(InvalidResponseException.class, () -> parser.parseJob(ok(deepObjects)));
    }

    @Test
    void hugeStringIsInvalid() {
        String body = "{\"Success\":true,\"Data\":{\"JobId\":\"j\",\"JobDesc\":\"" + "x".repeat(2 << 20) + "\"}}";
        assertThrows(InvalidResponseException.class, () -> parser.parseJob(ok(body)));
    }

    @Test
    void hugeNumberIsInvalid() {
        String body = "{\"Success\":true,\"Data\":{\"JobId\":\"j\",\"RetryCount\":" + "9".repeat(5000) + "}}";
        assertThrows(InvalidResponseException.class, () -> parser.parseJob(ok(body)));
    }

    @Test
    void bodyOverTheCapIsInvalid() {
        ResponseParser small = ResponseParsers.parser(100);
        String body = job("\"JobDesc\":\"" + "x".repeat(200) + "\"");
        InvalidResponseException e = assertThrows(InvalidResponseException.class, () -> small.parseJob(ok(body)));
        assertTrue(e.getMessage().contains("larger than the 100-byte cap"), e.getMessage());
    }
}
