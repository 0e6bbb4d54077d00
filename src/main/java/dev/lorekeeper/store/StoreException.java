package dev.lorekeeper.store;

/** A database failure, with a message an operator can act on. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A unique or primary key was violated (SQLSTATE 23505 on H2 and PostgreSQL): someone else got there first. */
    public boolean isDuplicateKey() {
        return getCause() instanceof java.sql.SQLException s && "23505".equals(s.getSQLState());
    }
}
