package org.reactorxmpp.xmpp.xml;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The compact storage of an {@link XmlElement} (attributes as one name/value array, children as one array) and
 * the read-only collection views over it that the public API hands out.
 */
final class ElementViews {

    private ElementViews() {
    }

    /** @return the index of {@code name} in a name/value array of {@code slots} used slots, or -1 */
    static int indexOf(Object[] pairs, int slots, XmlName name) {
        for (int i = 0; i < slots; i += 2) {
            if (name.equals(pairs[i])) {
                return i;
            }
        }
        return -1;
    }

    static @Nullable String valueOf(Object[] pairs, int slots, Object name) {
        for (int i = 0; i < slots; i += 2) {
            if (name.equals(pairs[i])) {
                return (String) pairs[i + 1];
            }
        }
        return null;
    }

    /** Same names with the same values, in any order (names are unique within an array). */
    static boolean sameAttributes(Object[] a, Object[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i += 2) {
            Object value = a[i].equals(b[i]) ? b[i + 1] : valueOf(b, b.length, a[i]);
            if (!a[i + 1].equals(value)) {
                return false;
            }
        }
        return true;
    }

    /** @return what {@link Map#hashCode()} of the same attributes would be */
    static int attributesHash(Object[] pairs) {
        int h = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            h += pairs[i].hashCode() ^ pairs[i + 1].hashCode();
        }
        return h;
    }

    /** Merges adjacent text runs and drops empty ones, so that equality does not depend on how text was split. */
    static List<Object> normalized(Object[] nodes) {
        List<Object> out = new ArrayList<>(nodes.length);
        StringBuilder text = null;
        for (Object n : nodes) {
            if (n instanceof String) {
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append((String) n);
            } else {
                if (text != null && text.length() > 0) {
                    out.add(text.toString());
                }
                text = null;
                out.add(n);
            }
        }
        if (text != null && text.length() > 0) {
            out.add(text.toString());
        }
        return out;
    }

    /** The children of an element as an unmodifiable list (a text run becomes an {@link XmlText} when read). */
    static final class ChildList extends AbstractList<XmlNode> implements RandomAccess {
        private final Object[] nodes;

        ChildList(Object[] nodes) {
            this.nodes = nodes;
        }

        @Override
        public XmlNode get(int index) {
            Object n = nodes[index];
            return n instanceof String ? new XmlText((String) n) : (XmlNode) n;
        }

        @Override
        public int size() {
            return nodes.length;
        }
    }

    /** The attributes of an element as an unmodifiable map in document order. */
    static final class AttributeMap extends AbstractMap<XmlName, String> {
        private final Object[] pairs;

        AttributeMap(Object[] pairs) {
            this.pairs = pairs;
        }

        @Override
        public int size() {
            return pairs.length >> 1;
        }

        @Override
        public @Nullable String get(Object key) {
            return key == null ? null : valueOf(pairs, pairs.length, key);
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<XmlName, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<XmlName, String>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < pairs.length;
                        }

                        @Override
                        public Entry<XmlName, String> next() {
                            if (next >= pairs.length) {
                                throw new NoSuchElementException();
                            }
                            Entry<XmlName, String> e =
                                new SimpleImmutableEntry<>((XmlName) pairs[next], (String) pairs[next + 1]);
                            next += 2;
                            return e;
                        }
                    };
                }

                @Override
                public int size() {
                    return pairs.length >> 1;
                }
            };
        }
    }
}
