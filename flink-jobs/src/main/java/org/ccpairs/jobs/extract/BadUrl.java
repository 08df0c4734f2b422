package org.ccpairs.jobs.extract;

/** Why an image with an alt text yielded no pair: stable reason codes for counters. */
public enum BadUrl {
    /** No {@code src} (nor a lazy-loading attribute or srcset), or only whitespace. */
    MISSING,
    /** A {@code data:} URI: the image is inline, there is nothing to link to. */
    DATA,
    /** A {@code javascript:} URL. */
    JAVASCRIPT,
    /** A {@code blob:} URL, which only exists inside the page that made it. */
    BLOB,
    /** Another scheme than http(s) after resolution ({@code ftp:}, {@code mailto:}, ...). */
    OTHER_SCHEME,
    /** The URL could not be resolved against the page. */
    UNRESOLVABLE
}
