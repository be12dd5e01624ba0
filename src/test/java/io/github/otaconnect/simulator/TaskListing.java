package io.github.otaconnect.simulator;

import java.util.List;

/** One page of tasks and the total the page was cut from. */
public record TaskListing(int total, List<TaskState> rows) {
}
