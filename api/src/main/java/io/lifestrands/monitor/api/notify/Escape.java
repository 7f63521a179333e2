package io.lifestrands.monitor.api.notify;

/**
 * Escaping of alert text (label values, messages, service names) for each rendering, so a value such as
 * {@code <script>} or {@code <!channel>} is shown as text and never interpreted (S7). Template syntax in values
 * ({@code {{...}}}, {@code ${...}}) needs nothing: no rendering evaluates templates on alert data.
 */
final class Escape {

    private Escape() {
    }

    /** For HTML text and attribute values. */
    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * For Slack mrkdwn text: {@code &}, {@code <} and {@code >} are the control characters of links and mentions
     * and must be sent as entities; newlines are flattened so a value cannot forge further lines of the message.
     */
    static String slack(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace('\n', ' ').replace('\r', ' ');
    }

    /** For a mail header: no line breaks, so no header can be injected. */
    static String header(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
    }
}
