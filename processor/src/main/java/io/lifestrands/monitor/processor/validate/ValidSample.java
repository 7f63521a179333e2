package io.lifestrands.monitor.processor.validate;

import io.lifestrands.monitor.schema.Sample;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A sample that passed validation, with the source record it came from so that later steps can still dead-letter
 * the original bytes. Lives only inside one sub-topology: it is never serialized.
 */
public record ValidSample(Sample sample, Record<byte[], byte[]> source) {
}
