package io.flashback.bridge.storage;

import java.util.Comparator;

/**
 * S3 lists keys in UTF-8 byte order, which is Unicode code point order. Java compares strings
 * by UTF-16 unit, which differs for supplementary characters versus U+E000..U+FFFF; this
 * comparator fixes that up without encoding (the ICU "code point order" trick).
 */
public final class KeyOrder implements Comparator<String> {
    public static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {}

    @Override
    public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    x = fix(x);
                    y = fix(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static char fix(char c) {
        return (char) (c >= 0xE000 ? c - 0x800 : c + 0x2000);
    }

    /** The smallest string greater than every string starting with {@code prefix}, or null if none. */
    public static String prefixUpperBound(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int cp = prefix.codePointBefore(end);
            int start = end - Character.charCount(cp);
            int next = cp + 1;
            if (next >= 0xD800 && next <= 0xDFFF) next = 0xE000;
            if (next <= Character.MAX_CODE_POINT) {
                return prefix.substring(0, start) + new String(Character.toChars(next));
            }
            end = start;
        }
        return null;
    }
}
