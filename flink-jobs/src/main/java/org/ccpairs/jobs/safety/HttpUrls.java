package org.ccpairs.jobs.safety;

import java.net.URI;
import java.net.URISyntaxException;

/** The http(s) URLs that safety settings name (list URLs, the image-safety model's endpoint). */
final class HttpUrls {
    private HttpUrls() {}

    /**
     * {@code value} as an absolute http or https URL with a host.
     *
     * @param setting the option's key, for the message
     * @param shown how the message quotes the value (the whole setting, which may hold more)
     * @param hint added to the message when the URL is not http(s), e.g. the expected form
     * @throws IllegalArgumentException naming the setting and the value
     */
    static URI parse(String setting, String value, String shown, String hint) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "'" + setting + "': '" + shown + "' is no URL: " + e.getMessage(), e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "'" + setting + "': '" + shown + "' is no http(s) URL" + hint);
        }
        return uri;
    }
}
