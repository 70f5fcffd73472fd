package org.reactorxmpp.benchmarks.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds chat messages in received XML text by plain search (the raw clients' only parser): every
 * complete {@code <message ...>...</message>} with a {@code from} and a {@code <body>} goes to the
 * listener. Enough for the harness's own traffic (ASCII bodies, no nested messages).
 */
final class MessageScan {

    private static final Pattern FROM = Pattern.compile("\\sfrom=['\"]([^'\"]+)['\"]");

    private MessageScan() {
    }

    /**
     * @param text received text, possibly ending inside a message
     * @param listener gets every complete message's sender and body
     * @return how much of {@code text} was consumed: the start of the first incomplete message, or
     *     (when there is none) a point a few characters before the end, where a cut tag may begin
     */
    static int dispatch(CharSequence text, RawClient.Listener listener) {
        String s = text.toString();
        int from = 0;
        while (true) {
            int start = s.indexOf("<message", from);
            if (start < 0) {
                return Math.max(from, s.length() - "<message".length());
            }
            int end = s.indexOf("</message>", start);
            if (end < 0) {
                return start;
            }
            String stanza = s.substring(start, end);
            int b = stanza.indexOf("<body>");
            int be = stanza.indexOf("</body>");
            Matcher sender = FROM.matcher(stanza.substring(0, Math.max(0, stanza.indexOf('>'))));
            if (b >= 0 && be > b && sender.find()) {
                listener.message(sender.group(1), stanza.substring(b + 6, be));
            }
            from = end + "</message>".length();
        }
    }
}
