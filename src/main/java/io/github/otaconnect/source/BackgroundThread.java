package io.github.otaconnect.source;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that the connector or a task owns for its whole life. Stopping it interrupts it, which
 * aborts an API call, a rate-limit wait or a backoff in progress, so that {@code stop()} returns within
 * seconds, as the framework expects.
 */
final class BackgroundThread {

    private static final Logger log = LoggerFactory.getLogger(BackgroundThread.class);

    private final Thread thread;

    private BackgroundThread(Thread thread) {
        this.thread = thread;
    }

    static BackgroundThread start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return new BackgroundThread(thread);
    }

    /** Interrupts the thread and waits for it to end, at most {@code timeout}. */
    void stop(Duration timeout) {
        thread.interrupt();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("Thread {} did not stop within {} s", thread.getName(), timeout.toSeconds());
        }
    }
}
