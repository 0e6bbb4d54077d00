package dev.lorekeeper.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Discord sharding: the total number of shards, and which of them this process runs ({@code 0-3}, {@code 4,5}).
 * With one shard in total the bot runs a single gateway connection. Without {@code ids} the process runs every shard;
 * {@code ids} stays null then, so that a check can tell "all" from a range someone wrote.
 */
public record ShardsConfig(Integer total, String ids) {
    public ShardsConfig {
        total = total == null ? 1 : total;
        ids = ids == null || ids.isBlank() ? null : ids.trim();
    }

    public static ShardsConfig defaults() {
        return new ShardsConfig(null, null);
    }

    /** The shard ids this process runs; throws IllegalArgumentException with a message for the operator. */
    public List<Integer> idList() {
        List<Integer> out = new ArrayList<>();
        for (String part : (ids == null ? "0-" + (total - 1) : ids).split(",")) {
            String p = part.trim();
            String[] range = p.split("-");
            // "-" alone splits into nothing, "1-2-3" into three: neither is an id or a range.
            if (range.length == 0 || range.length > 2) {
                throw new IllegalArgumentException("'" + p + "' is not a shard id or range such as 0-3");
            }
            try {
                int from = Integer.parseInt(range[0].trim());
                int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
                if (from > to) {
                    throw new IllegalArgumentException(
                            "'" + p + "' is reversed: write the lower id first (" + to + "-" + from + ")");
                }
                if (from < 0 || to >= total) {
                    throw new IllegalArgumentException("'" + p + "' is outside 0-" + (total - 1));
                }
                for (int i = from; i <= to; i++) {
                    out.add(i);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' is not a shard id or range such as 0-3");
            }
        }
        return out;
    }

    /** Whether this process owns a guild: Discord puts guild g on shard (g >> 22) % total. */
    public boolean owns(long guildId) {
        return total == 1 || idList().contains((int) ((guildId >> 22) % total));
    }
}
