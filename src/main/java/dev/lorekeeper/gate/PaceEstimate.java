package dev.lorekeeper.gate;

import java.time.Duration;
import java.util.Locale;

/**
 * How long role changes take at the outbox's pace ({@code perTenSeconds} changes per 10 seconds per server), in the
 * words a moderator reads: a new gate on a large community is hours of work, and saying so beats a silent queue.
 */
public record PaceEstimate(int perTenSeconds) {
    public PaceEstimate {
        if (perTenSeconds < 1) {
            throw new IllegalArgumentException("the pace must allow at least one change per 10 seconds");
        }
    }

    /** The time {@code changes} take at this pace, one server's changes at a time. */
    public Duration duration(long changes) {
        return Duration.ofSeconds((changes * 10 + perTenSeconds - 1) / perTenSeconds);
    }

    /** "under a minute", "about 7 minutes", "about 1 h 40 min", "about 11 h", "about 3 days". */
    public static String about(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return "under a minute";
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 60) {
            return "about " + minutes + (minutes == 1 ? " minute" : " minutes");
        }
        if (minutes < 10 * 60) {
            long fiveMinutes = Math.round(minutes / 5.0) * 5;
            long h = fiveMinutes / 60;
            long m = fiveMinutes % 60;
            return "about " + h + " h" + (m == 0 ? "" : " " + m + " min");
        }
        long hours = Math.round(minutes / 60.0);
        return hours < 48 ? "about " + hours + " h" : "about " + Math.round(hours / 24.0) + " days";
    }

    /**
     * The plan of a sync, e.g. "38,112 roles to add, about 11 h at Discord's pace; members who run /verify meanwhile
     * go first."
     */
    public String plan(int adds, int removes) {
        if (adds + removes == 0) {
            return "No role changes needed.";
        }
        return counts(adds, removes) + ", " + lowerFirst(eta((long) adds + removes));
    }

    /**
     * How long {@code changes} take, as a sentence: "About 11 h at Discord's pace; members who run /verify meanwhile
     * go first." (the promise only when there is a wait to jump), or "" for none.
     */
    public String eta(long changes) {
        if (changes <= 0) {
            return "";
        }
        Duration d = duration(changes);
        String about = about(d);
        return Character.toUpperCase(about.charAt(0)) + about.substring(1) + " at Discord's pace"
                + (d.toSeconds() >= 60 ? "; members who run /verify meanwhile go first." : ".");
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** One line of a bulk sync's audit summary, e.g. "Resync of @Holder: 1,203 to add, 12 to remove (about …)". */
    public String summary(SyncKind kind, long roleId, int adds, int removes) {
        return kind.label() + " of <@&" + roleId + ">: " + number(adds) + " to add, " + number(removes) + " to remove ("
                + about(duration((long) adds + removes)) + " at Discord's pace)";
    }

    static String counts(int adds, int removes) {
        if (removes == 0) {
            return number(adds) + (adds == 1 ? " role" : " roles") + " to add";
        }
        if (adds == 0) {
            return number(removes) + (removes == 1 ? " role" : " roles") + " to remove";
        }
        return number(adds) + (adds == 1 ? " role" : " roles") + " to add and " + number(removes) + " to remove";
    }

    /** 38112 as "38,112". */
    public static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
