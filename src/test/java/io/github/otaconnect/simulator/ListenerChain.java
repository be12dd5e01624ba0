package io.github.otaconnect.simulator;

import java.util.concurrent.CopyOnWriteArrayList;

/** The scenario's listeners as one; jobs hold it and ask {@link #isEmpty()} before building a state. */
final class ListenerChain implements ScenarioListener {

    private final CopyOnWriteArrayList<ScenarioListener> listeners = new CopyOnWriteArrayList<>();

    void add(ScenarioListener listener) {
        listeners.add(listener);
    }

    void remove(ScenarioListener listener) {
        listeners.remove(listener);
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    @Override
    public void taskChanged(TaskState task) {
        for (ScenarioListener l : listeners) {
            l.taskChanged(task);
        }
    }

    @Override
    public void jobStatusChanged(SimJobState job) {
        for (ScenarioListener l : listeners) {
            l.jobStatusChanged(job);
        }
    }
}
