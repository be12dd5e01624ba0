package io.github.otaconnect.benchmark;

/** Something that changes a simulated job's tasks on its own thread while readers watch it. */
interface Changes extends AutoCloseable {

    /** Nothing changes: an idle job. */
    Changes NONE = new Changes() {
        @Override
        public Changes start() {
            return this;
        }

        @Override
        public void stop() {
        }

        @Override
        public long applied() {
            return 0;
        }
    };

    Changes start();

    /** No more changes after this returns. */
    void stop();

    /** Changes made so far. */
    long applied();

    @Override
    default void close() {
        stop();
    }
}
