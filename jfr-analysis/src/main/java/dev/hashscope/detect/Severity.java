package dev.hashscope.detect;

/** How much a finding matters; ordered from least to most. */
public enum Severity {
    /** The recording lacks the events the detector needs: it could not look, so it says nothing is wrong nowhere. */
    NOT_APPLICABLE,
    /** Looked, and found nothing worth changing. */
    OK,
    /** Something measurable, but not (yet) a problem. */
    INFO,
    /** Worth fixing. */
    WARNING;

    /** JMC's convention: scores below 25 are OK, below 75 INFO, from 75 on WARNING. */
    public static Severity ofScore(int score) {
        return score >= 75 ? WARNING : score >= 25 ? INFO : OK;
    }
}
