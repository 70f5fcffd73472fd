package org.reactorxmpp.xmpp.xml;

/**
 * Limits that bound what {@link XmlReader} accepts, so that hostile input fails fast and in bounded
 * memory. Immutable; {@link #DEFAULTS} suits XMPP traffic (stanzas are rarely over a few hundred KB).
 *
 * <pre>{@code
 * XmlLimits limits = XmlLimits.builder().maxDocumentSize(1 << 20).build();
 * XmlReader reader = XmlReader.create(limits);
 * }</pre>
 *
 * @param maxDepth deepest element nesting accepted (the root is depth 1)
 * @param maxAttributes most attributes on one element
 * @param maxTextLength longest text node or attribute value, in chars
 * @param maxDocumentSize most input, in bytes (for BOSH: one HTTP response body)
 */
public record XmlLimits(int maxDepth, int maxAttributes, int maxTextLength, long maxDocumentSize) {

    /** Depth 64, 128 attributes, 1 MiB of text per node, 8 MiB per document. */
    public static final XmlLimits DEFAULTS = new XmlLimits(64, 128, 1 << 20, 8L << 20);

    public XmlLimits {
        if (maxDepth < 2 || maxAttributes < 1 || maxTextLength < 1 || maxDocumentSize < 64) {
            throw new IllegalArgumentException("XML limits too small: depth=" + maxDepth + ", attributes="
                + maxAttributes + ", text=" + maxTextLength + ", size=" + maxDocumentSize);
        }
    }

    /** @return a builder starting from {@link #DEFAULTS} */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** Builds {@link XmlLimits}. */
    public static final class Builder {
        private int maxDepth;
        private int maxAttributes;
        private int maxTextLength;
        private long maxDocumentSize;

        private Builder(XmlLimits from) {
            maxDepth = from.maxDepth;
            maxAttributes = from.maxAttributes;
            maxTextLength = from.maxTextLength;
            maxDocumentSize = from.maxDocumentSize;
        }

        /** @param v deepest nesting @return this */
        public Builder maxDepth(int v) {
            maxDepth = v;
            return this;
        }

        /** @param v most attributes per element @return this */
        public Builder maxAttributes(int v) {
            maxAttributes = v;
            return this;
        }

        /** @param v longest text node or attribute value, in chars @return this */
        public Builder maxTextLength(int v) {
            maxTextLength = v;
            return this;
        }

        /** @param v most bytes per document @return this */
        public Builder maxDocumentSize(long v) {
            maxDocumentSize = v;
            return this;
        }

        /** @return the limits */
        public XmlLimits build() {
            return new XmlLimits(maxDepth, maxAttributes, maxTextLength, maxDocumentSize);
        }
    }
}
