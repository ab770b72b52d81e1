package dev.hashscope.detect;

import dev.hashscope.event.EventSink;
import java.util.List;

/**
 * A detector's state for one run: folds the events it declared interest in ({@link EventSink#kinds()}),
 * merges with another accumulator of the same detector (partial results from other chunks or threads),
 * and turns its aggregate into findings once the read has ended.
 */
public interface Accumulator extends EventSink {
    /** Adds {@code other}'s aggregate to this one; {@code other} is of the same class and is not used afterwards. */
    void merge(Accumulator other);

    /**
     * The findings, ranked by the detector. May be empty when there is nothing to say; a detector that
     * looked and found nothing should say so with an OK finding.
     */
    List<Finding> findings();
}
