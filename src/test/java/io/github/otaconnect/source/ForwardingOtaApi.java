package io.github.otaconnect.source;

import io.github.otaconnect.api.FirmwarePage;
import io.github.otaconnect.api.JobResult;
import io.github.otaconnect.api.JobSummaryPage;
import io.github.otaconnect.api.OtaApi;
import io.github.otaconnect.api.TaskPage;
import io.github.otaconnect.api.TaskQuery;

/** An API that forwards every call, for tests that change what one operation does. Closing it closes nothing. */
abstract class ForwardingOtaApi implements OtaApi {

    private final OtaApi delegate;

    ForwardingOtaApi(OtaApi delegate) {
        this.delegate = delegate;
    }

    @Override
    public JobResult queryJob(String jobId) throws InterruptedException {
        return delegate.queryJob(jobId);
    }

    @Override
    public TaskPage listTasks(TaskQuery query) throws InterruptedException {
        return delegate.listTasks(query);
    }

    @Override
    public FirmwarePage listFirmware(String productKey, int currentPage, int pageSize) throws InterruptedException {
        return delegate.listFirmware(productKey, currentPage, pageSize);
    }

    @Override
    public JobSummaryPage listJobsByFirmware(String firmwareId, int currentPage, int pageSize) throws InterruptedException {
        return delegate.listJobsByFirmware(firmwareId, currentPage, pageSize);
    }

    @Override
    public void close() {
    }
}
