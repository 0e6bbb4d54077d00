package dev.lorekeeper.discorddouble;

/** Discord permission bits used by the double. */
public final class Perms {
    public static final long ADMINISTRATOR = 1L << 3;
    public static final long MANAGE_CHANNELS = 1L << 4;
    public static final long MANAGE_GUILD = 1L << 5;
    public static final long VIEW_CHANNEL = 1L << 10;
    public static final long SEND_MESSAGES = 1L << 11;
    public static final long EMBED_LINKS = 1L << 14;
    public static final long ATTACH_FILES = 1L << 15;
    public static final long READ_MESSAGE_HISTORY = 1L << 16;
    public static final long MANAGE_ROLES = 1L << 28;
    public static final long USE_APPLICATION_COMMANDS = 1L << 31;
    public static final long CREATE_PUBLIC_THREADS = 1L << 35;
    public static final long SEND_MESSAGES_IN_THREADS = 1L << 38;
    public static final long ALL = (1L << 50) - 1;

    public static final long EVERYONE = VIEW_CHANNEL
            | SEND_MESSAGES
            | READ_MESSAGE_HISTORY
            | USE_APPLICATION_COMMANDS
            | EMBED_LINKS
            | ATTACH_FILES
            | SEND_MESSAGES_IN_THREADS
            | CREATE_PUBLIC_THREADS;
    public static final long BOT = EVERYONE | MANAGE_ROLES;

    private Perms() {}
}
