package dev.hashscope.detect;

import java.util.Objects;

/**
 * One result of a detector: immutable, self-contained, and written for the person who has to fix it.
 *
 * @param detector    the detector's id, e.g. {@code map.monitor-contention}
 * @param severity    derived from the score except for {@link Severity#NOT_APPLICABLE}
 * @param score       0..100, how much this costs (comparable across detectors for ranking)
 * @param title       one line: "Hashtable contention at Inventory.record:28"
 * @param summary     the evidence in one or two sentences, with numbers
 * @param explanation why it hurts
 * @param fix         the concrete change at the call site; empty where there is nothing to fix
 */
public record Finding(String detector, Severity severity, int score, String title, String summary,
                      String explanation, String fix, Evidence evidence) {
    public Finding {
        Objects.requireNonNull(detector);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(title);
        summary = Objects.requireNonNullElse(summary, "");
        explanation = Objects.requireNonNullElse(explanation, "");
        fix = Objects.requireNonNullElse(fix, "");
        evidence = Objects.requireNonNullElse(evidence, Evidence.NONE);
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score out of 0..100: " + score);
        }
    }

    /** A finding whose severity follows its score. */
    public static Finding scored(String detector, int score, String title, String summary, String explanation,
                                 String fix, Evidence evidence) {
        int clamped = Math.max(0, Math.min(100, score));
        return new Finding(detector, Severity.ofScore(clamped), clamped, title, summary, explanation, fix, evidence);
    }

    /** "Looked and found nothing": score 0, severity OK, with what was looked at. */
    public static Finding ok(String detector, String title, String summary, Evidence evidence) {
        return new Finding(detector, Severity.OK, 0, title, summary, "", "", evidence);
    }
}
