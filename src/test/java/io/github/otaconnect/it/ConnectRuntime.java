package io.github.otaconnect.it;

/** A running Kafka + Connect cluster that the shared test scenarios can drive. */
interface ConnectRuntime extends AutoCloseable {

    String bootstrapServers();

    ConnectRestClient rest();

    /** Running workers. */
    int workers();

    /** Stops one running worker gracefully (its tasks move to the others). */
    void stopOneWorker();

    /** Starts one more worker in the same group. */
    void startWorker();

    @Override
    void close();
}
