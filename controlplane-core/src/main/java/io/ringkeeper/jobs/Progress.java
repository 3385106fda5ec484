package io.ringkeeper.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * How far a job is: units done of a total (files, segments, tables), bytes when the work moves data, the rate since the
 * job (re)started and the estimated end.
 *
 * @param rate per second, in bytes when bytes are counted, else in units
 * @param eta  when the job should end at that rate; null until there is a rate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Progress(long done, long total, String unit, Long bytesDone, Long bytesTotal, Double rate, Instant eta) {
}
