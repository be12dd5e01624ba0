package io.github.otaconnect.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The vendor API client: signed GET requests over one reused {@link java.net.http.HttpClient}, a token
 * bucket per action, retries with backoff, typed results and typed errors. Thread-safe: one instance is
 * meant to be shared by all threads of a connector task.
 *
 * <p>Logging: DEBUG shows each attempt's action and parameters, without {@code Signature} and
 * {@code SecurityToken}; the AccessKey secret never leaves the signer.
 */
public final class OtaApiClient implements OtaApi {

    private final ClientSettings settings;
    private final Transport transport;
    private final ResponseParser parser;
    private final CallExecutor calls;
    private final AtomicBoolean closed = new AtomicBoolean();

    public OtaApiClient(ClientSettings settings) {
        this(settings, ApiCallListener.NONE);
    }

    public OtaApiClient(ClientSettings settings, ApiCallListener listener) {
        this(settings, listener, SecretRedactor.of(settings.credentials()));
    }

    private OtaApiClient(ClientSettings settings, ApiCallListener listener, SecretRedactor redactor) {
        this(settings, listener, HttpTransport.create(settings, redactor), redactor);
    }

    /** For tests: any transport. */
    OtaApiClient(ClientSettings settings, ApiCallListener listener, Transport transport) {
        this(settings, listener, transport, SecretRedactor.of(settings.credentials()));
    }

    private OtaApiClient(ClientSettings settings, ApiCallListener listener, Transport transport,
                         SecretRedactor redactor) {
        this.settings = settings;
        this.transport = transport;
        this.parser = new ResponseParser(settings.maxResponseBytes(), redactor);
        this.calls = new CallExecutor(settings, transport, listener == null ? ApiCallListener.NONE : listener,
                redactor);
    }

    @Override
    public JobResult queryJob(String jobId) throws InterruptedException {
        Map<String, String> params = Map.of("JobId", requireId(jobId, "jobId"));
        return call(OtaActions.QUERY_OTA_JOB, params, parser::parseJob);
    }

    @Override
    public TaskPage listTasks(TaskQuery query) throws InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("JobId", query.jobId());
        params.put("CurrentPage", Integer.toString(query.currentPage()));
        params.put("PageSize", Integer.toString(query.pageSize()));
        if (query.taskStatus() != null) {
            params.put("TaskStatus", query.taskStatus());
        }
        List<String> names = query.deviceNames();
        for (int i = 0; i < names.size(); i++) {
            params.put("DeviceNames." + (i + 1), names.get(i));
        }
        return call(OtaActions.LIST_OTA_TASK_BY_JOB, params, response -> parser.parseTaskPage(response, query));
    }

    @Override
    public FirmwarePage listFirmware(String productKey, int currentPage, int pageSize) throws InterruptedException {
        Map<String, String> params = paging(currentPage, pageSize, VendorLimits.FIRMWARE_PAGE_SIZE);
        if (productKey != null && !productKey.isBlank()) {
            params.put("ProductKey", productKey);
        }
        return call(OtaActions.LIST_OTA_FIRMWARE, params,
                response -> parser.parseFirmwarePage(response, currentPage, pageSize));
    }

    @Override
    public JobSummaryPage listJobsByFirmware(String firmwareId, int currentPage, int pageSize)
            throws InterruptedException {
        Map<String, String> params = paging(currentPage, pageSize, VendorLimits.JOB_PAGE_SIZE);
        params.put("FirmwareId", requireId(firmwareId, "firmwareId"));
        return call(OtaActions.LIST_OTA_JOB_BY_FIRMWARE, params,
                response -> parser.parseJobSummaryPage(response, currentPage, pageSize));
    }

    private <T> T call(String action, Map<String, String> params, Function<RawResponse, T> read) throws InterruptedException {
        if (closed.get()) {
            throw new IllegalStateException("the OTA API client is closed");
        }
        return calls.call(action, params, read);
    }

    private static Map<String, String> paging(int currentPage, int pageSize, int maxPageSize) {
        if (currentPage < 1) {
            throw new IllegalArgumentException("currentPage must be >= 1 (pages start at 1), was " + currentPage);
        }
        if (pageSize < 1 || pageSize > maxPageSize) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + maxPageSize + ", was " + pageSize);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CurrentPage", Integer.toString(currentPage));
        params.put("PageSize", Integer.toString(pageSize));
        return params;
    }

    private static String requireId(String id, String name) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return id;
    }

    /** Releases the HTTP client's threads. Calls after close fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.close();
        }
    }

    @Override
    public String toString() {
        return "OtaApiClient[" + settings + "]";
    }
}
