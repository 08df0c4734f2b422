package org.ccpairs.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;
import org.ccpairs.connectors.announce.AnnouncerOptions;
import org.ccpairs.connectors.kafka.KafkaOptions;
import org.ccpairs.connectors.registry.RegistryOptions;
import org.ccpairs.jobs.JobOptions;
import org.ccpairs.jobs.filter.FilterOptions;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions;
import org.ccpairs.jobs.read.ReadOptions;
import org.ccpairs.jobs.safety.SafetyOptions;
import org.ccpairs.jobs.version.DatasetOptions;

/**
 * Renders docs/configuration.md from the {@link ConfigOption} declarations, the single source of
 * every setting. {@code ConfigurationDocsTest} fails when the file and the code disagree;
 * regenerate it with {@code ./ccpairs config-reference > docs/configuration.md}.
 */
public final class ConfigReference {
    /** Every class that declares ccpairs settings, in the order of the reference. */
    public static final List<Class<?>> OPTION_CLASSES =
            List.of(
                    KafkaOptions.class,
                    RegistryOptions.class,
                    DatasetOptions.class,
                    JobOptions.class,
                    ReadOptions.class,
                    FilterOptions.class,
                    SafetyOptions.class,
                    LinkCheckOptions.class,
                    AnnouncerOptions.class);

    private ConfigReference() {}

    /** The option fields of {@code optionsClass}, in declaration order. */
    public static List<ConfigOption<?>> options(Class<?> optionsClass) {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field f : optionsClass.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())
                    && ConfigOption.class.isAssignableFrom(f.getType())) {
                try {
                    options.add((ConfigOption<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("option fields must be public: " + f, e);
                }
            }
        }
        return options;
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append(
                        "Generated from the `ConfigOption` declarations by `./ccpairs"
                                + " config-reference`; a test fails when this file and the code"
                                + " disagree.\n\n")
                .append(
                        "Give settings to `./ccpairs run` with `--conf KEY=VALUE` (or the dedicated"
                                + " flags), or put")
                .append(
                        " them in the Flink configuration of a deployment (`flinkConfiguration` of"
                                + " the")
                .append(
                        " `FlinkDeployment`). Map values are written `k1:v1,k2:v2`; durations"
                                + " `30s`, `2min`;")
                .append(
                        " sizes `128mb`. Flink's own settings (checkpointing, state backend,"
                                + " parallelism) apply as")
                .append(
                        " usual; the job refuses to start without"
                                + " `execution.checkpointing.interval`.\n");
        for (Class<?> c : OPTION_CLASSES) {
            md.append("\n## ").append(c.getSimpleName()).append("\n\n");
            md.append("| key | default | type | description |\n|---|---|---|---|\n");
            for (ConfigOption<?> o : options(c)) {
                md.append("| `")
                        .append(o.key())
                        .append("` | ")
                        .append(
                                o.hasDefaultValue()
                                        ? "`" + render(o.defaultValue()) + "`"
                                        : "(none)")
                        .append(" | ")
                        .append(typeOf(o))
                        .append(" | ")
                        .append(new HtmlFormatter().format(o.description()).replace("|", "\\|"))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static String render(Object value) {
        return value instanceof Duration d
                ? TimeUtils.formatWithHighestUnit(d)
                : String.valueOf(value);
    }

    /** The option's value type; Flink keeps it package-private, hence the reflection. */
    private static String typeOf(ConfigOption<?> option) {
        try {
            Method clazz = ConfigOption.class.getDeclaredMethod("getClazz");
            Method isList = ConfigOption.class.getDeclaredMethod("isList");
            clazz.setAccessible(true);
            isList.setAccessible(true);
            String name = ((Class<?>) clazz.invoke(option)).getSimpleName();
            return (boolean) isList.invoke(option) ? "List<" + name + ">" : name;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the type of " + option.key(), e);
        }
    }
}
