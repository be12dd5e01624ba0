package io.github.otaconnect.push;

/** Deliveries for tests outside this package, acknowledged by a runnable. */
public final class PushDeliveries {

    private PushDeliveries() {
    }

    public static PushDelivery device(String jobId, String deviceName, Runnable onAcknowledge) {
        return new PushDelivery(new PushMessage.DeviceStatus(jobId, "product", deviceName, "SUCCEEDED", "m-" + deviceName,
                null), onAcknowledge::run, System.nanoTime());
    }

    public static PushDelivery job(String jobId, Runnable onAcknowledge) {
        return new PushDelivery(new PushMessage.JobStatus(jobId, "product", "COMPLETED", "m-" + jobId, null),
                onAcknowledge::run, System.nanoTime());
    }
}
