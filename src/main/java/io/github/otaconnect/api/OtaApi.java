package io.github.otaconnect.api;

/**
 * The OTA operations the connector needs. Every method either returns the parsed answer or throws an
 * {@link OtaApiException} subclass; retriable failures have already been retried by the implementation.
 * An interrupt of the calling thread ends a call at once with {@link InterruptedException}.
 */
public interface OtaApi extends AutoCloseable {

    /** {@code QueryOTAJob}. @throws NotFoundException when the job does not exist */
    JobResult queryJob(String jobId) throws InterruptedException;

    /** {@code ListOTATaskByJob}, one page. */
    TaskPage listTasks(TaskQuery query) throws InterruptedException;

    /** {@code ListOTAFirmware}, one page (at most 100). @param productKey {@code null} for all products */
    FirmwarePage listFirmware(String productKey, int currentPage, int pageSize) throws InterruptedException;

    /** {@code ListOTAJobByFirmware}, one page (at most 200). */
    JobSummaryPage listJobsByFirmware(String firmwareId, int currentPage, int pageSize) throws InterruptedException;

    @Override
    void close();
}
