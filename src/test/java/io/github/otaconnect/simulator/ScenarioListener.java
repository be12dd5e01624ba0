package io.github.otaconnect.simulator;

/**
  * Told of every change the scenario makes to a task or to a job's status, in the order the changes are
  * applied (which is simulated-time order, since evolution is lazy: a change is applied, and reported, when
  * something first observes a time at or after it; see {@link Scenario#advance()}). Called while the
  * scenario's lock is held, so an implementation must be quick and must not call back into the scenario.
  * The tasks and jobs a job starts with, and the tasks a planned job creates when it starts, are not
  * reported as task changes.
  */
public interface ScenarioListener {

    ScenarioListener NONE = new ScenarioListener() { };

    /** A task's status, progress or description changed; {@code task} is its state right after. */
    default void taskChanged(TaskState task) {
    }

    /** A job's status changed (started, completed, canceled); {@code job} is its state right after. */
    default void jobStatusChanged(SimJobState job) {
    }
}
