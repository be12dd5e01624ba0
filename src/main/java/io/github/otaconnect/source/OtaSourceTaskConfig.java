package io.github.otaconnect.source;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * A task's configuration: the connector's, passed through unchanged (so ConfigProvider placeholders
 * stay placeholders in the REST API), plus what the connector assigned to this task.
 */
final class OtaSourceTaskConfig extends OtaSourceConnectorConfig {

    static final String TASK_JOB_IDS = "ota.task.job.ids";
    static final String TASK_QPS_PER_ACTION = "ota.task.qps.per.action";
    static final String TASK_INDEX = "ota.task.index";

    private static final ConfigDef TASK_CONFIG_DEF = configDef()
            .define(TASK_JOB_IDS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Internal: the jobs the connector assigned to this task.")
            .define(TASK_QPS_PER_ACTION, Type.DOUBLE, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Range.atLeast(0.0001),
                    Importance.HIGH, "Internal: this task's share of the per-action QPS budget.")
            .define(TASK_INDEX, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Internal: this task's number, for metric names on workers without plugin metrics.");

    OtaSourceTaskConfig(Map<?, ?> originals) {
        super(TASK_CONFIG_DEF, originals);
    }

    List<String> assignedJobIds() {
        return getList(TASK_JOB_IDS).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    double assignedQpsPerAction() {
        return getDouble(TASK_QPS_PER_ACTION);
    }

    int taskIndex() {
        return getInt(TASK_INDEX);
    }

    /** The connector's name, as the worker passes it in every config. */
    String connectorName() {
        Object name = originals().get("name");
        return name == null ? "unnamed" : name.toString();
    }
}
