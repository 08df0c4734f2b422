package org.ccpairs.connectors.announce;

import org.apache.flink.configuration.ConfigOption;

/** A setting that cannot be used; names its key so that a form or a log can point at it. */
public final class SettingException extends IllegalArgumentException {
    private final String key;

    SettingException(ConfigOption<?> option, String problem) {
        super("'" + option.key() + "' " + problem);
        this.key = option.key();
    }

    /** The key of the setting, e.g. {@code announcer.base-url}. */
    public String key() {
        return key;
    }
}
