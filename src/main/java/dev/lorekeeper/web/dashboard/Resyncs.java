package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.gate.RoleSync;
import dev.lorekeeper.gate.SyncKind;
import dev.lorekeeper.gate.SyncReport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Checks every verified member of a server in the background after a gate change or a "Resync"; the gates page shows
 * how far it got. Progress is this process's: with several processes, a page served by another one shows no resync
 * under way.
 */
public final class Resyncs {
    /** How far a server's resync got: members to check, checked so far, roles to add and remove. */
    public record Resync(int members, int checked, int added, int removed, boolean done) {}

    private final RoleSync sync;
    private final Executor work;
    private final Map<Long, Resync> byGuild = new ConcurrentHashMap<>();

    Resyncs(RoleSync sync, Executor work) {
        this.sync = sync;
        this.work = work;
    }

    /** The server's latest resync, or null when none ran in this process. */
    Resync of(long guildId) {
        return byGuild.get(guildId);
    }

    void start(long guildId) {
        Resync started = new Resync(0, 0, 0, 0, false);
        if (byGuild.putIfAbsent(guildId, started) != null
                && !byGuild.get(guildId).done()) {
            return; // one at a time per server; the page already shows it
        }
        byGuild.put(guildId, started);
        work.execute(() -> {
            try {
                List<Long> members = sync.sweepableMembers(guildId);
                byGuild.put(guildId, new Resync(members.size(), 0, 0, 0, false));
                SyncReport r = sync.sync(
                                guildId,
                                members,
                                SyncKind.RESYNC,
                                soFar -> byGuild.put(
                                        guildId,
                                        new Resync(
                                                members.size(),
                                                soFar.checked(),
                                                soFar.added(),
                                                soFar.removed(),
                                                false)))
                        .report();
                byGuild.put(guildId, new Resync(members.size(), r.checked(), r.added(), r.removed(), true));
            } catch (RuntimeException e) {
                byGuild.put(guildId, new Resync(0, 0, 0, 0, true));
                throw e;
            }
        });
    }
}
