package org.ccpairs.jobs.extract;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Creative Commons licence URLs to short licence ids. */
public final class Licenses {
    private static final Pattern CC_LICENSE =
            Pattern.compile(
                    "(?i)^https?://(?:www\\.)?creativecommons\\.org/licenses/"
                            + "(by|by-sa|by-nd|by-nc|by-nc-sa|by-nc-nd|by-sa-nc|by-nd-nc|sa|nc|nd)"
                            + "/(\\d+(?:\\.\\d+)?)(?:/.*)?$");
    private static final Pattern CC_PUBLIC_DOMAIN =
            Pattern.compile(
                    "(?i)^https?://(?:www\\.)?creativecommons\\.org/publicdomain/(zero|mark)"
                            + "/(\\d+(?:\\.\\d+)?)(?:/.*)?$");

    private Licenses() {}

    /**
     * The licence id of a Creative Commons URL, e.g. {@code cc-by-sa-3.0} for
     * http://creativecommons.org/licenses/by-sa/3.0/de/, {@code cc0-1.0}, {@code pdm-1.0}; null for
     * any other URL.
     */
    public static String idOf(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = CC_LICENSE.matcher(url.trim());
        if (m.matches()) {
            return "cc-" + m.group(1).toLowerCase(Locale.ROOT) + "-" + m.group(2);
        }
        m = CC_PUBLIC_DOMAIN.matcher(url.trim());
        if (m.matches()) {
            return (m.group(1).equalsIgnoreCase("zero") ? "cc0-" : "pdm-") + m.group(2);
        }
        return null;
    }
}
