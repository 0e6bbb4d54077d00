package dev.lorekeeper.discord;

import dev.lorekeeper.gate.RoleSync;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.events.guild.member.GuildMemberJoinEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A member joining (or re-joining) gets the roles their verified wallets qualify for. */
public final class MemberJoinRoleSync extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(MemberJoinRoleSync.class);

    private final RoleSync gates;
    private final Executor executor;

    public MemberJoinRoleSync(RoleSync gates, Executor executor) {
        this.gates = gates;
        this.executor = executor;
    }

    @Override
    public void onGuildMemberJoin(GuildMemberJoinEvent event) {
        long guild = event.getGuild().getIdLong();
        long member = event.getUser().getIdLong();
        executor.execute(() -> {
            try {
                gates.memberJoined(guild, member);
            } catch (RuntimeException e) {
                log.warn("role sync for a joining member failed: {}", e.toString());
            }
        });
    }
}
