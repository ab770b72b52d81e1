package dev.hashscope.event;

/**
 * A setting in force while recording ({@code jdk.ActiveSetting}), e.g. event {@code jdk.JavaMonitorEnter},
 * name {@code threshold}, value {@code 20 ms}. Analyses use it to tell "no contention" from "not recorded".
 */
public record RecordingSetting(String eventType, String name, String value) {
}
