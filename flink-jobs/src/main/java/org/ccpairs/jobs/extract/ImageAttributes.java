package org.ccpairs.jobs.extract;

/**
 * The attributes of an {@code <img>} or {@code <source>} element, as one extractor read them.
 * Values are entity-decoded; null means the attribute is absent, empty means present without a
 * value.
 */
@FunctionalInterface
public interface ImageAttributes {
    /** The value of the attribute named {@code name} (lower case), or null. */
    String get(String name);
}
