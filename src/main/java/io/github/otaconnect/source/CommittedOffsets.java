package io.github.otaconnect.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the offsets committed for a task's jobs. Earlier builds wrote two-key partitions in a key order
 * that changed from one JVM to the next, so such a job may have offsets under both orders, each written by
 * a different run: both are looked up, and the more advanced one wins ({@link JobOffset#moreAdvanced}).
 * From then on only the fixed order is written, and it stays the more advanced one.
 */
final class CommittedOffsets {

    private static final Logger log = LoggerFactory.getLogger(CommittedOffsets.class);

    private CommittedOffsets() {
    }

    static Map<JobPartition, JobOffset> read(OffsetStorageReader reader, Collection<JobPartition> partitions) {
        Map<JobPartition, JobOffset> offsets = new LinkedHashMap<>();
        Map<Map<String, Object>, Map<String, Object>> current = lookUp(reader,
                partitions.stream().map(JobPartition::toMap).toList());
        for (JobPartition partition : partitions) {
            offsets.put(partition, JobOffset.fromMap(current.get(partition.toMap())));
        }
        List<Map<String, Object>> legacyKeys = partitions.stream().map(JobPartition::legacyKeyOrder)
                .flatMap(Optional::stream).toList();
        if (legacyKeys.isEmpty()) {
            return offsets;
        }
        // A second look-up of its own: the two orders are equal as maps, so one call could not return both.
        Map<Map<String, Object>, Map<String, Object>> legacy = lookUp(reader, legacyKeys);
        List<String> upgraded = new ArrayList<>();
        for (JobPartition partition : partitions) {
            Map<String, Object> committed = partition.legacyKeyOrder().map(legacy::get).orElse(null);
            if (committed == null) {
                continue;
            }
            JobOffset older = JobOffset.fromMap(committed);
            JobOffset chosen = JobOffset.moreAdvanced(offsets.get(partition), older);
            if (chosen == older) {
                upgraded.add(partition.jobId());
                offsets.put(partition, older);
            }
        }
        if (!upgraded.isEmpty()) {
            log.info("Jobs {}: resuming from offsets an earlier connector build committed under the other key order "
                    + "of the source partition ({\"{}\", \"{}\"}); they were more advanced than those under the "
                    + "current order. New offsets are written under the current order only.", upgraded,
                    JobPartition.IOT_INSTANCE_ID, JobPartition.JOB_ID);
        }
        return offsets;
    }

    private static Map<Map<String, Object>, Map<String, Object>> lookUp(OffsetStorageReader reader,
                                                                       List<Map<String, Object>> keys) {
        Map<Map<String, Object>, Map<String, Object>> offsets = reader.offsets(keys);
        return offsets == null ? Map.of() : offsets;
    }
}
