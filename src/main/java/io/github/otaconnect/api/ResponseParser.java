package io.github.otaconnect.api;

import java.util.List;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a {@link RawResponse} into the typed result of its action, or into the typed exception for the
 * vendor's error: a gateway error (HTTP 4xx/5xx with {@code Code}/{@code Message}) or a business error
 * (HTTP 200 with {@code Success:false}, {@code Code}/{@code ErrorMessage}). Whatever the bytes, the outcome
 * is a result or an {@link OtaApiException}; for a 2xx body that is not what the API documents, always an
 * {@link InvalidResponseException}. Thread-safe.
 */
public final class ResponseParser {

    private static final int MAX_VENDOR_TEXT_CHARS = 500;
    private static final int MAX_IDENTIFIER_CHARS = 128;

    private final JsonBodyReader reader;
    private final SecretRedactor redactor;

    /** The redactor keeps the client's secrets out of the exceptions built from what the vendor sent back. */
    ResponseParser(int maxBodyBytes, SecretRedactor redactor) {
        this.reader = new JsonBodyReader(maxBodyBytes, redactor);
        this.redactor = redactor;
    }

    /** {@code QueryOTAJob}: {@code Data} is required and must hold a {@code JobId}. */
    public JobResult parseJob(RawResponse response) {
        return parse(OtaActions.QUERY_OTA_JOB, response, (fields, root) -> new JobResult(
                job(fields, fields.requiredObject(root, "Data", ""), "Data"),
                fields.requestId(), response.serverTime()));
    }

    /**
     * {@code ListOTATaskByJob}. Missing paging fields fall back to the query's, except {@code Total}. A
     * malformed row does not make the page invalid: it is skipped or kept with its unreadable fields null,
     * and listed in {@link TaskPage#malformedRows()} (see {@link TaskRowReader}).
     */
    public TaskPage parseTaskPage(RawResponse response, TaskQuery query) {
        return parse(OtaActions.LIST_OTA_TASK_BY_JOB, response, (fields, root) -> {
            TaskRowReader rows = new TaskRowReader(fields, query.jobId());
            List<ResponseFields.Item> items = fields.objectList(root, "Data", "SimpleOTATaskInfo", "");
            for (int position = 0; position < items.size(); position++) {
                rows.read(items.get(position), position);
            }
            Paging paging = paging(fields, root, query.currentPage(), query.pageSize());
            return new TaskPage(rows.tasks(), paging.total, paging.pageCount, paging.pageSize, paging.currentPage,
                    fields.requestId(), response.serverTime(), rows.malformed());
        });
    }

    /** {@code ListOTAFirmware}. */
    public FirmwarePage parseFirmwarePage(RawResponse response, int requestedPage, int requestedPageSize) {
        return parse(OtaActions.LIST_OTA_FIRMWARE, response, (fields, root) -> {
            List<FirmwareInfo> firmware = fields.objectList(root, "FirmwareInfo", "SimpleFirmwareInfo", "").stream()
                    .map(item -> firmware(fields, item.node(), item.path()))
                    .toList();
            Paging paging = paging(fields, root, requestedPage, requestedPageSize);
            return new FirmwarePage(firmware, paging.total, paging.pageCount, paging.pageSize, paging.currentPage,
                    fields.requestId());
        });
    }

    /** {@code ListOTAJobByFirmware}. */
    public JobSummaryPage parseJobSummaryPage(RawResponse response, int requestedPage, int requestedPageSize) {
        return parse(OtaActions.LIST_OTA_JOB_BY_FIRMWARE, response, (fields, root) -> {
            List<JobSummary> jobs = fields.objectList(root, "Data", "SimpleOTAJobInfo", "").stream()
                    .map(item -> jobSummary(fields, item.node(), item.path()))
                    .toList();
            Paging paging = paging(fields, root, requestedPage, requestedPageSize);
            return new JobSummaryPage(jobs, paging.total, paging.pageCount, paging.pageSize, paging.currentPage,
                    fields.requestId());
        });
    }

    private <T> T parse(String action, RawResponse response, BiFunction<ResponseFields, ObjectNode, T> mapper) {
        try {
            ObjectNode root = successfulBody(action, response);
            return mapper.apply(new ResponseFields(action, response.statusCode(), identifier(root, "RequestId")), root);
        } catch (OtaApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // the field readers are meant to catch every bad shape; this is the guarantee if one slips through
            throw new InvalidResponseException(action, null, null, response.statusCode(),
                    "the response could not be interpreted (" + e.getClass().getSimpleName() + ")"
                            + JsonBodyReader.RETRY_ADVICE, e);
        }
    }

    /** The body of a successful call, or the typed exception for the error it reports. */
    private ObjectNode successfulBody(String action, RawResponse response) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            ObjectNode error = reader.readIfObject(response.body());
            throw VendorErrorClassifier.classify(action, status, identifier(error, "Code"), vendorMessage(error),
                    identifier(error, "RequestId"));
        }
        ObjectNode root = reader.read(action, status, response.body());
        String code = identifier(root, "Code");
        Boolean success = successFlag(action, status, root);
        if (Boolean.FALSE.equals(success) || (success == null && code != null)) {
            String requestId = identifier(root, "RequestId");
            if (code == null) {
                throw new InvalidResponseException(action, null, requestId, status,
                        "the vendor reported a failure without an error code" + JsonBodyReader.RETRY_ADVICE);
            }
            throw VendorErrorClassifier.classify(action, status, code, vendorMessage(root), requestId);
        }
        return root;
    }

    private Boolean successFlag(String action, int status, ObjectNode root) {
        JsonNode n = ResponseFields.field(root, "Success");
        if (n == null) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual() && ("true".equalsIgnoreCase(n.textValue()) || "false".equalsIgnoreCase(n.textValue()))) {
            return Boolean.parseBoolean(n.textValue());
        }
        throw new InvalidResponseException(action, null, identifier(root, "RequestId"), status,
                "response field Success should be true or false" + JsonBodyReader.RETRY_ADVICE);
    }

    /** {@code ErrorMessage} (business errors) or {@code Message} (gateway errors), made safe to print. */
    private String vendorMessage(ObjectNode body) {
        String message = scalar(body, "ErrorMessage");
        if (message == null) {
            message = scalar(body, "Message");
        }
        return printable(redactor.scrub(message), MAX_VENDOR_TEXT_CHARS);
    }

    private String identifier(ObjectNode body, String name) {
        return printable(redactor.scrub(scalar(body, name)), MAX_IDENTIFIER_CHARS);
    }

    /** A scalar field as text; anything else counts as absent because this only feeds error reports. */
    private static String scalar(ObjectNode body, String name) {
        if (body == null) {
            return null;
        }
        JsonNode n = ResponseFields.field(body, name);
        return n != null && n.isValueNode() ? n.asText() : null;
    }

    /** No control characters (they would forge log lines), bounded length, blank as null. */
    private static String printable(String text, int maxChars) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String clean = text.replaceAll("\\p{Cntrl}", " ").trim();
        return clean.length() > maxChars ? clean.substring(0, maxChars) + "..." : clean;
    }

    private record Paging(int total, int pageCount, int pageSize, int currentPage) {
    }

    /** {@code Total} is required (callers check listings against it); the rest can be inferred. */
    private static Paging paging(ResponseFields fields, ObjectNode root, int requestedPage, int requestedPageSize) {
        int total = fields.count(root, "Total", "", null);
        int pageSize = fields.count(root, "PageSize", "", requestedPageSize);
        int currentPage = fields.count(root, "CurrentPage", "", requestedPage);
        int derivedPageCount = pageSize == 0 ? 0 : (int) ((total + (long) pageSize - 1) / pageSize);
        int pageCount = fields.count(root, "PageCount", "", derivedPageCount);
        return new Paging(total, pageCount, pageSize, currentPage);
    }

    private static OtaJob job(ResponseFields f, JsonNode d, String p) {
        return new OtaJob(
                f.requiredText(d, "JobId", p),
                f.text(d, "JobStatus", p),
                f.text(d, "JobType", p),
                f.text(d, "SelectionType", p),
                f.text(d, "TargetSelection", p),
                f.text(d, "ProductKey", p),
                f.text(d, "FirmwareId", p),
                f.textEither(d, "Name", "FirmwareName", p),
                f.text(d, "DestVersion", p),
                f.textList(d, "SrcVersions", "SrcVersion", p),
                f.text(d, "JobDesc", p),
                f.integer(d, "DynamicMode", p),
                f.decimal(d, "GrayPercent", p),
                f.integer(d, "MaximumPerMinute", p),
                f.integer(d, "OverwriteMode", p),
                f.integer(d, "RetryCount", p),
                f.integer(d, "RetryInterval", p),
                f.integer(d, "TimeoutInMinutes", p),
                f.instant(d, "UtcCreate", p),
                f.instant(d, "UtcModified", p),
                f.instant(d, "UtcStartTime", p),
                f.instant(d, "UtcEndTime", p),
                f.instant(d, "UtcScheduleTime", p),
                f.instant(d, "UtcScheduleFinishTime", p));
    }

    private static FirmwareInfo firmware(ResponseFields f, JsonNode w, String p) {
        return new FirmwareInfo(
                f.requiredText(w, "FirmwareId", p),
                f.textEither(w, "FirmwareName", "Name", p),
                f.text(w, "ProductKey", p),
                f.text(w, "ProductName", p),
                f.text(w, "SrcVersion", p),
                f.text(w, "DestVersion", p),
                f.integerOrUnknown(w, "Status", p),
                f.text(w, "Type", p),
                f.instant(w, "UtcCreate", p),
                f.instant(w, "UtcModified", p));
    }

    private static JobSummary jobSummary(ResponseFields f, JsonNode j, String p) {
        return new JobSummary(
                f.requiredText(j, "JobId", p),
                f.text(j, "FirmwareId", p),
                f.text(j, "ProductKey", p),
                f.text(j, "JobStatus", p),
                f.text(j, "JobType", p),
                f.text(j, "SelectionType", p),
                f.text(j, "TargetSelection", p),
                f.instant(j, "UtcCreate", p),
                f.instant(j, "UtcModified", p),
                f.instant(j, "UtcStartTime", p),
                f.instant(j, "UtcEndTime", p));
    }
}
